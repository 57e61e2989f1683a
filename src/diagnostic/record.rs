//! The one JSON shape of a diagnostic, for CI and editors: `check --format json` writes an
//! array of them, and the run report (`--report`) lists each case's errors, warnings and
//! accepted warnings with the same records.
//!
//! `check --format json` writes one JSON array with one record per line:
//!
//! ```json
//! [
//! {"severity":"warning","code":"text.spelling","message":"unknown word `osteomyeltis` in items[1].rationale","file":"cases/seed-letter.toml","line":42,"column":35,"end_line":42,"end_column":47,"field":"items[1].rationale","label":"not in the dictionary","hints":["did you mean `osteomyelitis`?","if it is spelled right, add it to a word list given with --words FILE"],"causes":[]}
//! ]
//! ```
//!
//! `line`/`column` are 1-based, columns counted in characters; `end_line`/`end_column`
//! point just past the span. `file`, `line`, `column`, `end_line`, `end_column`, `field`
//! and `label` are `null` when the problem has no place (a bad `--words` path).

use serde::Serialize;

use super::{Diagnostic, Diagnostics};

#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub field: Option<&'a str>,
    pub label: Option<&'a str>,
    pub hints: &'a [String],
    pub causes: &'a [String],
}

impl<'a> Record<'a> {
    pub fn new(d: &'a Diagnostic) -> Record<'a> {
        let loc = d.location.as_ref();
        Record {
            severity: d.severity.as_str(),
            code: d.code,
            message: &d.message,
            file: loc.map(|l| l.file.as_str()),
            line: loc.map(|l| l.line),
            column: loc.map(|l| l.column),
            end_line: loc.map(|l| l.end_line),
            end_column: loc.map(|l| l.end_column),
            field: d.field.as_deref(),
            label: d.label.as_deref(),
            hints: &d.hints,
            causes: &d.causes,
        }
    }
}

/// The records of every diagnostic: a JSON array, one record a line, ending in a newline.
pub fn to_json(problems: &Diagnostics) -> String {
    let lines: Vec<String> = problems
        .0
        .iter()
        .map(|d| serde_json::to_string(&Record::new(d)).expect("records serialize"))
        .collect();
    if lines.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", lines.join(",\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn writes_one_record_a_line() {
        let src = "a = \"wrod\"\n";
        let d = Diagnostic::warning("text.spelling", "unknown word `wrod`")
            .at(Location::from_span("c.toml", src, 5..9))
            .field("a")
            .hint("did you mean `word`?");
        let json = to_json(&Diagnostics(vec![d, Diagnostic::error("usage", "bad")]));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value[0]["line"], 1);
        assert_eq!(value[0]["column"], 6);
        assert_eq!(value[0]["end_column"], 10);
        assert_eq!(value[0]["field"], "a");
        assert_eq!(value[1]["file"], serde_json::Value::Null);
        assert_eq!(json.lines().count(), 4);
        assert_eq!(to_json(&Diagnostics::default()), "[]\n");
    }
}
