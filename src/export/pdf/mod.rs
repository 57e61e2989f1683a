//! The PDF letter: the laid-out pages as a PDF with subset embedded fonts, written
//! directly (no PDF library in the way: a letter is a handful of objects).
//!
//! `fonts` finds the glyphs each face draws and embeds each used face cut down to them
//! (`truetype` does the cutting), `content` turns each page into drawing operators, and
//! `file` assembles the objects, compresses the streams and sets `/ID` from the content.
//! The same pages and letter info always give the same bytes, whatever the process wrote
//! before and on whichever thread.

mod content;
mod file;
mod fonts;
pub mod syntax;
mod truetype;

use super::{LetterInfo, Writer};
use crate::diagnostic::Diagnostic;
use crate::layout::{FontBook, Pages};
use crate::profile::{Stage, time};
pub use file::CREATOR;
use fonts::Faces;

/// Writes letters as PDF. Made once per run (the faces are read then) and shared by
/// every letter and thread.
#[derive(Debug)]
pub struct PdfWriter {
    faces: Faces,
}

impl PdfWriter {
    /// Prepares the faces; a face that cannot be embedded (no TrueType outlines) is an
    /// error here, before any letter.
    pub fn new(fonts: &FontBook) -> Result<PdfWriter, Diagnostic> {
        Ok(PdfWriter {
            faces: Faces::new(fonts)?,
        })
    }
}

impl Writer for PdfWriter {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn write(&self, pages: &Pages, info: &LetterInfo<'_>) -> Result<Vec<u8>, Diagnostic> {
        let fonts = time(Stage::PdfFonts, || self.faces.embed(pages))?;
        time(Stage::PdfFile, || Ok(self.assemble(pages, &fonts, info)))
    }
}

impl PdfWriter {
    fn assemble(
        &self,
        pages: &Pages,
        fonts: &fonts::EmbeddedFonts,
        info: &LetterInfo<'_>,
    ) -> Vec<u8> {
        let contents: Vec<Vec<u8>> = pages
            .pages
            .iter()
            .map(|page| content::page_content(page, pages.height, &self.faces))
            .collect();
        let used: Vec<(usize, &fonts::Embedded)> = fonts
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_deref().map(|f| (i, f)))
            .collect();
        file::write_file(&contents, (pages.width, pages.height), &used, info)
    }
}

#[cfg(test)]
mod tests;
