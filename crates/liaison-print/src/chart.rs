//! Simple vector charts for printed reports: bars (one or more series side by side) and lines, with a y axis of
//! round steps, the categories under the x axis (wrapped to two lines), every value written at its bar or point,
//! and a legend when there is more than one series. Drawn into a [`Layout`] as lines, rectangles and text, so
//! the values stay searchable text in the PDF.

use crate::draw::{Align, mm};
use crate::fonts::FontError;
use crate::layout::{Layout, Rgb};

/// Bars or lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Vertical bars, series side by side in each category.
    Bar,
    /// A line per series through the categories.
    Line,
}

/// How values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueFormat {
    /// Whole counts: "12".
    Count,
    /// Rates from 0 to 1, shown as "93.5%" on a 0–100 % axis.
    Percent,
}

impl ValueFormat {
    fn text(self, v: f64) -> String {
        match self {
            ValueFormat::Count => format!("{v:.0}"),
            ValueFormat::Percent => format!("{:.1}%", v * 100.0),
        }
    }

    fn tick(self, v: f64) -> String {
        match self {
            ValueFormat::Count => format!("{v}"),
            ValueFormat::Percent => format!("{:.0}%", v * 100.0),
        }
    }
}

/// One series: a name for the legend and a value per category (`None`: nothing to show there).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name.
    pub name: String,
    /// One value per label.
    pub values: Vec<Option<f64>>,
}

/// A chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The caption above it.
    pub title: String,
    /// Bars or lines.
    pub kind: ChartKind,
    /// The categories along the x axis.
    pub labels: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
    /// How the values read.
    pub format: ValueFormat,
}

/// The series' colours, in order.
const COLORS: [Rgb; 4] = [(46, 104, 178), (224, 122, 34), (62, 150, 81), (160, 60, 150)];
const GRID: Rgb = (215, 215, 215);
const AXIS: Rgb = (60, 60, 60);
/// Chart height, mm, and text sizes, points.
const HEIGHT_MM: f32 = 78.0;
const CAPTION: f32 = 11.0;
const SMALL: f32 = 7.5;

/// Round steps for an axis up to `max` with about five ticks: (step, axis top).
pub fn axis(max: f64, format: ValueFormat) -> (f64, f64) {
    if format == ValueFormat::Percent {
        return (0.2, 1.0);
    }
    if max <= 0.0 {
        return (1.0, 5.0);
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|f| f * magnitude).find(|s| *s >= raw).unwrap_or(raw).max(1.0);
    (step, (max / step).ceil() * step)
}

impl Layout<'_> {
    /// Draws `chart` across the column (on a new page if it does not fit).
    pub fn chart(&mut self, chart: &Chart) -> Result<(), FontError> {
        let top = self.reserve(mm(HEIGHT_MM));
        let (left, width) = (Layout::left(), Layout::width());
        let caption = self.baseline(top, CAPTION);
        self.text(&chart.title, (left, width), caption, CAPTION, Align::Center, (0, 0, 0))?;
        let mut plot_top = top + CAPTION * 1.6 + SMALL * 1.2;
        if chart.series.len() > 1 {
            self.legend(chart, top + CAPTION * 1.6)?;
            plot_top += SMALL * 1.2;
        }
        let plot_bottom = top + mm(HEIGHT_MM) - SMALL * 2.0 * 1.3 - 6.0;
        let plot_left = left + mm(14.0);
        let plot_w = left + width - mm(2.0) - plot_left;
        let plot_h = plot_bottom - plot_top;
        let max = chart.series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0f64, |a, b| a.max(*b));
        let (step, axis_top) = axis(max, chart.format);
        let y_of = |v: f64| plot_bottom - (v / axis_top).clamp(0.0, 1.0) as f32 * plot_h;
        // Grid and y tick labels.
        let mut grid = Vec::new();
        let mut tick = 0.0;
        while tick <= axis_top + step / 1000.0 {
            let y = y_of(tick);
            grid.push((plot_left, y, plot_left + plot_w, y));
            let label = chart.format.tick(tick);
            let baseline = y + SMALL * 0.35;
            self.text(&label, (left, plot_left - left - 3.0), baseline, SMALL, Align::Right, AXIS)?;
            tick += step;
        }
        self.lines(grid, 0.4, GRID);
        self.lines(
            vec![
                (plot_left, plot_top, plot_left, plot_bottom),
                (plot_left, plot_bottom, plot_left + plot_w, plot_bottom),
            ],
            0.8,
            AXIS,
        );
        let n = chart.labels.len().max(1);
        let slot = plot_w / n as f32;
        // Category labels, two lines at most.
        for (i, label) in chart.labels.iter().enumerate() {
            let lines = self.wrap(label, SMALL, slot - 2.0)?;
            for (k, line) in lines.iter().take(2).enumerate() {
                let baseline = plot_bottom + 4.0 + SMALL + k as f32 * SMALL * 1.3;
                self.text(line, (plot_left + i as f32 * slot, slot), baseline, SMALL, Align::Center, AXIS)?;
            }
        }
        match chart.kind {
            ChartKind::Bar => self.bars(chart, plot_left, slot, &y_of, plot_bottom),
            ChartKind::Line => self.polylines(chart, plot_left, slot, &y_of),
        }
    }

    fn legend(&mut self, chart: &Chart, top: f32) -> Result<(), FontError> {
        let mut x = Layout::left() + Layout::width();
        for (i, s) in chart.series.iter().enumerate().rev() {
            let w = self.text_width(&s.name, SMALL)?;
            x -= w;
            let baseline = top + SMALL;
            self.text(&s.name, (x, w), baseline, SMALL, Align::Left, (0, 0, 0))?;
            x -= SMALL * 1.4;
            self.rect(x, top + SMALL * 0.15, SMALL, SMALL, COLORS[i % COLORS.len()]);
            x -= SMALL * 1.5;
        }
        Ok(())
    }

    fn bars(
        &mut self,
        chart: &Chart,
        plot_left: f32,
        slot: f32,
        y_of: &dyn Fn(f64) -> f32,
        plot_bottom: f32,
    ) -> Result<(), FontError> {
        let k = chart.series.len().max(1) as f32;
        let bar = (slot * 0.7 / k).min(mm(14.0));
        for (j, s) in chart.series.iter().enumerate() {
            for (i, v) in s.values.iter().enumerate() {
                let Some(v) = *v else { continue };
                let centre = plot_left + (i as f32 + 0.5) * slot;
                let x = centre - bar * k / 2.0 + j as f32 * bar;
                let y = y_of(v);
                self.rect(x, y, bar, plot_bottom - y, COLORS[j % COLORS.len()]);
                let label = chart.format.text(v);
                self.text(&label, (x - slot, bar + 2.0 * slot), y - 2.0, SMALL, Align::Center, (0, 0, 0))?;
            }
        }
        Ok(())
    }

    fn polylines(
        &mut self,
        chart: &Chart,
        plot_left: f32,
        slot: f32,
        y_of: &dyn Fn(f64) -> f32,
    ) -> Result<(), FontError> {
        for (j, s) in chart.series.iter().enumerate() {
            let color = COLORS[j % COLORS.len()];
            let points: Vec<Option<(f32, f32)>> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| v.map(|v| (plot_left + (i as f32 + 0.5) * slot, y_of(v))))
                .collect();
            // A gap (no value) breaks the line.
            for run in points.split(Option::is_none) {
                let run: Vec<(f32, f32)> = run.iter().flatten().copied().collect();
                if run.len() > 1 {
                    self.polyline(run, 1.5, color);
                }
            }
            for (point, v) in points.iter().zip(&s.values) {
                let (Some((x, y)), Some(v)) = (point, v) else { continue };
                self.rect(x - 2.0, y - 2.0, 4.0, 4.0, color);
                // Two series' labels on alternate sides of their points, so equal values do not overprint.
                let baseline = if j % 2 == 0 { y - 4.0 } else { y + 4.0 + SMALL };
                let label = chart.format.text(*v);
                self.text(&label, (x - slot / 2.0, slot), baseline, SMALL, Align::Center, color)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_take_round_steps_above_the_largest_value() {
        assert_eq!(axis(0.0, ValueFormat::Count), (1.0, 5.0));
        assert_eq!(axis(3.0, ValueFormat::Count), (1.0, 3.0));
        assert_eq!(axis(47.0, ValueFormat::Count), (10.0, 50.0));
        assert_eq!(axis(1234.0, ValueFormat::Count), (500.0, 1500.0));
        assert_eq!(axis(0.42, ValueFormat::Percent), (0.2, 1.0));
    }
}
