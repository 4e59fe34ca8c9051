// 统计 with a mocked ../../ipc and a fake ECharts (happy-dom has no canvas): the office reads the year for the
// city, shows the KPI cards and each chart with its table; picking a station reads again; 导出数据 sends the table
// as shown and 导出图片 the chart's PNG data URL; a station's installation sees its own station only, without the
// charts across stations, and its deputies' 履职档案; Rust's refusal is shown.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { VueWrapper } from "@vue/test-utils";
import * as ipc from "../../ipc";
import type { Board } from "../../ipc";
import { $, mountSignedIn, settle, signedIn, text } from "../../test/dom";
import { SETUP } from "../../test/fixtures";
import StatsView from "./StatsView.vue";

const fakeChart = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn(), getDataURL: vi.fn(() => "data:image/png;base64,iVBORw0KGgo=") };
vi.mock("./echarts", () => ({ initChart: vi.fn(() => fakeChart), THEME: "liaison", PALETTE: [] }));
vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    statsBoard: vi.fn(),
    exportChartData: vi.fn(),
    exportChartImage: vi.fn(),
    platformList: vi.fn(),
    deputyPage: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

const months = (values: number[]) => values.map((value, i) => ({ label: `2026-${String(i + 1).padStart(2, "0")}`, value }));
const ratio = (part: number, whole: number) => ({ part, whole, rate: whole ? part / whole : null });

function board(stationCode: string | null): Board {
  return {
    scope: stationCode ? "光明路联络站" : "全市",
    station_code: stationCode,
    period: "2026年",
    headline: {
      matters: 120,
      visits: 80,
      on_time_rate: 0.925,
      satisfaction_rate: 0.9,
      overdue: 3,
      star_stations: 62,
      assignment: ratio(9315, 9315),
      attendance: ratio(9, 10),
      leader_coverage: ratio(231, 273),
    },
    matters_by_month: months([10, 20, 30, 60, 0, 0, 0, 0, 0, 0, 0, 0]),
    matters_by_category: [
      { label: "城乡建设", value: 70 },
      { label: "教育", value: 50 },
    ],
    matters_by_county: [{ label: "新华区", value: 120 }],
    matters_by_station: [{ label: "光明路联络站", value: 120 }],
    rate_trends: [{ month: "2026-01", assigned: 10, on_time_rate: 0.925, satisfaction_rate: null }],
    overdue_levels: ["催办", "督办", "未达督办"],
    overdue_by_unit: [{ unit_code: "ZJJ", unit_name: "住建局", by_level: [1, 1, 1], total: 3 }],
    station_activity: { labels: ["光明路联络站"], series: [{ name: "接待群众（件次）", values: [80] }] },
    star_stations: { labels: ["新华区"], series: [{ name: "省级星级联络站（个）", values: [1] }] },
    leader_coverage: { labels: ["新华区"], series: [{ name: "联络站（个）", values: [5] }, { name: "领导已进站（个）", values: [4] }] },
    assignment: { labels: ["市人大代表"], series: [{ name: "代表（人）", values: [451] }, { name: "已编组进站（人）", values: [451] }] },
    attendance: { labels: ["2026-01"], series: [{ name: "出席（人次）", values: [9] }] },
    responders_by_level: { labels: ["市人大代表", "工作人员等"], series: [{ name: "首问办理（件）", values: [100, 20] }] },
    top_responders: { labels: ["张明新"], series: [{ name: "首问办理（件）", values: [12] }] },
  };
}

describe("统计", { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.statsBoard.mockImplementation(async (_period, station) => board(station));
    rust.platformList.mockResolvedValue([{ code: "XH-09", name: "光明路联络站" } as ipc.PlatformView]);
    rust.deputyPage.mockResolvedValue({ total: 1, offset: 0, rows: [{ code: "D000001", name: "张明新" } as ipc.DeputyRow] });
    rust.exportChartData.mockResolvedValue({ path: "/tmp/受理事项月度趋势.xlsx", rows: 12 });
    rust.exportChartImage.mockResolvedValue("/tmp/受理事项月度趋势.png");
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  const office = () => signedIn({ ...SETUP, mode: "office", station_code: null, station_name: "" });

  it("reads this year for the city and shows the cards, the charts and their tables", async () => {
    wrapper = mountSignedIn(StatsView, office());
    await settle();
    expect(rust.statsBoard).toHaveBeenCalledWith(String(new Date().getFullYear()), null);
    expect(text("stats-scope")).toBe("全市 · 2026年");
    expect(text("stats-kpi-matters")).toContain("120件");
    expect(text("stats-kpi-onTime")).toContain("92.5%");
    expect(text("stats-kpi-assignment")).toContain("100.0%");
    expect(text("stats-kpi-assignment")).toContain("目标 100%");
    expect(text("stats-kpi-leaders")).toContain("84.6%");
    expect(text("stats-chart-month")).toContain("受理事项月度趋势");
    expect(text("stats-table-month")).toContain("2026-04");
    expect(text("stats-table-month")).toContain("60");
    expect(text("stats-table-rates")).toContain("92.5%");
    expect(text("stats-table-rates")).toContain("—");
    expect(text("stats-table-overdue")).toContain("住建局");
    expect($("stats-chart-stars")).not.toBeNull();
    expect(fakeChart.setOption).toHaveBeenCalled();
    expect($("stats-deputies")).toBeNull();
  });

  it("reads again for the station picked", async () => {
    wrapper = mountSignedIn(StatsView, office());
    await settle();
    const station = wrapper.findAllComponents({ name: "ElSelect" }).find((c) => c.attributes("data-testid") === "stats-station");
    station!.vm.$emit("update:modelValue", "XH-09");
    await settle();
    expect(rust.statsBoard).toHaveBeenLastCalledWith(String(new Date().getFullYear()), "XH-09");
  });

  it("exports a chart's table as shown and its picture through Rust", async () => {
    wrapper = mountSignedIn(StatsView, office());
    await settle();
    $("stats-export-data-month")!.click();
    await settle();
    expect(rust.exportChartData).toHaveBeenCalledWith({
      title: "全市受理事项月度趋势（2026年）",
      headers: ["月份", "受理事项（件）"],
      rows: months([10, 20, 30, 60, 0, 0, 0, 0, 0, 0, 0, 0]).map((s) => [s.label, String(s.value)]),
    });
    $("stats-export-image-month")!.click();
    await settle();
    expect(fakeChart.getDataURL).toHaveBeenCalledWith(expect.objectContaining({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }));
    expect(rust.exportChartImage).toHaveBeenCalledWith("全市受理事项月度趋势（2026年）", "data:image/png;base64,iVBORw0KGgo=");
  });

  it("shows a station its own station only, with its deputies' duty files", async () => {
    wrapper = mountSignedIn(StatsView, signedIn());
    await settle();
    expect(rust.statsBoard).toHaveBeenCalledWith(String(new Date().getFullYear()), "XH-09");
    expect($("stats-station")).toBeNull();
    expect(rust.platformList).not.toHaveBeenCalled();
    expect(text("stats-scope")).toBe("光明路联络站 · 2026年");
    expect($("stats-chart-county")).toBeNull();
    expect($("stats-chart-stars")).toBeNull();
    expect($("stats-chart-activity")).not.toBeNull();
    expect(rust.deputyPage).toHaveBeenCalledWith(expect.objectContaining({ station_code: "XH-09", status: "serving" }), 0, 200);
    expect(text("stats-deputies")).toContain("张明新");
    expect($("stats-duty-file-D000001")).not.toBeNull();
  });

  it("shows Rust's refusal", async () => {
    rust.statsBoard.mockRejectedValue(new ipc.IpcCallError("invalid", "统计周期“x”无效"));
    wrapper = mountSignedIn(StatsView, office());
    await settle();
    expect(text("stats-error")).toContain("统计周期“x”无效");
  });
});
