// zh-CN messages: the default language. Namespaces: app.* (shell), menu.* (navigation), header.* (top bar),
// lang.* (language names), common.* (shared words). en.ts must have exactly the same keys (a unit test checks).
const zhCN = {
  app: {
    name: "联络站工作台",
  },
  menu: {
    dashboard: "工作台",
    visits: "接待登记",
    matters: "意见建议",
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
      station: "站点模式",
      office: "机关模式",
    },
    /** The station slot in office mode when no city name is set. */
    wholeCity: "全市",
  },
  lang: {
    "zh-CN": "中文",
    en: "English",
  },
  common: {
    comingSoon: "该功能将在后续版本提供",
  },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
