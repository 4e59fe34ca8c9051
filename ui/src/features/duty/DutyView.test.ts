// 进站履职 with a mocked ../../ipc. 值班安排: the week (Monday first, from the store's clock) at this station, each
// deputy in the cell of their day and session, the posting reminder in the clerk's words (red when late), weeks
// moved, a deputy added to a slot (Rust's field message under the field) and taken off after asking, 导出值班表.
// 履职活动: the period's list with attendance counts, an activity recorded with attendance and leave reasons.
// 领导干部进站: the coverage figure and the stations not yet visited, a visit recorded. The office picks a station.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { InstallationSetup, PlatformView } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, confirmBox, mountSignedIn, settle, signedIn, text, typeInto } from "../../test/dom";
import { defaultPeriod, periodString } from "../../components/ledgers/period";
import DeputyPicker from "../../components/DeputyPicker.vue";
import DutyView from "./DutyView.vue";
import ActivityDialog from "./ActivityDialog.vue";
import { ACTIVITY, ANNOUNCEMENT, COVERAGE, LEADER_VISIT, WEEK } from "./testData";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    clockNow: vi.fn(),
    rotaList: vi.fn(),
    rotaAdd: vi.fn(),
    rotaRemove: vi.fn(),
    rotaAnnouncement: vi.fn(),
    exportRota: vi.fn(),
    activityList: vi.fn(),
    activityRecord: vi.fn(),
    leaderVisitList: vi.fn(),
    leaderVisitRecord: vi.fn(),
    leaderCoverage: vi.fn(),
    platformList: vi.fn(),
    searchRoster: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const OFFICE: InstallationSetup = { ...SETUP, mode: "office", station_code: null, station_name: "" };
const STATIONS = [
  { id: "p1", code: "XH-09", name: "光明路联络站" },
  { id: "p2", code: "XH-12", name: "矿工路联络站" },
] as PlatformView[];

/** Element Plus shows a form item's error after a short debounce. */
async function shown(): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
  await flushPromises();
}



describe("进站履职", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.clockNow.mockResolvedValue("2026-11-25T10:00:00+08:00");
    rust.rotaList.mockImplementation(async (_code, from) => (from === "2026-11-23" ? structuredClone(WEEK) : []));
    rust.rotaAnnouncement.mockResolvedValue({ ...ANNOUNCEMENT });
    rust.rotaAdd.mockResolvedValue([]);
    rust.rotaRemove.mockResolvedValue(1);
    rust.exportRota.mockResolvedValue({ path: "/home/wf/值班表.xlsx", rows: 7 });
    rust.activityList.mockResolvedValue([structuredClone(ACTIVITY)]);
    rust.activityRecord.mockResolvedValue(structuredClone(ACTIVITY));
    rust.leaderVisitList.mockResolvedValue([{ ...LEADER_VISIT }]);
    rust.leaderVisitRecord.mockResolvedValue({ ...LEADER_VISIT });
    rust.leaderCoverage.mockResolvedValue(structuredClone(COVERAGE));
    rust.platformList.mockResolvedValue(STATIONS);
    rust.searchRoster.mockResolvedValue([]);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountAs(setup: InstallationSetup = SETUP): Promise<VueWrapper> {
    wrapper = mountSignedIn(DutyView, signedIn(setup));
    await settle();
    return wrapper;
  }

  describe("值班安排", () => {
    it("shows this week's rota of this station by day and session, with the posting reminder", async () => {
      await mountAs();
      expect(text("page-title")).toBe("进站履职");
      expect(rust.rotaList).toHaveBeenLastCalledWith("XH-09", "2026-11-23", "2026-11-29");
      expect(rust.platformList).not.toHaveBeenCalled();
      expect(text("rota-day-2026-11-23")).toBe("周一11月23日");
      expect(text("rota-cell-2026-11-25-morning")).toContain("张明新");
      expect(text("rota-cell-2026-11-25-morning")).toContain("李秀英");
      expect(text("rota-cell-2026-11-27-all_day")).toContain("王建国");
      expect(text("rota-cell-2026-11-25-afternoon")).not.toContain("张明新");
      expect(text("rota-announcement")).toContain("请于11月27日（周五）前公示12月第1周值班表");
      expect($("rota-announcement")?.classList.contains("el-alert--error")).toBe(false);
    });

    it("turns the reminder red when the rota is late", async () => {
      rust.rotaAnnouncement.mockResolvedValue({ ...ANNOUNCEMENT, publish_by: "2026-11-24", days_left: -1 });
      await mountAs();
      expect($("rota-announcement")?.classList.contains("el-alert--error")).toBe(true);
      expect(text("rota-announcement")).toContain("12月第1周值班表应于11月24日（周二）前公示，已逾期 1 天");
      $("rota-announcement-goto")!.click();
      await settle();
      expect(rust.rotaList).toHaveBeenLastCalledWith("XH-09", "2026-11-30", "2026-12-06");
    });

    it("moves by weeks", async () => {
      await mountAs();
      $("rota-next")!.click();
      await settle();
      expect(rust.rotaList).toHaveBeenLastCalledWith("XH-09", "2026-11-30", "2026-12-06");
      expect(text("rota-cell-2026-11-30-morning")).not.toContain("张明新");
      $("rota-prev")!.click();
      $("rota-prev")!.click();
      await settle();
      expect(rust.rotaList).toHaveBeenLastCalledWith("XH-09", "2026-11-16", "2026-11-22");
      $("rota-this-week")!.click();
      await settle();
      expect(rust.rotaList).toHaveBeenLastCalledWith("XH-09", "2026-11-23", "2026-11-29");
    });

    it("adds deputies to a slot and shows Rust's field message under the field", async () => {
      await mountAs();
      $("rota-add-2026-11-26-afternoon")!.click();
      await settle();
      expect($("rota-dialog")).not.toBeNull();
      expect(($("rota-station") as HTMLInputElement).value).toBe("光明路联络站（XH-09）");
      rust.rotaAdd.mockRejectedValueOnce(
        new ipc.IpcCallError("invalid", "输入有误", {
          fields: [{ field: "deputy_codes", message: "张明新当天下午已在值班表中" }],
        }),
      );
      const picker = wrapper!.findComponent(DeputyPicker);
      picker.vm.$emit("update:modelValue", ["D000001"]);
      await settle();
      $("rota-save")!.click();
      await settle();
      expect(rust.rotaAdd).toHaveBeenCalledWith({
        station_code: "XH-09",
        date: "2026-11-26",
        session: "afternoon",
        deputy_codes: ["D000001"],
      });
      await shown();
      expect(text("rota-dialog")).toContain("张明新当天下午已在值班表中");

      rust.rotaAdd.mockResolvedValueOnce([WEEK[0]!]);
      const before = rust.rotaList.mock.calls.length;
      $("rota-save")!.click();
      await settle();
      expect(rust.rotaAdd).toHaveBeenCalledTimes(2);
      expect(rust.rotaList.mock.calls.length).toBe(before + 1);
    });

    it("takes a deputy off the rota after asking", async () => {
      await mountAs();
      ($("rota-entry-D000002")!.querySelector(".el-tag__close") as HTMLElement).click();
      const question = await confirmBox();
      expect(question).toContain("确认将“李秀英”移出11月25日（周三）上午的值班安排吗？");
      expect(rust.rotaRemove).toHaveBeenCalledWith({
        station_code: "XH-09",
        date: "2026-11-25",
        session: "morning",
        deputy_codes: ["D000002"],
      });
    });

    it("exports the week's rota (and does nothing when the save dialog is cancelled)", async () => {
      await mountAs();
      $("rota-export-open")!.click();
      await settle();
      rust.exportRota.mockResolvedValueOnce(null);
      $("rota-export-save")!.click();
      await settle();
      expect(rust.exportRota).toHaveBeenLastCalledWith("XH-09", { kind: "week", day: "2026-11-23" });
      expect($("rota-export-result")).toBeNull();
      $("rota-export-month")!.click();
      await settle();
      $("rota-export-save")!.click();
      await settle();
      expect(rust.exportRota).toHaveBeenLastCalledWith("XH-09", { kind: "month", year: 2026, month: 11 });
      expect(text("rota-export-result")).toBe("/home/wf/值班表.xlsx");
    });

    it("asks the office to pick a station first, then shows its week", async () => {
      await mountAs(OFFICE);
      expect(rust.platformList).toHaveBeenCalled();
      expect($("rota-pick-station")).not.toBeNull();
      expect(rust.rotaList).not.toHaveBeenCalled();
      expect($("rota-export-open")?.hasAttribute("disabled")).toBe(true);
    });
  });

  describe("履职活动", () => {
    async function openTab(): Promise<void> {
      await mountAs();
      $("duty-tab-activities")!.click();
      await settle();
    }

    it("lists the period's activities with their attendance counts", async () => {
      await openTab();
      expect(rust.activityList).toHaveBeenCalledWith("XH-09", periodString(defaultPeriod()));
      expect(text("activity-count")).toBe("共 1 项活动");
      const table = text("activity-table");
      expect(table).toContain("老旧小区改造专题调研");
      expect(table).toContain("调研");
      expect(text("activity-counts-a1")).toBe("出席 2 · 请假 1 · 缺席 0");
    });

    it("records a held activity with attendance and shows Rust's message under the leave line", async () => {
      await openTab();
      $("activity-add")!.click();
      await settle();
      const dialog = wrapper!.findComponent(ActivityDialog);
      const model = (dialog.vm as unknown as { model: { kind: string; people_received: number } }).model;
      model.kind = "research";
      model.people_received = 12;
      await typeInto("activity-title", "老旧小区改造专题调研");
      await typeInto("activity-place", "光明路社区");
      const picker = dialog.findComponent(DeputyPicker);
      picker.vm.$emit("update:modelValue", ["D000001", "D000003"]);
      await settle();
      picker.vm.$emit("picked", [
        { kind: "deputy", code: "D000001", name: "张明新", context: "光明路联络站" },
        { kind: "deputy", code: "D000003", name: "王建国", context: "光明路联络站" },
      ]);
      await settle();
      expect(text("activity-attendance")).toContain("张明新");
      ($("activity-status-D000003-leave")!.querySelector("input") as HTMLInputElement).click();
      await settle();
      expect($("activity-reason-D000003")).not.toBeNull();
      rust.activityRecord.mockRejectedValueOnce(
        new ipc.IpcCallError("invalid", "输入有误", { fields: [{ field: "attendance[1].reason", message: "请假须写明事由" }] }),
      );
      $("activity-save")!.click();
      await settle();
      expect(rust.activityRecord).toHaveBeenCalledWith({
        station_code: "XH-09",
        date: "2026-11-25",
        kind: "research",
        title: "老旧小区改造专题调研",
        place: "光明路社区",
        notes: "",
        planned: false,
        people_received: 12,
        attendance: [
          { deputy_code: "D000001", status: "present", reason: "" },
          { deputy_code: "D000003", status: "leave", reason: "" },
        ],
      });
      expect(text("activity-reason-error-D000003")).toBe("请假须写明事由");

      await typeInto("activity-reason-D000003", "外出学习");
      $("activity-save")!.click();
      await settle();
      expect(rust.activityRecord).toHaveBeenLastCalledWith(
        expect.objectContaining({
          attendance: [
            { deputy_code: "D000001", status: "present", reason: "" },
            { deputy_code: "D000003", status: "leave", reason: "外出学习" },
          ],
        }),
      );
      expect(rust.activityList).toHaveBeenCalledTimes(2);
    });

    it("records a planned activity without attendance", async () => {
      await openTab();
      $("activity-add")!.click();
      await settle();
      const dialog = wrapper!.findComponent(ActivityDialog);
      (dialog.vm as unknown as { model: { kind: string } }).model.kind = "publicity";
      await typeInto("activity-title", "代表法宣讲");
      ($("activity-plan") as HTMLElement).querySelector("input")!.click();
      await settle();
      expect($("activity-attendance")).toBeNull();
      $("activity-save")!.click();
      await settle();
      expect(rust.activityRecord).toHaveBeenCalledWith(
        expect.objectContaining({ kind: "publicity", planned: true, people_received: null, attendance: [] }),
      );
    });
  });

  describe("领导干部进站", () => {
    async function openTab(setup: InstallationSetup = SETUP): Promise<void> {
      await mountAs(setup);
      $("duty-tab-leaders")!.click();
      await settle();
    }

    it("shows the coverage and the stations not yet visited", async () => {
      await openTab();
      const period = periodString(defaultPeriod());
      expect(rust.leaderCoverage).toHaveBeenCalledWith(null, period);
      expect(rust.leaderVisitList).toHaveBeenCalledWith("XH-09", period);
      expect(text("leader-coverage-text")).toBe("已覆盖 3/4 个联络站");
      expect(text("leader-coverage-bar")).toContain("75.0%");
      expect(text("leader-not-visited")).toContain("矿工路联络站（XH-12）");
      expect(text("leader-table")).toContain("赵卫东");
    });

    it("shows — when no station is in scope", async () => {
      rust.leaderCoverage.mockResolvedValue({
        ...COVERAGE,
        stations_in_scope: 0,
        stations_visited: 0,
        rate: null,
        rate_label: "—",
        not_visited: [],
      });
      await openTab();
      expect(text("leader-coverage-bar")).toContain("—");
      expect(text("leader-coverage-text")).toBe("已覆盖 0/0 个联络站");
    });

    it("records a visit, the office choosing the station", async () => {
      await openTab(OFFICE);
      expect(rust.leaderVisitList).toHaveBeenCalledWith(null, periodString(defaultPeriod()));
      $("leader-add")!.click();
      await settle();
      expect($("leader-station-fixed")).toBeNull();
      rust.leaderVisitRecord.mockRejectedValueOnce(
        new ipc.IpcCallError("invalid", "输入有误", { fields: [{ field: "station_code", message: "联络站 XH-99 不存在" }] }),
      );
      await typeInto("leader-name", "赵卫东");
      await typeInto("leader-post", "市人大常委会副主任");
      await typeInto("leader-purpose", "调研指导");
      $("leader-save")!.click();
      await settle();
      await shown();
      // No station chosen: the form's own rule stops it before Rust.
      expect(rust.leaderVisitRecord).not.toHaveBeenCalled();
      expect(text("leader-dialog")).toContain("联络站不能为空");
    });
  });
});
