//! Fact ids: `subject-metric-kind` as a slug ("nimbus-cloud-adjusted-ebita-growth"), numbered
//! when an article states several facts alike, so the same fact extracted again gets the same
//! id and a hand edit keyed on it survives.

use std::collections::BTreeMap;

use crate::facts::{Fact, Kind};

/// Gives every fact its id, in order: the second fact of a base id gets `-2`, and so on.
pub(crate) fn number_ids(facts: &mut [Fact]) {
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for fact in facts {
        let base = fact_id(fact);
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        fact.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// The noun a kind implies, which a metric only repeats.
fn kind_noun(kind: &Kind) -> &str {
    match kind {
        Kind::Growth => "growth",
        Kind::PriceCut => "price",
        Kind::Downloads => "downloads",
        Kind::Count => "number",
        Kind::Money => "amount",
        Kind::Share => "share",
        Kind::Duration => "duration",
        Kind::Comparison => "comparison",
        Kind::Custom(name) => name,
    }
}

fn fact_id(fact: &Fact) -> String {
    let mut words: Vec<String> = slug_words(&fact.subject, 4);
    if let Some(metric) = fact
        .metric
        .as_deref()
        .filter(|m| *m != kind_noun(&fact.kind))
    {
        words.extend(slug_words(metric, 4));
    }
    if let Some(object) = &fact.object {
        words.push("vs".into());
        words.extend(slug_words(object, 3));
    }
    words.push(fact.kind.as_str().replace('_', "-"));
    words.join("-")
}

fn slug_words(text: &str, max: usize) -> Vec<String> {
    crate::source::slug_words(text)
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "of" | "and" | "s"))
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_subject_metric_kind_and_numbered_when_alike() {
        let mut a = Fact::new(Kind::Growth, "Nimbus Cloud", "155%");
        a.metric = Some("quarterly adjusted EBITA".into());
        let b = a.clone();
        let mut facts = vec![a, b];
        number_ids(&mut facts);
        assert_eq!(facts[0].id, "nimbus-cloud-quarterly-adjusted-ebita-growth");
        assert_eq!(
            facts[1].id,
            "nimbus-cloud-quarterly-adjusted-ebita-growth-2"
        );
    }
}
