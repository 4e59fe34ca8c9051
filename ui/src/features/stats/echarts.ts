// ECharts for the 统计 screen, imported piece by piece from echarts/core (bar, line, pie; grid, tooltip, legend,
// toolbox, aria; the canvas renderer), with one registered theme whose first colour is the app's primary
// (#409EFF), so a change of ECharts' default palette never moves our colours (ui-conventions §11). The canvas
// renderer needs neither eval nor inline style attributes, so the strict CSP stands.
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export const THEME = "liaison";
export const PALETTE = ["#409EFF", "#67C23A", "#E6A23C", "#F56C6C", "#909399", "#73C0DE", "#9A60B4", "#3BA272"];

echarts.registerTheme(THEME, {
  color: PALETTE,
  backgroundColor: "#ffffff",
  textStyle: { fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" },
});

/** A chart on `el`, Chinese texts (toolbox, aria), our theme, drawn on canvas. */
export function initChart(el: HTMLElement): echarts.ECharts {
  return echarts.init(el, THEME, { renderer: "canvas", locale: "ZH" });
}

export type { EChartsCoreOption, ECharts } from "echarts/core";
