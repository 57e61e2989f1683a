//! A rationale that concludes the opposite of its item's decision: an upheld item (not
//! medically necessary) whose rationale ends "the request is medically necessary", or an
//! overturned one whose rationale ends "... is not medically necessary".
//!
//! The conclusion is the last sentence that rules on medical necessity: "medically
//! necessary" (or indicated, appropriate) with or without a negation in the few words
//! before it ("not", "cannot be deemed", "is not established as"), or "medical necessity"
//! followed by "is established" / "has not been established". Conditional sentences
//! ("would be medically necessary if ...") rule on nothing and are passed over, as are
//! sentences that only mention medical necessity ("this decision addresses the medical
//! necessity of opioids").

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
];

/// The concluding verdict of a rationale and the byte range that states it.
pub fn conclusion(text: &str) -> Option<(Verdict, Range<usize>)> {
    sentences(text).into_iter().rev().find_map(|s| {
        verdict(&text[s.clone()]).map(|(v, r)| (v, s.start + r.start..s.start + r.end))
    })
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
        PHRASES.contains(&pair.as_str()) || pair == "medical necessity"
    })?;
    // The words before the phrase in its clause: back to a comma, colon or parenthesis.
    let mut first = at;
    while first > 0 && at - first < REACH {
        let gap = &sentence[words[first - 1].1.end..words[first].1.start];
        if gap.contains([',', ':', '(', ')']) {
            break;
        }
        first -= 1;
    }
    let before: Vec<&str> = words[first..at].iter().map(|w| w.0.as_str()).collect();
    if before.iter().any(|w| CONDITIONALS.contains(w)) {
        return None;
    }
    let negated_at = (first..at).find(|&i| NEGATIONS.contains(&words[i].0.as_str()));
    let phrase_end = words[at + 1].1.end;
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
    let fields = &file.fields;
    for (i, item) in file.case.items.get_ref().iter().enumerate() {
        let path = format!("items[{}].rationale", i + 1);
        let Some(field) = fields.iter().find(|f| f.path == path) else {
            continue;
        };
        let Some((verdict, range)) = conclusion(field.value()) else {
            continue;
        };
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
mod tests {
    use super::*;

    fn verdict_of(text: &str) -> Option<Verdict> {
        conclusion(text).map(|(v, _)| v)
    }

    #[test]
    fn reads_the_conclusion() {
        use Verdict::*;
        assert_eq!(
            verdict_of("Guidelines apply. The request is medically necessary."),
            Some(Necessary)
        );
        assert_eq!(
            verdict_of("Therefore the request is not medically necessary."),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of("It cannot be deemed medically necessary at this time."),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of("As such, it is not a medical necessity to the patient."),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of("Likewise, the medical necessity of this request is not established."),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of(
                "The request is not medically necessary. This decision addresses the medical necessity of opioids."
            ),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of(
                "The request is not medically necessary. It would be medically necessary if pain persisted."
            ),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of(
                "The MRI is not supported by the provided records as being medically necessary at this time."
            ),
            Some(NotNecessary)
        );
        assert_eq!(
            verdict_of("Although not first-line, the request is medically necessary."),
            Some(Necessary)
        );
        assert_eq!(verdict_of("No ruling here."), None);
    }

    #[test]
    fn points_at_the_words_that_conclude() {
        let text = "Thus the request is medically necessary.";
        let (_, range) = conclusion(text).unwrap();
        assert_eq!(&text[range], "medically necessary");
        let text = "Thus it is not medically necessary.";
        let (_, range) = conclusion(text).unwrap();
        assert_eq!(&text[range], "not medically necessary");
    }
}
