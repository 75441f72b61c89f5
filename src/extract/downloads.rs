//! `downloads`: a cumulative number of downloads ("over 40 million downloads", "had been
//! downloaded only a million times", "2.6 million installs").

use super::number::{Amount, Measure};
use super::{Claim, Rule, Scene};
use crate::facts::Kind;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "<number> downloads/installs",
        apply: number_then_downloads,
    },
    Rule {
        name: "downloaded <number> times",
        apply: downloaded_times,
    },
];

fn plain(amount: &Amount) -> bool {
    amount.measure == Measure::Plain && !amount.spelled && !amount.is_range()
}

fn number_then_downloads(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !plain(amount) {
        return None;
    }
    let (a, b) = scene.phrase_after(amount.last + 1)?;
    let last = scene.word(b - 1);
    matches!(last, "downloads" | "installs" | "installations")
        .then(|| Claim::of(Kind::Downloads).metric(Some(scene.slice(a, b))))
}

fn downloaded_times(scene: &Scene, amount: &Amount) -> Option<Claim> {
    if !plain(amount) || scene.word(amount.last + 1) != "times" {
        return None;
    }
    scene.nearest_before(amount, &["downloaded", "installed"])?;
    Some(Claim::of(Kind::Downloads).metric(Some("downloads".into())))
}

#[cfg(test)]
mod tests {
    use super::super::corpus::{check, fact};
    use crate::facts::{Kind, Qualifier};

    #[test]
    #[ignore = "extraction v2 misses some of these cases: issue 15 is open (run with --ignored)"]
    fn corpus() {
        let downloads = |text, value| fact(Kind::Downloads, text, value).unit("count");
        check(
            "2025-01-27",
            &[
                (
                    "Zephyr's open-source models have amassed over 40 million downloads.",
                    vec![
                        downloads("over 40 million", 40e6)
                            .qualifier(Qualifier::Over)
                            .subject("Zephyr")
                            .metric("downloads")
                            .period("2025-01-27"),
                    ],
                ),
                (
                    "As of Friday, Orbitly's mobile app had been downloaded only a million times across both stores.",
                    vec![
                        downloads("a million", 1e6)
                            .subject("Orbitly")
                            .metric("downloads")
                            .period("2025-01-24"),
                    ],
                ),
                (
                    "By Monday morning the app now counts 2.6 million downloads on the two platforms combined.",
                    vec![
                        downloads("2.6 million", 2.6e6)
                            .metric("downloads")
                            .period("2025-01-27"),
                    ],
                ),
            ],
            &["Orbitly is the top free download in 2025."],
        );
    }
}
