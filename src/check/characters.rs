//! Characters a letter would print wrong. A control character (ESC, BEL, NUL, a form feed,
//! C1 controls) in any string of a case file would reach the text output raw or break a
//! page; an invisible character (a zero-width space, a bidirectional control, a soft
//! hyphen...) in printed text, or a party's name, would never show but would split words,
//! hide a name from the parties check or reorder the line. Both are errors at the
//! character, each character named once per field.

use crate::case::CaseFile;
use crate::case::text::{char_name, is_control, is_invisible};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Errors for the control and invisible characters of every string of the case file.
pub fn check(file: &CaseFile, out: &mut Diagnostics) {
    for field in &file.fields {
        let text = field.value();
        if text.is_ascii() && !has_ascii_control(text.as_bytes()) {
            continue;
        }
        let looks_at_invisible = field.kind.printed || field.kind.party;
        let mut named: Vec<char> = Vec::new();
        let bytes = text.as_bytes();
        for (at, c) in text.char_indices() {
            let control = is_control(c) || c == '\r' && bytes.get(at + 1) != Some(&b'\n');
            let invisible = looks_at_invisible && is_invisible(c);
            if !(control || invisible) || named.contains(&c) {
                continue;
            }
            named.push(c);
            let (code, what, hint) = if control {
                (
                    "text.control-character",
                    "a control character",
                    "delete it: a letter prints no control characters (write a blank line to start a paragraph)",
                )
            } else {
                (
                    "text.invisible-character",
                    "an invisible character",
                    "delete it: it prints nothing, and it would split words or reorder the text around it",
                )
            };
            out.push(
                field.point(
                    file,
                    at..at + c.len_utf8(),
                    Diagnostic::error(
                        code,
                        format!("{} holds {what}, {}", field.path, char_name(c)),
                    )
                    .label(format!("{} here", char_name(c)))
                    .hint(hint),
                ),
            );
        }
    }
}

/// Whether ASCII text holds a control character other than a tab, a line feed or a
/// carriage return before one.
fn has_ascii_control(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' => false,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => b < 0x20 || b == 0x7f,
    })
}
