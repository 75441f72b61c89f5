//! The averaged perceptron the tagger and the parser are trained with (Collins 2002; the
//! lazy averaging of Honnibal's tagger): a weight per feature and class, moved towards the
//! gold class on every mistake, and averaged over all steps at the end, which keeps the
//! weights of rare features from swinging.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are hashes already: use them as they are.
#[derive(Default)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Table<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

struct Weights {
    current: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
}

pub struct Perceptron {
    classes: usize,
    weights: Table<Weights>,
    step: u32,
}

impl Perceptron {
    pub fn new(classes: usize) -> Perceptron {
        Perceptron {
            classes,
            weights: Table::default(),
            step: 0,
        }
    }

    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for (s, w) in scores.iter_mut().zip(&w.current) {
                    *s += w;
                }
            }
        }
    }

    /// One training step: when `guess` is not `truth`, moves the weights of `features`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let (classes, step) = (self.classes, self.step);
        for &f in features {
            let w = self.weights.entry(f).or_insert_with(|| Weights {
                current: vec![0.0; classes],
                total: vec![0.0; classes],
                stamp: vec![0; classes],
            });
            for (class, change) in [(truth, 1.0), (guess, -1.0)] {
                w.total[class] += (step - w.stamp[class]) as f32 * w.current[class];
                w.stamp[class] = step;
                w.current[class] += change;
            }
        }
    }

    /// The averaged weights.
    pub fn averaged(&self) -> HashMap<u64, Vec<f32>> {
        let step = self.step.max(1);
        self.weights
            .iter()
            .map(|(&f, w)| {
                let averaged = (0..self.classes)
                    .map(|c| {
                        let total = w.total[c] + (step - w.stamp[c]) as f32 * w.current[c];
                        total / step as f32
                    })
                    .collect();
                (f, averaged)
            })
            .collect()
    }
}

/// The best class of `scores` among those `allowed`.
pub fn best(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    (0..scores.len())
        .filter(|&c| allowed(c))
        .fold(None, |best: Option<usize>, c| match best {
            Some(b) if scores[b] >= scores[c] => Some(b),
            _ => Some(c),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_choice() {
        let mut p = Perceptron::new(2);
        let mut scores = [0.0; 2];
        for _ in 0..5 {
            for (features, truth) in [(&[1u64, 3][..], 0), (&[2u64, 3][..], 1)] {
                p.scores(features, &mut scores);
                let guess = best(&scores, |_| true).unwrap_or(0);
                p.update(features, truth, guess);
            }
        }
        let weights = p.averaged();
        assert!(weights[&1][0] > weights[&1][1]);
        assert!(weights[&2][1] > weights[&2][0]);
    }
}
