// Messages of the 二维码 screen (namespace qrcodes.*), zh-CN and English side by side. The i18n trees in
// ui/src/i18n/ mount them; `en` is typed as the zh-CN tree.
const zhCN = {
  tabs: { cards: "代表联系卡", posters: "站点海报", verify: "扫码核验" },
  sheetHint: "按条件选出代表，预览联系卡，批量导出：A4 每页 2 × 5 张、带裁切线、按联络站分组的 PDF，或每人一张 300 dpi 的二维码图片（PNG、SVG 压缩包）。",
  station: "联络站",
  allStations: "全部联络站",
  filter: { text: "关键字", textHint: "姓名、拼音、编号", level: "层级", region: "区域", kind: "类型" },
  columns: { code: "编号", name: "姓名", levels: "层级届次" },
  summary: "共 {total} 名代表，A4 纸 {pages} 页",
  posterSummary: "共 {total} 个站点，每个站点一张 A4 海报",
  more: "列出前 {shown} 名，导出时包含全部 {total} 名",
  empty: "没有符合条件的代表",
  withBack: "打印背面（履职承诺，双面长边翻转）",
  printSheet: "导出 A4 卡片 PDF",
  exportImages: "导出二维码图片",
  printPosters: "导出海报 PDF",
  job: {
    count: "{done} / {total}",
    done: "已生成：{path}",
    open: "打开文件",
    cancelled: "已取消，未生成文件",
  },
  preview: { contact: "联系方式：{contact}", photo: "照片", noPhoto: "无照片", scan: "扫码联系我" },
  verify: {
    hint: "粘贴扫描得到的二维码内容（或用扫码枪扫入），核验是否为本市签发的真实二维码。",
    placeholder: "https://…",
    check: "核验",
  },
  elsewhere: "单个代表的联系卡也可在“代表名册 → 代表详情 → 二维码”中打印，联络站海报也可在“联络站”详情中打印。",
};

const en: typeof zhCN = {
  tabs: { cards: "Deputy cards", posters: "Platform posters", verify: "Verify a code" },
  sheetHint: "Select deputies, preview a card and export them all: A4 sheets of 2 × 5 cards with crop marks grouped by station (PDF), or one 300-dpi code image each (PNG and SVG in a zip).",
  station: "Station",
  allStations: "Every station",
  filter: { text: "Text", textHint: "Name, pinyin, number", level: "Level", region: "Region", kind: "Kind" },
  columns: { code: "Number", name: "Name", levels: "Levels" },
  summary: "{total} deputies, {pages} A4 pages",
  posterSummary: "{total} platforms, one A4 poster each",
  more: "The first {shown} are listed; the export holds all {total}",
  empty: "No deputy matches",
  withBack: "Print the backs (pledge, duplex long-edge)",
  printSheet: "Export A4 card PDF",
  exportImages: "Export code images",
  printPosters: "Export poster PDF",
  job: {
    count: "{done} / {total}",
    done: "Written: {path}",
    open: "Open file",
    cancelled: "Cancelled; no file was written",
  },
  preview: { contact: "Contact: {contact}", photo: "Photo", noPhoto: "No photo", scan: "Scan to reach me" },
  verify: {
    hint: "Paste the text of a scanned code (or scan it with a USB scanner) to check that the city issued it.",
    placeholder: "https://…",
    check: "Verify",
  },
  elsewhere: "One deputy's card is also printed from 代表名册 → the deputy → QR code; a station's poster from its detail in 联络站.",
};

export default { zhCN, en };
