//! Checks of a letter as a whole, once its sections are rendered and parsed: the header
//! table against the widths `table_columns` gives it (one per column, each wide enough
//! for the longest word of its cells), and the glyphs of the templates' own wording (and
//! of the settings they print), the page furniture's among them, which the case's fields
//! do not cover.

use std::collections::{BTreeMap, BTreeSet};

use super::glyphs::no_glyph;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::{Family, Layout};
use crate::markup::{Block, Document, FurnitureBlock, Inline, Style, Table};
use crate::template::TemplateSet;

/// Every problem of a laid-out-to-be letter that no single section shows.
pub fn check(
    doc: &Document,
    furniture: &[FurnitureBlock],
    layout: &Layout,
    templates: &TemplateSet,
    reported: &[char],
    out: &mut Diagnostics,
) {
    let mut missing_chars: BTreeSet<(char, Family, Style)> = BTreeSet::new();
    let mut widths_reported = false;
    for block in &doc.blocks {
        match block {
            Block::Heading(inlines) | Block::Paragraph(inlines) => {
                glyphs_of(inlines, Family::Body, layout, reported, &mut missing_chars);
            }
            Block::Table(table) => {
                let widths = layout.page.geometry.table.columns.len();
                if table.columns != widths && !widths_reported {
                    widths_reported = true;
                    out.push(
                        Diagnostic::error(
                            "settings.table-columns",
                            format!(
                                "setting `table_columns` gives {widths} column width{}, but the header table has {} columns",
                                if widths == 1 { "" } else { "s" },
                                table.columns
                            ),
                        )
                        .hint(format!(
                            "give {} widths in pt, comma-separated, e.g. \"107.4, 149.52, 97.92, 123.96\"",
                            table.columns
                        )),
                    );
                }
                if !widths_reported {
                    narrow_columns(table, layout, out);
                }
                for cell in table.rows.iter().flatten() {
                    glyphs_of(
                        &cell.content,
                        Family::Table,
                        layout,
                        reported,
                        &mut missing_chars,
                    );
                }
            }
        }
    }
    for block in furniture {
        if let FurnitureBlock::Paragraph(inlines) = block {
            glyphs_of(inlines, Family::Body, layout, reported, &mut missing_chars);
        }
    }
    let mut said: Vec<char> = Vec::new();
    for (c, family, style) in missing_chars {
        if said.contains(&c) {
            continue;
        }
        said.push(c);
        let d = no_glyph("the letter", c, layout.fonts.face(family, style));
        out.push(match templates.find_char(c) {
            Some(at) => d.at(at).label("the font has no glyph for this character"),
            None => d.cause(
                "printed by the templates: from a setting (such as `organization`) or a template",
            ),
        });
    }
}

/// Adds each character of `inlines` that the face of its style lacks.
fn glyphs_of(
    inlines: &[Inline],
    family: Family,
    layout: &Layout,
    reported: &[char],
    out: &mut BTreeSet<(char, Family, Style)>,
) {
    for inline in inlines {
        let Inline::Text { text, style } = inline else {
            continue;
        };
        let face = layout.fonts.face(family, *style);
        for c in text.chars() {
            if !c.is_control() && !face.has(c) && !reported.contains(&c) {
                out.insert((c, family, *style));
            }
        }
    }
}

/// An error for each column of the header table too narrow for a word of its cells, which
/// the table would break letter by letter; it names the column's widest word.
fn narrow_columns(table: &Table, layout: &Layout, out: &mut Diagnostics) {
    let g = &layout.page.geometry.table;
    // By first column: the widest word too wide for its cell, and the room it had.
    let mut narrow: BTreeMap<usize, (String, f64, f64)> = BTreeMap::new();
    for row in &table.rows {
        let mut column = 0;
        for cell in row {
            let span = cell.span.max(1);
            let first = column;
            column += span;
            let Some(widths) = g.columns.get(first..first + span) else {
                continue;
            };
            let room = widths.iter().sum::<f64>() - 2.0 * g.padding;
            for inline in &cell.content {
                let Inline::Text { text, style } = inline else {
                    continue;
                };
                for word in text.split_whitespace() {
                    let width = layout.table_word_width(word, *style);
                    let widest = narrow.get(&first).map_or(room + 0.01, |n| n.1);
                    if width > widest {
                        narrow.insert(first, (word.to_string(), width, room));
                    }
                }
            }
        }
    }
    for (column, (word, width, room)) in narrow {
        out.push(
            Diagnostic::error(
                "settings.table-columns",
                format!(
                    "setting `table_columns` makes column {} of the header table too narrow for `{word}`",
                    column + 1
                ),
            )
            .label(format!(
                "{room:.1} pt for text in the column, {width:.1} pt for the word"
            ))
            .hint(format!(
                "widen column {} to at least {:.1} pt (the real letters' widths are 107.4, 149.52, 97.92, 123.96)",
                column + 1,
                width + 2.0 * g.padding
            )),
        );
    }
}
