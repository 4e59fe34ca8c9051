// Messages of the QR panel (namespace qr.*), shared by the deputy and platform drawers; zh-CN and English side by
// side. The i18n trees in ui/src/i18n/ mount them; `en` is typed as the zh-CN tree.
const zhCN = {
  tab: "二维码",
  codeLabel: "二维码",
  withBack: "同时打印背面（履职承诺）",
  printCard: "打印代表卡",
  printPoster: "打印海报",
  printed: "已生成：{path}",
};

const en: typeof zhCN = {
  tab: "QR code",
  codeLabel: "QR code",
  withBack: "Also print the back (duty pledge)",
  printCard: "Print the card",
  printPoster: "Print the poster",
  printed: "Written: {path}",
};

export default { zhCN, en };
