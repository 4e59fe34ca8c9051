// The zh-CN and English message trees must have exactly the same keys, and no empty texts.
import { describe, expect, it } from "vitest";
import zhCN from "./zh-CN";
import en from "./en";

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ""): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" ? leaves(value, path) : [[path, value] as [string, unknown]];
  });
}

describe("message trees", () => {
  const zhLeaves = leaves(zhCN);
  const enLeaves = leaves(en);

  it("have the same keys in zh-CN and en", () => {
    const zhKeys = zhLeaves.map(([k]) => k).sort();
    const enKeys = enLeaves.map(([k]) => k).sort();
    expect(enKeys).toEqual(zhKeys);
    expect(zhKeys.length).toBeGreaterThan(10);
  });

  it("contain only non-empty strings", () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) {
      expect(typeof value, key).toBe("string");
      expect((value as string).trim(), key).not.toBe("");
    }
  });

  it("name the nine navigation items in Chinese", () => {
    expect(Object.values(zhCN.menu)).toEqual(
      expect.arrayContaining(["工作台", "接待登记", "意见建议", "代表名册", "联络站", "二维码", "同步", "统计", "设置"]),
    );
  });
});

describe("message syntax", () => {
  it("compiles every message in both languages (vue-i18n treats @ { } | as syntax: write {'@'})", async () => {
    const { createAppI18n } = await import("./index");
    for (const locale of ["zh-CN", "en"] as const) {
      const i18n = createAppI18n(locale);
      for (const [key] of leaves(locale === "en" ? en : zhCN)) {
        expect(() => i18n.global.t(key, { name: "x", role: "y", count: 1, level: "z", term: 1 }), key).not.toThrow();
      }
    }
  });
});
