//! Fonts: the faces a letter is set in, their advance widths and glyph coverage.
//!
//! The built-in faces are Liberation Serif (body) and Liberation Sans (header table),
//! embedded in the binary; they have the advance widths of Times New Roman and Arial, the
//! faces of the real letters. Settings may name other TTF/OTF files. Faces are parsed once
//! per run; measuring a character afterwards is an array lookup.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::markup::Style;
use crate::template::Settings;

/// Characters below this are measured from a dense table.
const DENSE: usize = 0x2200;
const MISSING: u16 = u16::MAX;

/// One parsed face.
#[derive(Debug)]
pub struct Font {
    /// PostScript name, e.g. `LiberationSerif-Bold`.
    pub name: String,
    /// The font file.
    pub data: Arc<[u8]>,
    pub units_per_em: f64,
    /// OS/2 Windows ascent and descent (positive), font units: the line box Word uses.
    pub win_ascent: f64,
    pub win_descent: f64,
    advances: Vec<u16>,
    glyphs: Vec<u16>,
    other: HashMap<char, (u16, u16)>,
}

impl Font {
    /// Parses a face from a file's bytes; `origin` names it in errors.
    pub fn parse(data: Arc<[u8]>, origin: &str) -> Result<Font, Diagnostic> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| {
            Diagnostic::error(
                "font.parse",
                format!("`{origin}` is not a usable TrueType/OpenType font"),
            )
            .cause(e.to_string())
        })?;
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_string());
        let (win_ascent, win_descent) = face
            .tables()
            .os2
            .map(|os2| {
                (
                    f64::from(os2.windows_ascender()),
                    f64::from(os2.windows_descender()).abs(),
                )
            })
            .unwrap_or((
                f64::from(face.ascender()),
                f64::from(face.descender()).abs(),
            ));
        let mut advances = vec![MISSING; DENSE];
        let mut glyphs = vec![0u16; DENSE];
        let mut other = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    let (Some(c), Some(gid)) = (char::from_u32(cp), sub.glyph_index(cp)) else {
                        return;
                    };
                    let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                    if (cp as usize) < DENSE {
                        advances[cp as usize] = adv;
                        glyphs[cp as usize] = gid.0;
                    } else {
                        other.insert(c, (adv, gid.0));
                    }
                });
            }
        }
        Ok(Font {
            name,
            data: data.clone(),
            units_per_em: f64::from(face.units_per_em()),
            win_ascent,
            win_descent,
            advances,
            glyphs,
            other,
        })
    }

    /// The advance of a character in font units, if the font has it.
    #[inline]
    pub fn advance(&self, c: char) -> Option<u16> {
        let i = c as usize;
        if i < DENSE {
            let a = self.advances[i];
            (a != MISSING).then_some(a)
        } else {
            self.other.get(&c).map(|(a, _)| *a)
        }
    }

    /// The glyph id of a character (0 when missing).
    #[inline]
    pub fn glyph(&self, c: char) -> u16 {
        let i = c as usize;
        if i < DENSE {
            self.glyphs[i]
        } else {
            self.other.get(&c).map_or(0, |(_, g)| *g)
        }
    }

    pub fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }
}

/// Which set of faces a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Body,
    Table,
}

/// The faces of a run: four body styles and two table styles (regular, bold).
#[derive(Debug, Clone)]
pub struct FontBook {
    body: [Arc<Font>; 4],
    table: [Arc<Font>; 2],
}

macro_rules! builtin_font {
    ($file:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $file)).as_slice()
    };
}

const BUILTIN: [(&str, &str, &[u8]); 6] = [
    (
        "body_font",
        "LiberationSerif-Regular.ttf",
        builtin_font!("LiberationSerif-Regular.ttf"),
    ),
    (
        "body_bold_font",
        "LiberationSerif-Bold.ttf",
        builtin_font!("LiberationSerif-Bold.ttf"),
    ),
    (
        "body_italic_font",
        "LiberationSerif-Italic.ttf",
        builtin_font!("LiberationSerif-Italic.ttf"),
    ),
    (
        "body_bold_italic_font",
        "LiberationSerif-BoldItalic.ttf",
        builtin_font!("LiberationSerif-BoldItalic.ttf"),
    ),
    (
        "table_font",
        "LiberationSans-Regular.ttf",
        builtin_font!("LiberationSans-Regular.ttf"),
    ),
    (
        "table_bold_font",
        "LiberationSans-Bold.ttf",
        builtin_font!("LiberationSans-Bold.ttf"),
    ),
];

impl FontBook {
    /// The faces the settings name (built-in where a setting is empty).
    pub fn load(settings: &Settings) -> Result<FontBook, Diagnostic> {
        let mut faces = Vec::with_capacity(BUILTIN.len());
        for (key, file, bytes) in BUILTIN {
            let font = match settings.file_path(key) {
                None => Font::parse(Arc::from(bytes), &format!("built-in {file}"))?,
                Some(path) => {
                    let data = crate::diagnostic::read::read_regular(
                        &path,
                        crate::diagnostic::read::BINARY_LIMIT,
                    )
                    .map_err(|e| {
                        Diagnostic::error(
                            "font.read",
                            format!("failed to read font `{}` (setting `{key}`)", path.display()),
                        )
                        .cause(e.to_string())
                    })?;
                    Font::parse(Arc::from(data), &path.display().to_string())
                        .map_err(|d| d.cause(format!("the font named by setting `{key}`")))?
                }
            };
            faces.push(Arc::new(font));
        }
        let mut it = faces.into_iter();
        let mut next = || it.next().expect("six faces");
        Ok(FontBook {
            body: [next(), next(), next(), next()],
            table: [next(), next()],
        })
    }

    /// The face for a family and style (the table has no italics: they fall back upright).
    #[inline]
    pub fn face(&self, family: Family, style: Style) -> &Arc<Font> {
        match family {
            Family::Body => &self.body[style.index()],
            Family::Table => &self.table[usize::from(style.is_bold())],
        }
    }

    /// Every face, with its family and style, in a fixed order.
    pub fn faces(&self) -> Vec<(Family, Style, &Arc<Font>)> {
        let mut out: Vec<(Family, Style, &Arc<Font>)> = Style::ALL
            .iter()
            .map(|s| (Family::Body, *s, &self.body[s.index()]))
            .collect();
        out.push((Family::Table, Style::Regular, &self.table[0]));
        out.push((Family::Table, Style::Bold, &self.table[1]));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_faces_have_times_and_arial_widths() {
        let book = FontBook::load(&Settings::default()).unwrap();
        let serif = book.face(Family::Body, Style::Regular);
        assert_eq!(serif.name, "LiberationSerif");
        assert_eq!(serif.units_per_em, 2048.0);
        // Times New Roman: space 512, A 1479, W 1933 (2048 units per em).
        assert_eq!(serif.advance(' '), Some(512));
        assert_eq!(serif.advance('A'), Some(1479));
        assert_eq!(serif.advance('W'), Some(1933));
        assert!(serif.has('é') && serif.has('§') && serif.has('—') && serif.has('’'));
        assert!(!serif.has('中'));
        let sans_bold = book.face(Family::Table, Style::Bold);
        assert_eq!(sans_bold.name, "LiberationSans-Bold");
    }
}
