//! One error and warning type for every stage, and one printer.
//!
//! A [`Diagnostic`] says what went wrong in words a user can act on: the file, the line and
//! column, the source line with a caret under the offending span, what was expected, and
//! the chain of causes. Every command reports through [`Diagnostic::render`], so a case
//! error looks the same from `render` and `check`; [`record`] is its one JSON shape.

pub mod codes;
pub mod read;
pub mod record;
mod render;
pub use render::visible;
mod span;

use std::fmt;
use std::ops::Range;
use std::path::Path;

pub use span::SourceIndex;
use span::clip_line;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a source file, with the line it points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The source line the span starts on, without its line break; a long line is cut to
    /// the span and [`CONTEXT`] characters either side, cut ends marked `…` (a diagnostic
    /// never copies a whole long line: a one-line case of 260 KB has thousands).
    pub source_line: String,
    /// The 1-based column of the span in `source_line`.
    pub caret: usize,
    /// How many characters of `source_line` the caret underlines (at least 1).
    pub width: usize,
    /// 1-based line and column just past the end of the span (equal to the start for a
    /// point): where an editor's underline ends.
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    /// Locates a byte span of `source` (the text of `file`).
    pub fn from_span(file: &str, source: &str, span: Range<usize>) -> Location {
        Location::from_span_in(file, source, &SourceIndex::new(source), span)
    }

    /// A location at a 1-based line and column, without a byte span.
    pub fn at_line(file: &str, source: &str, line: usize, column: usize, width: usize) -> Location {
        let source_line = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let (source_line, caret) = clip_line(source_line, column, width.max(1));
        Location {
            file: file.to_string(),
            line,
            column,
            source_line,
            caret,
            width: width.max(1),
            end_line: line,
            end_column: column + width.max(1),
        }
    }
}

/// How many characters of context a long source line keeps on each side of the span.
pub const CONTEXT: usize = 60;

/// One error or warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What went wrong, lower case, without a final full stop.
    pub message: String,
    /// Where; `None` for problems that belong to no file (a bad `--var`).
    pub location: Option<Location>,
    /// Printed under the caret: usually what was expected.
    pub label: Option<String>,
    /// The cause chain, outermost first.
    pub causes: Vec<String>,
    /// What the user can do about it.
    pub hints: Vec<String>,
    /// A machine-readable kind, e.g. `case.date-order`.
    pub code: &'static str,
    /// The key path the problem is in, e.g. `items[2].rationale`, when there is one.
    pub field: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        debug_assert!(
            codes::find(code).is_some(),
            "diagnostic code `{code}` is not in diagnostic::codes::CODES"
        );
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            causes: Vec::new(),
            hints: Vec::new(),
            code,
            field: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// A file that cannot be read: "failed to read {what} `{path}`", caused by the error.
    pub fn read_error(
        code: &'static str,
        what: &str,
        path: &Path,
        error: &std::io::Error,
    ) -> Diagnostic {
        Diagnostic::error(code, format!("failed to read {what} `{}`", path.display()))
            .cause(error.to_string())
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Points at a byte span of a file's text.
    pub fn at_span(self, file: &Path, source: &str, span: Range<usize>) -> Diagnostic {
        self.at(Location::from_span(
            &file.display().to_string(),
            source,
            span,
        ))
    }

    /// Names the key path the problem is in.
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn cause(mut self, cause: impl Into<String>) -> Diagnostic {
        self.causes.push(cause.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Several diagnostics: what a stage that can find more than one problem returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every diagnostic rendered, separated by blank lines.
    pub fn render(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(Diagnostic::render).collect();
        parts.join("\n")
    }

    /// One diagnostic for each that several cases share word for word at the same place
    /// (a template error every case shows): the first, with a cause counting the others.
    /// `what` names what the others are ("case").
    pub fn merge_repeats(self, what: &str) -> Diagnostics {
        use std::collections::HashMap;
        type Key = (
            Severity,
            &'static str,
            String,
            Option<(String, usize, usize)>,
        );
        let key = |d: &Diagnostic| -> Key {
            (
                d.severity,
                d.code,
                d.message.clone(),
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column)),
            )
        };
        let mut first: HashMap<Key, usize> = HashMap::new();
        let mut kept: Vec<(Diagnostic, usize)> = Vec::with_capacity(self.0.len());
        for d in self.0 {
            let k = key(&d);
            match first.get(&k) {
                Some(&at) => kept[at].1 += 1,
                None => {
                    first.insert(k, kept.len());
                    kept.push((d, 0));
                }
            }
        }
        Diagnostics(
            kept.into_iter()
                .map(|(d, more)| match more {
                    0 => d,
                    n => d.cause(format!(
                        "and {n} more {what}{}",
                        if n == 1 { "" } else { "s" }
                    )),
                })
                .collect(),
        )
    }

    /// Adds a cause line to every diagnostic: the context of an outer stage.
    pub fn context(mut self, cause: &str) -> Diagnostics {
        for d in &mut self.0 {
            d.causes.insert(0, cause.to_string());
        }
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_a_span_in_characters() {
        let src = "a = 1\nnäme = \"José\"\n";
        let start = src.find("\"José\"").unwrap();
        let loc = Location::from_span("x.toml", src, start..start + "\"José\"".len());
        assert_eq!((loc.line, loc.column, loc.width), (2, 8, 6));
        assert_eq!(loc.source_line, "näme = \"José\"");
    }
}
