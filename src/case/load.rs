//! Reading a case file: bytes to a checked [`Case`], or diagnostics that point into it.
//!
//! The text is NFC-normalised first (a decomposed `é` would print as `e` and a loose
//! accent), then parsed by `toml` + serde, whose errors carry a span; this module turns
//! them into [`Diagnostic`]s with the offending line, what was expected and, for a
//! misspelt key, the key that was probably meant. The format's own rules are the vet
//! step's first check ([`super::validate`]), so `check` and `render` apply them alike.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::DeTable;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use super::Case;
use super::fields::{TextField, fields_of};
use super::shape::{Problem, ShapeProblem, shape_problems};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, SourceIndex};

/// A case together with the file it came from, for diagnostics that point into it.
#[derive(Debug, Clone)]
pub struct CaseFile {
    pub path: PathBuf,
    /// The file's text, NFC-normalised: spans in `case` index into it.
    pub source: String,
    pub case: Case,
    /// Every string value of the file with its key path, in file order, for the checks
    /// ([`crate::check`]): read from the same parse as `case`.
    pub fields: Vec<TextField>,
    /// What reading found that did not stop it: keys the format does not have, each an
    /// error, set aside so that the rest of the file is still read and checked.
    pub problems: Diagnostics,
    /// Where the lines of `source` start, made when the first finding is located.
    index: std::sync::OnceLock<SourceIndex>,
}

impl CaseFile {
    /// The case number, which names the output files.
    pub fn case_number(&self) -> &str {
        self.case.case_number.get_ref()
    }

    /// Where a byte span of the file is, in steps that do not grow with the file.
    pub fn locate(&self, span: std::ops::Range<usize>) -> Location {
        let index = self.index.get_or_init(|| SourceIndex::new(&self.source));
        Location::from_span_in(&self.path.display().to_string(), &self.source, index, span)
    }
}

/// Reads and parses a case file into its structure.
pub fn load_case(path: &Path) -> Result<CaseFile, Diagnostics> {
    parse_case(path, read_case_text(path)?)
}

/// Reads a case file's text, refusing what is not UTF-8.
pub fn read_case_text(path: &Path) -> Result<String, Diagnostics> {
    let bytes = crate::diagnostic::read::read_regular(path, crate::diagnostic::read::TEXT_LIMIT)
        .map_err(|e| Diagnostic::read_error("case.read", "case file", path, &e))?;
    text_from_bytes(path, bytes)
}

/// Parses the bytes of a case file; `path` names it in diagnostics.
pub fn case_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<CaseFile, Diagnostics> {
    parse_case(path, text_from_bytes(path, bytes)?)
}

/// The bytes of a case file as text, refusing what is not UTF-8.
fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostics> {
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            return Err(
                Diagnostic::error("case.encoding", "the case file is not valid UTF-8")
                    .at(Location::from_span(
                        &path.display().to_string(),
                        &text,
                        prefix.len()..prefix.len() + 1,
                    ))
                    .label("expected UTF-8 text")
                    .hint("save the file as UTF-8")
                    .into(),
            );
        }
    };
    Ok(source)
}

/// Parses the text of a case file into its structure; `path` names it in diagnostics.
/// The format's rules beyond serde's are checked by [`super::validate::validate_case`].
pub fn parse_case(path: &Path, source: String) -> Result<CaseFile, Diagnostics> {
    let source = to_nfc(source);
    // As `toml::from_str`, with the parsed document kept for the text fields, and every
    // unknown key found (and set aside) first, so one misspelt key hides nothing else.
    let mut root = DeTable::parse(&source).map_err(|e| toml_diagnostic(path, &source, &e))?;
    let shape = shape_problems(root.get_mut());
    let index = std::sync::OnceLock::new();
    if !shape.is_empty() {
        index.get_or_init(|| SourceIndex::new(&source));
    }
    let problems = Diagnostics(
        shape
            .iter()
            .map(|p| shape_diagnostic(path, &source, index.get().expect("indexed"), p))
            .collect(),
    );
    let fields = fields_of(root.get_ref());
    match Case::deserialize(toml::de::Deserializer::from(root)) {
        // unknown keys were set aside: the case is read, its problems travel with it
        Ok(case) => Ok(CaseFile {
            path: path.to_path_buf(),
            source,
            case,
            fields,
            problems,
            index,
        }),
        Err(e) => {
            let mut problems = problems;
            // serde stops at the first missing key or wrong type, which the walk named
            // with all the others; its error is kept only when the walk saw nothing
            // (a rule of the format the schema does not carry)
            let walked = shape.iter().any(|p| p.problem != Problem::Unknown);
            if !walked {
                problems.push(toml_diagnostic(path, &source, &e));
            }
            Err(problems)
        }
    }
}

/// The error for one problem of a file's shape, with what the format expects.
fn shape_diagnostic(
    path: &Path,
    source: &str,
    index: &SourceIndex,
    p: &ShapeProblem,
) -> Diagnostic {
    let file = path.display().to_string();
    let at = |span: std::ops::Range<usize>| Location::from_span_in(&file, source, index, span);
    let d = match &p.problem {
        Problem::Unknown => {
            let expected: Vec<&str> = p.expected_keys.iter().map(String::as_str).collect();
            let listed: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
            let d = Diagnostic::error(
                "case.unknown-key",
                format!(
                    "unknown field `{}`, expected one of {}",
                    p.key,
                    listed.join(", ")
                ),
            )
            .at(at(p.span.clone()))
            .label("unknown key");
            match closest(&p.key, &expected) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d,
            }
        }
        Problem::Missing => {
            let d = Diagnostic::error("case.missing-key", format!("missing field `{}`", p.key))
                .label(format!("this table needs `{}`", p.key));
            let d = if p.span.is_empty() {
                d.at(Location::at_line(
                    &path.display().to_string(),
                    source,
                    1,
                    1,
                    1,
                ))
            } else {
                // the table's header line, not the whole table
                let start = p.span.start;
                let end = source[start..]
                    .find('\n')
                    .map_or(source.len(), |i| start + i);
                d.at(at(start..end.max(start + 1).min(source.len())))
            };
            match field_help(&p.key) {
                Some(help) => d.hint(format!("`{}` is {help}", p.key)),
                None => d,
            }
        }
        Problem::Type {
            expected,
            found,
            choices,
        } => {
            let d = Diagnostic::error("case.type", format!("`{}` must be {expected}", p.path))
                .at(at(p.span.clone()))
                .label(format!("expected {expected}; found {found}"));
            let value = source
                .get(p.span.clone())
                .unwrap_or("")
                .trim_matches(['"', '\'']);
            let words: Vec<&str> = choices.iter().map(String::as_str).collect();
            match closest(value, &words) {
                Some(best) => d.hint(format!("did you mean \"{best}\"?")),
                None => d,
            }
        }
    };
    d.field(p.path.clone())
}

/// The text in Unicode NFC (returned as it is when it already is, the usual case).
pub fn to_nfc(source: String) -> String {
    match is_nfc_quick(source.chars()) {
        unicode_normalization::IsNormalized::Yes => source,
        _ => source.nfc().collect(),
    }
}

fn toml_diagnostic(path: &Path, source: &str, e: &toml::de::Error) -> Diagnostic {
    // A control character written as it is (not as an escape) stops the TOML reader with
    // a message about what it expected there; say what is there.
    let control = e.span().and_then(|span| {
        let c = source.get(span.start..)?.chars().next()?;
        super::text::is_control(c).then_some((span.start, c))
    });
    if let Some((at, c)) = control {
        let name = super::text::char_name(c);
        return Diagnostic::error(
            "case.format",
            format!("a control character, {name}, in the case file"),
        )
        .at_span(path, source, at..at + c.len_utf8())
        .label(format!("{name} here"))
        .hint("delete it: a letter prints no control characters (write a blank line to start a paragraph)");
    }
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error("case.format", message.clone());
    if let Some(span) = e.span() {
        d = d.at_span(path, source, span);
    } else {
        d = d.at(Location::at_line(
            &path.display().to_string(),
            source,
            1,
            1,
            1,
        ));
    }
    if let Some(field) = between_backticks(&message, "missing field `") {
        d = d.label(format!("this table needs `{field}`"));
        if let Some(help) = field_help(field) {
            d = d.hint(format!("`{field}` is {help}"));
        }
    } else if let Some(field) = between_backticks(&message, "unknown field `") {
        d = d.label("unknown key");
        let expected = expected_keys(&message);
        if let Some(best) = closest(field, &expected) {
            d = d.hint(format!("did you mean `{best}`?"));
        }
    } else if let Some(variant) = between_backticks(&message, "unknown variant `") {
        d = d.label("unknown value");
        if let Some(best) = closest(variant, &expected_keys(&message)) {
            d = d.hint(format!("did you mean \"{best}\"?"));
        }
    } else if message.contains("invalid date") || message.contains("calendar date") {
        d = d.label("expected a real calendar date, YYYY-MM-DD");
    }
    d
}

fn between_backticks<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    Some(&rest[..rest.find('`')?])
}

/// The keys or values serde listed after "expected".
fn expected_keys(message: &str) -> Vec<&str> {
    let Some(at) = message.find("expected") else {
        return Vec::new();
    };
    message[at..].split('`').skip(1).step_by(2).collect()
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != *cb)).min(row[j] + 1).min(up + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// What each key of the format holds, for the hint of a missing key.
fn field_help(field: &str) -> Option<&'static str> {
    Some(match field {
        "case_number" => "the IMR case number, a string such as \"CM16-0247624\"",
        "dates" => {
            "a table: [dates] with assigned, injury, decision, ur_denial, application_received"
        }
        "assigned" | "injury" | "decision_date" | "ur_denial" | "application_received" => {
            "a date written without quotes, such as 2016-12-30"
        }
        "reviewer" => "a table: [reviewer] with licensure and specialties",
        "licensure" => "the states of licensure, an array of strings such as [\"California\"]",
        "specialties" => {
            "the board certifications, an array of strings such as [\"Family Practice\"]"
        }
        "summary" => "a table: [summary] with text, the clinical case summary",
        "text" => "a string; paragraphs are separated by a blank line",
        "items" => "the disputed items, one [[items]] table each",
        "request" => "the disputed item as requested, a string such as \"Naproxen 550mg #60\"",
        "decision" => "\"upheld\" or \"overturned\" (or, in [dates], the decision date)",
        "rationale" => "the decision rationale, a string; paragraphs are separated by a blank line",
        "guideline" => "the MTUS guideline's name, a string such as \"Low Back Complaints\"",
        "year" => "the MTUS guideline's year, an integer such as 2004",
        "original" => "the original request, a string",
        "authorized" => "what the claims administrator authorized, a string",
        "name" => "the party's name, a string",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_key_that_was_meant() {
        let keys = ["request", "decision", "rationale", "heading"];
        assert_eq!(closest("decison", &keys), Some("decision"));
        assert_eq!(closest("rationle", &keys), Some("rationale"));
        assert_eq!(closest("zzzzzz", &keys), None);
    }

    #[test]
    fn reads_serde_messages() {
        let m = "unknown field `decison`, expected one of `request`, `decision`";
        assert_eq!(between_backticks(m, "unknown field `"), Some("decison"));
        assert_eq!(expected_keys(m), vec!["request", "decision"]);
    }
}
