//! The closed word classes of the genre, each in one list that every stage reads: the tagger
//! and parser say what a word does in its sentence, these say what it means to a fact.
//!
//! Lower case throughout. No list names a company, a product or a person: a rule that needs a
//! name finds it by its place in the sentence.

/// Month names, in calendar order.
pub const MONTHS: [&str; 12] = [
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

/// Day names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nouns of an event a sentence can be set at ("At the Cloud Summit, ...").
pub const EVENTS: &[&str] = &[
    "conference",
    "summit",
    "event",
    "forum",
    "expo",
    "keynote",
    "festival",
    "show",
    "congress",
    "fair",
    "launch",
    "briefing",
];

/// Words that make what follows the base of a comparison: "than in 2023", "from a year
/// earlier", "compared with 2003", "against the prior quarter".
pub const BASE_MARKERS: &[&str] = &[
    "than", "from", "since", "compared", "versus", "vs", "against",
];

/// Words before a month that look ahead: "starting in April", "effective June".
pub const AHEAD: &[&str] = &[
    "starting",
    "beginning",
    "effective",
    "next",
    "upcoming",
    "coming",
];

/// Words after which "May" is the month, not the modal verb.
pub const BEFORE_MONTH: &[&str] = &[
    "in", "since", "by", "of", "until", "through", "to", "from", "during", "end", "early", "late",
    "mid",
];

/// Time zones and clock words after a figure that make it a time of day: "1430 GMT", "9am".
pub const CLOCK: &[&str] = &[
    "gmt", "bst", "utc", "et", "est", "edt", "pt", "pst", "pdt", "cet", "cest", "hkt", "jst", "am",
    "pm", "a.m.", "p.m.", "hours", "hrs",
];
