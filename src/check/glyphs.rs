//! Glyph coverage: every character a letter prints must be one its face can draw, or the
//! PDF would show a blank box. The case's printed fields are checked first, pointing at
//! the character in the case file; [`crate::check::letter`] then checks what the templates
//! added around them.

use crate::case::CaseFile;
use crate::case::text::is_invisible;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::{Family, Font, FontBook};
use crate::markup::Style;

/// Errors for every character of the case's printed text that a face it may be set in
/// lacks (the regular and bold faces of the body, or of the table for the header's
/// fields). Returns the characters reported, so later checks do not report them again.
pub fn check_fields(file: &CaseFile, fonts: &FontBook, out: &mut Diagnostics) -> Vec<char> {
    let mut reported = Vec::new();
    // ASCII characters known to be drawable, per family: most of every text.
    let mut ascii_ok = [[false; 128]; 2];
    for field in file.fields.iter().filter(|f| f.is_printed()) {
        let (family, ok) = if field.kind.in_table {
            (Family::Table, 1)
        } else {
            (Family::Body, 0)
        };
        let mut in_field: Vec<char> = Vec::new();
        for (at, c) in field.value().char_indices() {
            if c.is_control() || c.is_ascii() && ascii_ok[ok][c as usize] || in_field.contains(&c) {
                continue;
            }
            if is_invisible(c) {
                // refused by the characters check, at this place: reported
                if !reported.contains(&c) {
                    reported.push(c);
                }
                continue;
            }
            if c.is_ascii() && missing(fonts, family, &[Style::Regular, Style::Bold], c).is_none() {
                ascii_ok[ok][c as usize] = true;
                continue;
            }
            let Some(font) = missing(fonts, family, &[Style::Regular, Style::Bold], c) else {
                continue;
            };
            in_field.push(c);
            if !reported.contains(&c) {
                reported.push(c);
            }
            out.push(
                field.point(
                    file,
                    at..at + c.len_utf8(),
                    no_glyph(&format!("`{}`", field.path), c, font)
                        .label("the font has no glyph for this character"),
                ),
            );
        }
    }
    reported
}

/// The first face of `family` in one of `styles` that cannot draw `c`.
pub fn missing<'a>(
    fonts: &'a FontBook,
    family: Family,
    styles: &[Style],
    c: char,
) -> Option<&'a Font> {
    styles
        .iter()
        .map(|style| &**fonts.face(family, *style))
        .find(|f| !f.has(c))
}

/// The error for a character a font cannot draw.
pub fn no_glyph(what: &str, c: char, font: &Font) -> Diagnostic {
    Diagnostic::error(
        "font.glyph",
        format!(
            "{what} uses {c:?} (U+{:04X}), which font {} cannot draw",
            u32::from(c),
            font.name
        ),
    )
    .hint("write the character another way, or name a font that has it in the settings (body_font, table_font, ...)")
}
