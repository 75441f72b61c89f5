//! Numbers, amounts, periods and dates written for readers in the site's language:
//! 40000000 becomes "40 million", a range of 10 to 99 percent "10–99%", 76400000000 USD
//! "$76.4 billion", `2024-Q2` "Q2 2024".
//!
//! Every wording lives in a [`Locale`]; the Tera filters of `render.rs` and the search index call
//! these functions, so a value reads the same on every page and in every download.

use crate::facts::{Basis, Kind, Qualifier, Unit};

/// The words and separators of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// Primary language subtag: `en`, `de`, `fr`.
    pub language: &'static str,
    group: &'static str,
    decimal: &'static str,
    /// Million, billion, trillion: (singular, plural).
    scales: [(&'static str, &'static str); 3],
    /// Written between a number and `%`: nothing in English, a no-break space in German and French.
    percent_gap: &'static str,
    /// Currency symbols after the amount ("76,4 Mrd. $") rather than before ("$76.4 billion").
    currency_after: bool,
    /// over, at least, under, up to, about.
    qualifiers: [&'static str; 5],
    /// The same for a growth figure, after the word for its direction: "up as much as 85%".
    growth_qualifiers: [&'static str; 5],
    /// A qualified growth figure's direction: "up over 200%", "down as much as 17%".
    rise_fall: [&'static str; 2],
    /// year-over-year, quarter-over-quarter, month-over-month.
    bases: [&'static str; 3],
    price_cut: &'static str,
    downloads: &'static str,
    /// day, month, year: (singular, plural).
    times: [(&'static str, &'static str); 3],
    months: [&'static str; 12],
    /// Growth, Price cuts, Downloads, Counts, Money, Shares, Durations, Comparisons.
    kinds: [&'static str; 8],
    date: DateOrder,
}

/// Where the day goes; the year always comes last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateOrder {
    /// September 24, 2024
    MonthDay,
    /// 24. September 2024
    DayDotMonth,
    /// 24 septembre 2024
    DayMonth,
}

/// English, the default.
pub const EN: Locale = Locale {
    language: "en",
    group: ",",
    decimal: ".",
    scales: [
        ("million", "million"),
        ("billion", "billion"),
        ("trillion", "trillion"),
    ],
    percent_gap: "",
    currency_after: false,
    qualifiers: ["over", "at least", "under", "up to", "about"],
    growth_qualifiers: ["over", "at least", "under", "as much as", "about"],
    rise_fall: ["up", "down"],
    bases: ["year-over-year", "quarter-over-quarter", "month-over-month"],
    price_cut: "price cut",
    downloads: "downloads",
    times: [("day", "days"), ("month", "months"), ("year", "years")],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    kinds: [
        "Growth",
        "Price cuts",
        "Downloads",
        "Counts",
        "Money",
        "Shares",
        "Durations",
        "Comparisons",
    ],
    date: DateOrder::MonthDay,
};

/// German.
pub const DE: Locale = Locale {
    language: "de",
    group: ".",
    decimal: ",",
    scales: [("Mio.", "Mio."), ("Mrd.", "Mrd."), ("Bio.", "Bio.")],
    percent_gap: "\u{a0}",
    currency_after: true,
    qualifiers: ["über", "mindestens", "unter", "bis zu", "etwa"],
    growth_qualifiers: ["über", "mindestens", "unter", "bis zu", "etwa"],
    rise_fall: ["plus", "minus"],
    bases: [
        "gegenüber dem Vorjahr",
        "gegenüber dem Vorquartal",
        "gegenüber dem Vormonat",
    ],
    price_cut: "Preissenkung",
    downloads: "Downloads",
    times: [("Tag", "Tage"), ("Monat", "Monate"), ("Jahr", "Jahre")],
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    kinds: [
        "Wachstum",
        "Preissenkungen",
        "Downloads",
        "Anzahlen",
        "Geldbeträge",
        "Anteile",
        "Zeiträume",
        "Vergleiche",
    ],
    date: DateOrder::DayDotMonth,
};

/// French.
pub const FR: Locale = Locale {
    language: "fr",
    group: "\u{202f}",
    decimal: ",",
    scales: [
        ("million", "millions"),
        ("milliard", "milliards"),
        ("billion", "billions"),
    ],
    percent_gap: "\u{a0}",
    currency_after: true,
    qualifiers: ["plus de", "au moins", "moins de", "jusqu’à", "environ"],
    growth_qualifiers: ["plus de", "au moins", "moins de", "jusqu’à", "environ"],
    rise_fall: ["en hausse de", "en baisse de"],
    bases: ["sur un an", "sur un trimestre", "sur un mois"],
    price_cut: "de baisse de prix",
    downloads: "téléchargements",
    times: [("jour", "jours"), ("mois", "mois"), ("an", "ans")],
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    kinds: [
        "Croissance",
        "Baisses de prix",
        "Téléchargements",
        "Nombres",
        "Montants",
        "Parts",
        "Durées",
        "Comparaisons",
    ],
    date: DateOrder::DayMonth,
};

impl Locale {
    /// The locale of a BCP 47 tag (`en`, `de-AT`, `fr-CA`); English for languages without one.
    pub fn for_language(tag: &str) -> Locale {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        [EN, DE, FR]
            .into_iter()
            .find(|locale| locale.language == primary)
            .unwrap_or(EN)
    }

    /// A plain number for readers: `40000000` is "40 million", `500000` "500,000", `0.003`
    /// "0.003". Large numbers take a scale word only when that loses no digit.
    pub fn number(&self, value: f64) -> String {
        let sign = if value < 0.0 { "\u{2212}" } else { "" };
        let magnitude = value.abs();
        if let Some((digits, scale)) = self.scaled(magnitude) {
            return format!("{sign}{digits} {scale}");
        }
        format!("{sign}{}", self.plain(magnitude))
    }

    /// A value with its unit and qualifier: "over 40 million", "$76.4 billion", "10–99%",
    /// "6–12 months", "0.003 yuan". `signed` writes a plus before positive numbers (growth).
    pub fn amount(&self, figure: &Figure, signed: bool) -> String {
        let core = match (figure.qualifier, figure.min, figure.max, figure.value) {
            (Some(Qualifier::Range), Some(min), Some(max), _) => {
                self.with_unit_range(min, max, figure.unit.as_ref(), signed)
            }
            (_, _, _, Some(value)) => self.with_unit(value, figure.unit.as_ref(), signed),
            (_, Some(min), Some(max), None) => {
                self.with_unit_range(min, max, figure.unit.as_ref(), signed)
            }
            _ => return figure.text.clone(),
        };
        match figure.qualifier.and_then(|q| self.qualifier_word(q)) {
            Some(word) => format!("{word} {core}"),
            None => core,
        }
    }

    /// The value as a reader takes it in at a glance, with what kind of figure it is:
    /// "+155% year-over-year", "97% price cut", "over 40 million downloads".
    pub fn headline(&self, figure: &Figure) -> String {
        self.headline_and_amount(figure).0
    }

    /// [`Locale::headline`] and the unsigned [`Locale::amount`] (none for a comparison, which
    /// has no amount of its own), the one made from the other where it can be.
    pub fn headline_and_amount(&self, figure: &Figure) -> (String, Option<String>) {
        let amount = || self.amount(figure, false);
        match &figure.kind {
            Kind::Growth => {
                let growth = self.growth(figure);
                let headline = match figure.basis {
                    Some(basis) => format!("{growth} {}", self.basis(basis)),
                    None => growth,
                };
                (headline, Some(amount()))
            }
            Kind::PriceCut | Kind::Downloads => {
                let amount = amount();
                let word = match figure.kind {
                    Kind::PriceCut => self.price_cut,
                    _ => self.downloads,
                };
                (format!("{amount} {word}"), Some(amount))
            }
            Kind::Comparison => (figure.text.clone(), None),
            _ => {
                let amount = amount();
                (amount.clone(), Some(amount))
            }
        }
    }

    /// "+155%", "−17%", "+10–99%"; with a qualifier the direction is a word, since "over +200%"
    /// reads badly: "up over 200%", "down as much as 17%".
    fn growth(&self, figure: &Figure) -> String {
        let word = match figure.qualifier {
            Some(Qualifier::Over) => Some(self.growth_qualifiers[0]),
            Some(Qualifier::AtLeast) => Some(self.growth_qualifiers[1]),
            Some(Qualifier::Under) => Some(self.growth_qualifiers[2]),
            Some(Qualifier::UpTo) => Some(self.growth_qualifiers[3]),
            Some(Qualifier::Approx) => Some(self.growth_qualifiers[4]),
            _ => None,
        };
        match (word, figure.value) {
            (Some(word), Some(value)) => {
                let direction = self.rise_fall[usize::from(value < 0.0)];
                let magnitude = Figure {
                    value: Some(value.abs()),
                    qualifier: None,
                    ..figure.clone()
                };
                format!("{direction} {word} {}", self.amount(&magnitude, false))
            }
            _ => self.amount(figure, true),
        }
    }

    pub fn basis(&self, basis: Basis) -> &'static str {
        match basis {
            Basis::YearOverYear => self.bases[0],
            Basis::QuarterOverQuarter => self.bases[1],
            Basis::MonthOverMonth => self.bases[2],
        }
    }

    /// The heading of a kind's section and page: "Price cuts"; a custom kind's own word,
    /// capitalised, with underscores as spaces.
    pub fn kind_label(&self, kind: &Kind) -> String {
        match Kind::BUILT_IN.iter().position(|k| k == kind) {
            Some(index) => self.kinds[index].to_string(),
            None => {
                let words = kind.as_str().replace(['_', '-'], " ");
                let mut chars = words.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => words,
                }
            }
        }
    }

    /// A chart's heading for the facts of `kind` (whose label is `label`) about `metric`:
    /// the metric alone where the kind adds nothing ("Paying users" for counts), else the two
    /// together. English joins them into a phrase ("Cloud revenue growth", "Storage price
    /// cuts"); other languages put the kind first ("Wachstum: cloud revenue"), since the metric
    /// is in the articles' words, not the site's.
    pub fn metric_heading(&self, kind: &Kind, label: &str, metric: &str) -> String {
        let capitalised = capitalise(metric);
        match kind {
            Kind::Downloads | Kind::Count | Kind::Money | Kind::Share | Kind::Duration => {
                capitalised
            }
            Kind::Growth if self.language == "en" => format!("{capitalised} growth"),
            Kind::PriceCut if self.language == "en" => format!("{capitalised} cuts"),
            _ => format!("{label}: {metric}"),
        }
    }

    /// An ISO date (`2024-09-24`) as a reader writes it: "September 24, 2024".
    pub fn date(&self, iso: &str) -> String {
        let Some((year, month, day)) = split_date(iso) else {
            return iso.to_string();
        };
        let name = self.months[month - 1];
        match self.date {
            DateOrder::MonthDay => format!("{name} {day}, {year}"),
            DateOrder::DayDotMonth => format!("{day}. {name} {year}"),
            DateOrder::DayMonth => format!("{day} {name} {year}"),
        }
    }

    /// A FACTS.md period for readers: "2024", "Q2 2024", "May 2024", a date, or an interval of
    /// two of them joined by an en dash.
    pub fn period(&self, period: &str) -> String {
        match period.split_once('/') {
            Some((start, end)) => {
                format!("{}\u{2009}–\u{2009}{}", self.point(start), self.point(end))
            }
            None => self.point(period),
        }
    }

    fn point(&self, point: &str) -> String {
        let parts: Vec<&str> = point.split('-').collect();
        match parts.as_slice() {
            [year, quarter] if quarter.starts_with('Q') => format!("{quarter} {year}"),
            [year, month] => match month.parse::<usize>() {
                Ok(m @ 1..=12) => format!("{} {year}", self.months[m - 1]),
                _ => point.to_string(),
            },
            [_, _, _] => self.date(point),
            _ => point.to_string(),
        }
    }

    fn qualifier_word(&self, qualifier: Qualifier) -> Option<&'static str> {
        match qualifier {
            Qualifier::Over => Some(self.qualifiers[0]),
            Qualifier::AtLeast => Some(self.qualifiers[1]),
            Qualifier::Under => Some(self.qualifiers[2]),
            Qualifier::UpTo => Some(self.qualifiers[3]),
            Qualifier::Approx => Some(self.qualifiers[4]),
            Qualifier::Exact | Qualifier::Range => None,
        }
    }

    fn with_unit(&self, value: f64, unit: Option<&Unit>, signed: bool) -> String {
        self.attach_unit(&self.signed(value, signed), value, unit)
    }

    /// "10–99%", "6–12 months", "$66–72 billion": the unit and scale word once when both ends
    /// share them, "$950 million–$1.2 billion" when they do not.
    fn with_unit_range(&self, min: f64, max: f64, unit: Option<&Unit>, signed: bool) -> String {
        let low_sign = if signed && min > 0.0 {
            "+"
        } else if min < 0.0 {
            "\u{2212}"
        } else {
            ""
        };
        let high_sign = if max < 0.0 { "\u{2212}" } else { "" };
        let numbers = match (self.scaled(min.abs()), self.scaled(max.abs())) {
            (Some((low, low_scale)), Some((high, high_scale)))
                if low_scale == high_scale
                    || self.scale_stem(low_scale) == self.scale_stem(high_scale) =>
            {
                format!("{low_sign}{low}–{high_sign}{high} {high_scale}")
            }
            (None, None) => format!("{}–{}", self.signed(min, signed), self.number(max)),
            _ => {
                return format!(
                    "{}–{}",
                    self.with_unit(min, unit, signed),
                    self.with_unit(max, unit, false)
                );
            }
        };
        self.attach_unit(&numbers, max, unit)
    }

    /// The index of a scale word among the locale's scales, whatever its number.
    fn scale_stem(&self, word: &str) -> Option<usize> {
        self.scales
            .iter()
            .position(|(one, many)| *one == word || *many == word)
    }

    /// Writes `number` (already formatted, `value` says singular or plural) with its unit.
    fn attach_unit(&self, number: &str, value: f64, unit: Option<&Unit>) -> String {
        match unit {
            Some(Unit::Percent) => format!("{number}{}%", self.percent_gap),
            Some(Unit::Days) => format!("{number} {}", self.time(0, value)),
            Some(Unit::Months) => format!("{number} {}", self.time(1, value)),
            Some(Unit::Years) => format!("{number} {}", self.time(2, value)),
            Some(Unit::Currency(code)) => self.money(number, code),
            Some(Unit::Count) | None => number.to_string(),
        }
    }

    fn money(&self, number: &str, code: &str) -> String {
        match currency_symbol(code) {
            Some(symbol) if self.currency_after => format!("{number}\u{a0}{symbol}"),
            Some(symbol) => match number.strip_prefix(['+', '\u{2212}']) {
                Some(rest) => format!("{}{symbol}{rest}", &number[..number.len() - rest.len()]),
                None => format!("{symbol}{number}"),
            },
            None => format!("{number} {}", currency_word(code).unwrap_or(code)),
        }
    }

    fn time(&self, index: usize, value: f64) -> &'static str {
        let (one, many) = self.times[index];
        if value.abs() == 1.0 { one } else { many }
    }

    fn signed(&self, value: f64, signed: bool) -> String {
        let number = self.number(value);
        if signed && value > 0.0 {
            format!("+{number}")
        } else {
            number
        }
    }

    /// "40 million" as ("40", "million") when the scale word loses no digit (at most three
    /// decimals), else `None`.
    fn scaled(&self, magnitude: f64) -> Option<(String, &'static str)> {
        let (scale, (one, many)) = [
            (1e12, self.scales[2]),
            (1e9, self.scales[1]),
            (1e6, self.scales[0]),
        ]
        .into_iter()
        .find(|(scale, _)| magnitude >= *scale)?;
        let scaled = magnitude / scale;
        let rounded = (scaled * 1000.0).round() / 1000.0;
        if (rounded * scale - magnitude).abs() > magnitude * 1e-12 {
            return None;
        }
        let word = if rounded >= 2.0 { many } else { one };
        Some((self.plain(rounded), word))
    }

    /// Digits with the locale's group and decimal separators, as many decimals as the number has.
    fn plain(&self, magnitude: f64) -> String {
        let shortest = format!("{magnitude}");
        let (whole, fraction) = shortest.split_once('.').unwrap_or((&shortest, ""));
        let mut grouped = String::new();
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push_str(self.group);
            }
            grouped.push(digit);
        }
        if fraction.is_empty() {
            grouped
        } else {
            format!("{grouped}{}{fraction}", self.decimal)
        }
    }
}

/// The fields of a fact that say how to write its value: FACTS.md's names, read from whatever
/// a template passes to a filter (a fact, or any map with these keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub kind: Kind,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<Unit>,
    pub qualifier: Option<Qualifier>,
    pub basis: Option<Basis>,
    pub text: String,
}

impl Figure {
    pub fn of(fact: &crate::facts::Fact) -> Figure {
        Figure {
            kind: fact.kind.clone(),
            value: fact.value.map(|n| n.0),
            min: fact.min.map(|n| n.0),
            max: fact.max.map(|n| n.0),
            unit: fact.unit.clone(),
            qualifier: fact.qualifier,
            basis: fact.basis,
            text: fact.text.clone(),
        }
    }
}

/// The symbol written before (English) or after (German, French) an amount, for the currencies
/// whose symbol is unambiguous. Others are written with a word or their code after the amount.
fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "KRW" => "₩",
        _ => return None,
    })
}

/// Currencies a reader knows by a word rather than a symbol: the yuan's ¥ would read as yen.
fn currency_word(code: &str) -> Option<&'static str> {
    Some(match code {
        "CNY" => "yuan",
        "CHF" => "francs",
        _ => return None,
    })
}

/// The text with its first letter in upper case: "cloud revenue" is "Cloud revenue".
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn split_date(iso: &str) -> Option<(i32, usize, u32)> {
    let mut parts = iso.split('-');
    let year = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && parts.next().is_none()).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(kind: Kind, value: Option<f64>, unit: &str, qualifier: Qualifier) -> Figure {
        Figure {
            kind,
            value,
            min: None,
            max: None,
            unit: Unit::parse(unit),
            qualifier: Some(qualifier),
            basis: None,
            text: "as written".into(),
        }
    }

    fn range(kind: Kind, min: f64, max: f64, unit: &str) -> Figure {
        Figure {
            min: Some(min),
            max: Some(max),
            ..figure(kind, None, unit, Qualifier::Range)
        }
    }

    #[test]
    fn the_headline_and_the_amount_made_together_are_the_ones_made_apart() {
        for kind in Kind::BUILT_IN {
            for figure in [
                figure(kind.clone(), Some(155.0), "percent", Qualifier::Exact),
                figure(kind.clone(), Some(-17.0), "percent", Qualifier::UpTo),
                figure(kind.clone(), Some(40e6), "count", Qualifier::Over),
                Figure {
                    basis: Some(Basis::YearOverYear),
                    ..figure(kind.clone(), Some(3.0), "USD", Qualifier::Approx)
                },
                range(kind.clone(), 10.0, 99.0, "percent"),
            ] {
                for locale in [EN, DE, FR] {
                    let amount = (kind != Kind::Comparison).then(|| locale.amount(&figure, false));
                    let headline = match &figure.kind {
                        Kind::Growth | Kind::Comparison => locale.headline(&figure),
                        _ if kind == Kind::PriceCut => {
                            format!("{} {}", locale.amount(&figure, false), locale.price_cut)
                        }
                        _ if kind == Kind::Downloads => {
                            format!("{} {}", locale.amount(&figure, false), locale.downloads)
                        }
                        _ => locale.amount(&figure, false),
                    };
                    assert_eq!(
                        locale.headline_and_amount(&figure),
                        (headline, amount),
                        "{figure:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn large_numbers_take_a_scale_word_only_when_no_digit_is_lost() {
        assert_eq!(EN.number(40_000_000.0), "40 million");
        assert_eq!(EN.number(76_400_000_000.0), "76.4 billion");
        assert_eq!(EN.number(18_337_000_000.0), "18.337 billion");
        assert_eq!(EN.number(1_234_567.0), "1,234,567");
        assert_eq!(EN.number(500_000.0), "500,000");
        assert_eq!(EN.number(1_200.0), "1,200");
        assert_eq!(EN.number(0.003), "0.003");
        assert_eq!(EN.number(-17.0), "\u{2212}17");
        assert_eq!(EN.number(2_000_000_000_000.0), "2 trillion");
    }

    #[test]
    fn separators_and_scale_words_follow_the_language() {
        assert_eq!(DE.number(76_400_000_000.0), "76,4 Mrd.");
        assert_eq!(DE.number(500_000.5), "500.000,5");
        assert_eq!(FR.number(2_600_000.0), "2,6 millions");
        assert_eq!(FR.number(1_000_000.0), "1 million");
        assert_eq!(Locale::for_language("de-AT"), DE);
        assert_eq!(Locale::for_language("ja"), EN);
    }

    #[test]
    fn money_uses_a_symbol_or_the_currency_word() {
        let usd = figure(Kind::Money, Some(76_400_000_000.0), "USD", Qualifier::Exact);
        assert_eq!(EN.amount(&usd, false), "$76.4 billion");
        let eur = figure(
            Kind::Money,
            Some(326_000_000_000.0),
            "EUR",
            Qualifier::Exact,
        );
        assert_eq!(EN.amount(&eur, false), "€326 billion");
        assert_eq!(DE.amount(&eur, false), "326 Mrd.\u{a0}€");
        let cny = figure(Kind::Money, Some(0.003), "CNY", Qualifier::Exact);
        assert_eq!(EN.amount(&cny, false), "0.003 yuan");
        let chf = figure(Kind::Money, Some(5.0), "SEK", Qualifier::Over);
        assert_eq!(EN.amount(&chf, false), "over 5 SEK");
    }

    #[test]
    fn ranges_write_their_unit_and_scale_once() {
        assert_eq!(
            EN.amount(&range(Kind::Growth, 10.0, 99.0, "percent"), false),
            "10–99%"
        );
        assert_eq!(
            EN.amount(&range(Kind::Duration, 6.0, 12.0, "months"), false),
            "6–12 months"
        );
        assert_eq!(
            EN.amount(&range(Kind::Money, 66e9, 72e9, "USD"), false),
            "$66–72 billion"
        );
        assert_eq!(
            EN.amount(&range(Kind::Money, 950e6, 1.2e9, "USD"), false),
            "$950 million–$1.2 billion"
        );
        assert_eq!(
            EN.headline(&range(Kind::Growth, 10.0, 99.0, "percent")),
            "+10–99%"
        );
    }

    #[test]
    fn headlines_say_what_kind_of_figure_it_is() {
        let mut growth = figure(Kind::Growth, Some(155.0), "percent", Qualifier::Exact);
        growth.basis = Some(Basis::YearOverYear);
        assert_eq!(EN.headline(&growth), "+155% year-over-year");
        let cut = figure(Kind::PriceCut, Some(97.0), "percent", Qualifier::Exact);
        assert_eq!(EN.headline(&cut), "97% price cut");
        let downloads = figure(Kind::Downloads, Some(40e6), "count", Qualifier::Over);
        assert_eq!(EN.headline(&downloads), "over 40 million downloads");
        let over = figure(Kind::Growth, Some(200.0), "percent", Qualifier::Over);
        assert_eq!(EN.headline(&over), "up over 200%");
        let fall = figure(Kind::Growth, Some(-17.0), "percent", Qualifier::UpTo);
        assert_eq!(EN.headline(&fall), "down as much as 17%");
        let drop = figure(Kind::Growth, Some(-17.0), "percent", Qualifier::Exact);
        assert_eq!(EN.headline(&drop), "\u{2212}17%");
        let comparison = figure(Kind::Comparison, None, "count", Qualifier::Exact);
        assert_eq!(EN.headline(&comparison), "as written");
    }

    #[test]
    fn periods_and_dates_read_as_written_in_the_language() {
        assert_eq!(EN.period("2024-Q2"), "Q2 2024");
        assert_eq!(EN.period("2024-05"), "May 2024");
        assert_eq!(EN.period("2024"), "2024");
        assert_eq!(
            EN.period("2023-01/2023-07"),
            "January 2023\u{2009}–\u{2009}July 2023"
        );
        assert_eq!(EN.date("2024-09-24"), "September 24, 2024");
        assert_eq!(DE.date("2024-09-24"), "24. September 2024");
        assert_eq!(FR.date("2024-09-04"), "4 septembre 2024");
    }

    #[test]
    fn kinds_have_plural_labels_and_custom_kinds_their_own_word() {
        assert_eq!(EN.kind_label(&Kind::PriceCut), "Price cuts");
        assert_eq!(
            EN.kind_label(&Kind::Custom("head_count".into())),
            "Head count"
        );
        assert_eq!(DE.kind_label(&Kind::Growth), "Wachstum");
    }
}
