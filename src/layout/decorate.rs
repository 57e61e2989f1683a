//! Page furniture, added once a letter's pages are made: the running header on pages 2
//! and on and the footer under the text of every page (each from its template, rendered
//! for that page: plain data here, [`PageFurniture`]), a watermark across every page
//! (`--draft`), and the logo at the top right of page 1 when the letterhead does not
//! place it ([`letterhead`](super::letterhead) lays out page 1's letterhead). The built-in
//! templates and settings ask for none of them, as the real letters have none.

use std::sync::Arc;

use super::Geometry;
use super::font::Family;
use super::linebreak::{Measure, break_lines};
use super::logo::{Image, load_logo};
use super::page::{ImageFrame, Item, Line, LineKind, Page, Watermark};
use crate::diagnostic::Diagnostic;
use crate::markup::{FurnitureBlock, Inline, Style};
use crate::template::Settings;
use crate::template::furniture::check_placeholders;

/// Where the real letters' logo sits: its top edge, and its right edge's distance from
/// the page's right edge, pt.
const LOGO_TOP: f64 = 44.2;
const LOGO_RIGHT: f64 = 27.9;

/// How furniture lines stand across the text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

impl Align {
    fn from_setting(word: &str) -> Align {
        match word {
            "center" => Align::Center,
            "right" => Align::Right,
            _ => Align::Left,
        }
    }

    /// The left edge of something `width` wide.
    pub fn x(self, width: f64, g: &Geometry) -> f64 {
        match self {
            Align::Left => g.margin_left,
            Align::Center => g.margin_left + (g.measure() - width) / 2.0,
            Align::Right => g.page_width - g.margin_right - width,
        }
    }
}

/// One page's running header and footer, parsed from their templates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFurniture {
    pub running_header: Vec<FurnitureBlock>,
    pub footer: Vec<FurnitureBlock>,
}

/// What the settings add to a letter's pages.
#[derive(Debug, Clone, Default)]
pub struct Decorations {
    watermark: String,
    pub logo: Option<Arc<Image>>,
    pub logo_height: f64,
    pub letterhead_align: Align,
    pub logo_alt: Arc<str>,
}

impl Decorations {
    pub fn from_settings(settings: &Settings) -> Result<Decorations, Diagnostic> {
        check_placeholders("footer", settings.text("footer"))?;
        check_placeholders("running_header", settings.text("running_header"))?;
        Ok(Decorations {
            watermark: settings.text("watermark").trim().to_string(),
            logo: load_logo(settings)?,
            logo_height: settings.number("logo_height"),
            letterhead_align: Align::from_setting(settings.text("letterhead_align")),
            logo_alt: settings.text("logo_alt").trim().into(),
        })
    }

    /// The watermark's text, drawn in the body's regular face.
    pub fn watermark(&self) -> &str {
        &self.watermark
    }

    /// The logo's size when drawn, pt.
    pub fn logo_size(&self, image: &Image) -> (f64, f64) {
        let height = self.logo_height;
        (
            height * f64::from(image.width) / f64::from(image.height),
            height,
        )
    }

    /// Adds the furniture to a letter's pages: `furniture` holds one entry per page;
    /// `logo_placed` says the letterhead drew the logo already.
    pub fn apply(
        &self,
        pages: &mut [Page],
        g: &Geometry,
        furniture: &[PageFurniture],
        logo_placed: bool,
        body: &dyn Measure,
    ) {
        let watermark = (!self.watermark.is_empty()).then(|| self.watermark_on(g, body));
        let empty = PageFurniture::default();
        for (i, page) in pages.iter_mut().enumerate() {
            let own = furniture.get(i).unwrap_or(&empty);
            if let Some(w) = &watermark {
                page.items.insert(0, Item::Watermark(w.clone()));
            }
            if let (0, Some(image), false) = (i, &self.logo, logo_placed) {
                let (width, height) = self.logo_size(image);
                page.items.insert(
                    0,
                    Item::Image(ImageFrame {
                        x: g.page_width - LOGO_RIGHT - width,
                        top: LOGO_TOP,
                        width,
                        height,
                        image: image.clone(),
                        alt: self.logo_alt.clone(),
                    }),
                );
            }
            if i > 0 {
                let lines = running_header_lines(&own.running_header, g, body);
                let at = page
                    .items
                    .iter()
                    .position(|i| matches!(i, Item::Line(_) | Item::Table(_)))
                    .unwrap_or(page.items.len());
                page.items.splice(at..at, lines.into_iter().map(Item::Line));
            }
            let lines = footer_lines(&own.footer, g, body);
            page.items.extend(lines.into_iter().map(Item::Line));
        }
    }

    /// The watermark, centred on the page along its diagonal.
    fn watermark_on(&self, g: &Geometry, body: &dyn Measure) -> Watermark {
        let diagonal = g.page_width.hypot(g.page_height);
        let unit = margin_line(&self.watermark, 1.0, body, g).width.max(0.01);
        let size = (diagonal * 0.6 / unit).min(g.body_size * 12.0);
        let mut line = margin_line(&self.watermark, size, body, g);
        line.starts_paragraph = false;
        let angle = g.page_height.atan2(g.page_width);
        let (sin, cos) = angle.sin_cos();
        // From the page's centre back along the text by half its width, and down (across
        // it) by half the capital height; y grows downwards here.
        let (cx, cy) = (g.page_width / 2.0, g.page_height / 2.0);
        let (half, rise) = (line.width / 2.0, 0.33 * size);
        line.x = cx - half * cos + rise * sin;
        line.y = cy + half * sin + rise * cos;
        Watermark {
            line,
            angle: angle.to_degrees(),
            grey: 0.85,
        }
    }
}

/// The furniture's type size (10 pt beside 12 pt text) and line pitch.
fn small_type(g: &Geometry) -> (f64, f64) {
    let small = g.body_size * 10.0 / 12.0;
    (small, small * 1.2)
}

/// A running header's lines, right-aligned, the first baseline at half the top margin.
pub fn running_header_lines(
    blocks: &[FurnitureBlock],
    g: &Geometry,
    body: &dyn Measure,
) -> Vec<Line> {
    let (small, pitch) = small_type(g);
    let mut lines = furniture_lines(blocks, small, Align::Right, body, g);
    let first = g.margin_top / 2.0 + small / 3.0;
    for (k, line) in lines.iter_mut().enumerate() {
        line.y = first + k as f64 * pitch;
    }
    lines
}

/// A footer's lines, centred, the last baseline at half the bottom margin; the first
/// starts a paragraph (a blank line after the text in the plain text).
pub fn footer_lines(blocks: &[FurnitureBlock], g: &Geometry, body: &dyn Measure) -> Vec<Line> {
    let (small, pitch) = small_type(g);
    let mut lines = furniture_lines(blocks, small, Align::Center, body, g);
    let last = g.page_height - g.margin_bottom / 2.0;
    let n = lines.len();
    for (k, line) in lines.iter_mut().enumerate() {
        line.y = last - (n - 1 - k) as f64 * pitch;
    }
    if let Some(first) = lines.first_mut() {
        first.starts_paragraph = true;
    }
    lines
}

/// Why furniture lines do not fit in their margin, if they do not: a running header
/// must end above the text block, a footer start below it.
pub fn margin_overflow(lines: &[Line], g: &Geometry, top: bool) -> Option<String> {
    let (small, _) = small_type(g);
    let (first, last) = (lines.first()?, lines.last()?);
    if top && last.y + small * 0.25 > g.margin_top {
        return Some(format!(
            "its {} line{} reach below the top margin ({} pt)",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            g.margin_top
        ));
    }
    if !top && first.y - small * 0.75 < g.page_height - g.margin_bottom {
        return Some(format!(
            "its {} line{} reach above the bottom margin ({} pt)",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            g.margin_bottom
        ));
    }
    None
}

/// The lines of furniture paragraphs at `size`, broken to the text block's width and
/// aligned (their baselines are the caller's to set; a logo block gives no line). The
/// first line of each paragraph after the first starts a paragraph.
pub fn furniture_lines(
    blocks: &[FurnitureBlock],
    size: f64,
    align: Align,
    body: &dyn Measure,
    g: &Geometry,
) -> Vec<Line> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let FurnitureBlock::Paragraph(inlines) = block else {
            continue;
        };
        for (k, mut line) in text_lines(inlines, size, g.measure(), body, g)
            .into_iter()
            .enumerate()
        {
            line.x = align.x(line.width, g);
            line.starts_paragraph = k == 0 && b > 0;
            out.push(line);
        }
    }
    out
}

/// Lines of margin text in the body's faces at `size`, broken at `width` (pt).
fn text_lines(
    inlines: &[Inline],
    size: f64,
    width: f64,
    body: &dyn Measure,
    g: &Geometry,
) -> Vec<Line> {
    let scale = size / g.body_size;
    break_lines(inlines, width / scale, body)
        .into_iter()
        .map(|broken| Line {
            kind: LineKind::Margin,
            x: 0.0,
            y: 0.0,
            family: Family::Body,
            size,
            runs: broken
                .runs
                .into_iter()
                .map(|mut r| {
                    r.x *= scale;
                    r.width *= scale;
                    r
                })
                .collect(),
            width: broken.width * scale,
            starts_paragraph: false,
        })
        .collect()
}

/// One line of margin text in the body's regular face at `size`, never broken.
fn margin_line(text: &str, size: f64, body: &dyn Measure, g: &Geometry) -> Line {
    let inlines = [Inline::Text {
        text: text.to_string(),
        style: Style::Regular,
    }];
    let mut lines = text_lines(&inlines, size, f64::INFINITY, body, g);
    lines.truncate(1);
    lines.pop().unwrap_or(Line {
        kind: LineKind::Margin,
        x: 0.0,
        y: 0.0,
        family: Family::Body,
        size,
        runs: Vec::new(),
        width: 0.0,
        starts_paragraph: false,
    })
}
