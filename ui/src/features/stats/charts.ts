// The 统计 screen's charts as plain specs made from Rust's board: a title, a kind, category labels and named series
// — the same numbers for the ECharts option, the table under the chart and the XLSX (导出数据). Options follow
// ui-conventions §11: axis tooltips for bars and lines, item tooltips for the ring, legend at the bottom, labels
// contained in the grid, count axes with whole steps and units in their names.
import type { Board, Chart, Slice } from "../../ipc";
import type { EChartsCoreOption } from "./echarts";

export type ChartKind = "bar" | "hbar" | "stack" | "hstack" | "line" | "ring";

export interface SpecSeries {
  name: string;
  values: (number | null)[];
  /** Rates from 0 to 1, shown as percentages. */
  percent?: boolean;
}

export interface ChartSpec {
  key: string;
  /** i18n key under stats.charts. */
  titleKey: string;
  kind: ChartKind;
  /** The header of the label column (月份, 联络站 …), an i18n key under stats.columns. */
  labelKey: string;
  labels: string[];
  series: SpecSeries[];
  /** The axis name: 件, 人次, 个 … (rates: %). */
  unit: string;
  /** Bars drawn at most (the table keeps every row). */
  limit?: number;
}

const fromSlices = (slices: Slice[], name: string): Pick<ChartSpec, "labels" | "series"> => ({
  labels: slices.map((s) => s.label),
  series: [{ name, values: slices.map((s) => s.value) }],
});

const fromChart = (chart: Chart): Pick<ChartSpec, "labels" | "series"> => ({
  labels: chart.labels,
  series: chart.series.map((s) => ({ name: s.name, values: s.values })),
});

/** Every chart of the board, in the screen's order; a station's view leaves out the charts across stations. */
export function chartSpecs(board: Board): ChartSpec[] {
  const stationView = board.station_code !== null;
  const perMonth = stationView ? "month" : "station";
  const specs: ChartSpec[] = [
    { key: "month", titleKey: "mattersByMonth", kind: "bar", labelKey: "month", unit: "件", ...fromSlices(board.matters_by_month, "受理事项（件）") },
    { key: "category", titleKey: "mattersByCategory", kind: "ring", labelKey: "category", unit: "件", ...fromSlices(board.matters_by_category, "受理事项（件）") },
    {
      key: "rates",
      titleKey: "rateTrends",
      kind: "line",
      labelKey: "month",
      unit: "%",
      labels: board.rate_trends.map((p) => p.month),
      series: [
        { name: "按期办结率", values: board.rate_trends.map((p) => p.on_time_rate), percent: true },
        { name: "满意率", values: board.rate_trends.map((p) => p.satisfaction_rate), percent: true },
      ],
    },
    { key: "county", titleKey: "mattersByCounty", kind: "bar", labelKey: "county", unit: "件", ...fromSlices(board.matters_by_county, "受理事项（件）") },
    { key: "station", titleKey: "mattersByStation", kind: "hbar", labelKey: "station", unit: "件", limit: 15, ...fromSlices(board.matters_by_station, "受理事项（件）") },
    { key: "activity", titleKey: "stationActivity", kind: stationView ? "bar" : "hbar", labelKey: perMonth, unit: "件次 / 天", limit: 12, ...fromChart(board.station_activity) },
    { key: "stars", titleKey: "starStations", kind: "stack", labelKey: "county", unit: "个", ...fromChart(board.star_stations) },
    { key: "assignment", titleKey: "assignment", kind: "bar", labelKey: "level", unit: "人", ...fromChart(board.assignment) },
    { key: "attendance", titleKey: "attendance", kind: "stack", labelKey: "month", unit: "人次", ...fromChart(board.attendance) },
    { key: "responders", titleKey: "respondersByLevel", kind: "ring", labelKey: "level", unit: "件", ...fromChart(board.responders_by_level) },
    { key: "topResponders", titleKey: "topResponders", kind: "hbar", labelKey: "deputy", unit: "件", ...fromChart(board.top_responders) },
    { key: "leaders", titleKey: "leaderCoverage", kind: "bar", labelKey: stationView ? "month" : "county", unit: stationView ? "次" : "个", ...fromChart(board.leader_coverage) },
    {
      key: "overdue",
      titleKey: "overdueByUnit",
      kind: "hstack",
      labelKey: "unit",
      unit: "件",
      limit: 10,
      labels: board.overdue_by_unit.map((u) => u.unit_name),
      series: board.overdue_levels.map((level, i) => ({ name: level, values: board.overdue_by_unit.map((u) => u.by_level[i] ?? 0) })),
    },
  ];
  const across = new Set(["county", "station", "stars"]);
  return stationView ? specs.filter((s) => !across.has(s.key)) : specs;
}

/** A cell as the table shows it: rates as 85.3%, missing rates as —. */
export function cell(value: number | null, percent = false): string {
  if (value === null) return "—";
  return percent ? `${(value * 100).toFixed(1)}%` : String(value);
}

/** The table under a chart: one row per label (all of them), one column per series. */
export function tableOf(spec: ChartSpec, labelHeader: string): { headers: string[]; rows: string[][] } {
  return {
    headers: [labelHeader, ...spec.series.map((s) => s.name)],
    rows: spec.labels.map((label, i) => [label, ...spec.series.map((s) => cell(s.values[i] ?? null, s.percent))]),
  };
}

/** The ring's slices: the five largest and the rest as 其他 (at most six, ui-conventions §11). */
function ringData(spec: ChartSpec): { name: string; value: number }[] {
  const all = spec.labels
    .map((name, i) => ({ name, value: spec.series[0]?.values[i] ?? 0 }))
    .filter((d): d is { name: string; value: number } => d.value !== null && d.value > 0)
    .sort((a, b) => b.value - a.value);
  if (all.length <= 6) return all;
  const rest = all.slice(5).reduce((sum, d) => sum + d.value, 0);
  return [...all.slice(0, 5), { name: "其他", value: rest }];
}

/** The ECharts option of a spec; `onExport` is the toolbox's 保存为图片 (the built-in saveAsImage cannot save in
 *  Tauri). Tooltips are drawn on the canvas (richText): the HTML tooltip writes style attributes the CSP refuses. */
export function optionOf(spec: ChartSpec, exportTitle: string, onExport: () => void): EChartsCoreOption {
  const toolbox = {
    right: 8,
    feature: {
      myExport: {
        show: true,
        title: exportTitle,
        icon: "path://M4 20h16v-2H4v2zm8-4 5-5h-3V4h-4v7H7l5 5z",
        onclick: onExport,
      },
    },
  };
  const base = { aria: { enabled: true }, toolbox, animationDuration: 300 };
  if (spec.kind === "ring") {
    return {
      ...base,
      tooltip: { trigger: "item", renderMode: "richText", formatter: "{b}：{c}（{d}%）" },
      legend: { bottom: 0, type: "scroll" },
      series: [
        {
          type: "pie",
          radius: ["42%", "68%"],
          center: ["50%", "45%"],
          label: { formatter: "{b}\n{d}%" },
          data: ringData(spec),
        },
      ],
    };
  }
  const horizontal = spec.kind === "hbar" || spec.kind === "hstack";
  const stacked = spec.kind === "stack" || spec.kind === "hstack";
  const percent = spec.series.some((s) => s.percent);
  const count = spec.limit ?? spec.labels.length;
  // Horizontal rankings read top-down: the largest first, so the category axis is inverted.
  const labels = spec.labels.slice(0, count);
  const categoryAxis = {
    type: "category",
    data: labels,
    inverse: horizontal,
    axisLabel: horizontal ? { width: 150, overflow: "truncate" } : { interval: 0, rotate: labels.length > 8 ? 30 : 0 },
  };
  const valueAxis = percent
    ? { type: "value", name: "%", max: 100, axisLabel: { formatter: "{value}%" } }
    : { type: "value", name: spec.unit, minInterval: 1 };
  return {
    ...base,
    tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: spec.kind === "line" ? "line" : "shadow" } },
    legend: { bottom: 0 },
    grid: { left: 12, right: 24, top: 40, bottom: 36, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      name: s.name,
      type: spec.kind === "line" ? "line" : "bar",
      stack: stacked ? "total" : undefined,
      smooth: spec.kind === "line",
      connectNulls: true,
      barMaxWidth: 28,
      data: s.values.slice(0, count).map((v) => (v === null ? null : percent ? Math.round(v * 1000) / 10 : v)),
    })),
  };
}
