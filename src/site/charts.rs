//! The geometry of the site's charts, for hand-written SVG in `templates/charts.html`.
//!
//! Horizontal positions are percentages of the chart's width and vertical ones CSS pixels, so a
//! chart fills any screen from 360 px up while its text stays at reading size (SVG resolves `x="40%"`
//! against the width of the `<svg>` itself). Two layouts:
//!
//! - [`bars`]: one horizontal bar per fact, for figures compared across subjects or articles.
//!   A range is drawn from its minimum to its maximum; "over" and "up to" values get a marker at
//!   the end that says the bar is a lower or an upper bound.
//! - [`timeline`]: one column per fact on a time axis, each spanning its period's first to last
//!   day (`Period::days`), for one subject's figures over time.

use serde::Serialize;

use super::format::{Figure, Locale};
use crate::facts::{Period, Qualifier, Unit};

/// One fact as a chart shows it.
#[derive(Debug, Clone)]
pub struct Point {
    /// What the bar is: "Nimbus Cloud · cloud revenue".
    pub label: String,
    pub figure: Figure,
    pub period: Option<Period>,
    /// The fact's row, as linked from the page the chart is on.
    pub url: String,
}

/// A chart ready for the template: everything it draws, and the same numbers as table rows.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique on its page; the template derives the ids of `<title>` and `<desc>` from it.
    pub id: String,
    pub title: String,
    /// `bars` or `timeline`.
    pub layout: &'static str,
    /// Height of the `<svg>` in CSS pixels.
    pub height: u32,
    pub marks: Vec<Mark>,
    pub ticks: Vec<Tick>,
    /// Horizontal position of the zero line (bars) or the baseline's y (timeline).
    pub zero: f64,
    /// The qualifiers drawn with a marker, for the legend: `over`, `up_to`, `range`; and
    /// `capped` when a mark runs past the axis.
    pub legend: Vec<&'static str>,
}

/// One bar or column.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    pub label: String,
    /// The value as the chart labels it: "+155%", "over 40 million", "$66–72 billion".
    pub value_text: String,
    pub period_text: String,
    pub url: String,
    /// `exact`, `over`, `at_least`, `under`, `up_to`, `approx` or `range`.
    pub qualifier: &'static str,
    /// The value lies beyond the axis, which the firm figures set ([`axis_domain`]): the mark
    /// is drawn to the edge with a break, and `value_text` gives the whole value.
    pub capped: bool,
    /// Left edge and width in percent of the chart's width.
    pub x: f64,
    pub width: f64,
    /// Top edge and height in pixels.
    pub y: f64,
    pub height: f64,
    /// Where the label of the row sits (bars) or the centre of the column (timeline).
    pub label_x: f64,
    pub label_y: f64,
    /// Where the value label sits, and whether it is inside the bar (long bars) or after it.
    pub value_x: f64,
    pub value_y: f64,
    pub value_inside: bool,
    /// Offset of the value label from `value_x` in pixels, and its `text-anchor`.
    pub value_dx: i32,
    pub value_anchor: &'static str,
    /// The end of the bar the value is at (percent), where an over/up-to marker points from;
    /// `direction` is 1 when the value lies right of zero, -1 when left.
    pub end: f64,
    pub direction: i8,
    /// For ranges: where a faint track from zero to the range's start ends (percent).
    pub track_from: f64,
    pub track_to: f64,
}

/// A gridline with its label.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Percent of the width.
    pub x: f64,
    pub label: String,
    /// `start`, `middle` or `end`: labels at the edges stay inside the chart.
    pub anchor: &'static str,
    /// Where the gridline is drawn (timeline: year boundaries; bars: at the label).
    pub line_x: f64,
}

const ROW: f64 = 50.0;
/// Bars reach at most this far (percent), leaving room for an end marker.
const PLOT_WIDTH: f64 = 96.0;
const BAR_TOP: f64 = 23.0;
const BAR_HEIGHT: f64 = 18.0;
const AXIS: f64 = 26.0;
/// Bars ending right of this put their value label inside.
const INSIDE_FROM: f64 = 62.0;
/// ... when they are at least this wide (percent); narrower ones put it before their start.
const INSIDE_WIDTH: f64 = 24.0;
/// Labels longer than this are shortened in the chart; the table beside it has them whole.
const LABEL_CHARS: usize = 48;

/// A horizontal bar chart of `points` in the order given; none for fewer than two points,
/// since a single bar compares nothing.
///
/// The axis is set by the firm figures ([`axis_domain`]): a bar beyond it is drawn to the
/// edge and flagged `capped`, and its label and the table give its whole value.
pub fn bars(id: &str, title: &str, points: &[Point], locale: &Locale) -> Option<Chart> {
    if points.len() < 2 {
        return None;
    }
    let figures: Vec<&Figure> = points.iter().map(|p| &p.figure).collect();
    let (low, high) = axis_domain(&figures);
    let step = nice_step((high - low) / 3.0);
    let low = if low < 0.0 {
        (low / step).floor() * step
    } else {
        0.0
    };
    let high = if high > 0.0 {
        (high / step).ceil() * step
    } else {
        0.0
    };
    let span = if high > low { high - low } else { 1.0 };
    let x = |value: f64| round2((value - low) / span * PLOT_WIDTH);
    let axis = BarAxis {
        low,
        high,
        x: &x,
        zero: x(0.0),
    };
    let marks: Vec<Mark> = points
        .iter()
        .enumerate()
        .map(|(index, point)| bar_mark(index, point, &axis, locale))
        .collect();
    let unit = common_unit(points);
    let ticks = ticks(low, high, step, &x, unit.as_ref(), locale);
    let legend = legend(&marks);
    Some(Chart {
        id: id.to_string(),
        title: title.to_string(),
        layout: "bars",
        height: (points.len() as f64 * ROW + AXIS) as u32,
        marks,
        ticks,
        zero: axis.zero,
        legend,
    })
}

/// The horizontal axis of a bar chart: the numbers at its ends, and where a number lies.
struct BarAxis<'a> {
    low: f64,
    high: f64,
    x: &'a dyn Fn(f64) -> f64,
    zero: f64,
}

/// The shortest bar drawn for a range wholly beyond the axis, in percent: enough to see.
const STUB: f64 = 4.0;

fn bar_mark(index: usize, point: &Point, axis: &BarAxis, locale: &Locale) -> Mark {
    let top = index as f64 * ROW;
    let figure = &point.figure;
    let (from, to) = extent(figure);
    let is_range = from != to;
    let capped = from < axis.low || to > axis.high;
    // `max`/`min` rather than `clamp`, which panics on NaN.
    let clamp = |value: f64| value.max(axis.low).min(axis.high);
    let x = axis.x;
    let (mut start, mut finish) = if is_range {
        (x(clamp(from)), x(clamp(to)))
    } else {
        (x(clamp(from).min(0.0)), x(clamp(from).max(0.0)))
    };
    let direction: i8 = if to < 0.0 { -1 } else { 1 };
    // A range wholly beyond the axis would have no length: a stub at the edge shows it. Its
    // start is not where the range starts, so it has no track (the template then draws no cap).
    let stub = capped && finish - start < STUB;
    if stub {
        if direction > 0 {
            start = (finish - STUB).max(0.0);
        } else {
            finish = (start + STUB).min(PLOT_WIDTH);
        }
    }
    let zero = axis.zero;
    let end = if direction < 0 { start } else { finish };
    let near_edge = direction > 0 && finish >= INSIDE_FROM;
    let value_inside = near_edge && finish - start >= INSIDE_WIDTH;
    let marked_end =
        capped || matches!(figure.qualifier, Some(Qualifier::Over | Qualifier::AtLeast));
    // Left of zero there may be no room before the bar: the label goes right of zero.
    // A short bar near the right edge (a narrow range) has its label before it.
    let (value_x, value_dx, value_anchor) = if direction < 0 {
        (zero, 6, "start")
    } else if value_inside {
        (finish, -6, "end")
    } else if near_edge {
        (start, -6, "end")
    } else {
        (finish, if marked_end { 14 } else { 6 }, "start")
    };
    Mark {
        x: start,
        width: round2((finish - start).max(0.4)),
        y: top + BAR_TOP,
        height: BAR_HEIGHT,
        label_x: 0.0,
        label_y: top + 15.0,
        value_x,
        value_y: top + BAR_TOP + 13.0,
        value_inside,
        value_dx,
        value_anchor,
        end,
        direction,
        track_from: zero.min(start),
        track_to: match (stub, is_range) {
            (true, _) => zero.min(start),
            (false, true) => start,
            (false, false) => zero,
        },
        ..Mark::labelled(point, locale, is_range, capped)
    }
}

impl Mark {
    /// The words of the mark of `point`, which bars and columns write alike, at no place yet:
    /// each kind of chart sets every number of its marks.
    fn labelled(point: &Point, locale: &Locale, is_range: bool, capped: bool) -> Mark {
        let figure = &point.figure;
        Mark {
            label: shorten(&point.label),
            value_text: locale.amount(figure, false),
            period_text: period_text(point, locale),
            url: point.url.clone(),
            qualifier: qualifier_name(figure.qualifier, is_range),
            capped,
            x: 0.0,
            width: 0.0,
            y: 0.0,
            height: 0.0,
            label_x: 0.0,
            label_y: 0.0,
            value_x: 0.0,
            value_y: 0.0,
            value_inside: false,
            value_dx: 0,
            value_anchor: "",
            end: 0.0,
            direction: 1,
            track_from: 0.0,
            track_to: 0.0,
        }
    }
}

fn period_text(point: &Point, locale: &Locale) -> String {
    point
        .period
        .as_ref()
        .map(|p| locale.period(p.as_str()))
        .unwrap_or_default()
}

/// A closed range is firm while its top stays within this many times the largest single
/// firm value: "triple digits" (100-999%) beside 18% and -6% is not.
const WIDE_RANGE: f64 = 2.0;

/// The numbers an axis must span (zero among them), from the figures that are firm: exact and
/// approximate values, and closed ranges of modest width. Open figures ("over 500%", "up to
/// 85%", a very wide range) cannot stretch it, or they would shrink the firm ones to slivers;
/// when every figure is open, their stated bounds set it.
pub fn axis_domain(figures: &[&Figure]) -> (f64, f64) {
    let closed: Vec<(f64, f64)> = figures
        .iter()
        .filter(|f| !is_open(f))
        .map(|f| extent(f))
        .collect();
    let largest_single = closed
        .iter()
        .filter(|(from, to)| from == to)
        .fold(None, |m: Option<f64>, (v, _)| {
            Some(m.unwrap_or(0.0).max(v.abs()))
        });
    let firm: Vec<(f64, f64)> = closed
        .into_iter()
        .filter(|(from, to)| {
            from == to
                || largest_single
                    .is_none_or(|largest| from.abs().max(to.abs()) <= WIDE_RANGE * largest)
        })
        .collect();
    if firm.is_empty() {
        return domain(figures.iter().flat_map(|f| <[f64; 2]>::from(extent(f))));
    }
    let (low, high) = domain(firm.into_iter().flat_map(|(from, to)| [from, to]));
    // Room past the firm figures on a side where a mark is capped, so that it reaches further
    // than the largest firm one rather than as far.
    let (all_low, all_high) = domain(figures.iter().flat_map(|f| <[f64; 2]>::from(extent(f))));
    let room = (high - low) * HEADROOM;
    (
        if all_low < low { low - room } else { low },
        if all_high > high { high + room } else { high },
    )
}

/// The share of the axis added past the firm figures where a mark is capped.
const HEADROOM: f64 = 0.1;

/// Whether a figure bounds its value on one side only: "over 40 million", "up to 85%".
fn is_open(figure: &Figure) -> bool {
    matches!(
        figure.qualifier,
        Some(Qualifier::Over | Qualifier::AtLeast | Qualifier::Under | Qualifier::UpTo)
    )
}

/// The lowest and highest number of a figure: its value twice, or its range's ends.
fn extent(figure: &Figure) -> (f64, f64) {
    match (figure.min, figure.max, figure.value) {
        (Some(min), Some(max), _) => (min.min(max), min.max(max)),
        (_, _, Some(value)) => (value, value),
        _ => (0.0, 0.0),
    }
}

const PLOT_TOP: f64 = 26.0;
const PLOT_HEIGHT: f64 = 170.0;

/// A column chart of `points` on a time axis; points without a period are left out, and
/// fewer than two dated points make no chart. The vertical axis is set as [`bars`] sets its.
pub fn timeline(id: &str, title: &str, points: &[Point], locale: &Locale) -> Option<Chart> {
    let dated: Vec<(&Point, i64, i64)> = points
        .iter()
        .filter_map(|point| {
            let (first, last) = point.period.as_ref()?.days();
            Some((point, day_number(first), day_number(last) + 1))
        })
        .collect();
    if dated.len() < 2 {
        return None;
    }
    let start = dated.iter().map(|d| d.1).min().unwrap_or(0);
    let stop = dated.iter().map(|d| d.2).max().unwrap_or(1);
    // A little room on both sides so the first and last columns do not touch the edges.
    let pad = ((stop - start) as f64 * 0.04).max(1.0);
    let (left, right) = (start as f64 - pad, stop as f64 + pad);
    let x = |day: f64| round2((day - left) / (right - left) * 100.0);

    let figures: Vec<&Figure> = dated.iter().map(|d| &d.0.figure).collect();
    let (low, high) = axis_domain(&figures);
    let span = if high > low { high - low } else { 1.0 };
    let y = |value: f64| round2(PLOT_TOP + PLOT_HEIGHT * (1.0 - (value - low) / span));
    let baseline = y(0.0);

    // Facts of the same period share its width side by side.
    let mut slots: Vec<(i64, i64, usize, usize)> = Vec::new();
    for (index, (_, first, last)) in dated.iter().enumerate() {
        let same = |d: &&(&Point, i64, i64)| (d.1, d.2) == (*first, *last);
        let taken = dated[..index].iter().filter(same).count();
        let total = dated.iter().filter(same).count();
        slots.push((*first, *last, taken, total));
    }
    let marks = dated
        .iter()
        .zip(&slots)
        .map(|((point, _, _), &(first, last, taken, total))| {
            let (from_x, to_x) = (x(first as f64), x(last as f64));
            let slot = (to_x - from_x) / total as f64;
            let mut left_x = from_x + slot * taken as f64;
            let mut width = slot * 0.86;
            if width < 1.6 {
                left_x -= (1.6 - width) / 2.0;
                width = 1.6;
            }
            column(
                point,
                (low, high),
                &y,
                round2(left_x),
                round2(width),
                locale,
            )
        })
        .collect::<Vec<_>>();

    // One gridline at the start of each year, each year's label in the middle of its stretch.
    let first_year = year_of_day(start);
    let last_year = year_of_day(stop - 1);
    let ticks = (first_year..=last_year)
        .map(|year| {
            let year_start = day_number_ymd(year, 1, 1) as f64;
            let year_end = day_number_ymd(year + 1, 1, 1) as f64;
            let visible = (x(year_start.max(left)) + x(year_end.min(right))) / 2.0;
            Tick {
                x: round2(visible),
                label: year.to_string(),
                anchor: "middle",
                line_x: x(year_start.max(left)),
            }
        })
        .collect();
    let legend = legend(&marks);
    Some(Chart {
        id: id.to_string(),
        title: title.to_string(),
        layout: "timeline",
        height: (PLOT_TOP + PLOT_HEIGHT + AXIS) as u32,
        marks,
        ticks,
        zero: baseline,
        legend,
    })
}

/// One column of a timeline at `x`, `width` wide (percent); `y` places a number.
fn column(
    point: &Point,
    (low, high): (f64, f64),
    y: &dyn Fn(f64) -> f64,
    x: f64,
    width: f64,
    locale: &Locale,
) -> Mark {
    let figure = &point.figure;
    let (from, to) = extent(figure);
    let is_range = from != to;
    let capped = from < low || to > high;
    let clamp = |value: f64| value.max(low).min(high);
    let (top, bottom) = if is_range {
        (y(clamp(to)), y(clamp(from)))
    } else {
        (y(clamp(from).max(0.0)), y(clamp(from).min(0.0)))
    };
    let centre = round2(x + width / 2.0);
    Mark {
        x,
        width,
        y: top,
        height: round2((bottom - top).max(1.0)),
        label_x: centre,
        label_y: 0.0,
        value_x: centre,
        value_y: round2((top - if capped { 12.0 } else { 6.0 }).max(12.0)),
        value_inside: false,
        value_dx: 0,
        value_anchor: "middle",
        end: centre,
        direction: if to < 0.0 { -1 } else { 1 },
        track_from: 0.0,
        track_to: 0.0,
        ..Mark::labelled(point, locale, is_range, capped)
    }
}

fn domain(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((0.0f64, 0.0f64), |(low, high), v| (low.min(v), high.max(v)))
}

/// 1, 2 or 5 times a power of ten, at least `raw`: steps a reader can count in.
pub fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power)
}

fn ticks(
    low: f64,
    high: f64,
    step: f64,
    x: &dyn Fn(f64) -> f64,
    unit: Option<&Unit>,
    locale: &Locale,
) -> Vec<Tick> {
    // Bounded whatever the inputs: a non-finite or vanishing step, or a range of many steps,
    // must not make the loop run on (no reader wants more than a few gridlines anyway).
    const MOST_TICKS: usize = 32;
    let mut values = Vec::new();
    if !(low.is_finite() && high.is_finite() && step.is_finite() && step > 0.0) {
        return Vec::new();
    }
    let mut value = (low / step).ceil() * step;
    while value <= high + step * 1e-9 && values.len() < MOST_TICKS {
        values.push(value);
        value += step;
    }
    values
        .iter()
        .map(|&value| {
            let position = x(value);
            let figure = Figure {
                kind: crate::facts::Kind::Count,
                value: Some(value),
                min: None,
                max: None,
                unit: unit.cloned(),
                qualifier: None,
                basis: None,
                text: String::new(),
            };
            Tick {
                x: position,
                label: locale.amount(&figure, false),
                anchor: if position < 8.0 {
                    "start"
                } else if position > 92.0 {
                    "end"
                } else {
                    "middle"
                },
                line_x: position,
            }
        })
        .collect()
}

/// The unit all points share, for the axis labels; none when they differ.
fn common_unit(points: &[Point]) -> Option<Unit> {
    let first = points.first()?.figure.unit.clone();
    points
        .iter()
        .all(|p| p.figure.unit == first)
        .then_some(first)
        .flatten()
}

fn qualifier_name(qualifier: Option<Qualifier>, is_range: bool) -> &'static str {
    if is_range {
        return "range";
    }
    match qualifier {
        Some(Qualifier::Range) => "range",
        Some(q) => q.as_str(),
        None => "exact",
    }
}

fn legend(marks: &[Mark]) -> Vec<&'static str> {
    let mut legend: Vec<&'static str> = ["over", "at_least", "up_to", "under", "approx", "range"]
        .into_iter()
        .filter(|q| marks.iter().any(|m| m.qualifier == *q))
        .collect();
    if marks.iter().any(|m| m.capped) {
        legend.push("capped");
    }
    legend
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

fn round2(value: f64) -> f64 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn day_number(date: jiff::civil::Date) -> i64 {
    day_number_ymd(
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn day_number_ymd(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn year_of_day(day: i64) -> i64 {
    // Close enough to start from, then corrected exactly.
    let mut year = 1970 + day.div_euclid(365);
    while day_number_ymd(year, 1, 1) > day {
        year -= 1;
    }
    while day_number_ymd(year + 1, 1, 1) <= day {
        year += 1;
    }
    year
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::facts::Kind;
    use crate::site::format::EN;

    #[test]
    fn no_input_makes_the_ticks_run_on() {
        let x = |v: f64| v;
        for (low, high, step) in [
            (0.0, f64::INFINITY, 1.0),
            (f64::NEG_INFINITY, 0.0, 1.0),
            (0.0, 1e308, 1e-300),
            (0.0, 1.0, 0.0),
            (0.0, 1.0, f64::NAN),
        ] {
            assert!(ticks(low, high, step, &x, None, &EN).len() <= 32);
        }
    }

    #[test]
    fn a_chart_of_the_largest_numbers_is_drawn() {
        let points = [
            point("a", Some(f64::MAX), None, Qualifier::Exact, "2024"),
            point("b", Some(-f64::MAX), None, Qualifier::Exact, "2024"),
        ];
        let chart = bars("c", "Growth", &points, &EN).unwrap();
        assert!(chart.ticks.len() <= 32);
        let chart = timeline("t", "Growth", &points, &EN);
        assert!(chart.is_none_or(|c| c.ticks.len() <= 32));
    }

    /// A growth figure of `label` on a chart, for the tests here and in `compare`.
    pub(in crate::site) fn point(
        label: &str,
        value: Option<f64>,
        range: Option<(f64, f64)>,
        qualifier: Qualifier,
        period: &str,
    ) -> Point {
        Point {
            label: label.into(),
            figure: Figure {
                kind: Kind::Growth,
                value,
                min: range.map(|r| r.0),
                max: range.map(|r| r.1),
                unit: Some(Unit::Percent),
                qualifier: Some(qualifier),
                basis: None,
                text: String::new(),
            },
            period: Period::parse(period),
            url: format!("articles/a/index.html#fact-{label}"),
        }
    }

    /// A growth figure of `label` stated exactly.
    fn exact(label: &str, value: f64, period: &str) -> Point {
        point(label, Some(value), None, Qualifier::Exact, period)
    }

    /// The bar chart of `points`, which the test expects to be drawn.
    fn bar_chart(title: &str, points: &[Point]) -> Chart {
        bars("c", title, points, &EN).unwrap()
    }

    /// The timeline of `points`, which the test expects to be drawn.
    fn timeline_chart(points: &[Point]) -> Chart {
        timeline("t", "Over time", points, &EN).unwrap()
    }

    fn tick_labels(chart: &Chart) -> Vec<&str> {
        chart.ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn bars_are_scaled_to_a_nice_maximum_with_room_for_markers() {
        let chart = bar_chart(
            "Growth",
            &[
                exact("a", 155.0, "2024"),
                point("b", Some(200.0), None, Qualifier::Over, "2024"),
            ],
        );
        // Step 100 (200 / 3 rounded up to 1, 2 or 5 times a power of ten): the axis ends at 200.
        assert_eq!(nice_step(200.0 / 3.0), 100.0);
        assert_eq!(chart.marks[1].width, PLOT_WIDTH);
        assert_eq!(chart.marks[0].width, 74.4);
        assert_eq!(chart.marks[1].qualifier, "over");
        assert_eq!(chart.legend, vec!["over"]);
        assert_eq!(tick_labels(&chart), ["0%", "100%", "200%"]);
        assert_eq!(chart.height, 2 * 50 + 26);
    }

    #[test]
    fn a_range_is_drawn_from_its_minimum_to_its_maximum() {
        let chart = bar_chart(
            "Growth",
            &[
                point("r", None, Some((10.0, 99.0)), Qualifier::Range, "2024"),
                point("s", None, Some((10.0, 50.0)), Qualifier::Range, "2024"),
            ],
        );
        let mark = &chart.marks[0];
        assert_eq!(mark.qualifier, "range");
        assert!(!mark.capped);
        // The axis ends at 100 (step 50): 10 is at 9.6% and 99 at 95.04% of the width.
        assert_eq!((mark.x, mark.end), (9.6, 95.04));
        assert_eq!(mark.width, 85.44);
        assert_eq!((mark.track_from, mark.track_to), (0.0, 9.6));
        assert_eq!(mark.value_text, "10–99%");
        assert!(mark.value_inside);
    }

    #[test]
    fn one_value_makes_no_chart() {
        let one = [exact("a", 35.0, "2024")];
        assert!(bars("c", "Price cuts", &one, &EN).is_none());
        assert!(bars("c", "Price cuts", &[], &EN).is_none());
        assert!(timeline("t", "Over time", &one, &EN).is_none());
    }

    #[test]
    fn open_figures_do_not_stretch_the_axis_and_are_capped_at_its_edge() {
        let chart = bar_chart(
            "Growth",
            &[
                exact("firm", 18.0, "2024"),
                exact("fall", -6.0, "2024"),
                point("over", Some(500.0), None, Qualifier::Over, "2024"),
                point("wide", None, Some((100.0, 999.0)), Qualifier::Range, "2024"),
                point("part", None, Some((10.0, 99.0)), Qualifier::Range, "2024"),
            ],
        );
        // The firm figures, -6 and 18, set the axis, with a tenth more room on the side where
        // marks are capped: -10 to 30 in steps of 10.
        assert_eq!(
            tick_labels(&chart),
            ["\u{2212}10%", "0%", "10%", "20%", "30%"]
        );
        let capped: Vec<(&str, bool)> = chart
            .marks
            .iter()
            .map(|m| (m.label.as_str(), m.capped))
            .collect();
        assert_eq!(
            capped,
            [
                ("firm", false),
                ("fall", false),
                ("over", true),
                ("wide", true),
                ("part", true)
            ]
        );
        let (over, wide, part) = (&chart.marks[2], &chart.marks[3], &chart.marks[4]);
        // Drawn to the edge, labelled with the whole value.
        assert_eq!((over.x, over.end), (chart.zero, PLOT_WIDTH));
        assert_eq!(over.value_text, "over 500%");
        // A range wholly beyond the axis is a stub at its edge, with no track to a false start.
        assert_eq!((wide.end, wide.width), (PLOT_WIDTH, STUB));
        assert_eq!(wide.track_from, wide.track_to);
        assert_eq!(wide.value_text, "100–999%");
        // A range that starts on the axis starts where it starts.
        assert_eq!((part.x, part.end), (48.0, PLOT_WIDTH));
        assert!(chart.legend.contains(&"capped"));
    }

    #[test]
    fn open_figures_alone_set_the_axis_with_their_bounds() {
        let chart = bar_chart(
            "Downloads",
            &[
                point("a", Some(40.0), None, Qualifier::Over, "2024"),
                point("b", Some(200.0), None, Qualifier::UpTo, "2024"),
            ],
        );
        assert!(chart.marks.iter().all(|m| !m.capped));
        assert_eq!(chart.marks[1].end, PLOT_WIDTH);
    }

    #[test]
    fn a_timeline_caps_a_column_beyond_its_firm_figures() {
        let chart = timeline_chart(&[
            exact("q1", 10.0, "2024-Q1"),
            exact("q2", 20.0, "2024-Q2"),
            point("q3", Some(900.0), None, Qualifier::Over, "2024-Q3"),
        ]);
        let q3 = &chart.marks[2];
        assert!(q3.capped && !chart.marks[1].capped);
        // The capped column reaches the top of the plot, higher than the tallest firm one.
        assert_eq!(q3.y, PLOT_TOP);
        assert!(q3.y < chart.marks[1].y);
    }

    #[test]
    fn negative_values_grow_left_of_a_zero_line() {
        let chart = bar_chart(
            "Growth",
            &[exact("down", -17.0, "2024"), exact("up", 30.0, "2024")],
        );
        assert!(chart.zero > 0.0);
        let down = &chart.marks[0];
        assert_eq!(down.direction, -1);
        assert_eq!(down.x + down.width, chart.zero);
        assert_eq!((down.value_x, down.value_anchor), (chart.zero, "start"));
    }

    #[test]
    fn a_timeline_places_each_column_over_its_period() {
        let chart = timeline_chart(&[
            exact("q1", 10.0, "2024-Q1"),
            exact("q4", 20.0, "2024-Q4"),
            exact("undated", 5.0, "bad"),
        ]);
        assert_eq!(chart.marks.len(), 2);
        let (q1, q4) = (&chart.marks[0], &chart.marks[1]);
        assert!(q1.x < q4.x);
        // Twice the value, twice the height, both on the baseline.
        assert_eq!(q4.height, 2.0 * q1.height);
        assert_eq!(q1.y + q1.height, chart.zero);
        assert_eq!(tick_labels(&chart), ["2024"]);
    }

    #[test]
    fn days_are_counted_from_1970() {
        assert_eq!(day_number_ymd(1970, 1, 1), 0);
        assert_eq!(day_number_ymd(2000, 3, 1), 11_017);
        assert_eq!(year_of_day(day_number_ymd(2024, 12, 31)), 2024);
        assert_eq!(year_of_day(day_number_ymd(2025, 1, 1)), 2025);
    }
}
