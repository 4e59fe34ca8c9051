// Vite config for the Tauri webview. The app loads ui/dist (tauri.conf.json `build.frontendDist`).
// The CSP forbids inline scripts and styles, so nothing may be inlined into index.html.
// Also the Vitest config (`test`): happy-dom, unit tests beside the code as src/**/*.test.ts.
import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [vue()],
  // Relative asset URLs work under both tauri://localhost and http://tauri.localhost.
  base: "./",
  clearScreen: false,
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in the bundle.
    __VUE_I18N_FULL_INSTALL__: "true",
    __VUE_I18N_LEGACY_API__: "false",
    __INTLIFY_PROD_DEVTOOLS__: "false",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ (Debian 12, UOS, Kylin) and WebView2 both handle ES2021.
    target: "es2021",
    // Never inline assets as data: URLs into scripts or styles; keep everything as files under 'self'.
    assetsInlineLimit: 0,
    // Vite 8 injects a modulepreload polyfill as an inline script unless told not to.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Element Plus is one ~1 MB chunk; it is loaded from disk, not a network.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
    // Element Plus ships CSS imports inside its ESM; let Vite transform it instead of Node.
    server: { deps: { inline: ["element-plus"] } },
  },
});
