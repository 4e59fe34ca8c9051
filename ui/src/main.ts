// Entry of the webview front end: CSP watcher first, then i18n, router and the root component.
import "element-plus/dist/index.css";
import "./styles/index.css";
import { recordCspViolations } from "./csp";
import { createApp } from "vue";
import App from "./App.vue";
import { createAppI18n } from "./i18n";
import { createAppRouter } from "./router";

recordCspViolations();

const i18n = createAppI18n();
document.documentElement.lang = i18n.global.locale.value; // the remembered language (index.html says zh-CN)

createApp(App).use(i18n).use(createAppRouter("hash")).mount("#app");
