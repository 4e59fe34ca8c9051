// buildEvent: each act becomes exactly the Event the bindings' union requires — the act's own fields, trimmed, and
// no frozen `limit` unless the clerk gave extension days; either-or fields (反馈, 答复, 满意度) send only their branch.
import { describe, expect, it } from "vitest";
import { buildEvent, emptyActModel, type ActModel } from "./actEvent";

function model(over: Partial<ActModel>): ActModel {
  return { ...emptyActModel("U01"), ...over };
}

describe("buildEvent", () => {
  it.each([
    ["answered_on_spot", { answer: " 已答复 " }, { kind: "answered_on_spot", answer: "已答复" }],
    ["guided", { reason: "属诉讼事项", directed_to: "区法院" }, { kind: "guided", reason: "属诉讼事项", directed_to: "区法院" }],
    ["merged", { into: "SX-2026-0003" }, { kind: "merged", into: "SX-2026-0003" }],
    ["converted_to_suggestion", { note: "政策性问题" }, { kind: "converted_to_suggestion", note: "政策性问题" }],
    ["routed_for_assignment", {}, { kind: "routed_for_assignment" }],
    [
      "assigned",
      { lead: "U01", co: ["U01", "U02"], due_on: "2026-12-01" },
      { kind: "assigned", lead: "U01", co: ["U02"], due_on: "2026-12-01", reason: "" },
    ],
    ["accepted", {}, { kind: "accepted", unit: "U01" }],
    ["returned", { reason: "非本单位职责" }, { kind: "returned", unit: "U01", reason: "非本单位职责" }],
    ["replied", { text: "已修复" }, { kind: "replied", text: "已修复", not_competent: false }],
    [
      "replied",
      { text: "不属本单位", not_competent: true, competent_body: "区水利局" },
      { kind: "replied", text: "不属本单位", not_competent: true, competent_body: "区水利局" },
    ],
    ["extended", { reason: "需招标", approver: "张站长" }, { kind: "extended", reason: "需招标", approver: "张站长" }],
    [
      "extended",
      { reason: "需招标", approver: "张站长", days: 10 },
      { kind: "extended", reason: "需招标", approver: "张站长", limit: { amount: 10, unit: "working_days" } },
    ],
    ["finished", { summary: "已疏通" }, { kind: "finished", summary: "已疏通" }],
    [
      "fed_back",
      { how: "电话", told_on: "2026-11-20", deputy_told: true },
      { kind: "fed_back", how: "电话", told_on: "2026-11-20", deputy_told: true },
    ],
    [
      "fed_back",
      { reached: false, how: "电话", unreachable_reason: "电话停机" },
      { kind: "fed_back", deputy_told: false, unreachable_reason: "电话停机" },
    ],
    ["rated", { rating: "satisfied", reason: "x" }, { kind: "rated", rating: "satisfied" }],
    ["rated", { rating: "unsatisfied", reason: "仍积水" }, { kind: "rated", rating: "unsatisfied", reason: "仍积水" }],
    ["looked_back", { result: "未复发" }, { kind: "looked_back", result: "未复发" }],
    ["published", { summary: "光明路积水已治理" }, { kind: "published", summary: "光明路积水已治理" }],
    ["archived", {}, { kind: "archived" }],
  ] as const)("%s", (kind, over, expected) => {
    expect(buildEvent(kind, model(over as Partial<ActModel>))).toEqual(expected);
  });

  it("records nothing for an act this screen does not build, or a rating not chosen", () => {
    expect(buildEvent("registered", model({}))).toBeNull();
    expect(buildEvent("rated", model({}))).toBeNull();
  });
});
