//! The basis resolver: what a growth is measured against. A basis word ("year-over-year", "year
//! on year", "sequentially", "on the year"), or a base the sentence names after the figure and
//! before the next change ("from a year earlier", "than in the previous quarter", "compared
//! with 2003", "on 2003", "from its 2003 level"): a base a year before the fact's period is
//! year-over-year, a quarter before quarter-over-quarter, a month before month-over-month.

use super::super::candidate::Candidate;
use super::super::period::{Context, Mention, Role, Time, When};
use super::super::scene::Scene;
use super::Choice;
use crate::facts::{Basis, Kind};

/// The basis of a growth `candidate` whose period is `period`; `next` is the first token of
/// the next growth in the sentence.
pub(crate) fn basis(
    scene: &Scene,
    candidate: &Candidate,
    period: Option<Time>,
    context: &Context,
    next: usize,
) -> Choice<Option<Basis>> {
    let amount = &candidate.amount;
    let start = scene.clause_start(amount);
    let end = next.min(scene.tokens.len());
    if let Some(b) = (amount.last + 1..end)
        .chain(start..amount.first)
        .find_map(|i| basis_word(scene, i))
    {
        return Choice::new(Some(b), "a basis word", 0.9);
    }
    let is_base = |m: &&Mention| m.role == Role::Base || on_year(scene, m);
    let after = scene
        .mentions
        .iter()
        .filter(|m| m.first > amount.last && m.first < end)
        .filter(is_base);
    let before = scene
        .mentions
        .iter()
        .rev()
        .filter(|m| m.first >= start && m.last < amount.first)
        .filter(is_base);
    for m in after.chain(before) {
        if let Some(b) = base_of(m, period, context) {
            return Choice::new(Some(b), "the time it is compared with", 0.85);
        }
    }
    Choice::new(None, "no base is stated", 0.85)
}

/// "on 2003": a year right after "on", the British way of naming a base.
fn on_year(scene: &Scene, m: &Mention) -> bool {
    m.first > 0 && scene.word(m.first - 1) == "on" && matches!(m.when, When::Fixed(Time::Year(_)))
}

/// The basis a base mention gives a fact of `period`.
fn base_of(m: &Mention, period: Option<Time>, context: &Context) -> Option<Basis> {
    if let When::Before { months } = m.when {
        return by_months(months);
    }
    let base = m.resolve(context)?;
    // A year named as the base of a change whose own period is not stated: the year before.
    let Some(period) = period else {
        return matches!(base, Time::Year(_)).then_some(Basis::YearOverYear);
    };
    let months = month_index(period.last_month()) - month_index(base.last_month());
    // A fiscal quarter ending in October and "Q2" read as April to June are a quarter apart
    // all the same: quarters and years compare within a month.
    let months = match months {
        2..=4 if period.months() >= 3 => 3,
        11..=13 if period.months() >= 3 => 12,
        m => m,
    };
    (period.months() == base.months() || period.months() == 0)
        .then(|| by_months(months))
        .flatten()
}

fn month_index((y, m): (i16, i8)) -> i32 {
    y as i32 * 12 + m as i32
}

fn by_months(months: i32) -> Option<Basis> {
    match months {
        12 => Some(Basis::YearOverYear),
        3 => Some(Basis::QuarterOverQuarter),
        1 => Some(Basis::MonthOverMonth),
        _ => None,
    }
}

/// The basis word at token `i`: "year-over-year", "y-o-y", "sequentially", "year on year",
/// "on the year", "on the quarter".
pub(crate) fn basis_word(scene: &Scene, i: usize) -> Option<Basis> {
    let w = scene.word(i);
    let next = |k: usize| scene.word(i + k);
    Some(match w {
        "year-over-year" | "year-on-year" | "yoy" | "y-o-y" => Basis::YearOverYear,
        "quarter-over-quarter" | "quarter-on-quarter" | "qoq" | "sequentially" | "sequential" => {
            Basis::QuarterOverQuarter
        }
        "month-over-month" | "month-on-month" | "mom" => Basis::MonthOverMonth,
        "year" if matches!(next(1), "on" | "over") && next(2) == "year" => Basis::YearOverYear,
        "quarter" if matches!(next(1), "on" | "over") && next(2) == "quarter" => {
            Basis::QuarterOverQuarter
        }
        "on" if next(1) == "the" && next(2) == "year" => Basis::YearOverYear,
        "on" if next(1) == "the" && next(2) == "quarter" => Basis::QuarterOverQuarter,
        _ => return None,
    })
}

/// Whether a kind takes a basis at all.
pub(crate) fn applies(kind: &Kind) -> bool {
    *kind == Kind::Growth
}

#[cfg(test)]
mod tests {
    use super::super::super::corpus::check_field;

    fn basis(f: &crate::facts::Fact) -> Option<String> {
        f.basis.map(|b| b.to_string())
    }

    #[test]
    fn the_basis_is_the_base_the_growth_is_measured_against() {
        check_field(
            "2005-03-01",
            basis,
            &[
                (
                    "Pre-tax profits at Harlow for 2004 rose £380m, or 12.5%, on 2003.",
                    "12.5%",
                    Some("year-over-year"),
                ),
                (
                    "Earnings were 16% higher than in the previous quarter and 111% higher than a year earlier.",
                    "16%",
                    Some("quarter-over-quarter"),
                ),
                (
                    "Earnings were 16% higher than in the previous quarter and 111% higher than a year earlier.",
                    "111%",
                    Some("year-over-year"),
                ),
                (
                    "Exports rose 1.4% on the year.",
                    "1.4%",
                    Some("year-over-year"),
                ),
                (
                    "Storage revenue declined 8% sequentially to $640 million.",
                    "8%",
                    Some("quarter-over-quarter"),
                ),
                (
                    "Revenue rose 6% in 2004 to £1.4bn, compared with £1.32bn in 2003.",
                    "6%",
                    Some("year-over-year"),
                ),
                ("Revenue rose 6% to £1.4bn.", "6%", None),
            ],
        );
    }
}
