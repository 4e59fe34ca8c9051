// The line under a matter: route and deadlines in one line with short Chinese dates, in both languages.
import { describe, expect, it } from "vitest";
import { monthDay, previewLine } from "./preview";
import { ASSIGN_PREVIEW } from "./testData";
import { translator } from "../../test/i18n";

describe("previewLine", () => {
  it("reads as the office writes it", () => {
    const t = translator("zh-CN");
    expect(previewLine(ASSIGN_PREVIEW, t)).toBe("建议处理：交办 · 研判分流 2个工作日（12月1日前）· 办理 15个工作日（12月16日前）");
  });

  it("shows only the route when there are no deadlines (当场答复)", () => {
    const t = translator("zh-CN");
    expect(previewLine({ ...ASSIGN_PREVIEW, route_label: "当场答复", steps: [] }, t)).toBe("建议处理：当场答复");
  });

  it("has an English wording", () => {
    const t = translator("en");
    expect(previewLine(ASSIGN_PREVIEW, t)).toBe("Suggested: 交办 · 研判分流 2个工作日 (by 12/1) · 办理 15个工作日 (by 12/16)");
  });

  it("keeps a date it cannot read as sent", () => {
    expect(monthDay("2026-02-09")).toEqual({ month: 2, day: 9 });
    expect(monthDay("soon")).toBeNull();
    const t = translator("zh-CN");
    expect(previewLine({ ...ASSIGN_PREVIEW, steps: [{ step_label: "办理", limit_label: "1个月", due_on: "?" }] }, t)).toBe(
      "建议处理：交办 · 办理 1个月（?前）",
    );
  });
});
