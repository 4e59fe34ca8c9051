// zh-CN messages: the default language. Namespaces: app.* (shell), menu.* (navigation), header.* (top bar),
// firstRun.* (first-run form), signIn.* (sign-in screen), session.* (session bits of the shell), roles.* (operator
// roles), lang.* (language names); each screen’s own namespace (deputies, stations, rosterFiles, settings) lives in ui/src/features/<screen>/messages.ts; common.* (shared words). en.ts must have exactly the same keys (a unit test checks).
import deputies from "../features/deputies/messages";
import stations from "../features/stations/messages";
import rosterFiles from "../features/roster-files/messages";
import settings from "../features/settings/messages";
import visits from "../features/visits/messages";
import dashboard from "../features/dashboard/messages";
import matters from "../features/matters/messages";
import ledgers from "../components/ledgers/messages";
import qr from "../components/qr/messages";
import qrcodes from "../features/qrcodes/messages";
import duty from "../features/duty/messages";
import sync from "../features/sync/messages";
import ranking from "../features/ranking/messages";
import stats from "../features/stats/messages";
const zhCN = {
  app: {
    name: "联络站工作台",
  },
  menu: {
    dashboard: "工作台",
    visits: "接待登记",
    matters: "意见建议",
    duty: "进站履职",
    deputies: "代表名册",
    stations: "联络站",
    qrcodes: "二维码",
    sync: "同步",
    stats: "统计",
    settings: "设置",
    label: "主导航",
  },
  header: {
    station: "联络站",
    operator: "操作员",
    mode: "模式",
    notSet: "未设置",
    /** A header label followed by its value, e.g. 联络站：未设置. */
    factLabel: "{label}：",
    collapse: "收起菜单",
    expand: "展开菜单",
    language: "界面语言",
    /** The mode slot's values (the installation setup's mode). */
    modes: {
      station: "联络站模式",
      office: "机关模式",
    },
    /** The station slot in office mode when no city name is set. */
    wholeCity: "全市",
  },
  lang: {
    "zh-CN": "中文",
    en: "English",
  },
  firstRun: {
    title: "首次设置",
    intro: "欢迎使用联络站工作台。请创建管理员账号并设置本机的工作模式。",
    adminSection: "管理员账号",
    setupSection: "本机设置",
    login: "用户名",
    name: "姓名",
    password: "密码",
    passwordAgain: "确认密码",
    mode: "工作模式",
    modes: {
      station: "联络站",
      office: "市人大机关",
    },
    stationCode: "联络站编码",
    stationName: "联络站名称",
    cityName: "城市名称",
    loadDemo: "载入演示数据（平顶山市示例）",
    loadDemoHint: "载入约 9000 名代表和 273 个联络平台的示例数据，用于熟悉软件，需要数秒",
    submit: "完成设置",
    working: "正在保存设置，请稍候",
    placeholders: {
      login: "请输入用户名",
      name: "请输入姓名",
      password: "至少 8 个字符，包含英文字母和数字",
      passwordAgain: "请再次输入密码",
      stationCode: "请输入联络站编码",
      stationName: "请输入联络站名称",
      cityName: "请输入城市名称，如 平顶山市",
    },
    rules: {
      loginRequired: "用户名不能为空",
      loginLength: "长度在 2 到 32 个字符",
      loginChars: "用户名只能包含字母、汉字、数字和 . _ - {'@'}",
      nameRequired: "姓名不能为空",
      passwordRequired: "密码不能为空",
      passwordPolicy: "密码至少 8 个字符，且须同时包含英文字母和数字",
      passwordAgainRequired: "请再次输入密码",
      passwordMismatch: "两次输入的密码不一致",
      stationRequired: "联络站模式须填写联络站编码或名称",
    },
  },
  signIn: {
    title: "操作员登录",
    login: "用户名",
    password: "密码",
    submit: "登录",
    lockedByIdle: "长时间未操作，已自动锁定，请重新登录",
    placeholders: {
      login: "请输入用户名",
      password: "请输入密码",
    },
    rules: {
      loginRequired: "用户名不能为空",
      passwordRequired: "密码不能为空",
    },
  },
  session: {
    loading: "正在加载",
    failed: "无法读取本机数据库",
    retry: "重试",
    signOut: "退出登录",
    /** The operator slot of the header: name and role. */
    operator: "{name}（{role}）",
  },
  roles: {
    clerk: "联络员",
    station_head: "站长",
    office_staff: "机关工作人员",
    admin: "管理员",
  },
  deputies: deputies.zhCN,
  stations: stations.zhCN,
  rosterFiles: rosterFiles.zhCN,
  settings: settings.zhCN,
  visits: visits.zhCN,
  dashboard: dashboard.zhCN,
  matters: matters.zhCN,
  ledgers: ledgers.zhCN,
  qr: qr.zhCN,
  qrcodes: qrcodes.zhCN,
  duty: duty.zhCN,
  sync: sync.zhCN,
  ranking: ranking.zhCN,
  stats: stats.zhCN,
  common: {
    /** The title of confirmations and refusal alerts. */
    confirmTitle: "系统提示",
    /** An empty value in a detail or table. */
    none: "-",
    /** The buttons of a form dialog. */
    ok: "确定",
    cancel: "取消",
  },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
