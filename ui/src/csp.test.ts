// Source rules that keep the strict CSP (tauri.conf.json: script-src 'self'; style-src 'self') working:
// no v-html (database text is never HTML), no style="" attributes (Vue may stringify static template parts
// into innerHTML, where an inline style attribute is blocked), no inline <script>/<style> in index.html.
// The end-to-end tests check the same in the real window (no violation recorded by csp.ts).
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const UI_ROOT = join(import.meta.dirname, "..");

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return vueFiles(path);
    return entry.name.endsWith(".vue") ? [path] : [];
  });
}

function template(source: string): string {
  const start = source.indexOf("<template>");
  const end = source.lastIndexOf("</template>");
  return start >= 0 && end > start ? source.slice(start, end) : "";
}

describe("CSP-safe sources", () => {
  const files = vueFiles(join(UI_ROOT, "src"));

  it("finds the components", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it("use no v-html and no inline style attributes", () => {
    const offenders = files.flatMap((file) => {
      const markup = template(readFileSync(file, "utf8"));
      const name = relative(UI_ROOT, file);
      return [
        ...(/\bv-html\b/.test(markup) ? [`${name}: v-html`] : []),
        ...(/\sstyle\s*=\s*["']/.test(markup) ? [`${name}: style="…"`] : []),
      ];
    });
    expect(offenders).toEqual([]);
  });

  it("index.html has no inline script or style", () => {
    const html = readFileSync(join(UI_ROOT, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle\s*=/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
