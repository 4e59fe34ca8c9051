// Liaison Desk placeholder front end. The roster screens (Vue) arrive in the next version;
// for now this only proves that the bundled module script runs under the strict CSP.

const statusLine = document.querySelector<HTMLParagraphElement>("#status");
if (statusLine) {
  statusLine.textContent = "界面脚本已加载";
}

export {};
