//! Inline SVG charts drawn from report data alone: the same data gives the same bytes.

use std::fmt::Write as _;

use crate::model::progress::format_number;
use crate::render::html::escape;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 96.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;

/// A dashed reference line across a chart (a baseline or a target).
pub struct Reference<'a> {
    /// Its label, e.g. "baseline".
    pub label: &'a str,
    /// Its value.
    pub value: f64,
    /// Its stroke colour.
    pub colour: &'a str,
}

/// A line chart of `points` (x label, value) with dashed reference lines.
pub fn line_chart(title: &str, points: &[(String, f64)], references: &[Reference<'_>]) -> String {
    let values = points
        .iter()
        .map(|p| p.1)
        .chain(references.iter().map(|r| r.value));
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (low, high) = if low.is_finite() {
        padded(low, high)
    } else {
        (0.0, 1.0)
    };
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - (v - low) / (high - low));
    let step = if points.len() > 1 {
        plot_w / (points.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| {
        if points.len() > 1 {
            LEFT + step * i as f64
        } else {
            LEFT + plot_w / 2.0
        }
    };

    let mut svg = open(title);
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#9aa5b1"/>"##,
        TOP + plot_h,
        WIDTH - RIGHT,
        TOP + plot_h
    );
    for (lo_or_hi, value) in [("low", low), ("high", high)] {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#52606d" data-axis="{lo_or_hi}">{}</text>"##,
            LEFT - 6.0,
            y(value) + 4.0,
            format_number((value * 10.0).round() / 10.0)
        );
    }
    for reference in references {
        let ry = y(reference.value);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{ry:.1}" x2="{:.1}" y2="{ry:.1}" stroke="{}" stroke-dasharray="5 4"/><text x="{:.1}" y="{:.1}" font-size="11" fill="{}">{} {}</text>"##,
            WIDTH - RIGHT,
            reference.colour,
            WIDTH - RIGHT + 6.0,
            ry + 4.0,
            reference.colour,
            escape(reference.label),
            format_number(reference.value)
        );
    }
    if !points.is_empty() {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.1)))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#2f5d8a" stroke-width="2"/>"##,
            path.join(" ")
        );
        for (i, (label, value)) in points.iter().enumerate() {
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="#2f5d8a"><title>{}: {}</title></circle><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#52606d">{}</text>"##,
                x(i),
                y(*value),
                escape(label),
                format_number(*value),
                x(i),
                HEIGHT - 12.0,
                escape(label)
            );
        }
    } else {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#52606d">no readings yet</text>"##,
            LEFT + plot_w / 2.0,
            TOP + plot_h / 2.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A bar from baseline to target with the latest value marked: what a sponsor sees
/// of a measure, without its history.
pub fn progress_bar(title: &str, baseline: f64, latest: Option<f64>, target: f64) -> String {
    let height = 64.0;
    let (x0, x1) = (LEFT, WIDTH - RIGHT);
    let span = target - baseline;
    let at = |v: f64| {
        let share = if span == 0.0 {
            1.0
        } else {
            ((v - baseline) / span).clamp(0.0, 1.0)
        };
        x0 + (x1 - x0) * share
    };
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{}"><title>{}</title>"##,
        escape(title),
        escape(title)
    );
    let _ = write!(
        svg,
        r##"<rect x="{x0}" y="20" width="{:.1}" height="12" rx="6" fill="#e4e7eb"/>"##,
        x1 - x0
    );
    if let Some(latest) = latest {
        let _ = write!(
            svg,
            r##"<rect x="{x0}" y="20" width="{:.1}" height="12" rx="6" fill="#2f5d8a"/><text x="{:.1}" y="14" font-size="11" text-anchor="middle" fill="#1f2933">latest {}</text>"##,
            at(latest) - x0,
            at(latest),
            format_number(latest)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{x0}" y="50" font-size="11" fill="#52606d">baseline {}</text><text x="{x1}" y="50" font-size="11" text-anchor="end" fill="#3f7d20">target {}</text></svg>"##,
        format_number(baseline),
        format_number(target)
    );
    svg
}

fn open(title: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{}"><title>{}</title>"##,
        escape(title),
        escape(title)
    )
}

/// The axis range with a little room above and below.
fn padded(low: f64, high: f64) -> (f64, f64) {
    if (high - low).abs() < f64::EPSILON {
        return (low - 1.0, high + 1.0);
    }
    let pad = (high - low) * 0.1;
    (low - pad, high + pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_deterministic_and_labelled() {
        let points = vec![("S1".to_string(), 4.0), ("S3".to_string(), 6.0)];
        let refs = [Reference {
            label: "target",
            value: 8.0,
            colour: "#3f7d20",
        }];
        let a = line_chart("Confidence <ELT>", &points, &refs);
        assert_eq!(a, line_chart("Confidence <ELT>", &points, &refs));
        assert!(a.contains("role=\"img\"") && a.contains("<title>Confidence &lt;ELT&gt;</title>"));
        assert!(a.contains("target 8"));
        assert!(line_chart("empty", &[], &[]).contains("no readings yet"));
    }

    #[test]
    fn progress_bar_clamps_past_the_target() {
        let bar = progress_bar("Hours", 12.0, Some(2.0), 4.0);
        assert!(bar.contains(&format!("width=\"{:.1}\"", WIDTH - RIGHT - LEFT)));
    }
}
