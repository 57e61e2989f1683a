//! The PDF letter: the laid-out pages drawn with printpdf, with subset embedded fonts.
//!
//! printpdf 0.12.8 without its default features draws and serialises; it neither
//! subsets fonts nor gives stable ids, and knows nothing of tags, PDF/A or encryption.
//! So `fonts` cuts each used face down to the letter's glyphs (`truetype` for TrueType
//! faces, allsorts for others) under a fixed resource name, `draw` turns each page into
//! printpdf operations (marking what it draws for the structure `tags` builds), and
//! `finish` replaces the metadata, writes the structure tree (`structure`), the XMP
//! (`xmp`) and PDF/A's output intent (`archive`), compresses the streams, encrypts
//! (`protect`) and sets `/ID` from the content. The same pages, letter info and
//! [`PdfOptions`] always give the same bytes, whatever the process drew before and on
//! whichever thread.

mod archive;
mod draw;
mod finish;
mod fonts;
pub mod options;
mod protect;
mod structure;
pub mod syntax;
mod tags;
mod truetype;
mod xmp;

pub use finish::CREATOR;
pub use options::{PdfArgs, PdfOptions, PdfStandard};

use printpdf::{
    PdfDocument, PdfFont, PdfPage, Pt, RawImage, RawImageData, RawImageFormat, Rect, XObject,
    XObjectId,
};

use super::{LetterInfo, Writer};
use crate::diagnostic::Diagnostic;
use crate::layout::logo::{Channels, Image};
use crate::layout::{FontBook, ImageFrame, Item, Measuring, Pages};
use crate::profile::{Stage, time};
use fonts::Faces;

/// Writes letters as PDF. Made once per run (the faces are prepared then) and shared
/// by every letter and thread.
#[derive(Debug)]
pub struct PdfWriter {
    faces: Faces,
    streams: finish::StreamCache,
    options: PdfOptions,
}

impl PdfWriter {
    pub fn new(fonts: &FontBook, options: PdfOptions) -> PdfWriter {
        PdfWriter {
            faces: Faces::new(fonts),
            streams: finish::StreamCache::default(),
            options,
        }
    }
}

impl Writer for PdfWriter {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn measuring(&self) -> Measuring {
        Measuring::Fonts
    }

    fn fingerprint(&self) -> String {
        format!(
            "pdf {:?} standard={} protect={}",
            self.measuring(),
            self.options.standard.name(),
            self.options.protect
        )
    }

    fn write(&self, pages: &Pages, info: &LetterInfo<'_>) -> Result<Vec<u8>, Diagnostic> {
        let tagged = self.options.standard.tagged();
        let fonts = time(Stage::PdfFonts, || self.faces.embed(pages, tagged))?;
        let (doc, structure) = time(Stage::PdfDraw, || draw_document(pages, fonts, tagged));
        finish::finish(&doc, structure.as_ref(), info, &self.options, &self.streams)
    }
}

/// The letter as a printpdf document: its pages' operations and the resources they use,
/// and its structure when it is tagged.
fn draw_document(
    pages: &Pages,
    fonts: fonts::EmbeddedFonts,
    tagged: bool,
) -> (PdfDocument, Option<tags::Structure>) {
    let mut doc = PdfDocument::new("");
    let mut tagger = tagged.then(tags::Tagger::new);
    doc.pages = pages
        .pages
        .iter()
        .map(|page| {
            let size = Rect::from_wh(Pt(pages.width as f32), Pt(pages.height as f32));
            PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size,
                ops: draw::page_ops(page, pages.height, &fonts, tagger.as_mut()),
            }
        })
        .collect();
    for frame in pages
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Image(frame) => Some(frame),
            _ => None,
        })
    {
        doc.resources
            .xobjects
            .map
            .insert(image_id(frame), XObject::Image(raw_image(&frame.image)));
    }
    for font in fonts.into_iter().flatten() {
        doc.resources
            .fonts
            .map
            .insert(font.id, PdfFont::new(font.font));
    }
    (doc, tagger.map(tags::Tagger::finish))
}

/// An image's resource name: fixed, so the bytes do not depend on a counter. A letter
/// has one image (the logo); the name follows its size to stay apart from any other.
fn image_id(frame: &ImageFrame) -> XObjectId {
    XObjectId(format!("Im{}x{}", frame.image.width, frame.image.height))
}

fn raw_image(image: &Image) -> RawImage {
    RawImage {
        pixels: RawImageData::U8(image.pixels.clone()),
        width: image.width as usize,
        height: image.height as usize,
        data_format: match image.channels {
            Channels::Gray => RawImageFormat::R8,
            Channels::GrayAlpha => RawImageFormat::RG8,
            Channels::Rgb => RawImageFormat::RGB8,
            Channels::Rgba => RawImageFormat::RGBA8,
        },
        tag: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
