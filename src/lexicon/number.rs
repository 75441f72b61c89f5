//! Numbers as the genre writes them, read once for every kind: "40 million", "500,000",
//! "1.2bn", "seven", "twenty-five", "a dozen", "a million", "$3.5 billion", "RMB 1.2 trillion",
//! "3 billion yuan", "1 cent", "155%", ranges ("6-12", "6 to 12", "between 6 and 12",
//! "$66 billion to $72 billion", "$32–33 billion"), vague magnitudes ("double digits",
//! "triple-digit", "doubled") and percentage points.
//!
//! Numbers that are not amounts are kept with the reason they were left out: inside a name
//! ("Zeta-4o", "Zephyr 2.5-72B", "720P", "AI 2.0"), a year, an ordinal, a chart rank ("No. 1",
//! "Top 10"), a section number ("01"), a phone number.

use super::text::{Token, TokenKind};
use super::words;

/// "455p", "8.5p": pence, in a sentence about shares or pounds. A capital "P" ("720P") and a
/// figure in a sentence about screens stay labels.
fn pence_at(token: &Token, pence: bool) -> Option<f64> {
    let number = token.text.strip_suffix('p')?;
    if !pence || token.kind != TokenKind::Number || number.len() > 7 {
        return None;
    }
    plain(number).map(|v| v * 0.01)
}

/// The one number a fact's `text` states, as extraction would read it ("$3.2 billion" is
/// 3200000000, "12%" is 12, "seven" is 7); `None` for no number, a range, a vague magnitude
/// or several numbers. For checking a hand-edited `value` against its `text`.
pub fn stated_value(text: &str) -> Option<f64> {
    let tokens = super::text::tokens(text, 0, text.len());
    let taken = vec![None; tokens.len()];
    let money = Money {
        currency: "USD",
        pence: false,
    };
    match scan(&tokens, &taken, money).0.as_slice() {
        [amount] if !amount.vague && !amount.is_range() => amount.value,
        _ => None,
    }
}

/// What an amount measures, as far as its own words say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// A bare number: "500,000", "seven".
    Plain,
    Percent,
    /// "seven percentage points": a change of a rate, which no kind records.
    Points,
    /// Money, by ISO 4217 code.
    Money(&'static str),
}

/// One amount of a sentence: tokens `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub first: usize,
    pub last: usize,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub measure: Measure,
    /// Written in words only, without a scale word: "seven", "a dozen".
    pub spelled: bool,
    /// A magnitude without a figure: "double digits", "doubled".
    pub vague: bool,
}

impl Amount {
    pub fn is_range(&self) -> bool {
        self.min.is_some()
    }
}

/// A number that is not an amount, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    pub first: usize,
    pub last: usize,
    pub reason: &'static str,
}

/// What the sentence around the numbers says about their money.
#[derive(Debug, Clone, Copy)]
pub struct Money {
    /// What "cents" are counted in when the sentence names no currency.
    pub currency: &'static str,
    /// The sentence speaks of shares, dividends or pounds, so "455p" is pence, not a label.
    pub pence: bool,
}

/// Every amount of `tokens`, and every other number with the reason it was left out.
/// `taken[i]` marks tokens already read as part of a date or period.
pub fn scan(
    tokens: &[Token],
    taken: &[Option<&'static str>],
    money: Money,
) -> (Vec<Amount>, Vec<LeftOut>) {
    let default_currency = money.currency;
    let mut amounts: Vec<Amount> = Vec::new();
    let mut left = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(reason) = taken[i] {
            if tokens[i].kind == TokenKind::Number
                || number_word(&tokens[i].lower).is_some()
                || tokens[i].text.bytes().any(|b| b.is_ascii_digit())
            {
                left.push(LeftOut {
                    first: i,
                    last: i,
                    reason,
                });
            }
            i += 1;
            continue;
        }
        let currency = amounts
            .iter()
            .rev()
            .find_map(|a| match a.measure {
                Measure::Money(code) => Some(code),
                _ => None,
            })
            .unwrap_or(default_currency);
        match read(tokens, taken, i, currency, money.pence) {
            Read::Amount(mut amount) => {
                if let Some(range) = range_after(tokens, taken, &amount, currency, money.pence) {
                    amount = range;
                }
                i = amount.last + 1;
                amounts.push(amount);
            }
            Read::LeftOut(out) => {
                i = out.last + 1;
                left.push(out);
            }
            Read::Nothing => i += 1,
        }
    }
    (amounts, left)
}

enum Read {
    Amount(Amount),
    LeftOut(LeftOut),
    Nothing,
}

fn read(
    tokens: &[Token],
    taken: &[Option<&'static str>],
    i: usize,
    cents_in: &'static str,
    pence: bool,
) -> Read {
    // A range's second amount is read after its connector, which may end the sentence.
    if i >= tokens.len() {
        return Read::Nothing;
    }
    let left = |reason| {
        Read::LeftOut(LeftOut {
            first: i,
            last: i,
            reason,
        })
    };
    // A currency written before the number: "$", "US$", "NT$", "RMB", "EUR".
    let (currency, number_at) = match currency_before(tokens, i) {
        Some((code, len)) if i + len < tokens.len() && taken[i + len].is_none() => {
            (Some(code), i + len)
        }
        Some(_) => return Read::Nothing,
        None => (None, i),
    };
    let n = &tokens[number_at];
    if currency.is_none()
        && let Some(value) = pence_at(n, pence)
    {
        return Read::Amount(Amount {
            first: i,
            last: i,
            value: Some(value),
            min: None,
            max: None,
            measure: Measure::Money("GBP"),
            spelled: false,
            vague: false,
        });
    }
    if n.kind == TokenKind::Number
        && tokens
            .get(number_at + 1)
            .is_some_and(|t| words::CLOCK.contains(&t.lower.as_str()))
    {
        return left("a time of day");
    }
    let core = match n.kind {
        TokenKind::Number => match numeral(
            n.text,
            currency.is_some()
                || tokens
                    .get(number_at + 1)
                    .is_some_and(|t| currency_word(&t.lower).is_some()),
        ) {
            Numeral::Value(v) => Core::Value(v),
            Numeral::Range(a, b) => Core::Range(a, b),
            Numeral::Left(reason) => return left(reason),
        },
        TokenKind::Word => return read_words(tokens, taken, i, number_at, currency, cents_in),
        _ => return Read::Nothing,
    };
    if currency.is_none() {
        if let Some(reason) = not_an_amount(tokens, number_at, &core) {
            return left(reason);
        }
    }
    match finish(tokens, taken, i, number_at + 1, core, currency, cents_in) {
        Some(a) => Read::Amount(a),
        None => Read::Nothing,
    }
}

/// A number written in words from token `number_at` ("seven", "twenty-five", "a dozen",
/// "double digits"), after any currency that starts at `i`.
fn read_words(
    tokens: &[Token],
    taken: &[Option<&'static str>],
    i: usize,
    number_at: usize,
    currency: Option<&'static str>,
    cents_in: &'static str,
) -> Read {
    let n = &tokens[number_at];
    if let Some(vague) = vague_magnitude(tokens, number_at) {
        return Read::Amount(vague);
    }
    let Some((value, len, has_scale)) = spelled(tokens, number_at) else {
        return if n.text.bytes().any(|b| b.is_ascii_digit()) && currency.is_none() {
            Read::LeftOut(LeftOut {
                first: i,
                last: i,
                reason: "inside a name",
            })
        } else {
            Read::Nothing
        };
    };
    if n.text.starts_with(char::is_uppercase) && number_at > 0 && !is_after_break(tokens, number_at)
    {
        return Read::LeftOut(LeftOut {
            first: number_at,
            last: number_at + len - 1,
            reason: "inside a name",
        });
    }
    let amount = finish(
        tokens,
        taken,
        i,
        number_at + len,
        Core::Value(value),
        currency,
        cents_in,
    );
    match amount {
        Some(mut a) => {
            a.spelled = !has_scale && a.measure == Measure::Plain;
            Read::Amount(a)
        }
        None => Read::Nothing,
    }
}

enum Core {
    Value(f64),
    Range(f64, f64),
}

/// Whether token `i` starts a new clause, so that a capital letter there says nothing.
fn is_after_break(tokens: &[Token], i: usize) -> bool {
    i == 0
        || tokens[i - 1].kind == TokenKind::Symbol
            && matches!(
                tokens[i - 1].text,
                "\"" | "\u{201c}" | "*" | ":" | "(" | "\u{2014}"
            )
}

/// Reasons a bare number (no currency before it) is not an amount.
fn not_an_amount(tokens: &[Token], i: usize, core: &Core) -> Option<&'static str> {
    let t = &tokens[i];
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    let next = tokens.get(i + 1);
    let unit_follows = next.is_some_and(|n| {
        n.is_symbol('%')
            || is_scale(&n.lower)
            || currency_word(&n.lower).is_some()
            || n.lower == "percent"
    });
    if let Some(p) = prev {
        if p.is_symbol('+') || p.is_symbol('#') && !unit_follows {
            return Some(if p.is_symbol('+') {
                "a phone number"
            } else {
                "a chart rank"
            });
        }
        if matches!(
            p.lower.as_str(),
            "no" | "top" | "number" | "rank" | "ranked" | "ranks" | "nos"
        ) && !unit_follows
        {
            return Some("a chart rank");
        }
        if p.is_symbol('.') && i >= 2 && tokens[i - 2].is("no") {
            return Some("a chart rank");
        }
        if p.is_capitalized() && !unit_follows && !is_function_word(&p.lower) && !p.is_symbol('.') {
            return Some("inside a name");
        }
    }
    if let Core::Value(v) = core {
        let plain_digits = t.text.bytes().all(|b| b.is_ascii_digit());
        if plain_digits && t.text.len() > 1 && t.text.starts_with('0') {
            return Some("a section number");
        }
        if plain_digits && t.text.len() == 4 && (1900.0..=2100.0).contains(v) && !unit_follows {
            return Some("a year");
        }
    }
    None
}

/// Capitalized words that may stand before a number without making it part of a name.
fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "by"
            | "to"
            | "of"
            | "for"
            | "from"
            | "with"
            | "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "some"
            | "about"
            | "around"
            | "over"
            | "nearly"
            | "almost"
            | "roughly"
            | "approximately"
            | "only"
            | "just"
            | "up"
            | "under"
            | "below"
            | "above"
            | "more"
            | "less"
            | "fewer"
            | "at least"
            | "exactly"
            | "another"
            | "all"
            | "its"
            | "their"
            | "these"
            | "those"
            | "between"
            | "after"
            | "before"
            | "since"
            | "within"
            | "during"
            | "than"
            | "it"
            | "they"
            | "we"
            | "he"
            | "she"
            | "there"
            | "here"
            | "that"
            | "this"
            | "each"
            | "every"
            | "some of"
            | "nearly all"
            | "close"
            | "exceeding"
            | "reaching"
            | "some other"
            | "but"
            | "yet"
            | "so"
            | "while"
            | "as"
            | "when"
            | "if"
            | "via"
            | "rmb"
            | "usd"
            | "eur"
            | "gbp"
            | "cny"
            | "jpy"
    )
}

/// A number token's value, or why it is no amount.
enum Numeral {
    Value(f64),
    Range(f64, f64),
    Left(&'static str),
}

fn plain(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() {
        return None;
    }
    // Thousands separators must come in threes: "500,000", not "5,00".
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if !frac.bytes().all(|b| b.is_ascii_digit()) || (text.contains('.') && frac.is_empty()) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
        || groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    text.replace(',', "").parse().ok()
}

fn numeral(text: &str, after_currency: bool) -> Numeral {
    if let Some(v) = plain(text) {
        return Numeral::Value(v);
    }
    let lower = text.to_ascii_lowercase();
    let dashes = lower.matches(['-', '\u{2013}']).count();
    if dashes >= 2 && lower.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Numeral::Left("a phone number");
    }
    if dashes == 1 {
        let (a, b) = lower.split_once(['-', '\u{2013}']).unwrap_or_default();
        if let (Some(a), Some(b)) = (plain(a), plain(b)) {
            return if a < b {
                Numeral::Range(a, b)
            } else {
                Numeral::Left("not a range")
            };
        }
        if plain(a).is_some() && b.chars().all(char::is_alphabetic) {
            return Numeral::Left("a compound modifier");
        }
        return Numeral::Left("inside a name");
    }
    let digits = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(lower.len());
    let (number, suffix) = lower.split_at(digits);
    if matches!(suffix, "st" | "nd" | "rd" | "th") {
        return Numeral::Left("an ordinal");
    }
    if let Some(v) = plain(number) {
        // "1.2bn" is a scale anywhere; "72B" or "5m" only after a currency, else a name.
        let strong = match suffix {
            "bn" => Some(1e9),
            "tn" | "trn" => Some(1e12),
            "mn" | "mln" => Some(1e6),
            _ => None,
        };
        let weak = match suffix {
            "k" => Some(1e3),
            "m" => Some(1e6),
            "b" => Some(1e9),
            "t" => Some(1e12),
            _ => None,
        };
        if let Some(scale) = strong.or(weak.filter(|_| after_currency)) {
            return Numeral::Value(v * scale);
        }
    }
    Numeral::Left("inside a name")
}

/// After the number ends at token `at`: scale words, then a percent sign, percentage points
/// or a currency. Returns the finished amount starting at `first`.
fn finish(
    tokens: &[Token],
    taken: &[Option<&'static str>],
    first: usize,
    mut at: usize,
    core: Core,
    currency: Option<&'static str>,
    cents_in: &'static str,
) -> Option<Amount> {
    let (mut lo, mut hi) = match core {
        Core::Value(v) => (v, v),
        Core::Range(a, b) => (a, b),
    };
    let is_range = matches!(core, Core::Range(..));
    while let Some(t) = tokens
        .get(at)
        .filter(|_| taken.get(at).is_some_and(Option::is_none))
    {
        let Some(scale) = scale_value(&t.lower) else {
            break;
        };
        lo *= scale;
        hi *= scale;
        at += 1;
    }
    let mut measure = currency.map_or(Measure::Plain, Measure::Money);
    if let Some(t) = tokens.get(at) {
        if t.is_symbol('%') || matches!(t.lower.as_str(), "percent" | "pct") {
            measure = Measure::Percent;
            at += 1;
        } else if t.is("per") && tokens.get(at + 1).is_some_and(|n| n.is("cent")) {
            measure = Measure::Percent;
            at += 2;
        } else if t.is("percentage")
            && tokens
                .get(at + 1)
                .is_some_and(|n| n.is("points") || n.is("point"))
        {
            measure = Measure::Points;
            at += 2;
        } else if currency.is_none() {
            if matches!(t.lower.as_str(), "cent" | "cents" | "pence" | "penny") {
                lo *= 0.01;
                hi *= 0.01;
                let pence = matches!(t.lower.as_str(), "pence" | "penny");
                measure = Measure::Money(if pence { "GBP" } else { cents_in });
                at += 1;
            } else if let Some(code) = currency_word(&t.lower) {
                measure = Measure::Money(code);
                at += 1;
                if t.is("us") && tokens.get(at).is_some_and(|n| n.is("dollars")) {
                    at += 1;
                }
            }
        }
    }
    Some(Amount {
        first,
        last: at - 1,
        value: (!is_range).then_some(lo),
        min: is_range.then_some(lo),
        max: is_range.then_some(hi),
        measure,
        spelled: false,
        vague: false,
    })
}

/// "A to B", "A-B", "between A and B" after `amount`, with compatible measures.
fn range_after(
    tokens: &[Token],
    taken: &[Option<&'static str>],
    amount: &Amount,
    cents_in: &'static str,
    pence: bool,
) -> Option<Amount> {
    if amount.is_range() || amount.vague {
        return None;
    }
    let connector = tokens.get(amount.last + 1)?;
    let between = amount.first > 0 && tokens[amount.first - 1].is("between");
    let joins = connector.is("to")
        || connector.is_symbol('-')
        || connector.is_symbol('\u{2013}')
        || (between && connector.is("and"));
    let from = amount.first > 0 && tokens[amount.first - 1].is("from");
    if !joins || from {
        return None;
    }
    let Read::Amount(second) = read(tokens, taken, amount.last + 2, cents_in, pence) else {
        return None;
    };
    if second.is_range() || second.vague {
        return None;
    }
    let measure = match (amount.measure, second.measure) {
        (a, b) if a == b => a,
        (Measure::Plain, b) => b,
        _ => return None,
    };
    let (mut lo, hi) = (amount.value?, second.value?);
    // "rose by 120,000 to 4.6 million": a change, then the level it reached, not a range.
    let by = amount.first > 0 && tokens[amount.first - 1].is("by");
    if by && connector.is("to") && hi >= 4.0 * lo {
        return None;
    }
    // "$32 to 33 billion": the scale written once applies to both ends.
    if lo < hi / 100.0 && amount.last == amount.first && hi >= 1000.0 {
        let scale = 10f64.powi((hi.log10().floor() - (lo.max(1.0)).log10().floor()) as i32);
        lo *= scale;
    }
    (lo < hi).then_some(Amount {
        first: amount.first,
        last: second.last,
        value: None,
        min: Some(lo),
        max: Some(hi),
        measure,
        spelled: amount.spelled && second.spelled,
        vague: false,
    })
}

fn scale_value(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

fn is_scale(lower: &str) -> bool {
    scale_value(lower).is_some()
}

/// A currency written before a number, and how many tokens it takes.
fn currency_before(tokens: &[Token], i: usize) -> Option<(&'static str, usize)> {
    let t = &tokens[i];
    let adjacent_dollar = tokens
        .get(i + 1)
        .is_some_and(|n| n.is_symbol('$') && n.start == t.end());
    if t.kind == TokenKind::Word && adjacent_dollar {
        let code = match t.lower.as_str() {
            "us" => "USD",
            "nt" => "TWD",
            "hk" => "HKD",
            "a" | "au" => "AUD",
            "c" | "ca" => "CAD",
            "s" | "sg" => "SGD",
            "r" => "BRL",
            _ => return None,
        };
        return Some((code, 2));
    }
    if t.kind == TokenKind::Symbol {
        let code = match t.text {
            "$" => "USD",
            "\u{20ac}" => "EUR",
            "\u{a3}" => "GBP",
            "\u{a5}" => "CNY",
            "\u{20b9}" => "INR",
            "\u{20a9}" => "KRW",
            _ => return None,
        };
        return Some((code, 1));
    }
    let code = match t.text {
        "RMB" | "CNY" => "CNY",
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "HKD" => "HKD",
        "TWD" => "TWD",
        "INR" => "INR",
        "KRW" => "KRW",
        _ => return None,
    };
    let next = tokens.get(i + 1)?;
    (next.kind == TokenKind::Number || number_word(&next.lower).is_some()).then_some((code, 1))
}

/// A currency written after a number: "yuan", "dollars", "RMB", "euros".
pub fn currency_word(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "yuan" | "rmb" | "renminbi" | "cny" => "CNY",
        "dollars" | "usd" | "dollar" => "USD",
        "euros" | "euro" | "eur" => "EUR",
        "pounds" | "gbp" => "GBP",
        "yen" | "jpy" => "JPY",
        "won" | "krw" => "KRW",
        "rupees" | "inr" => "INR",
        _ => return None,
    })
}

/// The value of one number word: "seven" 7, "twenty-five" 25, "dozen" 12.
pub fn number_word(lower: &str) -> Option<f64> {
    let unit = |w: &str| -> Option<f64> {
        Some(match w {
            "zero" => 0.0,
            "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "dozen" => 12.0,
            _ => return None,
        })
    };
    let tens = |w: &str| -> Option<f64> {
        Some(match w {
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            _ => return None,
        })
    };
    if let Some((t, u)) = lower.split_once('-') {
        return Some(tens(t)? + unit(u).filter(|u| (1.0..=9.0).contains(u))?);
    }
    unit(lower).or_else(|| tens(lower))
}

/// A number in words from token `i`: its value, its length in tokens, and whether it ends in a
/// scale word. "seven" (7, 1), "a million" (1000000, 2), "two hundred thousand" (200000, 3).
fn spelled(tokens: &[Token], i: usize) -> Option<(f64, usize, bool)> {
    let first = &tokens[i].lower;
    // "half a trillion", "half a million".
    if first == "half"
        && tokens.get(i + 1).is_some_and(|t| t.is("a"))
        && let Some(scale) = tokens.get(i + 2).and_then(|t| scale_value(&t.lower))
    {
        return Some((0.5 * scale, 3, scale >= 1000.0));
    }
    let mut at = i;
    let mut value = if matches!(first.as_str(), "a" | "an") {
        let next = tokens.get(i + 1)?;
        if !(next.is("dozen") || is_scale(&next.lower)) {
            return None;
        }
        at += 1;
        if next.is("dozen") {
            return Some((12.0, 2, false));
        }
        1.0
    } else {
        let v = number_word(first)?;
        at += 1;
        v
    };
    if first == "dozen" {
        return None;
    }
    let mut has_scale = false;
    if matches!(first.as_str(), "a" | "an") {
        // Scale read below from `at`.
    }
    while let Some(t) = tokens.get(at) {
        let Some(scale) = scale_value(&t.lower) else {
            break;
        };
        value *= scale;
        has_scale = scale >= 1000.0 || has_scale;
        at += 1;
    }
    if matches!(first.as_str(), "a" | "an") && at == i + 1 {
        return None;
    }
    Some((value, at - i, has_scale))
}

/// "double digits", "triple-digit", "single digits"; "doubled", "tripled", "halved".
fn vague_magnitude(tokens: &[Token], i: usize) -> Option<Amount> {
    let t = &tokens[i];
    let range = |lo: f64, hi: f64, last: usize| Amount {
        first: i,
        last,
        value: None,
        min: Some(lo),
        max: Some(hi),
        measure: Measure::Percent,
        spelled: false,
        vague: true,
    };
    let bounds = |w: &str| match w {
        "single" => Some((1.0, 9.0)),
        "double" => Some((10.0, 99.0)),
        "triple" => Some((100.0, 999.0)),
        _ => None,
    };
    if let Some((w, rest)) = t.lower.split_once('-')
        && matches!(rest, "digit" | "digits")
    {
        let (lo, hi) = bounds(w)?;
        return Some(range(lo, hi, i));
    }
    if let Some(next) = tokens.get(i + 1)
        && matches!(next.lower.as_str(), "digits" | "digit")
    {
        let (lo, hi) = bounds(&t.lower)?;
        return Some(range(lo, hi, i + 1));
    }
    let value = match t.lower.as_str() {
        "doubled" => 100.0,
        "tripled" => 200.0,
        "quadrupled" => 300.0,
        "halved" => -50.0,
        _ => return None,
    };
    Some(Amount {
        first: i,
        last: i,
        value: Some(value),
        min: None,
        max: None,
        measure: Measure::Percent,
        spelled: false,
        vague: true,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_text_states_the_one_number_extraction_reads_in_it() {
        for (text, value) in [
            ("$3.2 billion", Some(3.2e9)),
            ("312", Some(312.0)),
            ("12%", Some(12.0)),
            ("seven", Some(7.0)),
            ("40 million users", Some(4e7)),
            ("between 5% and 7%", None),
            ("double digits", None),
            ("3 or 4", None),
            ("no number", None),
        ] {
            assert_eq!(stated_value(text), value, "{text}");
        }
    }

    use super::super::text::tokens;
    use super::*;

    const MONEY: Money = Money {
        currency: "USD",
        pence: true,
    };

    /// The text of an amount, its value or (min, max), and its measure.
    type Seen = (String, Option<f64>, Option<(f64, f64)>, Measure);

    fn amounts(s: &str) -> Vec<Seen> {
        let toks = tokens(s, 0, s.len());
        let taken = vec![None; toks.len()];
        let (found, _) = scan(&toks, &taken, MONEY);
        found
            .iter()
            .map(|a| {
                (
                    s[toks[a.first].start..toks[a.last].end()].to_string(),
                    a.value,
                    a.min.zip(a.max),
                    a.measure,
                )
            })
            .collect()
    }

    fn left_out(s: &str) -> Vec<(String, &'static str)> {
        let toks = tokens(s, 0, s.len());
        let taken = vec![None; toks.len()];
        let (_, left) = scan(&toks, &taken, MONEY);
        left.iter()
            .map(|l| {
                (
                    s[toks[l.first].start..toks[l.last].end()].to_string(),
                    l.reason,
                )
            })
            .collect()
    }

    fn one(s: &str) -> Seen {
        let mut all = amounts(s);
        assert_eq!(all.len(), 1, "{s}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn a_range_connector_at_the_end_of_a_sentence_reads_no_second_amount() {
        // Found by fuzzing: "7-" ended the text and the reader looked past its last token.
        assert_eq!(one("Sales rose 7-").1, Some(7.0));
    }

    #[test]
    fn reads_figures_with_scale_words_and_separators() {
        let cases: &[(&str, f64, Measure)] = &[
            ("over 40 million downloads", 40e6, Measure::Plain),
            ("500,000 agents", 500_000.0, Measure::Plain),
            ("revenue of 1.2bn", 1.2e9, Measure::Plain),
            ("$3.5 billion", 3.5e9, Measure::Money("USD")),
            ("US$ 2 million", 2e6, Measure::Money("USD")),
            ("US$2 million", 2e6, Measure::Money("USD")),
            ("NT$5 billion", 5e9, Measure::Money("TWD")),
            ("RMB 1.2 trillion", 1.2e12, Measure::Money("CNY")),
            ("3 billion yuan", 3e9, Measure::Money("CNY")),
            ("\u{20ac}326 billion", 326e9, Measure::Money("EUR")),
            ("\u{a3}4m", 4e6, Measure::Money("GBP")),
            ("$72B", 72e9, Measure::Money("USD")),
            ("0.003 yuan per", 0.003, Measure::Money("CNY")),
            ("155%", 155.0, Measure::Percent),
            ("12 percent", 12.0, Measure::Percent),
            ("seven percentage points", 7.0, Measure::Points),
            ("seven", 7.0, Measure::Plain),
            ("twenty-five firms", 25.0, Measure::Plain),
            ("a dozen firms", 12.0, Measure::Plain),
            ("a million times", 1e6, Measure::Plain),
            ("two hundred thousand users", 200_000.0, Measure::Plain),
            ("1 cent", 0.01, Measure::Money("USD")),
            ("a dividend of 8.5p a share", 0.085, Measure::Money("GBP")),
            ("closed at 455p", 4.55, Measure::Money("GBP")),
            ("12 pence", 0.12, Measure::Money("GBP")),
            ("half a trillion dollars", 5e11, Measure::Money("USD")),
        ];
        let mut failures = Vec::new();
        for (s, value, measure) in cases {
            let found = amounts(s);
            if found.len() != 1 || found[0].1 != Some(*value) || found[0].3 != *measure {
                failures.push(format!("{s}: {found:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn reads_ranges_and_vague_magnitudes() {
        let cases: &[(&str, f64, f64, Measure)] = &[
            ("6-12 months", 6.0, 12.0, Measure::Plain),
            ("6 to 12 months", 6.0, 12.0, Measure::Plain),
            ("between 6 and 12", 6.0, 12.0, Measure::Plain),
            (
                "$66 billion to $72 billion",
                66e9,
                72e9,
                Measure::Money("USD"),
            ),
            (
                "between $364 billion and $400 billion",
                364e9,
                400e9,
                Measure::Money("USD"),
            ),
            ("140% to 160%", 140.0, 160.0, Measure::Percent),
            ("$32\u{2013}33 billion", 32e9, 33e9, Measure::Money("USD")),
            ("double digits", 10.0, 99.0, Measure::Percent),
            ("triple-digit", 100.0, 999.0, Measure::Percent),
        ];
        let mut failures = Vec::new();
        for (s, lo, hi, measure) in cases {
            let found = amounts(s);
            if found.len() != 1 || found[0].2 != Some((*lo, *hi)) || found[0].3 != *measure {
                failures.push(format!("{s}: {found:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_change_from_one_figure_to_another_is_not_a_range() {
        assert_eq!(amounts("from $5 billion to $7 billion").len(), 2);
        assert_eq!(amounts("rose 36% to $18.337 billion").len(), 2);
        assert_eq!(amounts("rose by 120,000 to 4.6 million").len(), 2);
        assert_eq!(amounts("cut by 10 to 15 jobs").len(), 1);
    }

    #[test]
    fn doubling_is_a_vague_growth() {
        assert_eq!(one("sales doubled").1, Some(100.0));
    }

    #[test]
    fn says_why_numbers_are_left_out() {
        let cases: &[(&str, &str, &str)] = &[
            ("Zeta-4o is here", "Zeta-4o", "inside a name"),
            ("Zephyr 2.5-72B wins", "2.5-72B", "inside a name"),
            ("in 720P", "720P", "inside a name"),
            ("the Orbix 2.0 era", "2.0", "inside a name"),
            ("a 2B business", "2B", "inside a name"),
            ("at the 2024 fair", "2024", "a year"),
            ("on the 19th", "19th", "an ordinal"),
            ("ranked No. 1 today", "1", "a chart rank"),
            ("among the Top 10 apps", "10", "a chart rank"),
            ("01 Discounts", "01", "a section number"),
            ("call +1 775-555-0164", "1", "a phone number"),
            ("call 775-555-0164", "775-555-0164", "a phone number"),
            ("the AI Six Tigers", "Six", "inside a name"),
            ("shares rose by 1430 GMT", "1430", "a time of day"),
        ];
        let mut failures = Vec::new();
        for (s, text, reason) in cases {
            let left = left_out(s);
            if !left.iter().any(|(t, r)| t == text && r == reason) || !amounts(s).is_empty() {
                failures.push(format!("{s}: {left:?} {:?}", amounts(s)));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
