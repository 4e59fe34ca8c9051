// Messages of the 二维码 screen (namespace qrcodes.*), zh-CN and English side by side. The i18n trees in
// ui/src/i18n/ mount them; `en` is typed as the zh-CN tree.
const zhCN = {
  sheetTitle: "代表联系卡（A4 批量打印）",
  sheetHint: "每页 2 × 5 张，带裁切线，按联络站分组；生成 PDF 后用系统的 PDF 阅读器打印。",
  station: "联络站",
  allDeputies: "全部在任代表",
  printSheet: "生成 A4 卡片 PDF",
  printed: "已生成：{path}",
  elsewhere: "单个代表的联系卡在“代表名册 → 代表详情 → 二维码”中打印，联络站海报在“联络站”详情中打印。",
};

const en: typeof zhCN = {
  sheetTitle: "Deputy cards (A4 batch)",
  sheetHint: "2 × 5 cards a page with crop marks, grouped by station; print the PDF with the system's PDF viewer.",
  station: "Station",
  allDeputies: "Every serving deputy",
  printSheet: "Make the A4 card PDF",
  printed: "Written: {path}",
  elsewhere: "One deputy's card is printed from 代表名册 → the deputy → QR code; a station's poster from its detail in 联络站.",
};

export default { zhCN, en };
