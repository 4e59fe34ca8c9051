// The line under a matter: route and deadlines in one line with short Chinese dates, in both languages.
import { describe, expect, it } from "vitest";
import type { ComposerTranslation } from "vue-i18n";
import { createAppI18n } from "../../i18n";
import type { DeadlinePreview } from "../../ipc";
import { monthDay, previewLine } from "./preview";

/** The app's translate function, as the components get it from useI18n(). */
const translator = (locale: "zh-CN" | "en") => createAppI18n(locale).global.t as unknown as ComposerTranslation;

const PREVIEW: DeadlinePreview = {
  suggested_route: "assign",
  route_label: "交办",
  steps: [
    { step_label: "研判分流", limit_label: "2个工作日", due_on: "2026-12-01" },
    { step_label: "办理", limit_label: "15个工作日", due_on: "2026-12-16" },
  ],
  calendar_covers: true,
};

describe("previewLine", () => {
  it("reads as the office writes it", () => {
    const t = translator("zh-CN");
    expect(previewLine(PREVIEW, t)).toBe("建议处理：交办 · 研判分流 2个工作日（12月1日前）· 办理 15个工作日（12月16日前）");
  });

  it("shows only the route when there are no deadlines (当场答复)", () => {
    const t = translator("zh-CN");
    expect(previewLine({ ...PREVIEW, route_label: "当场答复", steps: [] }, t)).toBe("建议处理：当场答复");
  });

  it("has an English wording", () => {
    const t = translator("en");
    expect(previewLine(PREVIEW, t)).toBe("Suggested: 交办 · 研判分流 2个工作日 (by 12/1) · 办理 15个工作日 (by 12/16)");
  });

  it("keeps a date it cannot read as sent", () => {
    expect(monthDay("2026-02-09")).toEqual({ month: 2, day: 9 });
    expect(monthDay("soon")).toBeNull();
    const t = translator("zh-CN");
    expect(previewLine({ ...PREVIEW, steps: [{ step_label: "办理", limit_label: "1个月", due_on: "?" }] }, t)).toBe(
      "建议处理：交办 · 办理 1个月（?前）",
    );
  });
});
