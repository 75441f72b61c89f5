//! The closed word classes of English: adpositions, determiners, pronouns, conjunctions,
//! auxiliaries and particles. A language adds nouns, verbs and names every day, but not
//! prepositions, so a word the tagger has never seen is never one of these: "broadcaster" or
//! "Carrow", guessed an adposition from its context, would break the phrase it heads.
//!
//! The lists are the words the training treebanks tag so at least twice, less their typing
//! errors, with the rarer spellings a careful text also uses ("amid", "beneath", "whilst").

use super::super::words;
use super::Upos;

/// Whether the tagger may give `word` (in lower case) the tag `tag`: any open class, or a
/// closed class that lists the word. Only words of letters alone are held to the lists:
/// a contraction ("don't", "it's") is one token that the treebank splits in two, and takes
/// the tag of either half.
pub fn allows(tag: Upos, word: &str) -> bool {
    if !word.chars().all(char::is_alphabetic) {
        return true;
    }
    // "Unemployment stood at 4.5%": a measure opening a sentence has a capital that makes the
    // model unsure of it, but it is a noun (or, "forecast", "charge", a verb), never a modifier.
    if words::MEASURES.contains(&word) && !MEASURES_ALSO_MODIFIERS.contains(&word) {
        return matches!(tag, Upos::Noun | Upos::Propn | Upos::Verb);
    }
    let list: &[&str] = match tag {
        Upos::Adp => ADPOSITIONS,
        Upos::Det => DETERMINERS,
        Upos::Pron => PRONOUNS,
        Upos::Cconj => COORDINATORS,
        Upos::Sconj => SUBORDINATORS,
        Upos::Aux => AUXILIARIES,
        Upos::Part => PARTICLES,
        _ => return true,
    };
    list.contains(&word)
}

/// Measures that also modify a noun or stand as an adjective: "worth $5bn", "premium phones",
/// "cash payments", "advertising revenue".
const MEASURES_ALSO_MODIFIERS: &[&str] = &[
    "worth",
    "premium",
    "cash",
    "advertising",
    "lending",
    "spending",
    "pricing",
    "core",
    "net",
    "gross",
    "operating",
];

const ADPOSITIONS: &[&str] = &[
    "@",
    "aboard",
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "alongside",
    "amid",
    "amidst",
    "among",
    "amongst",
    "around",
    "as",
    "aside",
    "at",
    "atop",
    "away",
    "back",
    "because",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "but",
    "by",
    "despite",
    "down",
    "during",
    "except",
    "for",
    "forth",
    "from",
    "if",
    "in",
    "inside",
    "into",
    "like",
    "minus",
    "near",
    "notwithstanding",
    "of",
    "off",
    "on",
    "onto",
    "opposite",
    "out",
    "outside",
    "over",
    "past",
    "per",
    "plus",
    "since",
    "than",
    "through",
    "throughout",
    "till",
    "til",
    "to",
    "together",
    "toward",
    "towards",
    "under",
    "underneath",
    "unlike",
    "until",
    "up",
    "upon",
    "v.",
    "versus",
    "via",
    "vs",
    "vs.",
    "w/",
    "with",
    "within",
    "without",
];

const DETERMINERS: &[&str] = &[
    "a",
    "all",
    "an",
    "another",
    "any",
    "both",
    "each",
    "either",
    "every",
    "half",
    "neither",
    "no",
    "quite",
    "some",
    "such",
    "that",
    "the",
    "these",
    "this",
    "those",
    "what",
    "whatever",
    "which",
    "whichever",
];

const PRONOUNS: &[&str] = &[
    "'s",
    "’s",
    "any",
    "anybody",
    "anyone",
    "anything",
    "everybody",
    "everyone",
    "everything",
    "he",
    "her",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "i",
    "it",
    "its",
    "itself",
    "me",
    "mine",
    "my",
    "myself",
    "nobody",
    "none",
    "nothing",
    "one",
    "ours",
    "our",
    "ourselves",
    "she",
    "somebody",
    "someone",
    "something",
    "that",
    "their",
    "theirs",
    "them",
    "themselves",
    "there",
    "these",
    "they",
    "this",
    "those",
    "us",
    "we",
    "what",
    "whatever",
    "which",
    "who",
    "whoever",
    "whom",
    "whose",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

const COORDINATORS: &[&str] = &[
    "&", "and", "both", "but", "either", "neither", "nor", "or", "plus", "whether", "yet",
];

const SUBORDINATORS: &[&str] = &[
    "about", "after", "albeit", "although", "as", "at", "because", "before", "between", "by",
    "despite", "except", "for", "from", "if", "in", "into", "lest", "like", "of", "on", "once",
    "since", "so", "than", "that", "though", "through", "till", "to", "towards", "unless", "until",
    "upon", "whereas", "whether", "while", "whilst", "with", "without",
];

const AUXILIARIES: &[&str] = &[
    "'d", "'ll", "'m", "'re", "'s", "'ve", "’d", "’ll", "’m", "’re", "’s", "’ve", "am", "are",
    "be", "been", "being", "ca", "can", "could", "d", "did", "do", "does", "get", "got", "had",
    "has", "cannot", "have", "having", "is", "ll", "m", "may", "might", "must", "ought", "re", "s",
    "shall", "should", "ve", "was", "were", "will", "wo", "would",
];

const PARTICLES: &[&str] = &["'", "'s", "’", "’s", "n't", "n’t", "not", "nt", "s", "to"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_word_is_never_of_a_closed_class() {
        for word in ["broadcaster", "carrow", "quarterly", "revenue"] {
            for tag in [Upos::Adp, Upos::Det, Upos::Pron, Upos::Cconj, Upos::Aux] {
                assert!(!allows(tag, word), "{word} as {tag:?}");
            }
            assert!(allows(Upos::Noun, word) && allows(Upos::Propn, word));
        }
    }

    #[test]
    fn a_measure_is_a_noun_or_a_verb() {
        assert!(!allows(Upos::Adj, "unemployment") && !allows(Upos::Aux, "revenue"));
        assert!(allows(Upos::Noun, "unemployment") && allows(Upos::Verb, "forecast"));
        assert!(allows(Upos::Adj, "premium"));
    }

    #[test]
    fn function_words_keep_their_classes() {
        assert!(allows(Upos::Adp, "amid") && allows(Upos::Adp, "per"));
        assert!(allows(Upos::Sconj, "whilst") && allows(Upos::Aux, "would"));
        assert!(allows(Upos::Part, "n't") && allows(Upos::Det, "the"));
    }
}
