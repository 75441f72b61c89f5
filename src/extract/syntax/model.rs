//! The weights of a linear model: an open-addressing table from feature hash to the few
//! classes the feature votes for. The committed file is compact (slots pointing into a data
//! area); at start-up it is unpacked once into slots that hold their weights, because a lookup
//! is a likely cache miss and the file's layout made it two (the slot, then its weights).
//!
//! Hand-written because the layout is the point: no parsing of text at start-up (the extractor
//! must start in milliseconds: unpacking is one pass over the slots), one probe per feature at
//! run time, and a file a few megabytes in size. The trainer writes it with [`write`].
//!
//! File layout, little-endian: `FSW1`, class count (u32), slot count (u32, a power of two),
//! scale (f32); then per slot a fingerprint (u32, 0 for empty) and an offset (u32) into the
//! data that follows; at an offset, a class mask (u64) and one i16 weight per set bit.

use std::collections::HashMap;

const MAGIC: &[u8; 4] = b"FSW1";
const HEADER: usize = 16;

/// The weights a slot holds itself; most features have one to three.
const INLINE: usize = 3;

/// One slot of the unpacked table, a quarter of a cache line, at the index the file gives it,
/// so that probing visits the same slots in the same order as in the file.
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    /// The file's fingerprint; 0 for an empty slot.
    fingerprint: u32,
    /// How many weights. Up to [`INLINE`], they are `class` and `weight`; more, and they are
    /// in `spill` from the offset that `weight[0]` and `weight[1]` hold as its two halves.
    len: u8,
    class: [u8; INLINE],
    weight: [i16; INLINE],
}

/// A model, unpacked.
pub struct Model {
    mask: usize,
    scale: f32,
    slots: Vec<Slot>,
    /// The weights of the features with more than [`INLINE`], by class, in class order.
    spill: Vec<(u8, i16)>,
}

impl Model {
    /// The model in `bytes`, or `None` when they are not one (a bad build would show it in
    /// every test).
    pub fn read(bytes: &[u8]) -> Option<Model> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return None;
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or([0; 4]));
        let classes = u32_at(4) as usize;
        let slot_count = u32_at(8) as usize;
        let scale = f32::from_bits(u32_at(12));
        let end = HEADER.checked_add(slot_count.checked_mul(8)?)?;
        if !slot_count.is_power_of_two() || classes > 64 || bytes.len() < end {
            return None;
        }
        let data = &bytes[end..];
        let mut slots = vec![Slot::default(); slot_count];
        let mut spill = Vec::new();
        let mut weights: Vec<(u8, i16)> = Vec::with_capacity(64);
        for (index, slot) in slots.iter_mut().enumerate() {
            let fingerprint = u32_at(HEADER + index * 8);
            if fingerprint == 0 {
                continue;
            }
            let offset = u32_at(HEADER + index * 8 + 4) as usize;
            weights.clear();
            weights.extend(entry(data, offset));
            slot.fingerprint = fingerprint;
            slot.len = weights.len() as u8;
            if weights.len() <= INLINE {
                for (k, &(class, weight)) in weights.iter().enumerate() {
                    slot.class[k] = class;
                    slot.weight[k] = weight;
                }
            } else {
                let at = spill.len() as u32;
                slot.weight[0] = at as u16 as i16;
                slot.weight[1] = (at >> 16) as u16 as i16;
                spill.extend_from_slice(&weights);
            }
        }
        Some(Model {
            mask: slot_count - 1,
            scale,
            slots,
            spill,
        })
    }

    /// Adds the weights of every feature of `features` to `scores`, in the order of
    /// `features` for each class (the sums are the same to the bit as one feature at a time).
    /// The home slots are all touched first because each is a likely cache miss: loads that
    /// do not wait on one another overlap, where a probe at a time waits for each in turn.
    pub fn add_all(&self, features: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 64;
        let mut homes = [0u32; BATCH];
        for chunk in features.chunks(BATCH) {
            for (home, &feature) in homes.iter_mut().zip(chunk) {
                *home = self.slots[feature as usize & self.mask].fingerprint;
            }
            for (&home, &feature) in homes.iter().zip(chunk) {
                if let Some(slot) = self.find(feature, home) {
                    self.add_slot(slot, scores);
                }
            }
        }
    }

    /// Adds the weights of `feature` to `scores`.
    #[cfg(test)]
    pub fn add(&self, feature: u64, scores: &mut [f32]) {
        self.add_all(&[feature], scores);
    }

    /// The slot of `feature`'s entry, given its home slot's fingerprint; probes on past other
    /// features' slots.
    #[inline]
    fn find(&self, feature: u64, home: u32) -> Option<&Slot> {
        let fingerprint = fingerprint(feature);
        let mut index = feature as usize & self.mask;
        let mut found = home;
        loop {
            match found {
                0 => return None,
                f if f == fingerprint => return Some(&self.slots[index]),
                _ => {
                    index = (index + 1) & self.mask;
                    found = self.slots[index].fingerprint;
                }
            }
        }
    }

    /// Adds the weights `slot` holds or points to.
    #[inline]
    fn add_slot(&self, slot: &Slot, scores: &mut [f32]) {
        let len = usize::from(slot.len);
        if len <= INLINE {
            for k in 0..len {
                self.add_weight(slot.class[k], slot.weight[k], scores);
            }
        } else {
            let at = usize::from(slot.weight[0] as u16) | usize::from(slot.weight[1] as u16) << 16;
            for &(class, weight) in self.spill.get(at..at + len).unwrap_or(&[]) {
                self.add_weight(class, weight, scores);
            }
        }
    }

    #[inline]
    fn add_weight(&self, class: u8, weight: i16, scores: &mut [f32]) {
        if let Some(score) = scores.get_mut(usize::from(class)) {
            *score += f32::from(weight) * self.scale;
        }
    }
}

/// The weights of the file's entry at `offset` in `data`, by class: none for an offset past
/// the end, and only those whose bytes are there for an entry cut short.
fn entry(data: &[u8], offset: usize) -> impl Iterator<Item = (u8, i16)> + '_ {
    let mut mask = data
        .get(offset..offset.saturating_add(8))
        .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
    let mut at = offset.wrapping_add(8);
    std::iter::from_fn(move || {
        while mask != 0 {
            let class = mask.trailing_zeros() as u8;
            mask &= mask - 1;
            let here = at;
            at = at.wrapping_add(2);
            if let Some(w) = here.checked_add(2).and_then(|e| data.get(here..e)) {
                return Some((class, i16::from_le_bytes([w[0], w[1]])));
            }
        }
        None
    })
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
