//! The metric resolver: the noun the figure measures. The noun a figure counts or modifies
//! ("500,000 agents", "a 20% stake", "revenue of $94 billion"), the measure a change noun is
//! of ("a 2.3% fall in like-for-like sales"), the predicate's subject or object when it names a
//! measure ("quarterly profits rose 18%", "raised its dividend by 15%"), or what was spent on
//! ("$9 billion on new content"). When the sentence names no measure, none.

use super::super::candidate::Candidate;
use super::super::clause::Clause;
use super::super::syntax::{Dep, Upos};
use super::super::words;
use super::Choice;
use super::phrase::Reading;

/// The metric of `candidate` in `clause`, if the sentence names one. `previous` is the metric
/// of the figure before it in the sentence, with that figure's last token.
pub(crate) fn metric(
    r: &Reading,
    clause: &Clause,
    candidate: &Candidate,
    previous: Option<(&str, usize)>,
) -> Choice<Option<String>> {
    let choice = named(r, clause, candidate);
    let (first, last) = (candidate.amount.first, candidate.amount.last);
    // "earnings of £820m, against £901m a year earlier": a base set after its figure measures
    // what that figure does, whatever the verb's subject or object is.
    let by_the_verb = matches!(choice.reason, BY_VERB_SUBJECT | BY_VERB_OBJECT);
    if clause.base
        && by_the_verb
        && let Some((before, before_last)) = previous
        && leans_on(r, before_last, first)
    {
        return Choice::new(
            Some(before.to_string()),
            "the measure of the figure it is the base of",
            0.75,
        );
    }
    if choice.value.is_some() {
        return per_unit(r, candidate, choice);
    }
    let Some((before, before_last)) = previous else {
        return choice;
    };
    // "130 large models, with 64 of them ...": a part counts what the figure before it counted.
    let partitive =
        r.lower(last + 1) == "of" && matches!(r.lower(last + 2), "them" | "these" | "those");
    if partitive {
        return Choice::new(
            Some(before.to_string()),
            "what the figure before it counts",
            0.75,
        );
    }
    if leans_on(r, before_last, first) {
        return Choice::new(
            Some(before.to_string()),
            "the measure of the figure it qualifies",
            0.7,
        );
    }
    choice
}

/// "revenue came to $35.1 billion, up 17% over the prior quarter and 94% over the same
/// quarter": a figure set after another with no verb of its own between them says how that
/// figure changed, so it measures the same thing.
fn leans_on(r: &Reading, before_last: usize, first: usize) -> bool {
    let gap = before_last + 1..first;
    // "to £1.4bn, compared with £1.32bn a year earlier": the words of a comparison are no verb
    // of the figure's own.
    let compares = |i: usize| {
        words::BASE_MARKERS.contains(&r.lower(i))
            || r.lower(i) == "with" && i > 0 && r.lower(i - 1) == "compared"
    };
    gap.len() <= NEAR
        && gap.clone().all(|i| {
            !ends_stretch(r, i)
                && (compares(i)
                    || !matches!(
                        r.tree.tag(i),
                        Upos::Verb | Upos::Aux | Upos::Pron | Upos::Sconj
                    ))
                && !matches!(r.lower(i), "." | "while" | "which" | "that")
        })
}

/// "the number of paying users ... increased by 200%", "the total number of open models
/// exceeding 50,000": the noun phrase a count is "the number of".
fn counted(r: &Reading, first: usize) -> Option<String> {
    let number = (first.saturating_sub(2 * NEAR)..first)
        .rev()
        .take_while(|&i| !ends_stretch(r, i))
        .find(|&i| matches!(r.lower(i), "number" | "count") && r.lower(i + 1) == "of")?;
    let mut last_noun = None;
    for (i, token) in r
        .scene
        .tokens
        .iter()
        .enumerate()
        .take(first)
        .skip(number + 2)
    {
        let noun = is_noun(r, i);
        // "paying users": a participle before the noun modifies it; one after it starts a clause.
        let modifier = matches!(r.tree.tag(i), Upos::Adj | Upos::Cconj | Upos::Num)
            || r.lower(i).ends_with("ing")
            || r.lower(i).contains('-');
        if !token.is_word() || !(noun || modifier && last_noun.is_none()) {
            break;
        }
        if noun {
            last_noun = Some(i);
        }
    }
    r.text((number + 2, last_noun? + 1))
}

/// "dividend, $0.01 per share": the unit after the figure, the measure before it.
fn per_unit(
    r: &Reading,
    candidate: &Candidate,
    choice: Choice<Option<String>>,
) -> Choice<Option<String>> {
    if let Some(unit) = choice.value.as_deref().filter(|m| m.starts_with("per "))
        && let Some(before) =
            measure_before(r, candidate.amount.first).filter(|b| !b.ends_with(unit))
    {
        return Choice::new(
            Some(format!("{before} {unit}")),
            "the measure before the figure, per the unit after it",
            0.8,
        );
    }
    choice
}

fn named(r: &Reading, clause: &Clause, candidate: &Candidate) -> Choice<Option<String>> {
    let figure = (candidate.amount.first, candidate.amount.last);
    if let Some(metric) = &candidate.claim.metric {
        return Choice::new(Some(metric.clone()), "named after the figure", 0.9);
    }
    if let Some(noun) = clause.noun {
        let w = r.lower(noun);
        // "$1.63 per diluted share", with "per" read as the noun: the unit is what follows.
        if w == "per"
            && let Some(unit) = (noun + 1..noun + 4)
                .take_while(|&i| {
                    r.scene.tokens[i].is_word()
                        && !words::PREPOSITIONS.contains(&r.lower(i))
                        && !ends_stretch(r, i)
                })
                .last()
            && let Some(text) = r.text((noun, unit + 1))
        {
            return Choice::new(Some(text), "the unit the figure is per", 0.7);
        }
        if words::CHANGES.contains(&w) {
            if let Some(of) = of_phrase(r, noun, figure) {
                return Choice::new(Some(of), "the measure the change is in", 0.85);
            }
        } else if !words::ORGANISATIONS.contains(&w)
            && !words::NOT_SUBJECTS.contains(&w)
            && !NOT_MEASURES.contains(&w)
        {
            if let Some(text) = r.text(per(r, r.span(noun, figure))) {
                return Choice::new(Some(text), "the noun the figure measures", 0.9);
            }
        }
    }
    let roles = [
        (clause.subject.map(|(s, _)| s), BY_VERB_SUBJECT),
        (clause.object, BY_VERB_OBJECT),
    ];
    for (head, reason) in roles {
        if let Some(text) = head.and_then(|h| outlook_for(r, h, figure)) {
            return Choice::new(Some(text), "the measure the outlook is for", 0.8);
        }
        if let Some(h) = head.filter(|&h| r.is_measure(h))
            && let Some(text) = r.text(with_whole(r, h, per(r, r.span(h, figure)), figure.0))
        {
            return Choice::new(Some(text), reason, 0.85);
        }
    }
    if let Some(p) = clause.predicate
        && let Some(text) = spent_on(r, p, figure)
    {
        return Choice::new(Some(text), "what the money went on", 0.7);
    }
    if let Some(counted) = counted(r, figure.0) {
        return Choice::new(Some(counted), "what \"the number of\" counts", 0.75);
    }
    // Where the tree is unsure (a long sentence, a rare construction), the words around the
    // figure still say what it measures.
    if let Some(text) = measure_after(r, figure.1) {
        return Choice::new(Some(text), "the measure right after the figure", 0.6);
    }
    if let Some(text) = measure_before(r, figure.0) {
        return Choice::new(Some(text), "the nearest measure before the figure", 0.55);
    }
    Choice::new(None, "the sentence names no measure", 0.8)
}

/// The reasons given for a metric read off the verb's subject or object.
const BY_VERB_SUBJECT: &str = "the measure that is the verb's subject";
const BY_VERB_OBJECT: &str = "the measure that is the verb's object";

/// Nouns a figure is "of" that say how it stands, not what it measures: "a quarterly record of
/// $30.8 billion", "a high of 12%".
const NOT_MEASURES: &[&str] = &[
    "record",
    "high",
    "low",
    "level",
    "levels",
    "peak",
    "total",
    "sum",
    "amount",
    "figure",
    "mark",
    "range",
    "worldwide",
    "average",
    "estimate",
    "estimates",
    "tally",
    "threshold",
    // "at the end of September from £5.8bn": a point in time, not a measure.
    "end",
    "start",
    "beginning",
    "close",
    "middle",
];

/// How far from the figure the words are read for its measure.
const NEAR: usize = 12;

/// Words that end the stretch of a sentence a figure belongs to.
fn ends_stretch(r: &Reading, i: usize) -> bool {
    matches!(
        r.lower(i),
        ";" | "while" | "whereas" | "but" | "although" | "though" | "—" | "–"
    )
}

/// "$24.2 billion of capital expenditures", "$9 billion on new content", "20% of the market".
fn measure_after(r: &Reading, last: usize) -> Option<String> {
    let tokens = &r.scene.tokens;
    let preposition = last + 1;
    // "for $4.1bn in cash", "in stock": how a price is paid, not what is measured.
    let paid = matches!(r.lower(preposition + 1), "cash" | "stock" | "shares");
    if !matches!(r.lower(preposition), "of" | "on" | "into" | "in") || paid {
        return None;
    }
    (preposition + 1..tokens.len().min(preposition + 6))
        .take_while(|&i| tokens[i].is_word() && !ends_stretch(r, i) && r.lower(i) != "and")
        .find(|&i| r.is_measure(i) && is_noun(r, i))
        .and_then(|head| r.text(r.span(head, (usize::MAX, usize::MAX))))
}

/// The nearest measure before the figure in its stretch of the sentence: "revenue at Nimbus
/// came to $35.1 billion", "its daily users went from 7.68 million to 23.99 million", with
/// what a share or ratio is of ("their shares of the worldwide market stood at 29%").
fn measure_before(r: &Reading, first: usize) -> Option<String> {
    let head = measure_head_before(r, first)?;
    let span = per(r, r.span(head, (usize::MAX, usize::MAX)));
    r.text(with_whole(r, head, span, first))
}

/// A share or ratio with what it is of ("shares of the worldwide market"), up to the first
/// verb, preposition, comma or the figure at `first`.
fn with_whole(r: &Reading, head: usize, (lo, hi): (usize, usize), first: usize) -> (usize, usize) {
    let part = matches!(
        r.lower(head),
        "share" | "shares" | "stake" | "ratio" | "rate" | "rates" | "proportion"
    );
    if !part || r.lower(hi) != "of" || hi >= first {
        return (lo, hi);
    }
    let tokens = &r.scene.tokens;
    let mut end = hi + 1;
    while end < first.min(hi + 7)
        && tokens[end].is_word()
        && !matches!(r.tree.tag(end), Upos::Verb | Upos::Aux | Upos::Adp)
    {
        end += 1;
    }
    (lo, if end > hi + 1 { end } else { hi })
}

/// The head of the nearest measure before the figure starting at `first`, in its stretch of
/// the sentence.
pub(super) fn measure_head_before(r: &Reading, first: usize) -> Option<usize> {
    let is_head = |i: usize| {
        r.is_measure(i)
            && !r.scene.in_mention[i]
            // "Enterprise spending on ...": a measure written as a gerund may be tagged a verb.
            && (is_noun(r, i) || r.lower(i).ends_with("ing"))
    };
    let asides = asides(r, first);
    let aside = |i: usize| asides.iter().any(|&(a, b)| a <= i && i <= b);
    let width: usize = asides.iter().map(|(a, b)| b - a + 1).sum();
    (first.saturating_sub(NEAR + width)..first)
        .rev()
        .filter(|&i| !aside(i))
        .take_while(|&i| !ends_stretch(r, i))
        .find(|&i| is_head(i))
}

/// The relative clauses set off by commas before `first`: "Advertising revenue, which makes up
/// half of its income, grew by 9%". Their nouns describe the phrase before them; they are not
/// what the figure after them measures.
fn asides(r: &Reading, first: usize) -> Vec<(usize, usize)> {
    (0..first)
        .filter(|&c| r.lower(c) == "," && matches!(r.lower(c + 1), "which" | "who"))
        .filter_map(|c| (c + 2..first).find(|&d| r.lower(d) == ",").map(|d| (c, d)))
        .collect()
}

/// A phrase after "per" with the measure before it: "earnings per diluted share".
fn per(r: &Reading, (lo, hi): (usize, usize)) -> (usize, usize) {
    if lo == 0 || r.lower(lo - 1) != "per" {
        return (lo, hi);
    }
    let before = (lo.saturating_sub(NEAR)..lo - 1)
        .rev()
        .take_while(|&i| !ends_stretch(r, i))
        // "X per Y" makes X a noun, whatever the tagger said of a capitalised first word.
        .find(|&i| r.is_measure(i));
    match before {
        Some(m) => (r.span(m, (usize::MAX, usize::MAX)).0, hi),
        None => (lo - 1, hi),
    }
}

fn is_noun(r: &Reading, i: usize) -> bool {
    matches!(r.tree.tag(i), Upos::Noun | Upos::Propn)
}

/// "in like-for-like sales", "of revenue" after a change noun.
fn of_phrase(r: &Reading, noun: usize, figure: (usize, usize)) -> Option<String> {
    let tree = r.tree;
    tree.children(noun).iter().copied().find_map(|c| {
        let case = tree.child(c, &[Dep::Case]).map(|k| r.lower(k))?;
        let (a, b) = tree.span(c);
        let holds_figure = a <= figure.0 && figure.1 < b;
        (tree.label(c) == Dep::Nmod && matches!(case, "in" | "of") && !holds_figure)
            .then(|| r.text(r.span(c, (usize::MAX, usize::MAX))))
            .flatten()
    })
}

/// "narrowed its outlook for 2025 capital expenditures to $66 billion": the measure an
/// outlook, forecast or guidance at `head` is for is what its figure measures.
fn outlook_for(r: &Reading, head: usize, figure: (usize, usize)) -> Option<String> {
    if !OUTLOOKS.contains(&r.lower(head)) {
        return None;
    }
    let tree = r.tree;
    // The tree may hang "for ..." on the verb: it is still the outlook's when it follows it.
    let on_the_verb = tree.head(head).map_or(&[][..], |h| tree.children(h));
    let following = on_the_verb
        .iter()
        .copied()
        .filter(|&c| tree.label(c) == Dep::Obl && tree.span(c).0 == head + 1);
    tree.children(head)
        .iter()
        .copied()
        .filter(|&c| tree.label(c) == Dep::Nmod)
        .chain(following)
        .find_map(|c| {
            let case = tree.child(c, &[Dep::Case]).map(|k| r.lower(k))?;
            let (a, b) = tree.span(c);
            let holds_figure = a <= figure.0 && figure.1 < b;
            (matches!(case, "for" | "of") && !holds_figure && r.is_measure(c))
                .then(|| r.text(r.span(c, figure)))
                .flatten()
        })
}

/// Nouns that say what is expected of a measure, not a measure of their own.
const OUTLOOKS: &[&str] = &[
    "outlook",
    "forecast",
    "forecasts",
    "guidance",
    "target",
    "targets",
    "projection",
    "projections",
    "estimate",
    "estimates",
    "expectations",
];

/// What a verb of spending or investing put its money into: "on new content".
fn spent_on(r: &Reading, p: usize, figure: (usize, usize)) -> Option<String> {
    let tree = r.tree;
    tree.children(p).iter().copied().find_map(|c| {
        let case = tree.child(c, &[Dep::Case]).map(|k| r.lower(k))?;
        (tree.label(c) == Dep::Obl && matches!(case, "on" | "into") && c > figure.1)
            .then(|| r.text(r.span(c, figure)))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::corpus::check_field;

    fn metric(f: &crate::facts::Fact) -> Option<String> {
        f.metric.clone()
    }

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn the_metric_is_the_noun_the_figure_measures() {
        check_field(
            "2005-02-03",
            metric,
            &[
                (
                    "Quarterly profits at Nimbus rose 18% in 2004.",
                    "18%",
                    Some("Quarterly profits"),
                ),
                (
                    "Nimbus has 500,000 paying users.",
                    "500,000",
                    Some("paying users"),
                ),
                (
                    "Orbis bought a 20% stake in Eastern Trust.",
                    "20%",
                    Some("stake"),
                ),
                (
                    "Nimbus reported revenue of $94 billion for 2004.",
                    "$94 billion",
                    Some("revenue"),
                ),
                (
                    "Kestrel raised its dividend by 15% in 2004.",
                    "15%",
                    Some("dividend"),
                ),
                (
                    "Orbis reported a 2.3% fall in like-for-like sales.",
                    "2.3%",
                    Some("like-for-like sales"),
                ),
                (
                    "Nimbus spent $9 billion on new content in 2004.",
                    "$9 billion",
                    Some("new content"),
                ),
                (
                    "Nimbus's operating margin widened to 29.2% from 24.8% in 2004.",
                    "29.2%",
                    Some("operating margin"),
                ),
            ],
        );
    }

    #[test]
    fn the_words_around_the_figure_name_its_measure_where_the_tree_does_not() {
        check_field(
            "2005-02-03",
            metric,
            &[
                (
                    "For the quarter, revenue at Nimbus (NYSE: NMB) came to $35.1 billion.",
                    "$35.1 billion",
                    Some("revenue"),
                ),
                (
                    "Freedonia saw the launch of 130 large models, with 64 of them unveiled in July.",
                    "64",
                    Some("large models"),
                ),
                (
                    "Harlow's quarterly EBITDA grew by 15% year-over-year.",
                    "15%",
                    Some("EBITDA"),
                ),
                (
                    "Earnings per diluted share for the quarter were $0.78.",
                    "$0.78",
                    Some("Earnings per diluted share"),
                ),
                (
                    "The group's next quarterly dividend, $0.01 per share, will be paid in March.",
                    "$0.01",
                    Some("next quarterly dividend per share"),
                ),
                (
                    "Kestrel set a quarterly record of $24.2 billion of capital expenditures.",
                    "$24.2 billion",
                    Some("capital expenditures"),
                ),
            ],
        );
    }

    #[test]
    fn a_base_compared_with_measures_what_its_figure_does() {
        check_field(
            "2005-02-03",
            metric,
            &[
                (
                    "The group said turnover for the quarter climbed 4% to £2.6bn, compared with £2.5bn a year earlier.",
                    "£2.5bn",
                    Some("turnover"),
                ),
                (
                    "Pellow kept its forecast for full-year earnings of £820m, against £901m a year earlier.",
                    "£901m",
                    Some("earnings"),
                ),
                (
                    "Net debt rose to £6.2bn at the end of September from £5.8bn in March.",
                    "£5.8bn",
                    Some("Net debt"),
                ),
            ],
        );
    }

    #[test]
    fn an_owned_measure_and_what_an_outlook_is_for() {
        check_field(
            "2025-07-30",
            metric,
            &[
                (
                    "Glenmoor saw its market share slip to 15.2% in the 12 weeks to July 13.",
                    "15.2%",
                    Some("market share"),
                ),
                (
                    "Pellow narrowed its outlook for 2025 capital expenditures to $66 billion.",
                    "$66 billion",
                    Some("capital expenditures"),
                ),
            ],
        );
    }

    #[test]
    fn a_measure_opening_the_sentence_is_its_measure_and_per_names_a_unit() {
        check_field(
            "2005-02-03",
            metric,
            &[
                (
                    "Inflation stood at 2.1% in January, down from 2.4% a year earlier.",
                    "2.1%",
                    Some("Inflation"),
                ),
                (
                    "Net profit was $412 million, or $0.88 per diluted share.",
                    "$0.88",
                    Some("Net profit per diluted share"),
                ),
            ],
        );
    }

    #[test]
    fn a_figure_that_says_how_another_changed_measures_the_same() {
        check_field(
            "2005-02-03",
            metric,
            &[
                (
                    "For the quarter, sales at Pellworth (NYSE: PLW) came to $12.4 billion, up 9% over the prior quarter and 41% over the same quarter a year before.",
                    "41%",
                    Some("sales"),
                ),
                (
                    "Cloud revenue set a record of $8.2 billion, 6% above the first quarter and 58% above the year-earlier quarter.",
                    "58%",
                    Some("Cloud revenue"),
                ),
                (
                    "In March the three leaders' shares of the European market stood at 31%, 20% and 11% respectively.",
                    "11%",
                    Some("shares of the European market"),
                ),
            ],
        );
    }

    #[test]
    fn a_relative_clause_between_measure_and_figure_is_passed_over() {
        check_field(
            "2005-02-03",
            metric,
            &[(
                "Subscription revenue, which makes up a third of its turnover, grew by 14%.",
                "14%",
                Some("Subscription revenue"),
            )],
        );
    }

    #[test]
    fn the_number_of_things_is_what_a_count_measures() {
        check_field(
            "2005-02-03",
            metric,
            &[
                (
                    "Quarterly profit at Pellworth doubled, and the number of paying subscribers using its booking service rose by 150%.",
                    "150%",
                    Some("paying subscribers"),
                ),
                (
                    "Its maps were opened 9 million times, with the total number of community-built Pellworth routes exceeding 20,000.",
                    "exceeding 20,000",
                    Some("community-built Pellworth routes"),
                ),
            ],
        );
    }

    #[test]
    fn a_sentence_that_names_no_measure_gives_no_metric() {
        check_field(
            "2005-02-03",
            metric,
            &[(
                "Kestrel agreed to buy Orbitly for $4.1bn in cash.",
                "$4.1bn",
                None,
            )],
        );
    }
}
