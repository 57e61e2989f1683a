//! The plain-text letter: the printed letter without typography.
//!
//! Each printed line is one text line, broken where the page breaks it; paragraphs are
//! separated by a blank line, pages by a form feed, and the header table becomes aligned
//! columns. Horizontal positions map to columns at [`PT_PER_COLUMN`], so a centred
//! heading stays centred.

use super::{LetterInfo, Writer};
use crate::diagnostic::Diagnostic;
use crate::layout::{Item, Line, Pages, TableFrame};
use crate::profile::{Stage, time};

/// Points per text column (what `pdftotext -layout` uses for 12 pt Times).
pub const PT_PER_COLUMN: f64 = 4.8;

/// Writes letters as plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextWriter;

impl Writer for TextWriter {
    fn extension(&self) -> &'static str {
        "txt"
    }

    fn write(&self, pages: &Pages, _: &LetterInfo<'_>) -> Result<Vec<u8>, Diagnostic> {
        Ok(time(Stage::TextWriter, || write_text(pages).into_bytes()))
    }
}

/// The whole letter as text.
pub fn write_text(pages: &Pages) -> String {
    let mut out = String::with_capacity(8 * 1024);
    for (i, page) in pages.pages.iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        let mut wrote = false;
        for item in &page.items {
            match item {
                Item::Line(line) => {
                    if line.starts_paragraph && wrote {
                        out.push('\n');
                    }
                    push_line(&mut out, line, pages.left);
                }
                Item::Table(table) => {
                    if wrote {
                        out.push('\n');
                    }
                    push_table(&mut out, table, pages.left);
                }
                // pictures of a page, not its text
                Item::Watermark(_) | Item::Image(_) => continue,
            }
            wrote = true;
        }
    }
    out
}

fn column(x: f64, left: f64) -> usize {
    ((x - left) / PT_PER_COLUMN).round().max(0.0) as usize
}

fn push_line(out: &mut String, line: &Line, left: f64) {
    for _ in 0..column(line.x, left) {
        out.push(' ');
    }
    for run in &line.runs {
        out.push_str(&run.text);
    }
    out.push('\n');
}

fn push_table(out: &mut String, table: &TableFrame, left: f64) {
    for row in &table.rows {
        let height = row.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        for k in 0..height {
            let mut text = String::new();
            let mut used = 0usize; // characters written so far
            for cell in &row.cells {
                let Some(line) = cell.lines.get(k) else {
                    continue;
                };
                let mut at = column(line.x, left);
                if used > 0 {
                    at = at.max(used + 2);
                }
                while used < at {
                    text.push(' ');
                    used += 1;
                }
                let t = line.text();
                used += t.chars().count();
                text.push_str(&t);
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
}
