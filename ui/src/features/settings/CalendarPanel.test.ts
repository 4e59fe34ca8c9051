// 节假日日历 with a mocked ../../ipc: opens on this year (calendarYear(null)) with its source, import time and days;
// warns while next year has no calendar; another year is read when chosen; a day is added (calendarSetDay) and
// removed back to the weekday rule (off null) after a confirmation; a file is chosen or its path pasted and
// imported after a confirmation, and Rust's refusal is shown; a clerk sees it read-only.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { CalendarYearView, Role } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, confirmBox, inputOf, mountSignedIn, settle, signedIn, typeInto } from "../../test/dom";
import CalendarPanel from "./CalendarPanel.vue";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    calendarYear: vi.fn(),
    calendarSetDay: vi.fn(),
    chooseCalendarFile: vi.fn(),
    calendarImport: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const Y2026: CalendarYearView = {
  year: 2026,
  source: "bundled",
  imported_at: null,
  days: [
    { date: "2026-01-01", off: true, name: "元旦" },
    { date: "2026-01-04", off: false, name: "元旦" },
    { date: "2026-02-16", off: true, name: "春节" },
  ],
  covered_years: [2025, 2026],
};
const Y2027: CalendarYearView = { year: 2027, source: null, imported_at: null, days: [], covered_years: [2025, 2026] };
const Y2027_IMPORTED: CalendarYearView = {
  year: 2027,
  source: "import",
  imported_at: "2026-11-25T02:30:00Z",
  days: [{ date: "2027-01-01", off: true, name: "元旦" }],
  covered_years: [2025, 2026, 2027],
};

const settlePanel = () => settle(3, 60);
const rows = () =>
  Array.from($("calendar-days")!.querySelectorAll("tbody tr.el-table__row")).map((tr) =>
    Array.from(tr.querySelectorAll("td"))
      .slice(0, 3)
      .map((td) => td.textContent?.trim() ?? ""),
  );

describe("节假日日历", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.calendarYear.mockImplementation(async (year) => structuredClone(year === 2027 ? Y2027 : Y2026));
    rust.calendarSetDay.mockResolvedValue();
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mountAs(role: Role): Promise<void> {
    wrapper = mountSignedIn(CalendarPanel, signedIn(SETUP, role));
    await flushPromises();
  }

  it("opens on this year with its source and days, and warns that next year is not imported", async () => {
    await mountAs("office_staff");
    expect(rust.calendarYear).toHaveBeenCalledWith(null);
    expect($("calendar-source")?.textContent).toBe("内置");
    expect($("calendar-imported-at")?.textContent).toBe("-");
    expect(rows()).toEqual([
      ["2026-01-01", "放假", "元旦"],
      ["2026-01-04", "调休上班", "元旦"],
      ["2026-02-16", "放假", "春节"],
    ]);
    expect($("calendar-next-year-warning")?.textContent).toContain(
      "2027年节假日安排尚未导入，该年的期限只按周末计算，请在国务院发布通知后导入",
    );
    expect($("calendar-read-only")).toBeNull();
  });

  it("reads another year when chosen", async () => {
    await mountAs("admin");
    const select = wrapper!.findAllComponents({ name: "ElSelect" })[0]!;
    select.vm.$emit("update:modelValue", 2027);
    await flushPromises();
    expect(rust.calendarYear).toHaveBeenLastCalledWith(2027);
    expect($("calendar-source")?.textContent).toBe("未导入");
    expect(rows()).toEqual([]);
  });

  it("adds a day and removes one back to the weekday rule after asking", async () => {
    await mountAs("admin");
    $("calendar-add")!.click();
    await settlePanel();
    const picker = wrapper!.findAllComponents({ name: "ElDatePicker" })[0]!;
    picker.vm.$emit("update:modelValue", "2026-10-01");
    await typeInto("day-name", "国庆节");
    $("day-save")!.click();
    await settlePanel();
    expect(rust.calendarSetDay).toHaveBeenCalledWith("2026-10-01", true, "国庆节");
    expect(rust.calendarYear).toHaveBeenLastCalledWith(2026);

    $("calendar-remove-2026-01-04")!.click();
    expect(await confirmBox(settlePanel)).toContain("是否确认删除2026-01-04“元旦”？删除后该日按周末规则计算。");
    expect(rust.calendarSetDay).toHaveBeenLastCalledWith("2026-01-04", null, "元旦");
  });

  it("shows Rust's refusal of a day in the dialog", async () => {
    rust.calendarSetDay.mockRejectedValueOnce(new ipc.IpcCallError("invalid", "2026-10-06 是工作日，不能设为调休上班"));
    await mountAs("admin");
    $("calendar-edit-2026-01-04")!.click();
    await settlePanel();
    await typeInto("day-name", "元旦调休");
    $("day-save")!.click();
    await settlePanel();
    expect(rust.calendarSetDay).toHaveBeenCalledWith("2026-01-04", false, "元旦调休");
    expect($("day-error")?.textContent).toContain("2026-10-06 是工作日，不能设为调休上班");
  });

  it("imports a chosen file after asking, then shows that year", async () => {
    rust.chooseCalendarFile.mockResolvedValue("/home/wf/2027.json");
    rust.calendarImport.mockResolvedValue({ year: 2027, holidays: 28, make_up_days: 6, replaced: 0 });
    await mountAs("admin");
    $("calendar-choose")!.click();
    await flushPromises();
    expect(inputOf("calendar-path").value).toBe("/home/wf/2027.json");
    rust.calendarYear.mockImplementation(async (year) => structuredClone(year === 2027 ? Y2027_IMPORTED : Y2026));
    $("calendar-import-run")!.click();
    expect(await confirmBox(settlePanel)).toContain("导入将替换该年已有的节假日安排");
    expect(rust.calendarImport).toHaveBeenCalledWith("/home/wf/2027.json");
    // The message appears on a later tick; under load that can be after the save settled.
    await vi.waitFor(() => expect(document.body.querySelector(".el-message--success")?.textContent).toContain("已导入2027年日历：放假 28 天，调休上班 6 天"), { timeout: 5000 });
    expect(rust.calendarYear).toHaveBeenLastCalledWith(2027);
    expect($("calendar-source")?.textContent).toBe("导入");
    expect($("calendar-next-year-warning")).toBeNull();
  });

  it("imports a pasted path and shows Rust's refusal; a cancelled file dialog changes nothing", async () => {
    rust.chooseCalendarFile.mockResolvedValue(null);
    rust.calendarImport.mockRejectedValue(new ipc.IpcCallError("invalid", "2027 年的日历没有任何日期，可能尚未公布，未导入"));
    await mountAs("admin");
    await typeInto("calendar-path", "/tmp/pasted.json");
    $("calendar-choose")!.click();
    await flushPromises();
    expect(inputOf("calendar-path").value).toBe("/tmp/pasted.json");
    $("calendar-import-run")!.click();
    await confirmBox(settlePanel);
    expect(rust.calendarImport).toHaveBeenCalledWith("/tmp/pasted.json");
    await settlePanel();
    const texts = Array.from(document.body.querySelectorAll(".el-message-box")).map((b) => b.textContent ?? "");
    expect(texts.some((t) => t.includes("2027 年的日历没有任何日期"))).toBe(true);
  });

  it("shows a station head the calendar read-only with a note", async () => {
    await mountAs("station_head");
    expect($("calendar-read-only")?.textContent).toContain("仅机关工作人员和管理员可修改节假日日历");
    for (const id of ["calendar-add", "calendar-import", "calendar-remove-2026-01-01"]) expect($(id), id).toBeNull();
    expect(rows()).toHaveLength(3);
  });
});
