//! Inline SVG charts drawn from report data alone: the same data gives the same bytes.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::progress::format_number;
use crate::render::html::escape;

// Sized so that on a 390 px phone (350 px of page width) 14-unit text still shows
// at 12 px, and on a screen the chart is drawn at its own size.
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 210.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 100.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 38.0;
const FONT: f64 = 14.0;
/// Text on white with at least 4.5:1 contrast (WCAG AA): 6.9:1.
const MUTED: &str = "#52606d";

/// A dashed reference line across a chart (a baseline or a target).
pub struct Reference<'a> {
    /// Its label, e.g. "baseline".
    pub label: &'a str,
    /// Its value.
    pub value: f64,
    /// Its stroke and text colour: dark enough for text on white.
    pub colour: &'a str,
}

/// One reading: when, which session, what value.
pub struct Point {
    /// The session's date: the x axis is time.
    pub date: NaiveDate,
    /// "S3", for the reading's tooltip.
    pub label: String,
    /// The value.
    pub value: f64,
}

/// A line chart of `points` over time, with dashed reference lines. The y axis
/// runs over `scale` when given (a 1 to 10 rating), else over round values around
/// the readings and references: never narrower than they are apart, so a small
/// change looks small.
pub fn line_chart(
    title: &str,
    points: &[Point],
    references: &[Reference<'_>],
    scale: Option<(f64, f64)>,
) -> String {
    let (low, high, step) = match scale {
        Some((low, high)) => (low, high, nice_step(high - low)),
        None => nice_range(
            points
                .iter()
                .map(|p| p.value)
                .chain(references.iter().map(|r| r.value)),
        ),
    };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - (v - low) / (high - low));
    let first = points.iter().map(|p| p.date).min();
    let last = points.iter().map(|p| p.date).max();
    let days = match (first, last) {
        (Some(a), Some(b)) => (b - a).num_days().max(1) as f64,
        _ => 1.0,
    };
    let x = |date: NaiveDate| match first {
        Some(first) if points.len() > 1 => LEFT + plot_w * (date - first).num_days() as f64 / days,
        _ => LEFT + plot_w / 2.0,
    };

    let mut svg = open(title, HEIGHT);
    grid(&mut svg, (low, high, step), y, WIDTH - RIGHT, format_number);
    for reference in references {
        let ry = y(reference.value);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{ry:.1}" x2="{:.1}" y2="{ry:.1}" stroke="{}" stroke-width="1.5" stroke-dasharray="5 4"/><text x="{:.1}" y="{:.1}" font-size="{FONT}" fill="{}">{} {}</text>"##,
            WIDTH - RIGHT,
            reference.colour,
            WIDTH - RIGHT + 6.0,
            ry + 5.0,
            reference.colour,
            escape(reference.label),
            format_number(reference.value)
        );
    }
    if let (Some(first), Some(last)) = (first, last) {
        let path: Vec<String> = points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.date), y(p.value)))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#2f5d8a" stroke-width="2"/>"##,
            path.join(" ")
        );
        for point in points {
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#2f5d8a"><title>{}, {}: {}</title></circle>"##,
                x(point.date),
                y(point.value),
                escape(&point.label),
                point.date.format("%-d %b"),
                format_number(point.value)
            );
        }
        // The time axis: the first and last reading's dates.
        let axis_y = HEIGHT - 14.0;
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{axis_y}" font-size="{FONT}" text-anchor="start" fill="{MUTED}">{}</text>"##,
            LEFT,
            first.format("%-d %b")
        );
        if last != first {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{axis_y}" font-size="{FONT}" text-anchor="end" fill="{MUTED}">{}</text>"##,
                WIDTH - RIGHT,
                last.format("%-d %b")
            );
        }
    } else {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">no readings yet</text>"##,
            LEFT + plot_w / 2.0,
            TOP + plot_h / 2.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A step of 1, 2 or 5 times a power of ten giving about four intervals over `span`.
fn nice_step(span: f64) -> f64 {
    let rough = (span / 4.0).max(f64::MIN_POSITIVE);
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

/// Round bounds and a step around `values`: a span of at least 1, so one reading
/// alone does not fill the chart.
fn nice_range(values: impl Iterator<Item = f64>) -> (f64, f64, f64) {
    let (low, high) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !low.is_finite() {
        return (0.0, 1.0, 0.25);
    }
    let (low, high) = if high - low < 1.0 {
        ((low + high) / 2.0 - 0.5, (low + high) / 2.0 + 0.5)
    } else {
        (low, high)
    };
    let step = nice_step(high - low);
    (
        (low / step).floor() * step,
        (high / step).ceil() * step,
        step,
    )
}

/// A bar from baseline to target with the latest value marked: what a sponsor sees
/// of a measure, without its history.
pub fn progress_bar(title: &str, baseline: f64, latest: Option<f64>, target: f64) -> String {
    let height = 70.0;
    let (x0, x1) = (8.0, WIDTH - 8.0);
    let span = target - baseline;
    let at = |v: f64| {
        let share = if span == 0.0 {
            1.0
        } else {
            ((v - baseline) / span).clamp(0.0, 1.0)
        };
        x0 + (x1 - x0) * share
    };
    let mut svg = open(title, height);
    let _ = write!(
        svg,
        r##"<rect x="{x0}" y="22" width="{:.1}" height="12" rx="6" fill="#e4e7eb"/>"##,
        x1 - x0
    );
    if let Some(latest) = latest {
        let _ = write!(
            svg,
            r##"<rect x="{x0}" y="22" width="{:.1}" height="12" rx="6" fill="#2f5d8a"/><text x="{:.1}" y="15" font-size="{FONT}" text-anchor="middle" fill="#1f2933">latest {}</text>"##,
            at(latest) - x0,
            at(latest).clamp(x0 + 40.0, x1 - 40.0),
            format_number(latest)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{x0}" y="56" font-size="{FONT}" fill="{MUTED}">baseline {}</text><text x="{x1}" y="56" font-size="{FONT}" text-anchor="end" fill="#3f7d20">target {}</text></svg>"##,
        format_number(baseline),
        format_number(target)
    );
    svg
}

/// One series of a bar chart or a scatter plot: its name in the legend and its
/// colour (at least 3:1 against white, as WCAG asks of graphics).
pub struct Series<'a, T> {
    /// Its name in the legend.
    pub name: &'a str,
    /// Its fill.
    pub colour: &'a str,
    /// Its values: a count per category, or (x, y) points.
    pub values: Vec<T>,
}

/// The legend along the top of a chart: a swatch and a name per series.
fn legend<T>(svg: &mut String, series: &[Series<'_, T>], y: f64) {
    let mut x = LEFT;
    for s in series {
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{y:.1}" font-size="{FONT}" fill="{MUTED}">{}</text>"##,
            y - 11.0,
            s.colour,
            x + 17.0,
            escape(s.name)
        );
        x += 17.0 + 8.0 * s.name.chars().count() as f64 + 20.0;
    }
}

/// Horizontal grid lines with their values down the left, for a y axis from
/// `low` to `high` in steps of `step`, each value shown through `label`.
fn grid(
    svg: &mut String,
    (low, high, step): (f64, f64, f64),
    y: impl Fn(f64) -> f64,
    right: f64,
    label: impl Fn(f64) -> String,
) {
    let mut tick = low;
    while tick <= high + step / 2.0 {
        let ty = y(tick);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{right:.1}" y2="{ty:.1}" stroke="#e4e7eb"/><text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="end" fill="{MUTED}">{}</text>"##,
            LEFT - 6.0,
            ty + 5.0,
            label((tick * 100.0).round() / 100.0)
        );
        tick += step;
    }
}

/// Counts per category as grouped vertical bars, one bar per series in each
/// group, each bar's count written above it; `caption` under the categories.
pub fn bar_chart(
    title: &str,
    categories: &[&str],
    series: &[Series<'_, u32>],
    caption: &str,
) -> String {
    let height = 250.0;
    let (top, bottom, right) = (34.0, 52.0, WIDTH - 8.0);
    let plot_h = height - top - bottom;
    let most = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let step = nice_step(f64::from(most)).max(1.0).round();
    let high = (f64::from(most) / step).ceil() * step;
    let y = |v: f64| top + plot_h * (1.0 - v / high);
    let mut svg = open(title, height);
    legend(&mut svg, series, 16.0);
    grid(&mut svg, (0.0, high, step), y, right, format_number);
    let group = (right - LEFT) / categories.len().max(1) as f64;
    let bar = group * 0.8 / series.len().max(1) as f64;
    for (index, category) in categories.iter().enumerate() {
        let start = LEFT + group * index as f64 + group * 0.1;
        for (k, s) in series.iter().enumerate() {
            let count = s.values.get(index).copied().unwrap_or(0);
            let x = start + bar * k as f64;
            let top_of_bar = y(f64::from(count));
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{top_of_bar:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}, {}: {count}</title></rect><text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="#1f2933">{count}</text>"##,
                (bar - 2.0).max(1.0),
                y(0.0) - top_of_bar,
                s.colour,
                escape(s.name),
                escape(category),
                x + bar / 2.0 - 1.0,
                top_of_bar - 4.0
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">{}</text>"##,
            LEFT + group * (index as f64 + 0.5),
            y(0.0) + 18.0,
            escape(category)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">{}</text></svg>"##,
        (LEFT + right) / 2.0,
        height - 8.0,
        escape(caption)
    );
    svg
}

/// Points (x, y) of each series, with the axes' names; y is a share shown as a
/// percentage.
pub fn scatter(
    title: &str,
    series: &[Series<'_, (f64, f64)>],
    x_name: &str,
    y_name: &str,
) -> String {
    let height = 300.0;
    let (top, bottom, right) = (52.0, 50.0, WIDTH - 12.0);
    let (plot_w, plot_h) = (right - LEFT - 8.0, height - top - bottom);
    let points = || series.iter().flat_map(|s| s.values.iter().copied());
    let (x_low, x_high, x_step) = nice_range(points().map(|p| p.0));
    let (y_low, y_high, y_step) = nice_range(points().map(|p| p.1).chain([0.0, 1.0]));
    let x = |v: f64| LEFT + 8.0 + plot_w * (v - x_low) / (x_high - x_low);
    let y = |v: f64| top + plot_h * (1.0 - (v - y_low) / (y_high - y_low));
    let mut svg = open(title, height);
    legend(&mut svg, series, 16.0);
    grid(&mut svg, (y_low, y_high, y_step), y, right, |v| {
        format!("{}%", format_number(v * 100.0))
    });
    let mut tick = x_low;
    while tick <= x_high + x_step / 2.0 {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">{}</text>"##,
            x(tick),
            y(y_low) + 18.0,
            format_number((tick * 100.0).round() / 100.0)
        );
        tick += x_step;
    }
    for s in series {
        for &(px, py) in &s.values {
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{}" fill-opacity="0.8"><title>{}: {} and {}%</title></circle>"##,
                x(px),
                y(py),
                s.colour,
                escape(s.name),
                format_number((px * 100.0).round() / 100.0),
                format_number((py * 100.0).round())
            );
        }
    }
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">{}</text><text x="{LEFT}" y="{:.1}" font-size="{FONT}" fill="{MUTED}">↑ {}</text></svg>"##,
        (LEFT + right) / 2.0,
        height - 8.0,
        escape(&format!("{x_name} →")),
        top - 16.0,
        escape(y_name)
    );
    svg
}

/// One row of a box plot: where the middle half of a set of shares lies.
pub struct BoxRow<'a> {
    /// The row's name.
    pub name: &'a str,
    /// The 0.25-quantile.
    pub lower_quartile: f64,
    /// The median.
    pub median: f64,
    /// The 0.75-quantile.
    pub upper_quartile: f64,
    /// The mean, marked as a dot.
    pub mean: f64,
}

/// Boxes from the lower to the upper quartile of shares, with the median as a
/// line and the mean as a dot, on one axis of percentages.
pub fn box_plot(title: &str, rows: &[BoxRow<'_>], caption: &str) -> String {
    let row_h = 58.0;
    let height = 24.0 + row_h * rows.len() as f64 + 46.0;
    let (left, right) = (24.0, WIDTH - 28.0);
    let (low, high, step) = nice_range(
        rows.iter()
            .flat_map(|r| [r.lower_quartile, r.upper_quartile, r.mean])
            .chain([0.0, 1.0]),
    );
    let x = |v: f64| left + (right - left) * (v - low) / (high - low);
    let axis_y = 24.0 + row_h * rows.len() as f64;
    let mut svg = open(title, height);
    let mut tick = low;
    while tick <= high + step / 2.0 {
        let tx = x(tick);
        let _ = write!(
            svg,
            r##"<line x1="{tx:.1}" y1="16" x2="{tx:.1}" y2="{axis_y:.1}" stroke="#e4e7eb"/><text x="{tx:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">{}%</text>"##,
            axis_y + 18.0,
            format_number((tick * 100.0).round())
        );
        tick += step;
    }
    for (index, row) in rows.iter().enumerate() {
        let top = 24.0 + row_h * index as f64;
        let (a, m, b) = (x(row.lower_quartile), x(row.median), x(row.upper_quartile));
        let _ = write!(
            svg,
            r##"<text x="{left}" y="{:.1}" font-size="{FONT}" fill="#1f2933">{}</text><rect x="{a:.1}" y="{:.1}" width="{:.1}" height="22" fill="#d9e2ec" stroke="#2f5d8a" stroke-width="1.5"/><line x1="{m:.1}" y1="{:.1}" x2="{m:.1}" y2="{:.1}" stroke="#2f5d8a" stroke-width="3"/><circle cx="{:.1}" cy="{:.1}" r="4" fill="#b35c1e"><title>mean {}%</title></circle>"##,
            top + 10.0,
            escape(row.name),
            top + 18.0,
            (b - a).max(2.0),
            top + 16.0,
            top + 42.0,
            x(row.mean),
            top + 29.0,
            format_number((row.mean * 100.0).round())
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="{MUTED}">{}</text></svg>"##,
        WIDTH / 2.0,
        height - 6.0,
        escape(caption)
    );
    svg
}

fn open(title: &str, height: f64) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{}"><title>{}</title>"##,
        escape(title),
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(month: u32, day: u32, value: f64) -> Point {
        Point {
            date: NaiveDate::from_ymd_opt(2026, month, day).unwrap(),
            label: format!("S{day}"),
            value,
        }
    }

    #[test]
    fn charts_are_deterministic_and_labelled() {
        let points = vec![point(1, 12, 4.0), point(2, 9, 6.0)];
        let refs = [Reference {
            label: "target",
            value: 8.0,
            colour: "#3f7d20",
        }];
        let a = line_chart("Confidence <ELT>", &points, &refs, None);
        assert_eq!(a, line_chart("Confidence <ELT>", &points, &refs, None));
        assert!(a.contains("role=\"img\"") && a.contains("<title>Confidence &lt;ELT&gt;</title>"));
        assert!(a.contains("target 8") && a.contains("12 Jan") && a.contains("9 Feb"));
        assert!(line_chart("empty", &[], &[], None).contains("no readings yet"));
    }

    #[test]
    fn the_x_axis_is_time() {
        let chart = line_chart(
            "t",
            &[point(1, 1, 1.0), point(1, 2, 2.0), point(1, 31, 3.0)],
            &[],
            None,
        );
        let xs: Vec<f64> = chart
            .split("<circle cx=\"")
            .skip(1)
            .map(|c| c.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(xs[1] - xs[0] < (xs[2] - xs[1]) / 10.0, "{xs:?}");
    }

    #[test]
    fn ticks_are_round_and_a_small_change_stays_small() {
        assert_eq!(nice_range([3.6, 8.4].into_iter()), (2.0, 10.0, 2.0));
        let (low, high, _) = nice_range([8.0, 9.0].into_iter());
        assert!(high - low >= 1.0);
        let alliance = line_chart(
            "a",
            &[point(1, 1, 8.0), point(1, 15, 9.0)],
            &[],
            Some((0.0, 10.0)),
        );
        assert!(alliance.contains(">10</text>") && alliance.contains(">0</text>"));
    }

    #[test]
    fn progress_bar_clamps_past_the_target() {
        let bar = progress_bar("Hours", 12.0, Some(2.0), 4.0);
        assert!(bar.contains(&format!("width=\"{:.1}\"", WIDTH - 16.0)));
    }
}
