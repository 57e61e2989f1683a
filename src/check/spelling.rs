//! Spelling: the free text of a case against an English dictionary plus the medical
//! vocabulary of these letters, and any project word lists (`--words FILE`).
//!
//! The dictionaries ship in the binary: Hunspell's en_US (SCOWL, `dictionaries/en_US.*`,
//! see `dictionaries/en_US.LICENSE`) and `dictionaries/medical.txt` (drugs, anatomy,
//! procedures, eponyms, guideline words), read by `spellbook`. A dictionary is built once
//! per run and shared; suggestions for a word are computed once and cached, and so is
//! each word's verdict, per thread (the private `verdicts` module).
//!
//! What is a word: a run of letters, apostrophes and hyphens. Tokens with a digit (`550mg`,
//! `#60`, `2x4`, `10/325`, `L5-S1`, `C5-6`), with two or more capitals (`ODG`, `MTUS`,
//! `NSAIDs`, `McKenzie`), with inner full stops (`e.g.`, `b.i.d.`) or of one letter are
//! not checked. A hyphenated word passes if the whole passes or every part does; each
//! unknown part is reported on its own. A possessive `'s` is dropped first.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use spellbook::Dictionary;

use super::verdicts;
use crate::case::CaseFile;
use crate::case::fields::TextField;
use crate::case::text::is_invisible;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

const EN_US_AFF: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dictionaries/en_US.aff"
));
const EN_US_DIC: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dictionaries/en_US.dic"
));
const MEDICAL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dictionaries/medical.txt"
));

/// Prefixes written with a hyphen (`pre-operative`, `anti-inflammatories`,
/// `steri-strips`): accepted as the first part of a hyphenated word, not on their own.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "bi", "co", "de", "electro", "epi", "extra", "hyper", "hypo", "infra", "inter",
    "intra", "micro", "mid", "multi", "neuro", "non", "ortho", "para", "peri", "poly", "post",
    "pre", "pseudo", "re", "retro", "semi", "steri", "sub", "supra", "trans", "tri", "ultra", "un",
];

/// How many suggestions a warning lists.
const SUGGESTIONS: usize = 4;

/// A spelling dictionary: English, medical words, and the project's own.
pub struct Speller {
    dictionary: Dictionary,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
    /// Tells this speller's verdicts from another's in the per-thread cache.
    id: u64,
}

impl Speller {
    /// The built-in dictionaries, built on first use and shared by the whole process.
    pub fn builtin() -> &'static Speller {
        static BUILTIN: OnceLock<Speller> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Speller::with_word_lists(&[]).expect("the built-in dictionaries are valid")
        })
    }

    /// The built-in dictionaries plus word lists: `(file, text)`, one word a line,
    /// `#` comments, Hunspell affix flags allowed (`tendinopathy/S`).
    pub fn with_word_lists(lists: &[(&Path, &str)]) -> Result<Speller, Diagnostics> {
        let mut dictionary = Dictionary::new(EN_US_AFF, EN_US_DIC).map_err(|e| {
            Diagnostic::error("spelling.dictionary", "failed to read the en_US dictionary")
                .cause(e.to_string())
        })?;
        let mut problems = Diagnostics::default();
        add_words(
            &mut dictionary,
            Path::new("dictionaries/medical.txt"),
            MEDICAL,
            &mut problems,
        );
        for (path, text) in lists {
            add_words(&mut dictionary, path, text, &mut problems);
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Speller {
            dictionary,
            suggestions: Mutex::new(HashMap::new()),
            id: verdicts::next_speller_id(),
        })
    }

    /// Whether a word (as written, any case) is spelled right.
    pub fn knows(&self, word: &str) -> bool {
        verdicts::known(self.id, word, |word| self.check(word))
    }

    /// The dictionary's verdict, without the cache.
    fn check(&self, word: &str) -> bool {
        if word.contains('’') {
            self.dictionary.check(&word.replace('’', "'"))
        } else {
            self.dictionary.check(word)
        }
    }

    /// Likely corrections, best first.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let cache = || {
            self.suggestions
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(known) = cache().get(word) {
            return known.clone();
        }
        // Edit-distance suggestions only: the n-gram pass walks the whole word list and
        // costs tens of milliseconds a word, too slow for hundreds of letters.
        let mut out = Vec::new();
        self.dictionary
            .suggester()
            .with_ngram_suggestions(false)
            .suggest(word, &mut out);
        // A word split in two helps only when both halves are real words, not
        // fragments: keep `false positive`, drop `In discriminant` and `Tram dol`.
        out.retain(|s| {
            s.split([' ', '-']).all(|part| part.chars().count() >= 4) || !s.contains([' ', '-'])
        });
        out.truncate(SUGGESTIONS);
        cache().insert(word.to_string(), out.clone());
        out
    }
}

fn add_words(dictionary: &mut Dictionary, path: &Path, text: &str, problems: &mut Diagnostics) {
    for (n, line) in text.lines().enumerate() {
        let entry = line.split('#').next().unwrap_or("").trim();
        if entry.is_empty() {
            continue;
        }
        if let Err(e) = dictionary.add(entry) {
            let column = line.find(entry).map_or(1, |i| i + 1);
            problems.push(
                Diagnostic::error(
                    "spelling.word-list",
                    format!("bad word list entry `{entry}`"),
                )
                .at(Location::at_line(
                    &path.display().to_string(),
                    text,
                    n + 1,
                    column,
                    entry.chars().count(),
                ))
                .label("expected one word, optionally with Hunspell flags after `/`")
                .cause(e.to_string()),
            );
        }
    }
}

/// The words of a text that spelling checks, each with its byte range. Web addresses
/// are passed over whole.
pub fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let urls = web_addresses(text);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    // A run of letters, digits, apostrophes, hyphens and full stops; the end of the text
    // ends the last one.
    while i <= bytes.len() {
        let (is_word_char, len) = match bytes.get(i) {
            None => (false, 1),
            Some(&b) if b.is_ascii() => (
                b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'.'),
                1,
            ),
            Some(_) => {
                let c = text[i..].chars().next().expect("a character starts here");
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            }
        };
        match (start, is_word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                start = None;
                if !urls.iter().any(|u| u.start <= s && i <= u.end) {
                    token_words(text, s..i, &mut out);
                }
            }
            _ => {}
        }
        i += len;
    }
    out
}

/// Byte ranges of `http://…`, `https://…` and `www.…` addresses, to the next space.
fn web_addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for marker in ["http://", "https://", "www."] {
        // `contains` is much faster than the search below, and most texts have none.
        if !text.contains(marker) {
            continue;
        }
        for (at, _) in text.match_indices(marker) {
            let end = text[at..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| at + i);
            out.push(at..end);
        }
    }
    out
}

/// The checkable words of one token.
fn token_words<'t>(text: &'t str, range: Range<usize>, out: &mut Vec<(Range<usize>, &'t str)>) {
    let raw = &text[range.clone()];
    let trimmed = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    let start = range.start + (raw.len() - trimmed.len());
    let mut token = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric());
    for suffix in ["'s", "’s"] {
        if let Some(base) = token.strip_suffix(suffix) {
            token = base;
        }
    }
    // One letter, a full stop, a digit or two capitals: not checked.
    let (mut count, mut capitals, mut skip) = (0, 0, false);
    for c in token.chars() {
        count += 1;
        capitals += usize::from(c.is_uppercase());
        if c == '.' || c.is_ascii_digit() || capitals >= 2 {
            skip = true;
            break;
        }
    }
    if !skip && count >= 2 {
        out.push((start..start + token.len(), token));
    }
}

/// Warnings for the unknown words of one field.
pub fn check_field(file: &CaseFile, field: &TextField, speller: &Speller, out: &mut Diagnostics) {
    let text = field.value();
    for (range, word) in words(text) {
        // A word cut by an invisible character ("indus\u{AD}trial") is refused as such by
        // the characters check; its halves are no misspellings.
        let cut = text[..range.start]
            .chars()
            .next_back()
            .is_some_and(is_invisible)
            || text[range.end..].chars().next().is_some_and(is_invisible);
        if cut || speller.knows(word) {
            continue;
        }
        let mut offset = range.start;
        let parts: Vec<(Range<usize>, &str)> = word
            .split('-')
            .map(|part| {
                let r = offset..offset + part.len();
                offset += part.len() + 1;
                (r, part)
            })
            .collect();
        let last = parts.len().saturating_sub(1);
        let unknown: Vec<(Range<usize>, &str)> = if parts.len() > 1 {
            parts
                .into_iter()
                .enumerate()
                .filter(|(i, (_, p))| {
                    let prefix = *i < last && HYPHEN_PREFIXES.contains(&p.to_lowercase().as_str());
                    p.chars().count() > 1 && !prefix && !speller.knows(p)
                })
                .map(|(_, part)| part)
                .collect()
        } else {
            parts
        };
        for (range, part) in unknown {
            let suggestions = speller.suggest(part);
            let mut d = Diagnostic::warning(
                "text.spelling",
                format!("unknown word `{part}` in {}", field.path),
            )
            .label("not in the dictionary");
            if !suggestions.is_empty() {
                d = d.hint(format!("did you mean {}?", quoted_list(&suggestions)));
            }
            d = d.hint("if it is spelled right, add it to a word list given with --words FILE");
            out.push(field.point(file, range, d));
        }
    }
}

fn quoted_list(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn tokenises_clinical_text() {
        assert_eq!(
            checked("Naproxen 550mg #60, Norco 10/325 per ODG; L5-S1 and C5-6 (2x4)."),
            vec!["Naproxen", "Norco", "per", "and"]
        );
        assert_eq!(
            checked("Paget's disease, e.g. NSAIDs, a non-steroidal drug."),
            vec!["Paget", "disease", "non-steroidal", "drug"]
        );
        assert_eq!(
            checked("see https://www.example.gov/abc-defg.pdf and www.xyz.org now"),
            vec!["see", "and", "now"]
        );
    }

    #[test]
    fn knows_english_and_medicine_and_not_typos() {
        let s = Speller::builtin();
        for w in [
            "the",
            "Spine",
            "osteomyelitis",
            "naproxen",
            "radiculopathy",
            "Tramadol",
        ] {
            assert!(s.knows(w), "{w}");
        }
        assert!(!s.knows("osteomyeltis"));
        assert!(
            s.suggest("osteomyeltis")
                .contains(&"osteomyelitis".to_string())
        );
    }

    #[test]
    fn word_lists_add_words_and_report_bad_lines() {
        let s =
            Speller::with_word_lists(&[(Path::new("w.txt"), "# ours\nfrobnication\n")]).unwrap();
        assert!(s.knows("frobnication"));
        assert!(!Speller::builtin().knows("frobnication"));
        // The per-thread cache holds one speller's verdicts at a time.
        assert!(s.knows("frobnication"));
    }

    #[test]
    fn cached_verdicts_are_the_dictionarys() {
        let s = Speller::builtin();
        for w in ["doesn’t", "doesn't", "osteomyeltis", "Knee", "knee", "kNee"] {
            let first = s.knows(w);
            assert_eq!(first, s.check(w), "{w}");
            assert_eq!(s.knows(w), first, "{w}");
        }
        assert!(s.knows("doesn’t"));
    }
}
