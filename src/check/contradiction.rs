//! A rationale that concludes the opposite of its item's decision: an upheld item (not
//! medically necessary) whose rationale ends "the request is medically necessary", or an
//! overturned one whose rationale ends "... is not medically necessary".
//!
//! The conclusion is the last sentence that rules on medical necessity: "medically
//! necessary" (or indicated, appropriate, reasonable, warranted; "medically unnecessary")
//! with or without a negation in the few words before it ("not", "cannot be deemed", "is
//! not established as"), or "medical necessity" followed by "is established" / "has not
//! been established". A rationale that never says so is read for a plainer ruling after a
//! verb: "is not recommended", "is non-certified", "is not certified", "is not supported",
//! "is not necessary", "is certified", "is appropriate"; "is denied" and "is authorized" in
//! the present only (the letters tell of what utilization review denied or authorized). Conditional sentences ("would be
//! medically necessary if ...") and advice ("it is recommended that ...") rule on nothing
//! and are passed over, as are sentences that only mention medical necessity ("this
//! decision addresses the medical necessity of opioids").
//!
//! On the 439 items of the 194 published letters it finds a conclusion for every one, and
//! none against its decision (`.ci/run` keeps it so).

use std::ops::Range;

use crate::case::{CaseFile, Decision};
use crate::diagnostic::{Diagnostic, Diagnostics};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Necessary,
    NotNecessary,
}

const NEGATIONS: &[&str] = &[
    "not", "cannot", "can't", "isn't", "aren't", "wasn't", "weren't", "won't", "unable", "never",
    "neither", "nor", "no",
];
const CONDITIONALS: &[&str] = &[
    "would", "could", "may", "might", "should", "if", "unless", "when", "whether", "only", "until",
];
const PHRASES: &[&str] = &[
    "medically necessary",
    "medically indicated",
    "medically appropriate",
    "medically reasonable",
    "medically warranted",
];

/// Words that rule on a request on their own, after a verb such as "is" or "be": "the
/// request is not recommended", "is non-certified", "cannot be supported", "is
/// unnecessary". Weaker than "medically necessary": read only when no sentence of the
/// rationale says that, since guideline quotes use them too ("X is recommended for ...").
const RULINGS: &[&str] = &[
    "necessary",
    "unnecessary",
    "certified",
    "noncertified",
    "recommended",
    "appropriate",
    "indicated",
    "warranted",
    "supported",
    "justified",
    "approved",
    "authorized",
    "denied",
];
/// Rulings that the letters also use of what happened before ("the request was denied by
/// utilization review", "8 visits were authorized"): read only in the present ("is
/// denied", "are authorized", "be authorized").
const PRESENT_ONLY: &[&str] = &["authorized", "denied"];
/// The copulas of the present.
const PRESENT: &[&str] = &["is", "are", "be", "remains", "remain"];
/// The verbs a ruling word follows.
const COPULAS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "remains",
    "remain",
    "deemed",
    "considered",
    "found",
    "determined",
    "appears",
    "seems",
];

/// A verdict and the byte range of the words that state it.
type Ruling = (Verdict, Range<usize>);

/// The concluding verdict of a rationale and the byte range that states it: the last
/// sentence that rules in the words of medical necessity, else the last that rules in
/// plainer words (`RULINGS`).
pub fn conclusion(text: &str) -> Option<(Verdict, Range<usize>)> {
    conclusion_of(&[text]).map(|(_, v, r)| (v, r))
}

/// [`conclusion`] over a text's paragraphs in order (a rationale written as a list):
/// which paragraph concludes, the verdict, and the byte range in that paragraph.
pub fn conclusion_of(paragraphs: &[&str]) -> Option<(usize, Verdict, Range<usize>)> {
    let find = |read: fn(&str) -> Option<Ruling>| {
        paragraphs.iter().enumerate().rev().find_map(|(i, text)| {
            sentences(text).into_iter().rev().find_map(|s| {
                read(&text[s.clone()]).map(|(v, r)| (i, v, s.start + r.start..s.start + r.end))
            })
        })
    };
    find(verdict).or_else(|| find(plain_ruling))
}

/// A ruling in plain words: the last [`RULINGS`] word of the sentence that follows a
/// copula in its clause, negated or not ("not", "non-", "cannot").
fn plain_ruling(sentence: &str) -> Option<(Verdict, Range<usize>)> {
    let words = words(sentence);
    let at = (0..words.len()).rev().find(|&i| {
        RULINGS.contains(&words[i].0.as_str())
            && (i == 0 || words[i - 1].0 != "medically")
            && !words
                .get(i + 1)
                .is_some_and(|w| matches!(w.0.as_str(), "that" | "to" | "if" | "when" | "only"))
    })?;
    let first = clause_start(sentence, &words, at);
    let before: Vec<&str> = words[first..at].iter().map(|w| w.0.as_str()).collect();
    if !before.iter().any(|w| COPULAS.contains(w))
        || before.iter().any(|w| CONDITIONALS.contains(w))
    {
        return None;
    }
    let word = words[at].0.as_str();
    if PRESENT_ONLY.contains(&word) && !before.iter().any(|w| PRESENT.contains(w)) {
        return None;
    }
    let negated_at =
        (first..at).find(|&i| NEGATIONS.contains(&words[i].0.as_str()) || words[i].0 == "non");
    let end = words[at].1.end;
    match (word, negated_at) {
        ("unnecessary" | "denied", None) => Some((Verdict::NotNecessary, words[at].1.start..end)),
        ("unnecessary" | "denied", Some(_)) => None,
        ("noncertified", _) => Some((Verdict::NotNecessary, words[at].1.start..end)),
        (_, Some(n)) => Some((Verdict::NotNecessary, words[n].1.start..end)),
        (_, None) => Some((Verdict::Necessary, words[at].1.start..end)),
    }
}

/// The first word of the clause the word at `at` is in: back to a comma, colon or
/// parenthesis, at most [`REACH`] words.
fn clause_start(sentence: &str, words: &[(String, Range<usize>)], at: usize) -> usize {
    let mut first = at;
    while first > 0 && at - first < REACH {
        let gap = &sentence[words[first - 1].1.end..words[first].1.start];
        if gap.contains([',', ':', '(', ')']) {
            break;
        }
        first -= 1;
    }
    first
}

fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends = matches!(c, '.' | '?' | '!' | ';')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
        if ends {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push(start..text.len());
    }
    out
}

/// How far back from "medically necessary" a negation may stand (within one clause).
const REACH: usize = 10;

/// Lower-case words of a text with their byte ranges.
fn words(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let part = c.is_alphanumeric() || c == '\'' || c == '’';
        match (start, part) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((text[s..i].to_lowercase().replace('’', "'"), s..i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn verdict(sentence: &str) -> Option<(Verdict, Range<usize>)> {
    let words = words(sentence);
    // The last "medically <ruling>" or "medical necessity" in the sentence.
    let at = (0..words.len().saturating_sub(1)).rev().find(|&i| {
        let pair = format!("{} {}", words[i].0, words[i + 1].0);
        PHRASES.contains(&pair.as_str())
            || pair == "medical necessity"
            || pair == "medically unnecessary"
    })?;
    // The words before the phrase in its clause: back to a comma, colon or parenthesis.
    let first = clause_start(sentence, &words, at);
    let before: Vec<&str> = words[first..at].iter().map(|w| w.0.as_str()).collect();
    if before.iter().any(|w| CONDITIONALS.contains(w)) {
        return None;
    }
    let negated_at = (first..at).find(|&i| NEGATIONS.contains(&words[i].0.as_str()));
    let phrase_end = words[at + 1].1.end;
    if words[at + 1].0 == "unnecessary" {
        // "not medically unnecessary" says nothing plain enough to check
        return match negated_at {
            None => Some((Verdict::NotNecessary, words[at].1.start..phrase_end)),
            Some(_) => None,
        };
    }
    if words[at].0 == "medical" {
        // "... not a medical necessity", or "medical necessity has (not) been established".
        if let Some(n) = negated_at {
            return Some((Verdict::NotNecessary, words[n].1.start..phrase_end));
        }
        let after: Vec<&str> = words[at + 2..]
            .iter()
            .take(8)
            .map(|w| w.0.as_str())
            .collect();
        let established = after
            .iter()
            .position(|w| *w == "established" || *w == "supported")?;
        let end = words[at + 2 + established].1.end;
        let verdict = if after[..established].iter().any(|w| NEGATIONS.contains(w)) {
            Verdict::NotNecessary
        } else {
            Verdict::Necessary
        };
        return Some((verdict, words[at].1.start..end));
    }
    match negated_at {
        Some(n) => Some((Verdict::NotNecessary, words[n].1.start..phrase_end)),
        None => Some((Verdict::Necessary, words[at].1.start..phrase_end)),
    }
}

/// An error for each item whose rationale concludes against its decision.
pub fn check(file: &CaseFile, out: &mut Diagnostics) {
    let items = file.case.items.get_ref();
    // each item's rationale fields, found in one pass over the fields (not one per item)
    let mut rationales: Vec<Vec<&crate::case::fields::TextField>> = vec![Vec::new(); items.len()];
    for f in &file.fields {
        let Some(rest) = f.path.strip_prefix("items[") else {
            continue;
        };
        let Some((n, tail)) = rest.split_once(']') else {
            continue;
        };
        let is_rationale = tail == ".rationale" || tail.starts_with(".rationale[");
        if let (true, Ok(n)) = (is_rationale, n.parse::<usize>())
            && let Some(list) = n.checked_sub(1).and_then(|i| rationales.get_mut(i))
        {
            list.push(f);
        }
    }
    for (i, item) in items.iter().enumerate() {
        let paragraphs = &rationales[i];
        let texts: Vec<&str> = paragraphs.iter().map(|f| f.value()).collect();
        let Some((at, verdict, range)) = conclusion_of(&texts) else {
            continue;
        };
        let field = paragraphs[at];
        let (contradicts, says, means) = match (item.decision, verdict) {
            (Decision::Upheld, Verdict::Necessary) => (
                true,
                "medically necessary",
                "upheld means the request is not medically necessary",
            ),
            (Decision::Overturned, Verdict::NotNecessary) => (
                true,
                "not medically necessary",
                "overturned means the request is medically necessary",
            ),
            _ => (false, "", ""),
        };
        if !contradicts {
            continue;
        }
        out.push(
            field.point(
                file,
                range,
                Diagnostic::error(
                    "case.decision-contradiction",
                    format!(
                        "items[{}] is {} but its rationale concludes {says}",
                        i + 1,
                        item.decision.as_str()
                    ),
                )
                .label(format!("the rationale's conclusion; {means}"))
                .hint("correct the item's `decision` or the rationale's conclusion"),
            ),
        );
    }
}

#[cfg(test)]
#[path = "contradiction_tests.rs"]
mod tests;
