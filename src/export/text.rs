//! The plain-text letter: the printed letter without typography.
//!
//! Each printed line is one text line, broken where the page breaks it; paragraphs are
//! separated by a blank line, pages by a form feed, and the header table becomes aligned
//! columns. Horizontal positions map to columns at [`PT_PER_COLUMN`], so a centred
//! heading stays centred. With `--wrap` ([`TextOptions`]) the text is laid out in columns
//! instead of with the fonts: re-wrapped paragraphs on one continuous page.

use super::{LetterInfo, Writer};
use crate::diagnostic::Diagnostic;
use crate::layout::{Item, Line, Measuring, PT_PER_COLUMN, Pages, TableFrame};
use crate::profile::{Stage, time};

/// The text format's options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// `--wrap`: `None` for the printed letter's lines and pages; `Some(Some(n))` to re-wrap
    /// at `n` columns, `Some(None)` for one line per paragraph.
    pub wrap: Option<Option<usize>>,
}

/// Writes letters as plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextWriter {
    options: TextOptions,
}

impl TextWriter {
    pub fn new(options: TextOptions) -> TextWriter {
        TextWriter { options }
    }
}

impl Writer for TextWriter {
    fn extension(&self) -> &'static str {
        "txt"
    }

    fn measuring(&self) -> Measuring {
        match self.options.wrap {
            None => Measuring::Fonts,
            Some(width) => Measuring::Columns(width),
        }
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
