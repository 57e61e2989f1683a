//! Layout: from the document model to pages of positioned lines.
//!
//! Text is measured with the real fonts' advance widths ([`font`]), broken into lines
//! the way Word broke the real letters ([`linebreak`]), and stacked onto pages with the
//! real letters' vertical rhythm and pagination rules ([`flow`]). The header table is
//! laid out by [`table`]. The result ([`page`]) feeds every writer. In `Columns` mode every
//! character is one text column wide and nothing is paginated: the plain text re-wrapped
//! at a chosen width.

pub mod decorate;
pub mod flow;
pub mod font;
pub mod letterhead;
pub mod linebreak;
pub mod logo;
pub mod page;
pub mod table;

use crate::diagnostic::Diagnostic;
use crate::markup::{Document, FurnitureBlock, Style};
use crate::template::Settings;
pub use decorate::PageFurniture;
pub use flow::Rhythm;
pub use font::{Family, Font, FontBook};
pub use letterhead::Letterhead;
use linebreak::Measure;
pub use page::{ImageFrame, Item, Line, LineKind, Page, Pages, TableFrame, Watermark};
use table::TableGeometry;

/// Points per text column in `Columns` mode, and where the plain text puts a position
/// (what `pdftotext -layout` uses for 12 pt Times).
pub const PT_PER_COLUMN: f64 = 4.8;

/// How text is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measuring {
    /// With the fonts, on pages: the printed letter.
    Fonts,
    /// Monospace, `Some(n)` columns wide or one line per paragraph; no pages.
    Columns(Option<usize>),
}

/// Page geometry and type sizes, from the settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub page_width: f64,
    pub page_height: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    pub body_size: f64,
    pub table: TableGeometry,
    pub rhythm: Rhythm,
}

impl Geometry {
    pub fn from_settings(settings: &Settings) -> Result<Geometry, Diagnostic> {
        let (page_width, page_height) = match settings.text("page_size") {
            "a4" => (595.276, 841.89),
            _ => (612.0, 792.0),
        };
        let columns: Result<Vec<f64>, _> = settings
            .text("table_columns")
            .split(',')
            .map(|c| c.trim().parse::<f64>())
            .collect();
        let columns = columns.ok().filter(|c| !c.is_empty() && c.iter().all(|w| *w > 0.0)).ok_or_else(|| {
            Diagnostic::error("settings.value", "bad value for setting `table_columns`")
                .label("expected column widths in pt, comma-separated, e.g. \"107.4, 149.52, 97.92, 123.96\"")
        })?;
        let body_size = settings.number("body_size");
        let table_size = settings.number("table_size");
        let margin_left = settings.number("margin_left");
        let g = Geometry {
            page_width,
            page_height,
            margin_top: settings.number("margin_top"),
            margin_bottom: settings.number("margin_bottom"),
            margin_left,
            margin_right: settings.number("margin_right"),
            body_size,
            table: TableGeometry {
                // measured on the real letters (Arial 11 pt): 5.64 pt cell inset, rows
                // 13.2 pt tall plus 12.72 pt per further line, baselines 10.68 pt down
                left: margin_left - table_size * 0.5127,
                columns,
                padding: table_size * 0.5127,
                row_height: table_size * 1.2,
                line_pitch: table_size * 1.15636,
                baseline: table_size * 0.97091,
                size: table_size,
                rule: 0.48,
            },
            rhythm: Rhythm::for_body_size(body_size),
        };
        if g.measure() < 72.0 || g.margin_top + g.margin_bottom > g.page_height - 144.0 {
            return Err(Diagnostic::error(
                "settings.value",
                "the margins leave too little room for text",
            )
            .hint("the text block must be at least 1 in wide and 2 in tall"));
        }
        // The table's outer edges stand a cell inset outside the text block in the real
        // letters (478.8 pt of columns for a 468 pt measure); wider ones run into the
        // right margin (A4 with the default widths), but never off the paper.
        let table_width: f64 = g.table.columns.iter().sum();
        let room = g.page_width - g.table.left;
        if table_width > room + 0.01 {
            return Err(Diagnostic::error(
                "settings.table-columns",
                format!(
                    "setting `table_columns` adds up to {table_width} pt, wider than the {room:.2} pt between the table's left edge and the edge of the paper"
                ),
            )
            .hint("narrow the columns (the real letters' add up to 478.8 pt)"));
        }
        Ok(g)
    }

    /// Width of the text block, pt.
    pub fn measure(&self) -> f64 {
        self.page_width - self.margin_left - self.margin_right
    }
}

/// How one letter's pages are set: the page geometry and the pagination rules, from the
/// run's settings or from a case's own (format 1.1).
#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    pub geometry: Geometry,
    /// The letter sections (by name: `summary`, `issues`) that start on a new page.
    pub new_page_before: Vec<String>,
    /// A heading moves to the next page rather than stand alone at the foot of one.
    pub keep_headings_with_next: bool,
}

impl PageSetup {
    pub fn from_settings(settings: &Settings) -> Result<PageSetup, Diagnostic> {
        Ok(PageSetup {
            geometry: Geometry::from_settings(settings)?,
            new_page_before: settings.list("new_page_before").to_vec(),
            keep_headings_with_next: settings.flag("keep_headings_with_next"),
        })
    }
}

/// Lays out documents; built once per run.
pub struct Layout {
    pub fonts: FontBook,
    /// The run's page setup (a case with settings of its own brings its own).
    pub page: PageSetup,
    pub decorations: decorate::Decorations,
    /// The width of every ASCII character in each style, body and table sizes.
    ascii: [AsciiWidths; 2],
}

/// The width of each ASCII character in each style of a family at a size, as
/// [`FontMeasure`] computes it, computed once per run.
type AsciiWidths = Box<[[f64; 128]; 4]>;

/// The width of a character in a family's face of a style, at a size.
fn char_width(book: &FontBook, family: Family, scale: f64, c: char, style: Style) -> f64 {
    let face = book.face(family, style);
    f64::from(face.advance(c).unwrap_or(0)) * scale / face.units_per_em
}

fn ascii_widths(book: &FontBook, family: Family, scale: f64) -> AsciiWidths {
    let mut out = Box::new([[0.0; 128]; 4]);
    for style in Style::ALL {
        for (b, width) in out[style.index()].iter_mut().enumerate() {
            *width = char_width(book, family, scale, char::from(b as u8), style);
        }
    }
    out
}

/// Measures with a family's faces at a size.
struct FontMeasure<'a> {
    book: &'a FontBook,
    family: Family,
    scale: f64,
    ascii: &'a [[f64; 128]; 4],
}

impl Measure for FontMeasure<'_> {
    #[inline]
    fn char_width(&self, c: char, style: Style) -> f64 {
        match self.ascii[style.index()].get(c as usize) {
            Some(width) => *width,
            None => char_width(self.book, self.family, self.scale, c, style),
        }
    }
}

/// Every character one column (`PT_PER_COLUMN` points) wide.
struct ColumnMeasure;

impl Measure for ColumnMeasure {
    fn char_width(&self, _: char, _: Style) -> f64 {
        PT_PER_COLUMN
    }
}

impl Layout {
    pub fn new(settings: &Settings) -> Result<Layout, Diagnostic> {
        let fonts = FontBook::load(settings)?;
        let page = PageSetup::from_settings(settings)?;
        let geometry = &page.geometry;
        let ascii = [
            ascii_widths(&fonts, Family::Body, geometry.body_size),
            ascii_widths(&fonts, Family::Table, geometry.table.size),
        ];
        let decorations = decorate::Decorations::from_settings(settings)?;
        let face = fonts.face(Family::Body, Style::Regular);
        let watermark = decorations.watermark();
        if let Some(c) = watermark.chars().find(|c| !c.is_control() && !face.has(*c)) {
            return Err(Diagnostic::error(
                "font.glyph",
                format!(
                    "setting `watermark` uses {c:?} (U+{:04X}), which font {} cannot draw",
                    u32::from(c),
                    face.name
                ),
            )
            .hint("write the character another way, or name a body_font that has it"));
        }
        Ok(Layout {
            fonts,
            page,
            decorations,
            ascii,
        })
    }

    /// The width of a word in the header table's face of a style and its size, pt: what
    /// a cell must leave for it to stay on one line.
    pub fn table_word_width(&self, word: &str, style: Style) -> f64 {
        let table = FontMeasure {
            book: &self.fonts,
            family: Family::Table,
            scale: self.page.geometry.table.size,
            ascii: &self.ascii[1],
        };
        word.chars().map(|c| table.char_width(c, style)).sum()
    }

    /// Lays out a letter: on pages, below its letterhead (see [`Layout::letterhead`]),
    /// without the rest of the furniture ([`Layout::furnish`] adds it once the page count
    /// is known); in columns, the letter alone.
    pub fn lay_out(
        &self,
        doc: &Document,
        measuring: Measuring,
        page: &PageSetup,
        letterhead: &Letterhead,
    ) -> Pages {
        let g = &page.geometry;
        let body = FontMeasure {
            book: &self.fonts,
            family: Family::Body,
            scale: g.body_size,
            ascii: &self.ascii[0],
        };
        let table = FontMeasure {
            book: &self.fonts,
            family: Family::Table,
            scale: g.table.size,
            ascii: &self.ascii[1],
        };
        let (body_measure, table_measure, width, paginate): (
            &dyn Measure,
            &dyn Measure,
            f64,
            bool,
        ) = match measuring {
            Measuring::Fonts => (&body, &table, g.measure(), true),
            Measuring::Columns(Some(n)) => (
                &ColumnMeasure,
                &ColumnMeasure,
                n as f64 * PT_PER_COLUMN,
                false,
            ),
            Measuring::Columns(None) => (&ColumnMeasure, &ColumnMeasure, f64::INFINITY, false),
        };
        let first_top = if paginate {
            letterhead.body_top
        } else {
            g.margin_top
        };
        let mut pages = flow::flow(
            doc,
            page,
            body_measure,
            table_measure,
            width,
            paginate,
            first_top,
        );
        if paginate && let Some(first) = pages.first_mut() {
            first.items.splice(0..0, letterhead.items.iter().cloned());
        }
        Pages {
            width: g.page_width,
            height: g.page_height,
            left: g.margin_left,
            pages,
        }
    }

    /// A letterhead's blocks laid out on a page setup.
    pub fn letterhead(&self, blocks: &[FurnitureBlock], page: &PageSetup) -> Letterhead {
        let g = &page.geometry;
        Letterhead::lay_out(blocks, &self.decorations, g, &self.body_measure(g))
    }

    /// Adds the running header, the footer (one [`PageFurniture`] per page), the watermark
    /// and the logo to a letter laid out on pages.
    pub fn furnish(
        &self,
        pages: &mut Pages,
        page: &PageSetup,
        furniture: &[PageFurniture],
        letterhead: &Letterhead,
    ) {
        let g = &page.geometry;
        self.decorations.apply(
            &mut pages.pages,
            g,
            furniture,
            letterhead.logo_placed,
            &self.body_measure(g),
        );
    }

    /// Measures body text in the fonts at the body size.
    pub fn body_measure<'a>(&'a self, g: &Geometry) -> impl Measure + 'a {
        FontMeasure {
            book: &self.fonts,
            family: Family::Body,
            scale: g.body_size,
            ascii: &self.ascii[0],
        }
    }
}
