//! When a fact holds: "Q2", "the second quarter of 2024", "fiscal 2025", "FY25", "first half",
//! "H1", months, years, intervals ("first seven months", "July through September",
//! "April-June quarter", "January 24 to 25"), and wording relative to the article's date
//! ("In May", "last year", "May last year", "to date", "currently", "As of Friday", "the past
//! seven days", "trailing twelve months"), written as FACTS.md's ISO 8601 periods.
//!
//! A mention after "than", "from" or "since" is the base a change is measured against, not the
//! time of the fact; it is kept apart so it can set a growth's basis instead.

use jiff::civil::Date;

use super::number::number_word;
use super::text::{Token, TokenKind};

/// One mention of a time in a sentence: tokens `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub first: usize,
    pub last: usize,
    pub when: When,
    pub role: Role,
}

/// What a mention says, before it is resolved against the article's date and context.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// A period fully written out: "2024-Q2", "2023-07", "2025-01-24/2025-01-25".
    Fixed(String),
    /// "currently", "to date", "now": the article's date.
    Now,
    /// "At the ... Conference": an event the article reports, in the article's month.
    Event,
    /// "the quarter": the quarter in context, else the last quarter ended before the article.
    TheQuarter,
    /// "trailing twelve months": the year up to the period in context.
    TrailingYear,
    /// "the first seven months": of the year in context.
    FirstMonths(i8),
    /// A window that only dates something else ("the last six quarters"): masks its numbers.
    Unresolved,
}

/// How a mention relates to the facts of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The time of the facts around it; carried on to the next sentences of the paragraph.
    Time,
    /// A window ("the past seven days") that dates its own clause only.
    Window,
    /// The base of a comparison ("than in the first quarter of 2024", "a year earlier").
    Base,
}

impl Mention {
    /// The reason a number inside this mention is not an amount.
    pub fn reason(&self) -> &'static str {
        match (&self.when, self.role) {
            (When::Unresolved, _) | (_, Role::Window) => "a window of time",
            (When::Fixed(p), _) if p.len() == 4 => "a year",
            (When::Fixed(p), _) if p.len() == 10 || p.contains('/') && p.len() == 21 => "a date",
            _ => "a period",
        }
    }

    /// The ISO period, given the article's date and the period in context (for "the quarter"
    /// and "trailing twelve months").
    pub fn resolve(&self, date: Option<Date>, context: Option<&str>) -> Option<String> {
        match &self.when {
            When::Fixed(p) => Some(p.clone()),
            When::Now => date.map(|d| d.to_string()),
            When::Event => date.map(|d| format!("{:04}-{:02}", d.year(), d.month())),
            When::TheQuarter => context
                .filter(|c| c.len() == 7 && c.as_bytes()[5] == b'Q')
                .map(str::to_string)
                .or_else(|| {
                    let d = date?;
                    let (y, q) = (d.year(), (d.month() - 1) / 3 + 1);
                    Some(if q == 1 {
                        format!("{}-Q4", y - 1)
                    } else {
                        format!("{y}-Q{}", q - 1)
                    })
                }),
            When::TrailingYear => {
                let (y, m) = context
                    .and_then(last_month)
                    .or_else(|| date.map(|d| (d.year(), d.month())))?;
                let (sy, sm) = if m == 12 { (y, 1) } else { (y - 1, m + 1) };
                Some(format!("{sy:04}-{sm:02}/{y:04}-{m:02}"))
            }
            When::FirstMonths(n) => {
                let y = context
                    .and_then(year_of)
                    .or_else(|| date.map(|d| d.year()))?;
                Some(format!("{y:04}-01/{y:04}-{n:02}"))
            }
            When::Unresolved => None,
        }
    }
}

/// The last month a period covers: "2025-Q1" is (2025, 3).
pub fn last_month(period: &str) -> Option<(i16, i8)> {
    let end = period.rsplit('/').next()?;
    let year: i16 = end.get(..4)?.parse().ok()?;
    match end.get(5..) {
        None | Some("") => Some((year, 12)),
        Some(rest) if rest.starts_with('Q') => Some((year, rest[1..].parse::<i8>().ok()? * 3)),
        Some(rest) => Some((year, rest.get(..2)?.parse().ok()?)),
    }
}

/// The year a period starts in.
pub fn year_of(period: &str) -> Option<i16> {
    period.get(..4)?.parse().ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn month_of(token: &Token) -> Option<i8> {
    if !token.text.starts_with(char::is_uppercase) {
        return None;
    }
    let lower = token.lower.as_str();
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower) && lower != "may"))
        .map(|p| p as i8 + 1)
}

fn year_token(token: &Token) -> Option<i16> {
    let t = token.text;
    (token.kind == TokenKind::Number && t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
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

/// Every time mention of `tokens`, left to right, none overlapping.
pub fn mentions(tokens: &[Token], date: Option<Date>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    if let Some(event) = event_opener(tokens) {
        i = event.last + 1;
        out.push(event);
    }
    while i < tokens.len() {
        if let Some((last, when, window)) = mention_at(tokens, i, date) {
            let role = if window {
                Role::Window
            } else if is_base(tokens, i)
                || matches!(
                    tokens[last].lower.as_str(),
                    "earlier" | "ago" | "before" | "prior"
                )
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
    let event = tokens[start..comma].iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "conference"
                | "summit"
                | "event"
                | "forum"
                | "expo"
                | "keynote"
                | "festival"
                | "show"
                | "congress"
                | "fair"
                | "launch"
                | "briefing"
        )
    });
    event.then_some(Mention {
        first: start,
        last: comma - 1,
        when: When::Event,
        role: Role::Time,
    })
}

/// Whether the mention starting at `i` is the base of a comparison.
fn is_base(tokens: &[Token], i: usize) -> bool {
    for back in 1..=5 {
        let Some(t) = i.checked_sub(back).map(|j| &tokens[j]) else {
            return false;
        };
        if matches!(
            t.lower.as_str(),
            "than" | "from" | "since" | "compared" | "versus" | "vs" | "against"
        ) {
            return true;
        }
        if t.kind != TokenKind::Word
            || !matches!(
                t.lower.as_str(),
                "in" | "the" | "it" | "was" | "were" | "at" | "with" | "to" | "of" | "end" | "they"
            )
        {
            return false;
        }
    }
    false
}

/// The mention starting at token `i`: its last token, what it says, and whether it is a
/// window that dates its own clause only.
fn mention_at(tokens: &[Token], i: usize, date: Option<Date>) -> Option<(usize, When, bool)> {
    let t = &tokens[i];
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let fixed = |last: usize, p: String| Some((last, When::Fixed(p), false));

    // Now: "currently", "to date", "so far", "as of today", "at present".
    match (t.lower.as_str(), w(i + 1)) {
        ("currently" | "now" | "today" | "presently", _) => return Some((i, When::Now, false)),
        ("to", "date") | ("so", "far") | ("at", "present") => {
            return Some((i + 1, When::Now, false));
        }
        _ => {}
    }
    // "year-over-year" and its kin are a basis, read by the growth rules.
    if t.lower.contains("-over-") || t.lower.contains("-on-") {
        return None;
    }
    // Quarters: "Q2", "Q2 2024", "Q2 of 2024".
    if t.kind == TokenKind::Word
        && t.lower.len() == 2
        && t.lower.starts_with('q')
        && let Some(q) = t.lower[1..]
            .parse::<i8>()
            .ok()
            .filter(|q| (1..=4).contains(q))
    {
        return quarter(tokens, i, i, q, date);
    }
    // "FY25", "FY2025".
    if let Some(rest) = t.lower.strip_prefix("fy")
        && rest.bytes().all(|b| b.is_ascii_digit())
        && matches!(rest.len(), 2 | 4)
    {
        let y: i16 = rest.parse().ok()?;
        let y = if y < 100 { 2000 + y } else { y };
        return fixed(i, format!("{y}"));
    }
    // "H1", "H2" (+ year).
    if t.kind == TokenKind::Word && matches!(t.lower.as_str(), "h1" | "h2") {
        let half = if t.is("h1") { 1 } else { 2 };
        let (year, last) = year_after(tokens, i + 1, date).unwrap_or((date?.year(), i));
        return fixed(last, half_of(year, half));
    }
    // Ordinal quarters and halves: "the second quarter (of 2024)", "second-quarter", "first half of 2025".
    let (ord_word, attached) = match t.lower.split_once('-') {
        Some((o, rest)) => (o, Some(rest)),
        None => (t.lower.as_str(), None),
    };
    if let Some(n) = ordinal(ord_word) {
        let (noun, noun_at) = match attached {
            Some(rest) => (rest, i),
            None => (w(i + 1), i + 1),
        };
        match noun {
            "quarter" if n <= 4 => return quarter(tokens, i, noun_at, n, date),
            "half" if n <= 2 => {
                // A bare "second half" is rhetoric; a half of a named year is a period.
                let (year, last) = year_after(tokens, noun_at + 1, date)?;
                return fixed(last, half_of(year, n));
            }
            _ => {}
        }
    }
    // "the quarter", "this quarter", "last quarter", "the latest quarter".
    if matches!(t.lower.as_str(), "the" | "this" | "last" | "latest")
        && (w(i + 1) == "quarter"
            || (w(i + 1) == "latest" || w(i + 1) == "most") && w(i + 2) == "quarter")
    {
        let last = if w(i + 1) == "quarter" { i + 1 } else { i + 2 };
        return Some((last, When::TheQuarter, false));
    }
    // Windows: "past seven days", "first seven months", "trailing twelve months".
    if matches!(
        t.lower.as_str(),
        "past" | "last" | "previous" | "trailing" | "first" | "next" | "coming" | "recent"
    ) && let Some(n) = tokens.get(i + 1).and_then(count_at)
    {
        let unit = w(i + 2);
        let unit_stem = unit.trim_end_matches('s');
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
            let (year, end) = year_after(tokens, last + 1, date)
                .map(|(y, e)| (Some(y), e))
                .unwrap_or((None, last));
            return match year {
                Some(y) => fixed(end, format!("{y:04}-01/{y:04}-{n:02}")),
                None if (1..=12).contains(&n) => Some((end, When::FirstMonths(n as i8), false)),
                None => Some((end, When::Unresolved, true)),
            };
        }
        if matches!(t.lower.as_str(), "past" | "last" | "previous")
            && matches!(unit_stem, "day" | "week")
        {
            let d = date?;
            let days = if unit_stem == "week" { n * 7 } else { n };
            let start = d.checked_sub(jiff::Span::new().days(days)).ok()?;
            return Some((last, When::Fixed(format!("{start}/{d}")), true));
        }
        return Some((last, When::Unresolved, true));
    }
    if t.is("ttm") {
        return Some((i, When::TrailingYear, false));
    }
    // "the eve of the new year", "year-end", "end of last year".
    if t.is("eve")
        && w(i + 1) == "of"
        && w(i + 2) == "the"
        && w(i + 3) == "new"
        && w(i + 4) == "year"
    {
        let d = date?;
        let y = if d.month() <= 2 {
            d.year() - 1
        } else {
            d.year()
        };
        return fixed(i + 4, format!("{y:04}-12"));
    }
    // Relative years: "last year", "this year", "next year", "full-year".
    match (t.lower.as_str(), w(i + 1)) {
        ("last" | "this" | "next", "year") => {
            let d = date?;
            let y = d.year()
                + if t.is("last") {
                    -1
                } else if t.is("next") {
                    1
                } else {
                    0
                };
            return fixed(i + 1, format!("{y}"));
        }
        ("full-year" | "full-year's", _) => return fixed(i, format!("{}", date?.year())),
        ("full", "year") if w(i + 2) != "of" => return fixed(i + 1, format!("{}", date?.year())),
        ("a" | "one", "year") if matches!(w(i + 2), "earlier" | "ago" | "before" | "prior") => {
            let d = date?;
            return fixed(i + 2, format!("{}", d.year() - 1));
        }
        ("fiscal" | "calendar", _) => {
            if let Some(y) = tokens.get(i + 1).and_then(year_token) {
                return fixed(i + 1, format!("{y}"));
            }
            if let Some(rest) = w(i + 1).strip_prefix("fy") {
                let _ = rest;
            }
        }
        _ => {}
    }
    // "end of 2022", "end of July 2023".
    if t.is("end") && w(i + 1) == "of" {
        if let Some(y) = tokens.get(i + 2).and_then(year_token) {
            return fixed(i + 2, format!("{y:04}-12"));
        }
        if w(i + 2) == "last" && w(i + 3) == "year" {
            return fixed(i + 3, format!("{:04}-12", date?.year() - 1));
        }
    }
    // Months: "April-June", "May", "May last year", "July 2023", "September 19th",
    // "January 24 to 25", "July through September", "May 1, 2025".
    if let Some((a, b)) = t.text.split_once('-') {
        let month = |s: &str| {
            MONTHS
                .iter()
                .position(|m| m.eq_ignore_ascii_case(s))
                .map(|p| p as i8 + 1)
        };
        if let (Some(ma), Some(mb)) = (month(a), month(b)) {
            let ya = latest_year_of_month(date, ma)?;
            let yb = if mb >= ma { ya } else { ya + 1 };
            let last = if w(i + 1) == "quarter" { i + 1 } else { i };
            return fixed(last, format!("{ya:04}-{ma:02}/{yb:04}-{mb:02}"));
        }
    }
    if let Some(m) = month_of(t) {
        // "May" alone, lower-case or as a modal verb, is no month.
        if t.is("may")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.kind == TokenKind::Word && !n.is("last") && !n.is("this"))
            && year_token(tokens.get(i + 1)?).is_none()
            && i > 0
            && tokens[i - 1].kind == TokenKind::Word
            && !matches!(
                tokens[i - 1].lower.as_str(),
                "in" | "since"
                    | "by"
                    | "of"
                    | "until"
                    | "through"
                    | "to"
                    | "from"
                    | "during"
                    | "end"
                    | "early"
                    | "late"
                    | "mid"
            )
        {
            return None;
        }
        // Weekday before the month: "Sunday, January 26" is read from the month.
        let mut last = i;
        let mut day = None;
        let mut year = None;
        if let Some(d) = tokens.get(i + 1).and_then(day_token) {
            if tokens.get(i + 1).is_some_and(|t| year_token(t).is_none()) {
                day = Some(d);
                last = i + 1;
            }
        }
        let mut k = last + 1;
        if tokens.get(k).is_some_and(|t| t.is_symbol(',')) && day.is_some() {
            k += 1;
        }
        if let Some(y) = tokens.get(k).and_then(year_token) {
            year = Some(y);
            last = k;
        } else if w(last + 1) == "last" && w(last + 2) == "year" {
            year = Some(date?.year() - 1);
            last += 2;
        } else if w(last + 1) == "this" && w(last + 2) == "year" {
            year = Some(date?.year());
            last += 2;
        }
        // A month alone is the latest one up to the article's date, unless the words before
        // it look ahead: "starting in April", "effective June".
        let ahead = (i.saturating_sub(2)..i).any(|k| {
            matches!(
                tokens[k].lower.as_str(),
                "starting" | "beginning" | "effective" | "next" | "upcoming" | "coming"
            )
        });
        let y = match year {
            Some(y) => y,
            None if ahead => next_year_of_month(date, m)?,
            None => latest_year_of_month(date, m)?,
        };
        // Intervals: "January 24 to 25", "July through September".
        let joiner = matches!(
            w(last + 1),
            "to" | "through" | "until" | "-" | "\u{2013}" | "thru"
        );
        if joiner {
            if let Some(d1) = day
                && let Some(d2) = tokens.get(last + 2).and_then(day_token)
                && year_token(&tokens[last + 2]).is_none()
            {
                let a = Date::new(y, m, d1).ok()?;
                let b = Date::new(y, m, d2).ok()?;
                return fixed(last + 2, format!("{a}/{b}"));
            }
            if day.is_none()
                && let Some(m2) = tokens.get(last + 2).and_then(month_of)
            {
                let y2 = if m2 >= m { y } else { y + 1 };
                return fixed(last + 2, format!("{y:04}-{m:02}/{y2:04}-{m2:02}"));
            }
        }
        return match day {
            Some(d) => fixed(last, Date::new(y, m, d).ok()?.to_string()),
            None => fixed(last, format!("{y:04}-{m:02}")),
        };
    }
    // Weekdays: "Friday", "on Monday": the latest such day by the article's date.
    if t.text.starts_with(char::is_uppercase)
        && let Some(wd) = WEEKDAYS.iter().position(|d| *d == t.lower)
    {
        if tokens.get(i + 1).is_some_and(|n| n.is_symbol(','))
            && tokens.get(i + 2).and_then(month_of).is_some()
        {
            return None;
        }
        let d = date?;
        let today = d.weekday().to_monday_zero_offset() as i64;
        let back = (today - wd as i64).rem_euclid(7);
        let day = d.checked_sub(jiff::Span::new().days(back)).ok()?;
        let last = if matches!(w(i + 1), "morning" | "afternoon" | "evening" | "night") {
            i + 1
        } else {
            i
        };
        return fixed(last, day.to_string());
    }
    // A year: "2024", "2025 fiscal year(s)".
    if let Some(y) = year_token(t) {
        let mut last = i;
        if w(i + 1) == "fiscal" && matches!(w(i + 2), "year" | "years") {
            last = i + 2;
        }
        return fixed(last, format!("{y}"));
    }
    None
}

fn half_of(year: i16, half: i8) -> String {
    if half == 1 {
        format!("{year:04}-01/{year:04}-06")
    } else {
        format!("{year:04}-07/{year:04}-12")
    }
}

/// "of 2024", "2024", "of this year", "of last year" from token `k`: the year and last token.
fn year_after(tokens: &[Token], k: usize, date: Option<Date>) -> Option<(i16, usize)> {
    let w = |j: usize| tokens.get(j).map_or("", |t| t.lower.as_str());
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

/// A quarter `q` whose words start at `first` and whose noun ("quarter", "Q2") is at `noun`.
fn quarter(
    tokens: &[Token],
    _first: usize,
    noun: usize,
    q: i8,
    date: Option<Date>,
) -> Option<(usize, When, bool)> {
    if let Some((y, last)) = year_after(tokens, noun + 1, date) {
        return Some((last, When::Fixed(format!("{y}-Q{q}")), false));
    }
    // "Q2 2024" handled above; "2024 Q2" has its year before.
    let before = noun
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .and_then(year_token);
    if let Some(y) = before {
        return Some((noun, When::Fixed(format!("{y}-Q{q}")), false));
    }
    let d = date?;
    let started = (q - 1) * 3 < d.month();
    let y = if started { d.year() } else { d.year() - 1 };
    Some((noun, When::Fixed(format!("{y}-Q{q}")), false))
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn resolved(s: &str, date: Date) -> Vec<(String, Option<String>, Role)> {
        let toks = tokens(s, 0, s.len());
        mentions(&toks, Some(date))
            .iter()
            .map(|m| {
                (
                    s[toks[m.first].start..toks[m.last].end()].to_string(),
                    m.resolve(Some(date), None),
                    m.role,
                )
            })
            .collect()
    }

    #[test]
    fn resolves_periods_against_the_article_date() {
        let sept = jiff::civil::date(2024, 9, 24);
        let jan = jiff::civil::date(2025, 1, 27);
        let aug = jiff::civil::date(2025, 8, 6);
        let cases: &[(&str, Date, &str, &str)] = &[
            (
                "In the second quarter of 2024, sales rose.",
                sept,
                "second quarter of 2024",
                "2024-Q2",
            ),
            ("In Q1 shares rose.", jan, "Q1", "2025-Q1"),
            ("in the second quarter", aug, "second quarter", "2025-Q2"),
            (
                "after the second-quarter reports",
                aug,
                "second-quarter",
                "2025-Q2",
            ),
            ("In May, prices fell.", sept, "May", "2024-05"),
            (
                "The new price applies starting in April.",
                jan,
                "April",
                "2025-04",
            ),
            (
                "Effective February, the plan costs less.",
                sept,
                "February",
                "2025-02",
            ),
            (
                "Go back to May last year, when",
                jan,
                "May last year",
                "2024-05",
            ),
            (
                "By the end of July 2023, it had",
                sept,
                "July 2023",
                "2023-07",
            ),
            (
                "in the first seven months of 2023",
                sept,
                "first seven months of 2023",
                "2023-01/2023-07",
            ),
            (
                "for July through September",
                aug,
                "July through September",
                "2025-07/2025-09",
            ),
            (
                "in the April-June quarter",
                aug,
                "April-June quarter",
                "2025-04/2025-06",
            ),
            (
                "rose for January 24 to 25, measured",
                jan,
                "January 24 to 25",
                "2025-01-24/2025-01-25",
            ),
            ("To date, it boasts", sept, "To date", "2024-09-24"),
            ("it currently ranks", jan, "currently", "2025-01-27"),
            ("As of Friday, it had", jan, "Friday", "2025-01-24"),
            (
                "in the past seven days",
                jan,
                "past seven days",
                "2025-01-20/2025-01-27",
            ),
            (
                "across their 2025 fiscal years",
                aug,
                "2025 fiscal years",
                "2025",
            ),
            ("in fiscal 2025", aug, "fiscal 2025", "2025"),
            ("in FY25", aug, "FY25", "2025"),
            ("in H1 2024", aug, "H1 2024", "2024-01/2024-06"),
            (
                "in the second half of this year",
                aug,
                "second half of this year",
                "2025-07/2025-12",
            ),
            ("last year", aug, "last year", "2024"),
            ("its full-year guidance", aug, "full-year", "2025"),
            (
                "On the eve of the new year, it",
                jan,
                "eve of the new year",
                "2024-12",
            ),
            (
                "on Sunday, January 26, that",
                jan,
                "January 26",
                "2025-01-26",
            ),
        ];
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
        assert_eq!(m.resolve(Some(date), None).as_deref(), Some("2025-Q2"));
        assert_eq!(
            m.resolve(Some(date), Some("2025-Q1")).as_deref(),
            Some("2025-Q1")
        );
    }

    #[test]
    fn trailing_twelve_months_end_with_the_period_in_context() {
        let date = jiff::civil::date(2025, 5, 1);
        let s = "over the trailing twelve months";
        let toks = tokens(s, 0, s.len());
        let m = &mentions(&toks, Some(date))[0];
        assert_eq!(
            m.resolve(Some(date), Some("2025-Q1")).as_deref(),
            Some("2024-04/2025-03")
        );
    }

    #[test]
    fn a_modal_may_and_a_bare_second_half_are_no_periods() {
        let date = jiff::civil::date(2025, 8, 6);
        assert_eq!(resolved("Prices May rise.", date).len(), 0);
        assert_eq!(resolved("tickets to the second half", date).len(), 0);
    }
}

#[cfg(test)]
mod carrying {
    use crate::extract::Vocabulary;
    use crate::extract::corpus::facts_of;

    fn periods(body: &str) -> Vec<Option<String>> {
        facts_of("2025-03-14", body, &Vocabulary::default())
            .into_iter()
            .map(|f| f.period.map(|p| p.to_string()))
            .collect()
    }

    #[test]
    fn a_reporting_period_frames_the_article_and_a_month_only_its_paragraph() {
        let body = "Kestrel's revenue rose 10% in the fourth quarter of 2024.\n\
                    Kestrel cut the price of its plan by 20% starting in April.\n\
                    Rival Orbitly holds 18% of the market.";
        assert_eq!(
            periods(body),
            [
                Some("2024-Q4".into()),
                Some("2025-04".into()),
                Some("2024-Q4".into())
            ]
        );
    }
}
