// The SVG path of a module matrix: one rectangle per run of dark modules, shifted by the quiet zone.
import { describe, expect, it } from "vitest";
import { QUIET_ZONE, qrPath } from "./qrPath";

describe("qrPath", () => {
  it("draws each run of dark modules in a row as one rectangle inside the quiet zone", () => {
    // 3×3: row 0 = ##., row 1 = ..#, row 2 = #.#
    const modules = [true, true, false, false, false, true, true, false, true];
    const q = QUIET_ZONE;
    expect(qrPath(3, modules)).toBe(
      `M${q} ${q}h2v1h-2z` + `M${q + 2} ${q + 1}h1v1h-1z` + `M${q} ${q + 2}h1v1h-1z` + `M${q + 2} ${q + 2}h1v1h-1z`,
    );
  });

  it("draws nothing for a light matrix", () => {
    expect(qrPath(2, [false, false, false, false])).toBe("");
  });
});
