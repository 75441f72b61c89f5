//! What carries from sentence to sentence: the article's date and currency, the names said so
//! far (so that "the firm", "it" and a short "Carrow" find the "Carrow Media" they stand for),
//! the period a paragraph and the article are about, and the calendar of a fiscal year once
//! the article has given it.

use jiff::civil::Date;

use super::period::Time;

/// The state of reading one article.
#[derive(Debug, Default)]
pub(crate) struct Discourse {
    pub date: Option<Date>,
    /// What "cents" are counted in: `CNY` in an article about yuan, else `USD`.
    pub currency: &'static str,
    paragraph: usize,
    /// The period the current paragraph is about.
    pub paragraph_period: Option<Time>,
    /// The reporting period (a year or a quarter) that frames the article.
    pub article_period: Option<Time>,
    /// Names said outright, oldest first, each once.
    names: Vec<String>,
    /// The last name that was the subject of a fact or a sentence: what "it" and "the company"
    /// refer to.
    pub topic: Option<String>,
    /// The name the headline is about: the article's subject when nothing nearer is.
    pub headline: Option<String>,
    pub price_in_paragraph: bool,
    /// Names by the common noun that described them ("app" for "Orbitly's mobile app"),
    /// oldest first: what "the app" refers to.
    pub described: Vec<(String, String)>,
    /// The people named so far ("chief executive Marta Quill"): never the topic.
    pub people: Vec<String>,
    /// The names of the previous sentence, for "..., respectively".
    pub previous_names: Vec<String>,
    /// Sentences without figures since the last one read, newest last: read only when an
    /// anaphor needs their subject, so that the fast path stays fast.
    pub unread: Vec<(usize, usize)>,
    /// A fiscal quarter and the calendar months the article says it covered.
    fiscal: Option<(i16, i8, Time)>,
}

impl Discourse {
    pub fn new(date: Option<Date>, text: &str) -> Discourse {
        let currency = if text.contains("yuan") || text.contains("RMB") {
            "CNY"
        } else {
            "USD"
        };
        Discourse {
            date,
            currency,
            ..Discourse::default()
        }
    }

    /// Moves on to the sentence of `paragraph`: a new paragraph forgets its predecessor's
    /// period and prices.
    pub fn enter(&mut self, paragraph: usize) {
        if paragraph != self.paragraph {
            self.paragraph = paragraph;
            self.paragraph_period = None;
            self.price_in_paragraph = false;
        }
    }

    /// The period in context: the paragraph's, else the article's.
    pub fn period(&self) -> Option<Time> {
        self.paragraph_period.or(self.article_period)
    }

    /// Carries `period` on to the next sentences: a reporting period that has ended by the
    /// article's date (a year, a half, a quarter) frames the whole article; a month, a day or
    /// a forecast frames its paragraph only.
    pub fn carry(&mut self, period: Time) {
        let ended = self
            .date
            .is_none_or(|d| period.last_month() <= (d.year(), d.month()));
        if ended && matches!(period.months(), 3 | 6 | 12) {
            self.article_period = Some(period);
        }
        self.paragraph_period = Some(period);
    }

    /// The name a fact's subject is known by: a name said before that this one shortens
    /// ("Carrow" for "Carrow Media"), else the name itself, remembered.
    pub fn canonical(&mut self, name: &str) -> String {
        if let Some(known) = self.known(name) {
            return known.to_string();
        }
        self.names.push(name.to_string());
        name.to_string()
    }

    /// A name said before of which `name` is the first words or the last word.
    pub fn known(&self, name: &str) -> Option<&str> {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() {
            return None;
        }
        self.names.iter().rev().map(String::as_str).find(|known| {
            let theirs: Vec<&str> = known.split_whitespace().collect();
            // "Brackley" shortens "Brackley Telecom", not "Brackley Telecom's mobile arm".
            *known == name
                || !known.contains("'s ")
                    && theirs.len() > words.len()
                    && (theirs.starts_with(&words) || theirs.ends_with(&words))
                    && words[0].starts_with(char::is_uppercase)
        })
    }

    /// Makes `name` the topic that "it" and "the company" refer to.
    pub fn name_topic(&mut self, name: &str) {
        // "Brackley's mobile division" is a part: what comes after is about the whole.
        let name = match name.split_once("'s ") {
            Some((owner, _)) if owner.starts_with(char::is_uppercase) => owner,
            _ => name,
        };
        let name = self.canonical(name);
        if self.is_person(&name) {
            return;
        }
        self.topic = Some(name);
    }

    /// Whether `name` is a person named before, in full or by the last name ("Quill").
    pub fn is_person(&self, name: &str) -> bool {
        self.people
            .iter()
            .any(|p| p == name || p.strip_suffix(name).is_some_and(|r| r.ends_with(' ')))
    }

    /// Records what the article says a fiscal quarter covered.
    pub fn learn_fiscal(&mut self, year: i16, quarter: i8, time: Time) {
        self.fiscal = Some((year, quarter, time));
    }

    /// The calendar months of a fiscal quarter, from a quarter the article has placed.
    pub fn fiscal_quarter(&self, year: i16, quarter: i8) -> Option<Time> {
        let (y, q, time) = self.fiscal?;
        let offset = (year as i32 * 4 + quarter as i32) - (y as i32 * 4 + q as i32);
        time.shifted(offset * 3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_name_stands_for_the_longer_one_said_before() {
        let mut d = Discourse::default();
        assert_eq!(d.canonical("Carrow Media"), "Carrow Media");
        assert_eq!(d.canonical("Carrow"), "Carrow Media");
        assert_eq!(d.canonical("Media"), "Carrow Media");
        assert_eq!(d.canonical("Harlow"), "Harlow");
    }

    #[test]
    fn only_an_ended_reporting_period_frames_the_article() {
        let mut d = Discourse {
            date: Some(jiff::civil::date(2025, 8, 6)),
            ..Discourse::default()
        };
        d.carry(Time::Quarter(2025, 2));
        d.carry(Time::Quarter(2025, 3));
        assert_eq!(d.article_period, Some(Time::Quarter(2025, 2)));
        assert_eq!(d.paragraph_period, Some(Time::Quarter(2025, 3)));
    }

    #[test]
    fn a_fiscal_quarter_follows_the_one_the_article_placed() {
        let mut d = Discourse::default();
        d.learn_fiscal(2026, 2, Time::Months((2025, 5), (2025, 7)));
        assert_eq!(
            d.fiscal_quarter(2026, 3).map(|t| t.iso()).as_deref(),
            Some("2025-08/2025-10")
        );
    }
}
