//! Which facts a chart may set side by side, what the chart is called and its id.
//!
//! Bars on one axis are read as comparable, so a chart holds only like facts: one kind, unit,
//! metric, basis and period ([`Group`]). A year-over-year rise beside a quarter-over-quarter one,
//! or last year's revenue beside this quarter's, would mislead however well it is drawn. A
//! series ([`Series`]) is one metric of one subject across periods of one length: a column per
//! period ([`one_per_period`]).

use std::collections::{BTreeMap, BTreeSet};

use super::charts::Point;
use super::format::Locale;
use super::links;
use crate::facts::{Basis, Fact, Kind, Period, Qualifier, Unit};

/// What the facts of one bar chart share.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Group {
    /// The kind's rank first, so that groups sort in the order of a fact sheet's sections.
    rank: usize,
    pub kind: Kind,
    pub unit: Option<Unit>,
    /// Folded by [`fold_metric`]: spellings of one metric are one group.
    pub metric: String,
    pub basis: Option<Basis>,
    pub period: Option<Period>,
}

impl Group {
    /// The group of a fact a chart can draw; none for a comparison or a fact with no number.
    pub fn of(fact: &Fact) -> Option<Group> {
        let numeric = fact.value.is_some() || (fact.min.is_some() && fact.max.is_some());
        if fact.kind == Kind::Comparison || !numeric {
            return None;
        }
        Some(Group {
            rank: fact.kind.rank(),
            kind: fact.kind.clone(),
            unit: fact.unit.clone(),
            metric: fact.metric.as_deref().map(fold_metric).unwrap_or_default(),
            basis: fact.basis,
            period: fact.period.clone(),
        })
    }

    /// The series the group's facts belong to on their subject's page, if they are dated.
    pub fn series(&self) -> Option<Series> {
        Some(Series {
            rank: self.rank,
            kind: self.kind.clone(),
            unit: self.unit.clone(),
            metric: self.metric.clone(),
            basis: self.basis,
            grain: Grain::of(self.period.as_ref()?),
        })
    }

    /// "Cloud revenue growth, year-over-year, Q3 2025"; `metric` is the spelling to show.
    pub fn title(&self, metric: &str, locale: &Locale) -> String {
        let metric = if self.metric.is_empty() { "" } else { metric };
        let mut parts = vec![heading(&self.kind, self.unit.as_ref(), metric, locale)];
        parts.extend(self.basis.map(|b| locale.basis(b).to_string()));
        parts.extend(self.period.as_ref().map(|p| locale.period(p.as_str())));
        parts.join(", ")
    }

    /// `chart-growth-cloud-revenue-yoy-2025-q3`: the same for the same group in every build.
    pub fn id(&self) -> String {
        let period = self.period.as_ref().map(|p| links::slug(p.as_str()));
        chart_id(
            &self.kind,
            self.unit.as_ref(),
            &self.metric,
            self.basis,
            period,
        )
    }
}

/// What the points of one timeline share: a [`Group`] without its period, and how long the
/// periods are, since a year's growth and a quarter's are different figures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Series {
    rank: usize,
    pub kind: Kind,
    pub unit: Option<Unit>,
    pub metric: String,
    pub basis: Option<Basis>,
    pub grain: Grain,
}

impl Series {
    /// "Cloud revenue growth, year-over-year, by quarter".
    pub fn title(&self, metric: &str, locale: &Locale) -> String {
        let metric = if self.metric.is_empty() { "" } else { metric };
        let mut parts = vec![heading(&self.kind, self.unit.as_ref(), metric, locale)];
        parts.extend(self.basis.map(|b| locale.basis(b).to_string()));
        parts.push(format!("by {}", self.grain.word()));
        parts.join(", ")
    }

    /// `chart-growth-cloud-revenue-yoy-by-quarter`.
    pub fn id(&self) -> String {
        let grain = Some(format!("by-{}", self.grain.word()));
        chart_id(
            &self.kind,
            self.unit.as_ref(),
            &self.metric,
            self.basis,
            grain,
        )
    }
}

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grain {
    Year,
    Quarter,
    Month,
    Day,
    /// `2023-01/2023-07`: any length.
    Interval,
}

impl Grain {
    fn of(period: &Period) -> Grain {
        let text = period.as_str();
        if text.contains('/') {
            return Grain::Interval;
        }
        match text.split('-').collect::<Vec<_>>().as_slice() {
            [_] => Grain::Year,
            [_, part] if part.starts_with('Q') => Grain::Quarter,
            [_, _] => Grain::Month,
            _ => Grain::Day,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Grain::Year => "year",
            Grain::Quarter => "quarter",
            Grain::Month => "month",
            Grain::Day => "day",
            Grain::Interval => "period",
        }
    }
}

/// Words that say again what the period says ("quarterly", "annual") or say nothing ("the"):
/// "quarterly cloud revenue" of Q1 and "cloud revenue" of Q2 are one metric.
const FILLER: &[&str] = &[
    "the",
    "its",
    "their",
    "total",
    "quarterly",
    "annual",
    "annually",
    "yearly",
    "monthly",
];

/// Metrics that only restate a basis: extraction writes `metric: year-over-year` where the
/// sentence names none, and such a fact names no metric.
const BASIS_ONLY: &[&str] = &[
    "year-over-year",
    "quarter-over-quarter",
    "month-over-month",
    "year-on-year",
    "quarter-on-quarter",
    "month-on-month",
    "yoy",
    "qoq",
    "mom",
];

/// A metric as a key: lower case, words of letters and digits (in any script) joined by
/// hyphens, filler words out. "Quarterly Cloud-Revenue" and "cloud revenue" are `cloud-revenue`;
/// a metric that only restates a basis ("year-over-year") is empty.
pub fn fold_metric(metric: &str) -> String {
    let lower = metric.to_lowercase().replace(['\'', '\u{2019}'], "");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .collect();
    if BASIS_ONLY.contains(&words.join("-").as_str()) {
        return String::new();
    }
    if words.is_empty() {
        // A metric of filler alone is still itself.
        return lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
    }
    words.join("-")
}

/// The spellings of a group's metric, to show the one used most.
#[derive(Debug, Clone, Default)]
pub struct Spellings(BTreeMap<String, usize>);

impl Spellings {
    pub fn add(&mut self, metric: Option<&str>) {
        let Some(metric) = metric.map(str::trim).filter(|m| !m.is_empty()) else {
            return;
        };
        // Counted without a copy of the text: a kind page adds every fact of its kind.
        match self.0.get_mut(metric) {
            Some(count) => *count += 1,
            None => {
                self.0.insert(metric.to_string(), 1);
            }
        }
    }

    /// The spelling used most; of equally used ones, the first in code point order.
    pub fn most_used(&self) -> &str {
        self.0
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map_or("", |(spelling, _)| spelling.as_str())
    }
}

/// The head of a chart's title: "Cloud revenue growth", "Archival storage price cuts", "Paying
/// users", "Revenue (USD)"; the kind alone when the facts name no metric.
fn heading(kind: &Kind, unit: Option<&Unit>, metric: &str, locale: &Locale) -> String {
    let label = locale.kind_label(kind);
    let head = if metric.is_empty() {
        label
    } else {
        locale.metric_heading(kind, &label, metric)
    };
    match unit {
        Some(Unit::Percent | Unit::Count) | None => head,
        Some(unit) => format!("{head} ({unit})"),
    }
}

/// Metric words kept in an id: enough to tell charts apart, short enough to read.
const ID_WORDS: usize = 6;

fn chart_id(
    kind: &Kind,
    unit: Option<&Unit>,
    metric: &str,
    basis: Option<Basis>,
    tail: Option<String>,
) -> String {
    let mut parts = vec!["chart".to_string(), links::kind_slug(kind)];
    let metric: Vec<&str> = metric
        .split('-')
        .filter(|w| !w.is_empty())
        .take(ID_WORDS)
        .collect();
    if !metric.is_empty() {
        parts.push(metric.join("-"));
    }
    // Money in two currencies makes two charts of one metric.
    if let Some(Unit::Currency(code)) = unit {
        parts.push(code.to_lowercase());
    }
    parts.extend(basis.map(|b| {
        match b {
            Basis::YearOverYear => "yoy",
            Basis::QuarterOverQuarter => "qoq",
            Basis::MonthOverMonth => "mom",
        }
        .to_string()
    }));
    parts.extend(tail.filter(|t| !t.is_empty()));
    parts.join("-")
}

/// Ids unique on one page: the second chart whose id is taken gets `-2`, the next `-3`.
#[derive(Debug, Default)]
pub struct Ids(BTreeSet<String>);

impl Ids {
    pub fn claim(&mut self, id: String) -> String {
        let mut unique = id.clone();
        let mut number = 2;
        while self.0.contains(&unique) {
            unique = format!("{id}-{number}");
            number += 1;
        }
        self.0.insert(unique.clone());
        unique
    }
}

/// One point per period, oldest first: of several facts of a period, the firmest (an exact
/// value before an approximate one, a narrow range before a wide one, a bound last), ties by
/// link, so the choice is the same in every build. Undated points are left out.
pub fn one_per_period(points: Vec<Point>) -> Vec<Point> {
    let mut keyed: Vec<_> = points
        .into_iter()
        .filter_map(|point| {
            let period = point.period.clone()?;
            let days = period.days();
            Some(((days, period), firmness(&point), point))
        })
        .collect();
    keyed.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.0.cmp(&b.1.0))
            .then_with(|| a.1.1.total_cmp(&b.1.1))
            .then_with(|| a.2.url.cmp(&b.2.url))
    });
    keyed.dedup_by(|later, earlier| later.0 == earlier.0);
    keyed.into_iter().map(|(_, _, point)| point).collect()
}

/// How firmly a figure states its value: the kind of bound first, then the width of a range.
fn firmness(point: &Point) -> (u8, f64) {
    let figure = &point.figure;
    let width = match (figure.min, figure.max) {
        (Some(min), Some(max)) => (max - min).abs(),
        _ => 0.0,
    };
    let rank = match figure.qualifier {
        None | Some(Qualifier::Exact) if width == 0.0 => 0,
        Some(Qualifier::Approx) => 1,
        Some(Qualifier::Over | Qualifier::AtLeast | Qualifier::Under | Qualifier::UpTo) => 3,
        _ => 2,
    };
    (rank, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Number;
    use crate::site::format::EN;

    fn growth(metric: &str, value: f64, basis: Option<Basis>, period: &str) -> Fact {
        let mut fact = Fact::new(Kind::Growth, "Lumen Freight", format!("{value}%"));
        fact.metric = Some(metric.into());
        fact.value = Some(Number(value));
        fact.unit = Some(Unit::Percent);
        fact.qualifier = Some(Qualifier::Exact);
        fact.basis = basis;
        fact.period = Period::parse(period);
        fact
    }

    #[test]
    fn year_over_year_and_quarter_over_quarter_never_share_a_group() {
        let yoy = growth("parcel revenue", 12.0, Some(Basis::YearOverYear), "2025-Q3");
        let qoq = growth(
            "parcel revenue",
            3.0,
            Some(Basis::QuarterOverQuarter),
            "2025-Q3",
        );
        assert_ne!(Group::of(&yoy), Group::of(&qoq));
    }

    #[test]
    fn different_periods_never_share_a_group() {
        let q2 = growth("parcel revenue", 12.0, Some(Basis::YearOverYear), "2025-Q2");
        let q3 = growth("parcel revenue", 9.0, Some(Basis::YearOverYear), "2025-Q3");
        assert_ne!(Group::of(&q2), Group::of(&q3));
        // ... but they are one series.
        assert_eq!(
            Group::of(&q2).and_then(|g| g.series()),
            Group::of(&q3).and_then(|g| g.series())
        );
    }

    #[test]
    fn spellings_of_one_metric_are_one_group() {
        let a = growth("Quarterly parcel revenue", 12.0, None, "2025-Q3");
        let b = growth("parcel-revenue", 9.0, None, "2025-Q3");
        assert_eq!(Group::of(&a), Group::of(&b));
        assert_eq!(fold_metric("Fleet's  Total Miles"), "fleets-miles");
        assert_eq!(fold_metric("annual"), "annual");
        assert_eq!(fold_metric("Year-over-Year"), "");
        let restated = growth("year-over-year", 9.0, Some(Basis::YearOverYear), "2025-Q3");
        let restated = Group::of(&restated).unwrap();
        assert_eq!(
            restated.title("year-over-year", &EN),
            "Growth, year-over-year, Q3 2025"
        );
        assert_eq!(restated.id(), "chart-growth-yoy-2025-q3");
        assert_eq!(fold_metric("Frachtumsatz Ärger"), "frachtumsatz-ärger");
    }

    #[test]
    fn comparisons_and_facts_without_a_number_are_not_charted() {
        let mut fact = growth("parcel revenue", 1.0, None, "2025");
        fact.value = None;
        assert_eq!(Group::of(&fact), None);
        let mut comparison = growth("parcel revenue", 1.0, None, "2025");
        comparison.kind = Kind::Comparison;
        assert_eq!(Group::of(&comparison), None);
    }

    #[test]
    fn titles_say_what_is_compared() {
        let fact = growth("parcel revenue", 12.0, Some(Basis::YearOverYear), "2025-Q3");
        let group = Group::of(&fact).unwrap();
        assert_eq!(
            group.title("parcel revenue", &EN),
            "Parcel revenue growth, year-over-year, Q3 2025"
        );
        assert_eq!(group.id(), "chart-growth-parcel-revenue-yoy-2025-q3");
        let series = group.series().unwrap();
        assert_eq!(
            series.title("parcel revenue", &EN),
            "Parcel revenue growth, year-over-year, by quarter"
        );
        assert_eq!(series.id(), "chart-growth-parcel-revenue-yoy-by-quarter");

        let mut cut = growth("storage price", 30.0, None, "2025-03");
        cut.kind = Kind::PriceCut;
        let cut = Group::of(&cut).unwrap();
        assert_eq!(
            cut.title("storage price", &EN),
            "Storage price cuts, March 2025"
        );
        assert_eq!(cut.id(), "chart-price-cut-storage-price-2025-03");

        let mut users = growth("paying users", 4e6, None, "2024");
        users.kind = Kind::Count;
        users.unit = Some(Unit::Count);
        assert_eq!(
            Group::of(&users).unwrap().title("paying users", &EN),
            "Paying users, 2024"
        );

        let mut money = growth("", 5e9, None, "2024");
        money.kind = Kind::Money;
        money.metric = None;
        money.unit = Unit::parse("USD");
        let money = Group::of(&money).unwrap();
        assert_eq!(money.title("", &EN), "Money (USD), 2024");
        assert_eq!(money.id(), "chart-money-usd-2024");
    }

    #[test]
    fn ids_taken_twice_are_numbered() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("chart-a".into()), "chart-a");
        assert_eq!(ids.claim("chart-a".into()), "chart-a-2");
        assert_eq!(ids.claim("chart-a".into()), "chart-a-3");
    }

    #[test]
    fn the_most_used_spelling_names_the_metric() {
        let mut spellings = Spellings::default();
        for metric in [
            "Parcel revenue",
            "parcel revenue",
            "parcel revenue",
            "Parcel revenue",
        ] {
            spellings.add(Some(metric));
        }
        // A tie: the first in code point order.
        assert_eq!(spellings.most_used(), "Parcel revenue");
        spellings.add(Some("parcel revenue"));
        assert_eq!(spellings.most_used(), "parcel revenue");
    }

    fn point(
        value: Option<f64>,
        range: Option<(f64, f64)>,
        q: Qualifier,
        period: &str,
        url: &str,
    ) -> Point {
        Point {
            url: url.into(),
            ..super::super::charts::tests::point("", value, range, q, period)
        }
    }

    #[test]
    fn a_series_has_one_point_per_period_the_firmest() {
        let points = vec![
            point(Some(40.0), None, Qualifier::Over, "2025-Q2", "a"),
            point(None, Some((10.0, 99.0)), Qualifier::Range, "2025-Q2", "b"),
            point(Some(41.0), None, Qualifier::Approx, "2025-Q2", "c"),
            point(Some(12.0), None, Qualifier::Exact, "2025-Q1", "e"),
            point(Some(12.0), None, Qualifier::Exact, "2025-Q1", "d"),
            point(Some(50.0), None, Qualifier::Exact, "bad", "f"),
        ];
        let kept: Vec<String> = one_per_period(points).into_iter().map(|p| p.url).collect();
        assert_eq!(kept, ["d", "c"]);
    }
}
