//! The PDF letter: the laid-out pages drawn with printpdf, with subset embedded fonts.
//!
//! printpdf 0.12.8 without its default features draws and serialises; it neither
//! subsets fonts nor gives stable ids. So `fonts` cuts each used face down to the
//! letter's glyphs (allsorts) under a fixed resource name, `draw` turns each page into
//! printpdf operations, and `finish` replaces the metadata and sets `/ID` from the
//! content. The same pages and letter info always give the same bytes, whatever the
//! process drew before and on whichever thread.

mod draw;
mod finish;
mod fonts;

use printpdf::{PdfDocument, PdfFont, PdfPage, Pt, Rect};

use super::{LetterInfo, Writer};
use crate::diagnostic::Diagnostic;
use crate::layout::{FontBook, Pages};
use fonts::Faces;

/// Writes letters as PDF. Made once per run (the faces are prepared then) and shared
/// by every letter and thread.
#[derive(Debug)]
pub struct PdfWriter {
    faces: Faces,
}

impl PdfWriter {
    pub fn new(fonts: &FontBook) -> PdfWriter {
        PdfWriter {
            faces: Faces::new(fonts),
        }
    }
}

impl Writer for PdfWriter {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn write(&self, pages: &Pages, info: &LetterInfo<'_>) -> Result<Vec<u8>, Diagnostic> {
        let fonts = self.faces.embed(pages)?;
        let mut doc = PdfDocument::new("");
        doc.pages = pages
            .pages
            .iter()
            .map(|page| {
                let size = Rect::from_wh(Pt(pages.width as f32), Pt(pages.height as f32));
                PdfPage {
                    media_box: size.clone(),
                    trim_box: size.clone(),
                    crop_box: size,
                    ops: draw::page_ops(page, pages.height, &fonts),
                }
            })
            .collect();
        for font in fonts.into_iter().flatten() {
            doc.resources
                .fonts
                .map
                .insert(font.id, PdfFont::new(font.font));
        }
        finish::finish(&doc, info)
    }
}

#[cfg(test)]
mod tests;
