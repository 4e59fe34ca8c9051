// Messages of the 导出台账 dialog (namespace ledgers.*), shared by 接待登记 and 意见建议; zh-CN and English side by
// side. The i18n trees in ui/src/i18n/ mount them; `en` is typed as the zh-CN tree. No "|" or "@" in texts.
const zhCN = {
  open: "导出台账",
  title: {
    visits: "导出接待群众登记台账",
    matters: "导出意见建议办理台账",
    duty: "导出代表进站履职台账",
    publication: "导出意见建议办理结果公开清单",
  },
  fields: {
    periodKind: "统计周期",
    period: "期间",
    station: "联络站",
  },
  kinds: {
    year: "年度",
    quarter: "季度",
    month: "月份",
  },
  year: "{year}年",
  quarter: "第{n}季度",
  month: "{n}月",
  allStations: "全部联络站",
  stationPlaceholder: "请选择联络站",
  /** The fixed station of a station installation: name and code. */
  thisStation: "{name}（{code}）",
  stationsFailed: "读取联络站列表失败：{reason}",
  cancel: "取消",
  save: "导出",
  exported: "已导出 {rows} 行：{path}",
  lastExported: "最近导出：{path}（{rows} 行）",
  chooseFailed: "无法打开保存对话框：{reason}",
  exportFailed: "导出失败：{reason}",
  reveal: "导出未脱敏版本（显示来访人姓名和电话，将记入审计日志）",
  revealReason: "事由",
  revealReasonPlaceholder: "请填写导出未脱敏台账的事由，例如：回访核实",
  revealReasonRequired: "导出未脱敏版本须填写事由",
};

const en: typeof zhCN = {
  open: "Export ledger",
  title: {
    visits: "Export the visits ledger",
    matters: "Export the suggestions ledger",
    duty: "Export the deputies' duty ledger",
    publication: "Export the published results list",
  },
  fields: {
    periodKind: "Period",
    period: "Which",
    station: "Station",
  },
  kinds: {
    year: "Year",
    quarter: "Quarter",
    month: "Month",
  },
  year: "{year}",
  quarter: "Q{n}",
  month: "Month {n}",
  allStations: "All stations",
  stationPlaceholder: "Choose a station",
  thisStation: "{name} ({code})",
  stationsFailed: "Could not read the stations: {reason}",
  cancel: "Cancel",
  save: "Export",
  exported: "Exported {rows} rows: {path}",
  lastExported: "Last export: {path} ({rows} rows)",
  chooseFailed: "Could not open the save dialog: {reason}",
  exportFailed: "Export failed: {reason}",
  reveal: "Export unmasked (citizens' names and phones; recorded in the audit log)",
  revealReason: "Reason",
  revealReasonPlaceholder: "Why the unmasked ledger is needed, e.g. a follow-up call",
  revealReasonRequired: "An unmasked export needs a reason",
};

export default { zhCN, en };
