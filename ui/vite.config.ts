// Vite config for the Tauri webview. The app loads ui/dist (tauri.conf.json `build.frontendDist`).
// The CSP forbids inline scripts and styles, so nothing may be inlined into index.html.
import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs work under both tauri://localhost and http://tauri.localhost.
  base: "./",
  clearScreen: false,
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
  },
});
