//! A fast hash for the maps on the hot paths (search words, highlighting
//! scopes): FxHash, as in rustc. They are looked up once per word or token
//! of the course, and their keys come from the course's own text, so the
//! DoS resistance of the standard SipHash buys nothing there.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash's state: a word at a time, rotate, xor and multiply.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The tail in one step: most words are shorter than 8 bytes.
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_u128(&mut self, i: u128) {
        self.add(i as u64);
        self.add((i >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        // A product's low bits, which pick the bucket, depend only on the
        // low bits of its factors: bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}

/// For `HashMap::default()` and `HashSet::default()` with [`FxHasher`].
pub type FastHash = BuildHasherDefault<FxHasher>;
