//! The weights of a linear model, as committed: an open-addressing table from feature hash to
//! the few classes the feature votes for, read in place from the bytes `include_bytes!` gives.
//!
//! Hand-written because the layout is the point: no parsing and no allocation at start-up (the
//! extractor must start in milliseconds), one probe per feature at run time, and a file a few
//! megabytes in size. The trainer writes it with [`write`].
//!
//! Layout, little-endian: `FSW1`, class count (u32), slot count (u32, a power of two), scale
//! (f32); then per slot a fingerprint (u32, 0 for empty) and an offset (u32) into the data that
//! follows; at an offset, a class mask (u64) and one i16 weight per set bit.

use std::collections::HashMap;

const MAGIC: &[u8; 4] = b"FSW1";
const HEADER: usize = 16;

/// A model read in place.
pub struct Model<'a> {
    mask: usize,
    scale: f32,
    slots: &'a [u8],
    data: &'a [u8],
}

impl<'a> Model<'a> {
    /// The model in `bytes`, or `None` when they are not one (a bad build would show it in
    /// every test).
    pub fn read(bytes: &'a [u8]) -> Option<Model<'a>> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return None;
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or([0; 4]));
        let classes = u32_at(4) as usize;
        let slots = u32_at(8) as usize;
        let scale = f32::from_bits(u32_at(12));
        let end = HEADER.checked_add(slots.checked_mul(8)?)?;
        if !slots.is_power_of_two() || classes > 64 || bytes.len() < end {
            return None;
        }
        Some(Model {
            mask: slots - 1,
            scale,
            slots: &bytes[HEADER..end],
            data: &bytes[end..],
        })
    }

    /// Adds the weights of every feature of `features` to `scores`. The lookups go in
    /// phases (every home slot, then every entry's class mask, then the weights) because
    /// each is a likely cache miss: loads that do not wait on one another overlap, where a
    /// probe at a time waits for each in turn (1.3 times the syntax layer's speed).
    pub fn add_all(&self, features: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 64;
        let mut slots = [0u64; BATCH];
        let mut masks = [0u64; BATCH];
        let mut offsets = [usize::MAX; BATCH];
        for chunk in features.chunks(BATCH) {
            for (slot, &feature) in slots.iter_mut().zip(chunk) {
                *slot = self.slot(feature as usize & self.mask);
            }
            for ((offset, &slot), &feature) in offsets.iter_mut().zip(&slots).zip(chunk) {
                *offset = self.find(feature, slot).unwrap_or(usize::MAX);
            }
            for (mask, &offset) in masks.iter_mut().zip(&offsets[..chunk.len()]) {
                *mask = self.mask_at(offset);
            }
            for (&mask, &offset) in masks.iter().zip(&offsets[..chunk.len()]) {
                self.add_weights(mask, offset.wrapping_add(8), scores);
            }
        }
    }

    /// Adds the weights of `feature` to `scores`.
    #[cfg(test)]
    pub fn add(&self, feature: u64, scores: &mut [f32]) {
        self.add_all(&[feature], scores);
    }

    /// Slot `index` as one word: fingerprint in the low half, offset in the high half.
    #[inline]
    fn slot(&self, index: usize) -> u64 {
        let at = index * 8;
        self.slots
            .get(at..at + 8)
            .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    }

    /// The data offset of `feature`'s entry, given its home slot's word; probes on past
    /// other features' slots.
    #[inline]
    fn find(&self, feature: u64, home: u64) -> Option<usize> {
        let fingerprint = fingerprint(feature);
        let (mut index, mut slot) = (feature as usize & self.mask, home);
        loop {
            match slot as u32 {
                0 => return None,
                found if found == fingerprint => return Some((slot >> 32) as usize),
                _ => {
                    index = (index + 1) & self.mask;
                    slot = self.slot(index);
                }
            }
        }
    }

    /// The class mask of the entry at `offset`; 0 (no weights) for none.
    #[inline]
    fn mask_at(&self, offset: usize) -> u64 {
        self.data
            .get(offset..offset.saturating_add(8))
            .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    }

    /// Adds one i16 weight from `at` on for each class set in `mask`.
    #[inline]
    fn add_weights(&self, mut mask: u64, mut at: usize, scores: &mut [f32]) {
        while mask != 0 {
            let class = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if let (Some(w), Some(score)) = (self.data.get(at..at + 2), scores.get_mut(class)) {
                *score += f32::from(i16::from_le_bytes([w[0], w[1]])) * self.scale;
            }
            at += 2;
        }
    }
}

fn fingerprint(feature: u64) -> u32 {
    ((feature >> 32) as u32).max(1)
}

/// The bytes of a model of `classes` classes from trained weights, dropping weights smaller
/// than `floor` (most features are rare, and their small weights change few decisions).
pub fn write(classes: usize, weights: &HashMap<u64, Vec<f32>>, floor: f32) -> Vec<u8> {
    let largest = weights
        .values()
        .flatten()
        .fold(0f32, |m, w| m.max(w.abs()))
        .max(f32::MIN_POSITIVE);
    let scale = largest / f32::from(i16::MAX);
    let mut features: Vec<(u64, Vec<(usize, i16)>)> = weights
        .iter()
        .filter_map(|(&f, ws)| {
            let kept: Vec<(usize, i16)> = ws
                .iter()
                .enumerate()
                .filter(|&(_, w)| w.abs() >= floor)
                .map(|(c, w)| (c, (w / scale).round() as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            (!kept.is_empty()).then_some((f, kept))
        })
        .collect();
    // Sorted, so the same weights give the same bytes.
    features.sort_unstable_by_key(|&(f, _)| f);
    let slots = (features.len() * 10 / 7 + 1).next_power_of_two();
    let mut table = vec![0u8; slots * 8];
    let mut data = Vec::new();
    for (feature, kept) in &features {
        let mut slot = *feature as usize & (slots - 1);
        while table[slot * 8..slot * 8 + 4] != [0; 4] {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot * 8..slot * 8 + 4].copy_from_slice(&fingerprint(*feature).to_le_bytes());
        table[slot * 8 + 4..slot * 8 + 8].copy_from_slice(&(data.len() as u32).to_le_bytes());
        let mask = kept.iter().fold(0u64, |m, &(c, _)| m | 1 << c);
        data.extend_from_slice(&mask.to_le_bytes());
        for &(_, q) in kept {
            data.extend_from_slice(&q.to_le_bytes());
        }
    }
    let mut out = Vec::with_capacity(HEADER + table.len() + data.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(classes as u32).to_le_bytes());
    out.extend_from_slice(&(slots as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    out.extend_from_slice(&table);
    out.extend_from_slice(&data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_read_back_as_written() {
        let mut weights = HashMap::new();
        weights.insert(0x1234_0000_0000_0007u64, vec![1.0, 0.0, -2.0]);
        weights.insert(0xabcd_0000_0000_0007u64, vec![0.0, 0.5, 0.0]);
        let bytes = write(3, &weights, 0.0);
        let model = Model::read(&bytes).expect("a model");
        let mut scores = [0f32; 3];
        model.add(0x1234_0000_0000_0007, &mut scores);
        assert!((scores[0] - 1.0).abs() < 1e-3 && scores[1] == 0.0);
        assert!((scores[2] + 2.0).abs() < 1e-3);
        let mut scores = [0f32; 3];
        model.add(0xabcd_0000_0000_0007u64, &mut scores);
        assert!((scores[1] - 0.5).abs() < 1e-3);
        let mut scores = [0f32; 3];
        model.add(0x5555_0000_0000_0007, &mut scores);
        assert_eq!(scores, [0.0; 3]);
    }

    #[test]
    fn bytes_that_are_not_a_model_are_refused() {
        assert!(Model::read(b"").is_none());
        assert!(Model::read(b"FSW1\x03\0\0\0\x03\0\0\0\0\0\0\0").is_none());
    }
}
