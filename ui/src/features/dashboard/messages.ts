// Messages of the 工作台 screen (namespace dashboard.*), zh-CN and English side by side. The i18n trees in
// ui/src/i18n/ mount them; `en` is typed as the zh-CN tree, so a missing key already fails the typecheck.
const zhCN = {
  title: "工作台",
  queues: "待办事项",
  cards: {
    awaitingRoute: "待研判",
    toAssign: "待交办",
    dueSoon: "临期",
    overdue: "超期",
    awaitingFeedback: "待反馈",
    awaitingRating: "待评价",
    lookBack: "回头看",
  },
  hints: {
    awaitingRoute: "已登记，尚未研判分流",
    toAssign: "已研判交办或被退办，尚无承办单位",
    dueSoon: "当前环节即将到期",
    overdue: "已超过办理时限",
    awaitingFeedback: "已办结，尚未反馈群众",
    awaitingRating: "已反馈，尚未评价",
    lookBack: "已评价，待回头看",
  },
  /** Escalation ladder codes (the core's `escalation_ladder`) → who is told. */
  escalation: {
    warn: "预警",
    station_head: "站长督办",
    county: "县区人大常委会督办",
    city: "市人大督办",
    unknown: "其他",
  },
  overdueLevel: "超期 · {level}",
  register: "接待登记",
  refresh: "刷新",
  loadFailed: "事项读取失败：{reason}",
  unit: "件",
  duty: {
    title: "今日值班代表",
    empty: "今日无值班安排",
    loadFailed: "值班安排读取失败：{reason}",
    contact: "联系方式：{contact}",
    noContact: "未公开联系方式",
  },
};

const en: typeof zhCN = {
  title: "Dashboard",
  queues: "Queues",
  cards: {
    awaitingRoute: "To route",
    toAssign: "To assign",
    dueSoon: "Due soon",
    overdue: "Overdue",
    awaitingFeedback: "Awaiting feedback",
    awaitingRating: "Awaiting rating",
    lookBack: "Look-back",
  },
  hints: {
    awaitingRoute: "Registered, not yet routed",
    toAssign: "Routed for assignment or returned; no unit holds it",
    dueSoon: "The current step is due soon",
    overdue: "Past its time limit",
    awaitingFeedback: "Finished; the citizen is not yet told",
    awaitingRating: "Fed back; not yet rated",
    lookBack: "Rated; look-back to do",
  },
  escalation: {
    warn: "Warning",
    station_head: "Station head",
    county: "County standing committee",
    city: "City office",
    unknown: "Other",
  },
  overdueLevel: "Overdue · {level}",
  register: "Register a visit",
  refresh: "Refresh",
  loadFailed: "Could not read the matters: {reason}",
  unit: "items",
  duty: {
    title: "Deputies on duty today",
    empty: "Nobody is on duty today",
    loadFailed: "Could not read the rota: {reason}",
    contact: "Contact: {contact}",
    noContact: "No public contact",
  },
};

export default { zhCN, en };
