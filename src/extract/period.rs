//! When a fact holds: "Q2", "the second quarter of 2024", "fiscal 2025", "FY25", "first half",
//! "H1", months, years, intervals ("first seven months", "July through September", "April-June
//! quarter", "January 24 to 25", "the three months to December", "the year to March"), and
//! wording relative to the article's date or to the period in context ("In May", "last year",
//! "a year earlier", "the previous quarter", "the same period last year", "to date", "the past
//! seven days", "trailing twelve months").
//!
//! A sentence's mentions are read once into [`Mention`]s; each says what it names ([`When`])
//! before anything is resolved, because "a year earlier" and "the quarter" only mean something
//! against the period the fact's context is about. [`Time`] is the resolved value, written as
//! FACTS.md's ISO 8601 periods by [`Time::iso`].
//!
//! A mention after "than", "from", "compared with" or "since" is the base a change is measured
//! against ([`Role::Base`]): the time of the figure stated for that base, and, for a growth, its
//! basis.

use jiff::civil::Date;

use super::number::number_word;
use super::text::{Token, TokenKind};
use super::words;

/// A span of calendar time, as a fact's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    Year(i16),
    Quarter(i16, i8),
    Month(i16, i8),
    Day(Date),
    /// Whole months, first and last included.
    Months((i16, i8), (i16, i8)),
    Days(Date, Date),
}

impl Time {
    /// FACTS.md's ISO 8601 form; months that make a calendar quarter or year are written as one.
    pub fn iso(&self) -> String {
        match *self {
            Time::Year(y) => format!("{y:04}"),
            Time::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Time::Month(y, m) => format!("{y:04}-{m:02}"),
            Time::Day(d) => d.to_string(),
            Time::Months(a, b) => match Time::Months(a, b).simplified() {
                Time::Months((ya, ma), (yb, mb)) => {
                    format!("{ya:04}-{ma:02}/{yb:04}-{mb:02}")
                }
                other => other.iso(),
            },
            Time::Days(a, b) => format!("{a}/{b}"),
        }
    }

    /// The time an ISO period of FACTS.md names: the inverse of [`Time::iso`].
    pub fn parse(iso: &str) -> Option<Time> {
        if let Some((a, b)) = iso.split_once('/') {
            return match (Time::parse(a)?, Time::parse(b)?) {
                (Time::Day(a), Time::Day(b)) => Some(Time::Days(a, b)),
                (a, b) => Some(Time::Months(a.first_month(), b.last_month()).simplified()),
            };
        }
        let year: i16 = iso.get(..4)?.parse().ok()?;
        match iso.get(4..) {
            Some("") => Some(Time::Year(year)),
            Some(rest) => {
                let rest = rest.strip_prefix('-')?;
                if let Some(q) = rest.strip_prefix('Q') {
                    return Some(Time::Quarter(
                        year,
                        q.parse().ok().filter(|q| (1..=4).contains(q))?,
                    ));
                }
                if rest.len() == 2 {
                    return Some(Time::Month(
                        year,
                        rest.parse().ok().filter(|m| (1..=12).contains(m))?,
                    ));
                }
                iso.parse::<Date>().ok().map(Time::Day)
            }
            None => None,
        }
    }

    /// A stretch of months that is exactly a calendar quarter, year or month, as that.
    fn simplified(self) -> Time {
        let Time::Months((ya, ma), (yb, mb)) = self else {
            return self;
        };
        if (ya, ma) == (yb, mb) {
            Time::Month(ya, ma)
        } else if ya == yb && ma == 1 && mb == 12 {
            Time::Year(ya)
        } else if ya == yb && mb == ma + 2 && ma % 3 == 1 {
            Time::Quarter(ya, (ma - 1) / 3 + 1)
        } else {
            self
        }
    }

    /// The first month the time covers.
    pub fn first_month(&self) -> (i16, i8) {
        match *self {
            Time::Year(y) => (y, 1),
            Time::Quarter(y, q) => (y, (q - 1) * 3 + 1),
            Time::Month(y, m) => (y, m),
            Time::Day(d) | Time::Days(d, _) => (d.year(), d.month()),
            Time::Months(a, _) => a,
        }
    }

    /// The last month the time covers.
    pub fn last_month(&self) -> (i16, i8) {
        match *self {
            Time::Year(y) => (y, 12),
            Time::Quarter(y, q) => (y, q * 3),
            Time::Month(y, m) => (y, m),
            Time::Day(d) | Time::Days(_, d) => (d.year(), d.month()),
            Time::Months(_, b) => b,
        }
    }

    /// How many whole months the time covers; 0 for days.
    pub fn months(&self) -> i32 {
        match self {
            Time::Day(_) | Time::Days(..) => 0,
            _ => month_index(self.last_month()) - month_index(self.first_month()) + 1,
        }
    }

    /// The same stretch of time `months` later (earlier when negative).
    pub fn shifted(&self, months: i32) -> Option<Time> {
        let shift = |ym: (i16, i8)| from_index(month_index(ym) + months);
        Some(match *self {
            Time::Year(y) if months % 12 == 0 => Time::Year(y + (months / 12) as i16),
            Time::Quarter(..) if months % 3 == 0 => {
                let (y, m) = shift(self.first_month());
                Time::Quarter(y, (m - 1) / 3 + 1)
            }
            Time::Month(y, m) => {
                let (y, m) = shift((y, m));
                Time::Month(y, m)
            }
            Time::Day(d) => Time::Day(d.checked_add(jiff::Span::new().months(months)).ok()?),
            Time::Days(a, b) => {
                let span = jiff::Span::new().months(months);
                Time::Days(a.checked_add(span).ok()?, b.checked_add(span).ok()?)
            }
            _ => Time::Months(shift(self.first_month()), shift(self.last_month())).simplified(),
        })
    }

    /// The same stretch of time `days` later (earlier when negative); days only.
    pub fn shifted_days(&self, days: i64) -> Option<Time> {
        let span = jiff::Span::new().days(days);
        match *self {
            Time::Day(d) => Some(Time::Day(d.checked_add(span).ok()?)),
            _ => None,
        }
    }

    /// The `months` months that end with the month `end`.
    pub fn ending(months: i32, end: (i16, i8)) -> Time {
        let start = from_index(month_index(end) - months + 1);
        Time::Months(start, end).simplified()
    }

    /// The year that holds the time's last month.
    pub fn year(&self) -> i16 {
        self.last_month().0
    }
}

fn month_index((y, m): (i16, i8)) -> i32 {
    y as i32 * 12 + (m as i32 - 1)
}

fn from_index(i: i32) -> (i16, i8) {
    ((i.div_euclid(12)) as i16, (i.rem_euclid(12) + 1) as i8)
}

/// One mention of a time in a sentence: tokens `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub first: usize,
    pub last: usize,
    pub when: When,
    pub role: Role,
}

/// What a mention says, before it is resolved against the article's date and the context.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// A time written out: "the second quarter of 2024", "May 1, 2025", "2024".
    Fixed(Time),
    /// "currently", "to date", "now": the article's date.
    Now,
    /// "At the ... Conference": an event the article reports, in the article's month.
    Event,
    /// "the quarter", "the year", "the period", "the full year": the one in context.
    Context(Grain),
    /// "the three months to December", "the year to March 2005": `months` months ending in
    /// `month` (of `year` when written, else the latest such month by the article's date).
    Ending {
        months: i32,
        month: i8,
        year: Option<i16>,
    },
    /// "a year earlier", "the previous quarter", "the same period last year": the time in
    /// context, `months` months before.
    Before { months: i32 },
    /// "the day before": the day in context, a day before.
    DayBefore,
    /// "the third quarter" with no year: the latest such quarter to have begun by the
    /// article's date, unless the sentence has said the year (see `resolve::period`).
    QuarterOfYear(i8),
    /// "the second quarter of fiscal 2026": a quarter of a fiscal year, whose calendar months
    /// only the article can say ("which ended July 26, 2025").
    FiscalQuarter { quarter: i8, year: i16 },
    /// "trailing twelve months": the year up to the period in context.
    TrailingYear,
    /// "the first seven months": of the year in context.
    FirstMonths(i8),
    /// A window that only dates something else ("the last six quarters"): masks its numbers.
    Unresolved,
}

/// What "the ..." refers back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Quarter,
    Year,
    FirstHalf,
    /// "the period", "the same period": whatever time is in context.
    Any,
}

/// How a mention relates to the facts of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The time of the facts around it; carried on to the next sentences.
    Time,
    /// A window ("the past seven days") that dates its own clause only.
    Window,
    /// The base of a comparison ("than in the first quarter of 2024", "a year earlier").
    Base,
}

/// What resolving a mention can lean on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The article's date.
    pub date: Option<Date>,
    /// The period the sentence or paragraph is about.
    pub period: Option<Time>,
    /// The clause looks ahead ("will", "expects"): a bare month is the next one, not the last.
    pub ahead: bool,
}

impl Mention {
    /// The reason a number inside this mention is not an amount.
    pub fn reason(&self) -> &'static str {
        match (&self.when, self.role) {
            (When::Unresolved, _) | (_, Role::Window) => "a window of time",
            (When::Fixed(Time::Year(_)), _) => "a year",
            (When::Fixed(Time::Day(_) | Time::Days(..)), _) => "a date",
            _ => "a period",
        }
    }

    /// The time the mention names, in `context`.
    pub fn resolve(&self, context: &Context) -> Option<Time> {
        let date = context.date;
        match &self.when {
            When::Fixed(t) => Some(*t),
            When::Now => date.map(Time::Day),
            When::Event => date.map(|d| Time::Month(d.year(), d.month())),
            When::Context(grain) => grain_in(*grain, context),
            When::Ending {
                months,
                month,
                year,
            } => {
                let y = match year {
                    Some(y) => *y,
                    None if context.ahead => next_year_of_month(date, *month)?,
                    None => last_year_of_month(date, *month, context.period)?,
                };
                Some(Time::ending(*months, (y, *month)))
            }
            When::Before { months } => match context.period {
                Some(p) => p.shifted(-months),
                None => Time::Day(date?).shifted(-months),
            },
            When::DayBefore => context.period?.shifted_days(-1),
            When::QuarterOfYear(q) => {
                let d = date?;
                let started = (q - 1) * 3 < d.month();
                let y = if started { d.year() } else { d.year() - 1 };
                Some(Time::Quarter(y, *q))
            }
            When::FiscalQuarter { quarter, year } => {
                // Without the article's word on its calendar, a fiscal quarter is read as the
                // calendar quarter of its number, a year earlier when that would lie more than
                // half a year after the article (fiscal years are named by the year they end).
                let t = Time::Quarter(*year, *quarter);
                let d = date?;
                let ahead = month_index(t.first_month()) - month_index((d.year(), d.month()));
                if ahead > 6 { t.shifted(-12) } else { Some(t) }
            }
            When::TrailingYear => {
                let end = context
                    .period
                    .map(|p| p.last_month())
                    .or_else(|| date.map(|d| (d.year(), d.month())))?;
                Some(Time::ending(12, end))
            }
            When::FirstMonths(n) => {
                let y = context
                    .period
                    .map(|p| p.first_month().0)
                    .or_else(|| date.map(|d| d.year()))?;
                Some(Time::Months((y, 1), (y, *n)))
            }
            When::Unresolved => None,
        }
    }
}

/// "the quarter", "the year", "the first half", "the period" in `context`.
fn grain_in(grain: Grain, context: &Context) -> Option<Time> {
    let period = context.period;
    match grain {
        Grain::Any => period,
        Grain::Quarter => period.filter(|p| p.months() == 3).or_else(|| {
            let d = context.date?;
            let (y, m) = from_index(month_index((d.year(), d.month())) - 3);
            Some(Time::Quarter(y, (m - 1) / 3 + 1))
        }),
        Grain::Year => match period {
            Some(p) if p.months() == 12 => Some(p),
            Some(p) => Some(Time::Year(p.year())),
            None => {
                // A full year reported early in the next is the year just ended.
                let d = context.date?;
                Some(Time::Year(if d.month() <= 3 {
                    d.year() - 1
                } else {
                    d.year()
                }))
            }
        },
        Grain::FirstHalf => {
            let y = period
                .map(|p| p.first_month().0)
                .or_else(|| context.date.map(|d| d.year()))?;
            Some(Time::Months((y, 1), (y, 6)))
        }
    }
}

/// The latest year in which `month` has ended by the article's date, or, without one, the
/// year of the period in context.
fn last_year_of_month(date: Option<Date>, month: i8, period: Option<Time>) -> Option<i16> {
    match date {
        Some(d) => Some(if month < d.month() {
            d.year()
        } else {
            d.year() - 1
        }),
        None => period.map(|p| p.year()),
    }
}

/// The latest year in which `month` has begun by `date`.
fn latest_year_of_month(date: Option<Date>, month: i8) -> Option<i16> {
    let d = date?;
    Some(if month <= d.month() {
        d.year()
    } else {
        d.year() - 1
    })
}

/// The year of the first `month` from the article's date on.
fn next_year_of_month(date: Option<Date>, month: i8) -> Option<i16> {
    let d = date?;
    Some(if month >= d.month() {
        d.year()
    } else {
        d.year() + 1
    })
}

fn month_named(lower: &str) -> Option<i8> {
    words::MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower) && lower != "may"))
        .map(|p| p as i8 + 1)
}

fn month_of(token: &Token) -> Option<i8> {
    if !token.text.starts_with(char::is_uppercase) {
        return None;
    }
    let lower = token.lower.trim_end_matches('.');
    month_named(lower)
}

fn year_token(token: &Token) -> Option<i16> {
    let t = token.text;
    (token.kind == TokenKind::Number && t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1950..=2100).contains(y))
}

fn day_token(token: &Token) -> Option<i8> {
    let digits: String = token
        .text
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let suffix = &token.lower[digits.len()..];
    if token.kind != TokenKind::Number || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn ordinal(lower: &str) -> Option<i8> {
    Some(match lower {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => return None,
    })
}

fn count_at(token: &Token) -> Option<i64> {
    if token.kind == TokenKind::Number {
        return token.text.parse().ok();
    }
    number_word(&token.lower).map(|v| v as i64)
}

/// Every time mention of `tokens`, left to right, none overlapping.
pub fn mentions(tokens: &[Token], date: Option<Date>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    if let Some(event) = event_opener(tokens) {
        i = event.last + 1;
        out.push(event);
    }
    while i < tokens.len() {
        if let Some((last, when, window)) = mention_at(tokens, i, date)
            && !counts_a_streak(tokens, last)
        {
            let role = if window {
                Role::Window
            } else if is_base(tokens, i)
                || matches!(when, When::Before { .. } | When::DayBefore)
                    && !matches!(tokens[i].lower.as_str(), "last" | "this")
            {
                Role::Base
            } else {
                Role::Time
            };
            out.push(Mention {
                first: i,
                last,
                when,
                role,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// "At the Cloud Summit, ...": a sentence set at an event.
fn event_opener(tokens: &[Token]) -> Option<Mention> {
    let start = tokens.iter().position(|t| t.kind != TokenKind::Symbol)?;
    if !tokens[start].is("at") {
        return None;
    }
    let comma = tokens[start..]
        .iter()
        .take(12)
        .position(|t| t.is_symbol(','))?
        + start;
    let event = tokens[start..comma]
        .iter()
        .any(|t| words::EVENTS.contains(&t.lower.as_str()));
    event.then_some(Mention {
        first: start,
        last: comma - 1,
        when: When::Event,
        role: Role::Time,
    })
}

/// Whether the mention starting at `i` is the base of a comparison.
fn is_base(tokens: &[Token], i: usize) -> bool {
    // "rose £380m, or 12.5%, on 2003": a year right after a change's "on" is what it is
    // measured against, the British way of naming a base.
    let year = tokens[i].kind == TokenKind::Number && tokens[i].text.len() == 4;
    let after_figure = |t: &Token| {
        t.kind == TokenKind::Number
            || matches!(
                t.lower.as_str(),
                "," | "%" | "million" | "billion" | "bn" | "m"
            )
    };
    if year && i >= 2 && tokens[i - 1].lower == "on" && after_figure(&tokens[i - 2]) {
        return true;
    }
    for back in 1..=7 {
        let Some(t) = i.checked_sub(back).map(|j| &tokens[j]) else {
            return false;
        };
        if words::BASE_MARKERS.contains(&t.lower.as_str()) {
            return true;
        }
        // "compared with £1.32bn in 2003": the base's own figure lies between.
        let figure = t.kind == TokenKind::Number
            || matches!(t.text, "$" | "\u{a3}" | "\u{20ac}" | "\u{a5}")
            || matches!(
                t.lower.as_str(),
                "million" | "billion" | "bn" | "m" | "trillion"
            );
        if figure {
            continue;
        }
        if t.kind != TokenKind::Word
            || !matches!(
                t.lower.as_str(),
                "in" | "the"
                    | "it"
                    | "was"
                    | "were"
                    | "at"
                    | "with"
                    | "to"
                    | "of"
                    | "end"
                    | "they"
                    | "its"
                    | "their"
                    | "level"
                    | "levels"
            )
        {
            return false;
        }
    }
    false
}

type Found = Option<(usize, When, bool)>;

/// The mention starting at token `i`: its last token, what it says, and whether it is a
/// window that dates its own clause only.
fn mention_at(tokens: &[Token], i: usize, date: Option<Date>) -> Found {
    let t = &tokens[i];
    // "year-over-year" and its kin are a basis, read by the basis resolver.
    if t.lower.contains("-over-") || t.lower.contains("-on-") {
        return None;
    }
    now(tokens, i)
        .or_else(|| before(tokens, i))
        .or_else(|| ending(tokens, i))
        .or_else(|| quarter_or_half(tokens, i, date))
        .or_else(|| in_context(tokens, i))
        .or_else(|| window(tokens, i, date))
        .or_else(|| relative_year(tokens, i, date))
        .or_else(|| months(tokens, i, date))
        .or_else(|| weekday(tokens, i, date))
        .or_else(|| year(tokens, i))
}

fn word<'a>(tokens: &'a [Token], k: usize) -> &'a str {
    tokens.get(k).map_or("", |t| t.lower.as_str())
}

fn fixed(last: usize, t: Time) -> Found {
    Some((last, When::Fixed(t), false))
}

/// "currently", "to date", "so far", "at present".
fn now(tokens: &[Token], i: usize) -> Found {
    match (word(tokens, i), word(tokens, i + 1)) {
        ("currently" | "now" | "today" | "presently", _) => Some((i, When::Now, false)),
        ("to", "date") | ("so", "far") | ("at", "present") => Some((i + 1, When::Now, false)),
        _ => None,
    }
}

/// "a year earlier", "a year ago", "year-earlier", "the previous quarter", "the prior year",
/// "the same period last year", "the same quarter a year ago", "the month before", "the day
/// before".
fn before(tokens: &[Token], i: usize) -> Found {
    let w = |k: usize| word(tokens, i + k);
    let back = |last: usize, months: i32| Some((last, When::Before { months }, false));
    let unit = |s: &str| match s.trim_end_matches('s') {
        "year" => Some(12),
        "quarter" => Some(3),
        "month" => Some(1),
        _ => None,
    };
    let earlier = |s: &str| matches!(s, "earlier" | "ago" | "before" | "prior" | "previously");
    match w(0) {
        "year-earlier" | "year-ago" | "prior-year" | "year-before" => return back(i, 12),
        "quarter-earlier" | "prior-quarter" | "previous-quarter" => return back(i, 3),
        _ => {}
    }
    // "a year earlier", "a quarter ago", "two years earlier", "the year before".
    if matches!(w(0), "a" | "one" | "the") && earlier(w(2)) {
        if let Some(m) = unit(w(1)) {
            return back(i + 2, m);
        }
        if w(1) == "day" {
            return Some((i + 2, When::DayBefore, false));
        }
    }
    if let Some(n) = tokens
        .get(i)
        .and_then(count_at)
        .filter(|n| (2..=10).contains(n))
        && let Some(m) = unit(w(1))
        && earlier(w(2))
    {
        return back(i + 2, m * n as i32);
    }
    // "the previous quarter", "the prior year", "the preceding three months".
    if w(0) == "the" && matches!(w(1), "previous" | "prior" | "preceding") {
        if let Some(m) = unit(w(2)) {
            return back(i + 2, m);
        }
        if w(2) == "three" && w(3) == "months" {
            return back(i + 3, 3);
        }
    }
    // "the same period/quarter/month last year", "the same quarter a year ago/earlier".
    if w(0) == "the" && w(1) == "same" && matches!(w(2), "period" | "quarter" | "month" | "time") {
        if w(3) == "last" && w(4) == "year" || w(3) == "of" && w(4) == "last" && w(5) == "year" {
            let last = if w(3) == "of" { i + 5 } else { i + 4 };
            return back(last, 12);
        }
        if w(3) == "a" && w(4) == "year" && earlier(w(5)) {
            return back(i + 5, 12);
        }
        if w(3) == "in" && w(4) == "2" {
            return None;
        }
    }
    None
}

/// "the three months to December", "the year to March 2005", "the six months ended June 30",
/// "the nine months to September", "the 12 months to March".
fn ending(tokens: &[Token], i: usize) -> Found {
    let w = |k: usize| word(tokens, i + k);
    let (months, to_at) = match (w(0), w(1)) {
        ("year" | "twelve-month" | "12-month", "to" | "ended" | "ending" | "through") => {
            (12, i + 1)
        }
        ("half-year" | "half", "to" | "ended" | "ending") => (6, i + 1),
        ("quarter", "to" | "ended" | "ending" | "through") => (3, i + 1),
        _ => {
            let n = tokens
                .get(i)
                .and_then(count_at)
                .filter(|n| (1..=24).contains(n))?;
            if !(w(1) == "months" || w(1) == "month")
                || !matches!(w(2), "to" | "ended" | "ending" | "through")
            {
                return None;
            }
            (n as i32, i + 2)
        }
    };
    let month_at = to_at + 1;
    let month = tokens.get(month_at).and_then(month_of)?;
    let mut last = month_at;
    if tokens.get(last + 1).and_then(day_token).is_some() && year_token(&tokens[last + 1]).is_none()
    {
        last += 1;
    }
    if tokens.get(last + 1).is_some_and(|t| t.is_symbol(','))
        && tokens.get(last + 2).and_then(year_token).is_some()
    {
        last += 1;
    }
    let year = tokens.get(last + 1).and_then(year_token);
    if year.is_some() {
        last += 1;
    }
    Some((
        last,
        When::Ending {
            months,
            month,
            year,
        },
        false,
    ))
}

/// Quarters and halves: "Q2", "Q2 2024", "the second quarter (of 2024)", "second-quarter", "the
/// second quarter of fiscal 2026", "H1", "first half of 2025", "the first half".
fn quarter_or_half(tokens: &[Token], i: usize, date: Option<Date>) -> Found {
    let t = &tokens[i];
    let w = |k: usize| word(tokens, k);
    if t.kind == TokenKind::Word
        && t.lower.len() == 2
        && t.lower.starts_with('q')
        && let Some(q) = t.lower[1..]
            .parse::<i8>()
            .ok()
            .filter(|q| (1..=4).contains(q))
    {
        return quarter(tokens, i, q, date);
    }
    // "FY25", "FY2025".
    if let Some(rest) = t.lower.strip_prefix("fy")
        && rest.bytes().all(|b| b.is_ascii_digit())
        && matches!(rest.len(), 2 | 4)
    {
        let y: i16 = rest.parse().ok()?;
        return fixed(i, Time::Year(if y < 100 { 2000 + y } else { y }));
    }
    if t.kind == TokenKind::Word && matches!(t.lower.as_str(), "h1" | "h2") {
        let half = if t.is("h1") { 1 } else { 2 };
        let (year, last) = year_after(tokens, i + 1, date).unwrap_or((date?.year(), i));
        return fixed(last, half_of(year, half));
    }
    let (ord_word, attached) = match t.lower.split_once('-') {
        Some((o, rest)) => (o, Some(rest)),
        None => (t.lower.as_str(), None),
    };
    let n = ordinal(ord_word)?;
    let (noun, noun_at) = match attached {
        Some(rest) => (rest, i),
        None => (w(i + 1), i + 1),
    };
    match noun {
        "quarter" if n <= 4 => quarter(tokens, noun_at, n, date),
        "half" | "half-year" if n <= 2 => {
            if let Some((year, last)) = year_after(tokens, noun_at + 1, date) {
                return fixed(last, half_of(year, n));
            }
            // "in the first half" is the first half of the year in context; a bare "second
            // half" is rhetoric ("the second half of the match").
            let prep = i >= 2
                && w(i - 1) == "the"
                && matches!(w(i - 2), "in" | "for" | "during" | "over" | "of");
            (n == 1 && prep).then_some((noun_at, When::Context(Grain::FirstHalf), false))
        }
        _ => None,
    }
}

/// "the quarter", "this quarter", "the latest quarter", "the period", "the same period", "the
/// year", "the full year", "full-year", "the half-year".
fn in_context(tokens: &[Token], i: usize) -> Found {
    let w = |k: usize| word(tokens, i + k);
    let grain = |s: &str| match s {
        "quarter" => Some(Grain::Quarter),
        "period" => Some(Grain::Any),
        _ => None,
    };
    match (w(0), w(1), w(2)) {
        ("full-year" | "full-year's" | "annual", _, _) if w(0) != "annual" => {
            Some((i, When::Context(Grain::Year), false))
        }
        ("full", "year", next) if next != "of" => Some((i + 1, When::Context(Grain::Year), false)),
        ("the" | "this" | "last" | "latest", "latest" | "most", "quarter") => {
            Some((i + 2, When::Context(Grain::Quarter), false))
        }
        ("the" | "this" | "last" | "latest", "same", g) if grain(g).is_some() => {
            Some((i + 2, When::Context(Grain::Any), false))
        }
        ("the" | "this" | "last" | "latest", g, _) if grain(g).is_some() => {
            Some((i + 1, When::Context(grain(g)?), false))
        }
        ("the", "year", next) if !matches!(next, "to" | "before" | "earlier" | "ago") => {
            let prep = i > 0 && matches!(word(tokens, i - 1), "for" | "in" | "during");
            prep.then_some((i + 1, When::Context(Grain::Year), false))
        }
        ("the", "half-year" | "interim", _) => Some((i + 1, When::Context(Grain::Any), false)),
        _ => None,
    }
}

/// Windows: "past seven days", "first seven months", "trailing twelve months".
fn window(tokens: &[Token], i: usize, date: Option<Date>) -> Found {
    let t = &tokens[i];
    if t.is("ttm") {
        return Some((i, When::TrailingYear, false));
    }
    if !matches!(
        t.lower.as_str(),
        "past" | "last" | "previous" | "trailing" | "first" | "next" | "coming" | "recent"
    ) {
        return None;
    }
    let n = tokens.get(i + 1).and_then(count_at)?;
    let unit_stem = word(tokens, i + 2).trim_end_matches('s');
    if !matches!(
        unit_stem,
        "day" | "week" | "month" | "quarter" | "year" | "hour"
    ) {
        return None;
    }
    let last = i + 2;
    if t.is("trailing") || (n == 12 && unit_stem == "month" && t.is("last")) {
        return Some((last, When::TrailingYear, false));
    }
    if t.is("first") && unit_stem == "month" {
        return match year_after(tokens, last + 1, date) {
            Some((y, end)) => fixed(end, Time::Months((y, 1), (y, n as i8))),
            None if (1..=12).contains(&n) => Some((last, When::FirstMonths(n as i8), false)),
            None => Some((last, When::Unresolved, true)),
        };
    }
    if matches!(t.lower.as_str(), "past" | "last" | "previous")
        && matches!(unit_stem, "day" | "week")
    {
        let d = date?;
        let days = if unit_stem == "week" { n * 7 } else { n };
        let start = d.checked_sub(jiff::Span::new().days(days)).ok()?;
        return Some((last, When::Fixed(Time::Days(start, d)), true));
    }
    Some((last, When::Unresolved, true))
}

/// "last year", "this year", "next year", "the eve of the new year", "fiscal 2025", "end of
/// 2022", "end of last year".
fn relative_year(tokens: &[Token], i: usize, date: Option<Date>) -> Found {
    let w = |k: usize| word(tokens, i + k);
    match (w(0), w(1)) {
        ("last" | "this" | "next", "year") => {
            let d = date?;
            let y =
                d.year() + [-1, 0, 1][["last", "this", "next"].iter().position(|x| *x == w(0))?];
            return fixed(i + 1, Time::Year(y));
        }
        ("eve", "of") if w(2) == "the" && w(3) == "new" && w(4) == "year" => {
            let d = date?;
            let y = if d.month() <= 2 {
                d.year() - 1
            } else {
                d.year()
            };
            return fixed(i + 4, Time::Month(y, 12));
        }
        ("fiscal" | "calendar", _) => {
            let y = tokens.get(i + 1).and_then(year_token)?;
            return fixed(i + 1, Time::Year(y));
        }
        ("end", "of") => {
            if let Some(y) = tokens.get(i + 2).and_then(year_token) {
                return fixed(i + 2, Time::Month(y, 12));
            }
            if w(2) == "last" && w(3) == "year" {
                return fixed(i + 3, Time::Month(date?.year() - 1, 12));
            }
        }
        _ => {}
    }
    None
}

/// Months: "April-June", "May", "May last year", "July 2023", "September 19th", "2 January",
/// "January 24 to 25", "July through September", "May 1, 2025".
fn months(tokens: &[Token], i: usize, date: Option<Date>) -> Found {
    let t = &tokens[i];
    let w = |k: usize| word(tokens, k);
    if let Some((a, b)) = t.text.split_once('-')
        && let (Some(ma), Some(mb)) = (
            month_named(&a.to_lowercase()),
            month_named(&b.to_lowercase()),
        )
    {
        let ya = latest_year_of_month(date, ma)?;
        let yb = if mb >= ma { ya } else { ya + 1 };
        let last = if w(i + 1) == "quarter" { i + 1 } else { i };
        return fixed(last, Time::Months((ya, ma), (yb, mb)).simplified());
    }
    // "2 January", "26 December 2004": the day first.
    if let Some(d) = day_token(t)
        && year_token(t).is_none()
        && let Some(m) = tokens.get(i + 1).and_then(month_of)
    {
        let (y, last) = match tokens.get(i + 2).and_then(year_token) {
            Some(y) => (Some(y), i + 2),
            None => (latest_year_of_month(date, m), i + 1),
        };
        return match y.and_then(|y| Date::new(y, m, d).ok()) {
            Some(day) => fixed(last, Time::Day(day)),
            None => Some((last, When::Unresolved, false)),
        };
    }
    let m = month_of(t)?;
    if t.is("may") && is_modal_may(tokens, i) {
        return None;
    }
    let mut last = i;
    let mut day = None;
    if let Some(d) = tokens.get(i + 1).and_then(day_token)
        && year_token(&tokens[i + 1]).is_none()
    {
        day = Some(d);
        last = i + 1;
    }
    let mut k = last + 1;
    if tokens.get(k).is_some_and(|t| t.is_symbol(',')) && day.is_some() {
        k += 1;
    }
    let mut year = None;
    if let Some(y) = tokens.get(k).and_then(year_token) {
        year = Some(y);
        last = k;
    } else if matches!(w(last + 1), "last" | "this") && w(last + 2) == "year" {
        let d = date?;
        year = Some(if w(last + 1) == "last" {
            d.year() - 1
        } else {
            d.year()
        });
        last += 2;
    }
    // A month alone is the latest one up to the article's date, unless the words before it
    // look ahead: "starting in April", "effective June".
    let ahead = (i.saturating_sub(2)..i).any(|k| words::AHEAD.contains(&tokens[k].lower.as_str()));
    let y = match year {
        Some(y) => y,
        None if ahead => next_year_of_month(date, m)?,
        None => latest_year_of_month(date, m)?,
    };
    if matches!(
        w(last + 1),
        "to" | "through" | "until" | "-" | "\u{2013}" | "thru"
    ) {
        if let Some(d1) = day
            && let Some(d2) = tokens.get(last + 2).and_then(day_token)
            && year_token(&tokens[last + 2]).is_none()
        {
            let a = Date::new(y, m, d1).ok()?;
            let b = Date::new(y, m, d2).ok()?;
            return fixed(last + 2, Time::Days(a, b));
        }
        if day.is_none()
            && let Some(m2) = tokens.get(last + 2).and_then(month_of)
        {
            let y2 = if m2 >= m { y } else { y + 1 };
            return fixed(last + 2, Time::Months((y, m), (y2, m2)).simplified());
        }
    }
    match day {
        Some(d) => fixed(last, Time::Day(Date::new(y, m, d).ok()?)),
        None => fixed(last, Time::Month(y, m)),
    }
}

/// "May" as a modal verb: "prices May rise" in a headline, "it may be".
fn is_modal_may(tokens: &[Token], i: usize) -> bool {
    let next_is_word = tokens
        .get(i + 1)
        .is_some_and(|n| n.kind == TokenKind::Word && !n.is("last") && !n.is("this"));
    next_is_word
        && tokens.get(i + 1).and_then(year_token).is_none()
        && i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && !words::BEFORE_MONTH.contains(&tokens[i - 1].lower.as_str())
}

/// Weekdays: "Friday", "on Monday": the latest such day by the article's date.
fn weekday(tokens: &[Token], i: usize, date: Option<Date>) -> Found {
    let t = &tokens[i];
    if !t.text.starts_with(char::is_uppercase) {
        return None;
    }
    let wd = words::WEEKDAYS.iter().position(|d| *d == t.lower)?;
    if tokens.get(i + 1).is_some_and(|n| n.is_symbol(','))
        && tokens.get(i + 2).and_then(month_of).is_some()
    {
        return None;
    }
    let d = date?;
    let today = d.weekday().to_monday_zero_offset() as i64;
    let back = (today - wd as i64).rem_euclid(7);
    let day = d.checked_sub(jiff::Span::new().days(back)).ok()?;
    let last = if matches!(
        word(tokens, i + 1),
        "morning" | "afternoon" | "evening" | "night"
    ) {
        i + 1
    } else {
        i
    };
    fixed(last, Time::Day(day))
}

/// A year: "2024", "2025 fiscal year(s)".
fn year(tokens: &[Token], i: usize) -> Found {
    let y = year_token(&tokens[i])?;
    let mut last = i;
    if word(tokens, i + 1) == "fiscal" && matches!(word(tokens, i + 2), "year" | "years") {
        last = i + 2;
    }
    fixed(last, Time::Year(y))
}

fn half_of(year: i16, half: i8) -> Time {
    if half == 1 {
        Time::Months((year, 1), (year, 6))
    } else {
        Time::Months((year, 7), (year, 12))
    }
}

/// "of 2024", "2024", "of this year", "of last year" from token `k`: the year and last token.
fn year_after(tokens: &[Token], k: usize, date: Option<Date>) -> Option<(i16, usize)> {
    let w = |j: usize| word(tokens, j);
    let k = if w(k) == "of" { k + 1 } else { k };
    if let Some(y) = tokens.get(k).and_then(year_token) {
        return Some((y, k));
    }
    match (w(k), w(k + 1)) {
        ("this", "year") => Some((date?.year(), k + 1)),
        ("last", "year") => Some((date?.year() - 1, k + 1)),
        ("next", "year") => Some((date?.year() + 1, k + 1)),
        _ => None,
    }
}

/// A quarter `q` whose noun ("quarter", "Q2") is at `noun`: of a year written after it ("of
/// 2024", "of fiscal 2026") or before it ("2024 Q2"), else the latest such quarter begun.
fn quarter(tokens: &[Token], noun: usize, q: i8, date: Option<Date>) -> Found {
    let w = |j: usize| word(tokens, j);
    let of = if w(noun + 1) == "of" {
        noun + 2
    } else {
        noun + 1
    };
    if matches!(w(of), "fiscal" | "fy")
        && let Some(y) = tokens.get(of + 1).and_then(year_token)
    {
        return Some((
            of + 1,
            When::FiscalQuarter {
                quarter: q,
                year: y,
            },
            false,
        ));
    }
    if let Some(rest) = w(of).strip_prefix("fy")
        && let Ok(y) = rest.parse::<i16>()
        && matches!(rest.len(), 2 | 4)
    {
        let year = if y < 100 { 2000 + y } else { y };
        return Some((of, When::FiscalQuarter { quarter: q, year }, false));
    }
    if let Some((y, last)) = year_after(tokens, noun + 1, date) {
        return fixed(last, Time::Quarter(y, q));
    }
    // "fiscal 2026 second quarter": the fiscal year before the ordinal.
    if noun >= 3
        && w(noun - 3) == "fiscal"
        && let Some(y) = tokens.get(noun - 2).and_then(year_token)
    {
        return Some((
            noun,
            When::FiscalQuarter {
                quarter: q,
                year: y,
            },
            false,
        ));
    }
    if let Some(y) = noun
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .and_then(year_token)
    {
        return fixed(noun, Time::Quarter(y, q));
    }
    date?;
    Some((noun, When::QuarterOfYear(q), false))
}

/// "shrank for a third quarter in a row", "fell for a fifth month running": an ordinal
/// that counts a streak names no period.
fn counts_a_streak(tokens: &[Token], last: usize) -> bool {
    let w = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    (w(last + 1) == "in" && w(last + 2) == "a" && w(last + 3) == "row") || w(last + 1) == "running"
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn resolved(s: &str, date: Date) -> Vec<(String, Option<String>, Role)> {
        let toks = tokens(s, 0, s.len());
        let context = Context {
            date: Some(date),
            ..Context::default()
        };
        mentions(&toks, Some(date))
            .iter()
            .map(|m| {
                (
                    s[toks[m.first].start..toks[m.last].end()].to_string(),
                    m.resolve(&context).map(|t| t.iso()),
                    m.role,
                )
            })
            .collect()
    }

    const SEPT: Date = jiff::civil::date(2024, 9, 24);
    const JAN: Date = jiff::civil::date(2025, 1, 27);
    const FEB: Date = jiff::civil::date(2005, 2, 3);
    const MAY: Date = jiff::civil::date(2005, 5, 12);
    const AUG: Date = jiff::civil::date(2025, 8, 6);

    /// Fails with every case whose phrase does not resolve to its period against its date.
    fn assert_resolves(cases: &[(&str, Date, &str, &str)]) {
        let mut failures = Vec::new();
        for (s, date, text, period) in cases {
            let found = resolved(s, *date);
            let ok = found
                .iter()
                .any(|(t, p, _)| t == text && p.as_deref() == Some(*period));
            if !ok {
                failures.push(format!("{s}: {found:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A quarter by its number, its name or its months, in the year of the article unless named.
    #[test]
    fn resolves_quarters() {
        assert_resolves(&[
            (
                "In the second quarter of 2024, sales rose.",
                SEPT,
                "second quarter of 2024",
                "2024-Q2",
            ),
            ("In Q1 shares rose.", JAN, "Q1", "2025-Q1"),
            ("in the second quarter", AUG, "second quarter", "2025-Q2"),
            (
                "after the second-quarter reports",
                AUG,
                "second-quarter",
                "2025-Q2",
            ),
            (
                "for July through September",
                AUG,
                "July through September",
                "2025-Q3",
            ),
            (
                "in the April-June quarter",
                AUG,
                "April-June quarter",
                "2025-Q2",
            ),
        ]);
    }

    /// A month without a year is read against the article's date, before or after it as the words
    /// say.
    #[test]
    fn resolves_months() {
        assert_resolves(&[
            ("In May, prices fell.", SEPT, "May", "2024-05"),
            (
                "The new price applies starting in April.",
                JAN,
                "April",
                "2025-04",
            ),
            (
                "Effective February, the plan costs less.",
                SEPT,
                "February",
                "2025-02",
            ),
            (
                "Go back to May last year, when",
                JAN,
                "May last year",
                "2024-05",
            ),
            (
                "By the end of July 2023, it had",
                SEPT,
                "July 2023",
                "2023-07",
            ),
            (
                "On the eve of the new year, it",
                JAN,
                "eve of the new year",
                "2024-12",
            ),
        ]);
    }

    /// A span by its first and last month or day, or by the half or the days it covers.
    #[test]
    fn resolves_spans_of_months_and_days() {
        assert_resolves(&[
            (
                "in the first seven months of 2023",
                SEPT,
                "first seven months of 2023",
                "2023-01/2023-07",
            ),
            (
                "rose for January 24 to 25, measured",
                JAN,
                "January 24 to 25",
                "2025-01-24/2025-01-25",
            ),
            (
                "in the past seven days",
                JAN,
                "past seven days",
                "2025-01-20/2025-01-27",
            ),
            ("in H1 2024", AUG, "H1 2024", "2024-01/2024-06"),
            (
                "in the second half of this year",
                AUG,
                "second half of this year",
                "2025-07/2025-12",
            ),
        ]);
    }

    /// A day named by the weekday or date, and "to date", "currently": the article's own day.
    #[test]
    fn resolves_days_and_now() {
        assert_resolves(&[
            ("To date, it boasts", SEPT, "To date", "2024-09-24"),
            ("it currently ranks", JAN, "currently", "2025-01-27"),
            ("As of Friday, it had", JAN, "Friday", "2025-01-24"),
            (
                "on Sunday, January 26, that",
                JAN,
                "January 26",
                "2025-01-26",
            ),
        ]);
    }

    /// Fiscal and calendar years by number, abbreviation, or relative to the article.
    #[test]
    fn resolves_years() {
        assert_resolves(&[
            (
                "across their 2025 fiscal years",
                AUG,
                "2025 fiscal years",
                "2025",
            ),
            ("in fiscal 2025", AUG, "fiscal 2025", "2025"),
            ("in FY25", AUG, "FY25", "2025"),
            ("last year", AUG, "last year", "2024"),
            ("For the full year, it made", FEB, "full year", "2004"),
        ]);
    }

    /// "The six months to September": the span that ends in the month named.
    #[test]
    fn resolves_periods_ending_in_a_month() {
        assert_resolves(&[
            (
                "in the three months to December",
                FEB,
                "three months to December",
                "2004-Q4",
            ),
            (
                "for the year to March",
                MAY,
                "year to March",
                "2004-04/2005-03",
            ),
            (
                "in the six months to September",
                JAN,
                "six months to September",
                "2024-04/2024-09",
            ),
            (
                "for the 12 weeks to 2 January",
                JAN,
                "2 January",
                "2025-01-02",
            ),
            (
                "for the year to March 2004",
                MAY,
                "year to March 2004",
                "2003-04/2004-03",
            ),
        ]);
    }

    #[test]
    fn earlier_periods_shift_the_one_in_context() {
        let date = jiff::civil::date(2005, 2, 3);
        let cases: &[(&str, Time, &str)] = &[
            (
                "compared with a year earlier",
                Time::Quarter(2004, 4),
                "2003-Q4",
            ),
            ("from $639m year-earlier", Time::Quarter(2004, 4), "2003-Q4"),
            (
                "from the previous quarter",
                Time::Quarter(2004, 4),
                "2004-Q3",
            ),
            (
                "than in the same period last year",
                Time::Months((2004, 4), (2004, 9)),
                "2003-04/2003-09",
            ),
            ("from the prior year", Time::Year(2004), "2003"),
            (
                "up from 7.1 million a year ago",
                Time::Day(jiff::civil::date(2005, 2, 3)),
                "2004-02-03",
            ),
            (
                "the day before",
                Time::Day(jiff::civil::date(2026, 2, 1)),
                "2026-01-31",
            ),
        ];
        let mut failures = Vec::new();
        for (s, period, want) in cases {
            let toks = tokens(s, 0, s.len());
            let context = Context {
                date: Some(date),
                period: Some(*period),
                ahead: false,
            };
            let found: Vec<(Option<String>, Role)> = mentions(&toks, Some(date))
                .iter()
                .map(|m| (m.resolve(&context).map(|t| t.iso()), m.role))
                .collect();
            if found != [(Some(want.to_string()), Role::Base)] {
                failures.push(format!("{s}: {found:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_fiscal_quarter_is_the_calendar_quarter_at_most_half_a_year_ahead() {
        let date = jiff::civil::date(2024, 11, 20);
        let found = resolved("for the third quarter of fiscal 2025", date);
        assert_eq!(found[0].1.as_deref(), Some("2024-Q3"));
        let found = resolved(
            "in its fiscal 2026 second quarter",
            jiff::civil::date(2025, 8, 27),
        );
        assert!(
            found.iter().any(|f| f.1.as_deref() == Some("2025-Q2")),
            "{found:?}"
        );
    }

    #[test]
    fn a_period_after_than_is_the_base_of_a_comparison() {
        let date = jiff::civil::date(2025, 5, 1);
        let found = resolved("23% more than in the first quarter of 2024", date);
        assert_eq!(
            found,
            vec![(
                "first quarter of 2024".into(),
                Some("2024-Q1".into()),
                Role::Base
            )]
        );
    }

    #[test]
    fn the_quarter_is_the_one_in_context_or_the_last_one_ended() {
        let date = jiff::civil::date(2025, 8, 6);
        let s = "in the quarter";
        let toks = tokens(s, 0, s.len());
        let m = &mentions(&toks, Some(date))[0];
        let mut context = Context {
            date: Some(date),
            ..Context::default()
        };
        assert_eq!(
            m.resolve(&context).map(|t| t.iso()).as_deref(),
            Some("2025-Q2")
        );
        context.period = Some(Time::Quarter(2025, 1));
        assert_eq!(
            m.resolve(&context).map(|t| t.iso()).as_deref(),
            Some("2025-Q1")
        );
    }

    #[test]
    fn trailing_twelve_months_end_with_the_period_in_context() {
        let date = jiff::civil::date(2025, 5, 1);
        let s = "over the trailing twelve months";
        let toks = tokens(s, 0, s.len());
        let m = &mentions(&toks, Some(date))[0];
        let context = Context {
            date: Some(date),
            period: Some(Time::Quarter(2025, 1)),
            ahead: false,
        };
        assert_eq!(
            m.resolve(&context).map(|t| t.iso()).as_deref(),
            Some("2024-04/2025-03")
        );
    }

    #[test]
    fn a_month_ahead_is_the_next_one() {
        let date = jiff::civil::date(2004, 10, 14);
        let s = "for the six months to March";
        let toks = tokens(s, 0, s.len());
        let m = &mentions(&toks, Some(date))[0];
        let context = Context {
            date: Some(date),
            period: None,
            ahead: true,
        };
        assert_eq!(
            m.resolve(&context).map(|t| t.iso()).as_deref(),
            Some("2004-10/2005-03")
        );
    }

    #[test]
    fn a_modal_may_and_a_bare_second_half_are_no_periods() {
        let date = jiff::civil::date(2025, 8, 6);
        assert_eq!(resolved("Prices May rise.", date).len(), 0);
        assert_eq!(resolved("tickets to the second half", date).len(), 0);
    }

    #[test]
    fn an_ordinal_counting_a_streak_is_no_period() {
        let date = jiff::civil::date(2005, 2, 16);
        assert_eq!(
            resolved("It shrank for a third quarter in a row.", date).len(),
            0
        );
        assert_eq!(
            resolved("Sales fell for a fifth month running.", date).len(),
            0
        );
        assert_eq!(resolved("Sales fell in the third quarter.", date).len(), 1);
    }

    #[test]
    fn times_shift_and_print_as_iso_periods() {
        assert_eq!(
            Time::Quarter(2025, 1).shifted(-3),
            Some(Time::Quarter(2024, 4))
        );
        assert_eq!(Time::ending(3, (2004, 12)).iso(), "2004-Q4");
        assert_eq!(Time::ending(12, (2005, 3)).iso(), "2004-04/2005-03");
        assert_eq!(Time::ending(12, (2004, 12)).iso(), "2004");
        assert_eq!(
            Time::Months((2024, 4), (2024, 9))
                .shifted(-12)
                .map(|t| t.iso())
                .as_deref(),
            Some("2023-04/2023-09")
        );
    }
}
