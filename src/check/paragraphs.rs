//! Empty paragraphs in free text: a paragraph of nothing but invisible characters (a
//! no-break space, a zero-width space) prints as a blank paragraph, and two or more blank
//! lines in a row, where one separates paragraphs, usually mean a paragraph went missing.

use crate::case::CaseFile;
use crate::case::fields::TextField;
use crate::case::text::is_blank_text;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Blank as the paragraph splitter sees it: spaces, tabs and carriage returns only.
fn is_blank_line(line: &str) -> bool {
    line.chars().all(|c| matches!(c, ' ' | '\t' | '\r'))
}

/// Warnings for the empty paragraphs of one field.
pub fn check_field(file: &CaseFile, field: &TextField, out: &mut Diagnostics) {
    let text = field.value();
    if is_blank_text(text) {
        // the format's rules refuse a field that prints nothing (or let it be empty)
        return;
    }
    let mut offset = 0;
    let mut blank_run: Option<(usize, usize)> = None; // (start offset, lines)
    let mut seen_text = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if is_blank_line(body) {
            let (start, n) = blank_run.unwrap_or((offset, 0));
            blank_run = Some((start, n + 1));
        } else {
            if let Some((start, n)) = blank_run.take()
                && n >= 2
                && seen_text
            {
                out.push(field.point(
                    file,
                    start..start,
                    Diagnostic::warning(
                        "text.empty-paragraph",
                        format!("{n} blank lines in a row in {}", field.path),
                    )
                    .label("an empty paragraph")
                    .hint("one blank line separates paragraphs; remove the others, or write the missing paragraph"),
                ));
            }
            if is_blank_text(body) {
                out.push(
                    field.point(
                        file,
                        offset..offset + body.len(),
                        Diagnostic::warning(
                            "text.empty-paragraph",
                            format!("a line of invisible characters in {}", field.path),
                        )
                        .label("prints as an empty paragraph")
                        .hint("delete the line; it holds only no-break or zero-width spaces"),
                    ),
                );
            } else {
                seen_text = true;
            }
        }
        offset += line.len();
    }
}
