// The IPC boundary: only ui/src/ipc/ talks to Tauri. Every other module reaches Rust through ./ipc (index.ts),
// never through @tauri-apps/api or the generated bindings directly (tests may import @tauri-apps/api/mocks).
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|vue)$/.test(entry.name) ? [path] : [];
  });
}

describe("IPC boundary", () => {
  const files = sources(SRC).filter((path) => !relative(SRC, path).startsWith(`ipc${sep}`));

  it("finds the sources", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it("keeps @tauri-apps/api and the bindings inside ui/src/ipc/", () => {
    const offenders = files.flatMap((path) => {
      const source = readFileSync(path, "utf8");
      const isTest = path.endsWith(".test.ts");
      const imports = [...source.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1] ?? "");
      return imports
        .filter((spec) => (spec.startsWith("@tauri-apps/api") && !(isTest && spec === "@tauri-apps/api/mocks")) || /ipc\/bindings/.test(spec))
        .map((spec) => `${relative(SRC, path)}: ${spec}`);
    });
    expect(offenders).toEqual([]);
  });
});
