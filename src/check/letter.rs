//! Checks of a letter as a whole, once its sections are rendered and parsed: the header
//! table against the widths `table_columns` gives it, and the glyphs of the templates'
//! own wording (and of the settings they print), the page furniture's among them, which
//! the case's fields do not cover.

use std::collections::BTreeSet;

use super::glyphs::no_glyph;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::{Family, Layout};
use crate::markup::{Block, Document, FurnitureBlock, Inline, Style};
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
