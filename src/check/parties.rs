//! The public letter never names the parties: a party's name, or the claim or ADJ
//! number, written in the summary, a rationale or any other printed text (the reviewer's
//! licensure and specialties too) would be published. Each occurrence is an error at the
//! text, matched whatever the letter case and through invisible characters.

use crate::case::CaseFile;
use crate::case::text::is_invisible;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Credentials and suffixes that are not part of the name a reader would recognise.
const SUFFIXES: &[&str] = &[
    "md", "m.d.", "do", "d.o.", "dc", "d.c.", "phd", "ph.d.", "esq", "esq.", "jr", "jr.", "sr",
    "sr.", "ii", "iii", "iv", "np", "pa", "pa-c", "rn", "inc", "inc.", "llc", "llp", "corp",
    "corp.", "co", "co.",
];

/// One thing that must not appear, and what it is.
struct Secret {
    needle: String,
    what: String,
    /// Match only with the case as written (a surname), not in any case.
    exact_case: bool,
}

impl Secret {
    fn hint(&self) -> &'static str {
        if self.what.ends_with("number") {
            "the letter is published; leave the number out (the header names the case by its IMR case number)"
        } else {
            "the letter is published; refer to the person by role (\"the injured worker\", \"the treating physician\")"
        }
    }
}

fn secrets(file: &CaseFile) -> Vec<Secret> {
    let Some(parties) = &file.case.parties else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (what, number) in [
        ("the claim number", &parties.claim_number),
        ("the ADJ number", &parties.adj_number),
    ] {
        if let Some(n) = number {
            let n = n.get_ref().trim();
            if n.chars().count() >= 4 {
                out.push(Secret {
                    needle: n.to_string(),
                    what: what.to_string(),
                    exact_case: false,
                });
            }
        }
    }
    for (role, party) in parties.named() {
        let name = collapse(party.name.get_ref());
        if name.chars().count() < 3 {
            continue;
        }
        let role = role.replace('_', " ");
        out.push(Secret {
            needle: name.clone(),
            what: format!("the {role}'s name"),
            exact_case: false,
        });
        // A person's surname alone names them too.
        if matches!(
            role.as_str(),
            "employee" | "requesting provider" | "attorney"
        ) {
            let words: Vec<&str> = name
                .split([' ', ','])
                .filter(|w| !w.is_empty() && !SUFFIXES.contains(&w.to_lowercase().as_str()))
                .collect();
            if let Some(surname) = words.last().filter(|_| words.len() > 1)
                && surname.chars().count() >= 3
                && surname.chars().next().is_some_and(char::is_uppercase)
            {
                // As written ("Roe") and in capitals ("MR. ROE"), never in lower case,
                // where a surname is often a word ("the injured worker").
                let mut needles = vec![surname.to_string()];
                let capitals = surname.to_uppercase();
                if capitals != *surname {
                    needles.push(capitals);
                }
                for needle in needles {
                    out.push(Secret {
                        needle,
                        what: format!("the {role}'s surname"),
                        exact_case: true,
                    });
                }
            }
        }
    }
    out
}

fn collapse(text: &str) -> String {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text read once for every needle looked for in it, by character: an ASCII text as
/// itself and in lower case; any other as each character with its byte offset, the
/// characters alone, and each folded to lower case (its first lower-case character).
enum Haystack<'t> {
    Ascii {
        text: &'t str,
        lower: String,
    },
    Wide {
        chars: Vec<(usize, char)>,
        plain: Vec<char>,
        folded: Vec<char>,
        len: usize,
    },
}

impl<'t> Haystack<'t> {
    fn new(text: &'t str) -> Haystack<'t> {
        if text.is_ascii() {
            return Haystack::Ascii {
                text,
                lower: text.to_ascii_lowercase(),
            };
        }
        // Invisible characters are skipped: "Ro\u{200B}e" still names Roe.
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| !is_invisible(*c))
            .collect();
        let plain: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        let folded = plain.iter().map(|&c| fold(c)).collect();
        Haystack::Wide {
            chars,
            plain,
            folded,
            len: text.len(),
        }
    }

    /// How many characters.
    fn count(&self) -> usize {
        match self {
            Haystack::Ascii { text, .. } => text.len(),
            Haystack::Wide { chars, .. } => chars.len(),
        }
    }

    /// The `i`-th character, folded to lower case or not.
    fn char(&self, i: usize, folded: bool) -> char {
        match self {
            Haystack::Ascii { lower, .. } if folded => char::from(lower.as_bytes()[i]),
            Haystack::Ascii { text, .. } => char::from(text.as_bytes()[i]),
            Haystack::Wide { folded: f, .. } if folded => f[i],
            Haystack::Wide { plain, .. } => plain[i],
        }
    }

    /// The next character at or after the `i`-th that is `c` (folded or not), for an
    /// ASCII text; `None` for any other.
    fn next(&self, i: usize, c: char, folded: bool) -> Option<Option<usize>> {
        match self {
            Haystack::Ascii { lower, .. } if folded => Some(lower[i..].find(c).map(|d| i + d)),
            Haystack::Ascii { text, .. } => Some(text[i..].find(c).map(|d| i + d)),
            Haystack::Wide { .. } => None,
        }
    }

    /// The byte offset of the `i`-th character (the text's length past the last).
    fn offset(&self, i: usize) -> usize {
        match self {
            Haystack::Ascii { .. } => i,
            Haystack::Wide { chars, len, .. } => chars.get(i).map_or(*len, |(b, _)| *b),
        }
    }
}

fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Byte ranges of whole-word occurrences of `needle` in `text`, white space matching any
/// run of white space.
#[cfg(test)]
fn occurrences(text: &str, needle: &str, exact_case: bool) -> Vec<std::ops::Range<usize>> {
    occurrences_in(&Haystack::new(text), needle, exact_case)
}

/// [`occurrences`] in a text read beforehand.
fn occurrences_in(hay: &Haystack, needle: &str, exact_case: bool) -> Vec<std::ops::Range<usize>> {
    let target: Vec<char> = if exact_case {
        needle.chars().collect()
    } else {
        needle.chars().map(fold).collect()
    };
    let folded = !exact_case;
    let n = hay.count();
    let at = |i: usize| hay.char(i, false);
    let mut out = Vec::new();
    let Some(&first) = target.first() else {
        return out;
    };
    let mut i = 0;
    while i < n {
        // Only where the first character matches can a match start.
        if first != ' '
            && let Some(next) = hay.next(i, first, folded)
        {
            match next {
                Some(at) => i = at,
                None => break,
            }
        } else if hay.char(i, folded) != first && !(first == ' ' && at(i).is_whitespace()) {
            i += 1;
            continue;
        }
        let boundary_before = i == 0 || !at(i - 1).is_alphanumeric();
        let (mut j, mut k) = (i, 0);
        while boundary_before && k < target.len() && j < n {
            if target[k] == ' ' && at(j).is_whitespace() {
                while j < n && at(j).is_whitespace() {
                    j += 1;
                }
                k += 1;
            } else if hay.char(j, folded) == target[k] {
                j += 1;
                k += 1;
            } else {
                break;
            }
        }
        let boundary_after = j >= n || !at(j).is_alphanumeric();
        if boundary_before && k == target.len() && boundary_after {
            out.push(hay.offset(i)..hay.offset(j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Errors for party names and numbers in the text the letter prints.
pub fn check(file: &CaseFile, out: &mut Diagnostics) {
    let secrets = secrets(file);
    if secrets.is_empty() {
        return;
    }
    for field in file.fields.iter().filter(|f| f.is_printed()) {
        let hay = Haystack::new(field.value());
        let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
        for secret in &secrets {
            for range in occurrences_in(&hay, &secret.needle, secret.exact_case) {
                if reported
                    .iter()
                    .any(|r| r.start <= range.start && range.end <= r.end)
                {
                    continue;
                }
                reported.push(range.clone());
                out.push(
                    field.point(
                        file,
                        range,
                        Diagnostic::error(
                            "text.party-named",
                            format!("{} appears in {}", secret.what, field.path),
                        )
                        .label("the public letter must not name the parties")
                        .hint(secret.hint()),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_across_line_breaks() {
        let text = "seen by Dr. Jane\n  Roe on 1/2/16; Roenick is someone else; ROE";
        assert_eq!(occurrences(text, "Jane Roe", false), vec![12..22]);
        assert_eq!(occurrences(text, "Roe", true).len(), 1);
        assert_eq!(occurrences(text, "Roe", false).len(), 2);
    }

    #[test]
    fn folds_case_beyond_ascii() {
        let text = "ÉMILE Ørsted met émile; Ørstedt";
        assert_eq!(occurrences(text, "Émile", false), vec![0..6, 19..25]);
        assert_eq!(
            occurrences(text, "Émile", true),
            Vec::<std::ops::Range<usize>>::new()
        );
        assert_eq!(occurrences(text, "Ørsted", true), vec![7..14]);
    }
}
