//! The spelling verdicts each thread remembers: whether a word is in a speller's
//! dictionaries, asked of the dictionary once per word and thread. A verdict depends only
//! on the word and the dictionary, so the cache changes no result, whatever the order in
//! which cases are checked or how many threads check them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many verdicts a thread keeps; past that, words are checked without the cache (a
/// bound on memory in a run over many distinct words).
const VERDICTS: usize = 1 << 17;

/// The verdicts of one thread: whether each word it has checked is known, for one
/// speller at a time.
#[derive(Default)]
struct Verdicts {
    speller: u64,
    known: HashMap<Box<str>, bool, BuildHasherDefault<WordHasher>>,
}

/// A fast hash for short words (FxHash's: the cache is private to a thread and bounded,
/// so it needs no protection against chosen collisions).
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut rest = [0u8; 8];
        let tail = chunks.remainder();
        rest[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(rest));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    static KNOWN: RefCell<Verdicts> = RefCell::new(Verdicts::default());
}

/// Numbers spellers from 1 (0 marks an empty cache).
pub fn next_speller_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The verdict on `word` of the speller numbered `speller`: remembered, or `check`'s.
pub fn known(speller: u64, word: &str, check: impl FnOnce(&str) -> bool) -> bool {
    KNOWN.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.speller != speller {
            cache.speller = speller;
            cache.known.clear();
        }
        if let Some(&known) = cache.known.get(word) {
            return known;
        }
        let known = check(word);
        if cache.known.len() < VERDICTS {
            cache.known.insert(word.into(), known);
        }
        known
    })
}
