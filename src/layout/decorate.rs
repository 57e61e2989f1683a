//! Page furniture the settings ask for, added once a letter's pages are made: a footer
//! under the text of every page (`Page {page} of {pages}`), a running header on pages 2
//! and on, a watermark across every page (`--draft`), and the logo at the top right of
//! page 1. The built-in settings ask for none of them, as the real letters have none.

use std::sync::Arc;

use super::Geometry;
use super::font::Family;
use super::linebreak::{Measure, break_lines};
use super::logo::{Image, load_logo};
use super::page::{ImageFrame, Item, Line, LineKind, Page, Watermark};
use crate::diagnostic::Diagnostic;
use crate::markup::{Inline, Style};
use crate::template::Settings;

/// The placeholders a footer or running header may use.
const PLACEHOLDERS: [&str; 3] = ["page", "pages", "case_number"];

/// Where the real letters' logo sits: its top edge, and its right edge's distance from
/// the page's right edge, pt.
const LOGO_TOP: f64 = 44.2;
const LOGO_RIGHT: f64 = 27.9;

/// What to add to a letter's pages.
#[derive(Debug, Clone, Default)]
pub struct Decorations {
    footer: String,
    running_header: String,
    watermark: String,
    logo: Option<Arc<Image>>,
    logo_height: f64,
}

impl Decorations {
    pub fn from_settings(settings: &Settings) -> Result<Decorations, Diagnostic> {
        let footer = settings.text("footer").to_string();
        let running_header = settings.text("running_header").to_string();
        check_placeholders("footer", &footer)?;
        check_placeholders("running_header", &running_header)?;
        Ok(Decorations {
            footer,
            running_header,
            watermark: settings.text("watermark").trim().to_string(),
            logo: load_logo(settings)?,
            logo_height: settings.number("logo_height"),
        })
    }

    /// The furniture's texts with the settings they come from, as drawn in the body's
    /// regular face.
    pub fn texts(&self) -> [(&'static str, &str); 3] {
        [
            ("footer", &self.footer),
            ("running_header", &self.running_header),
            ("watermark", &self.watermark),
        ]
    }

    /// Adds the furniture to a letter's pages.
    pub fn apply(&self, pages: &mut [Page], g: &Geometry, case_number: &str, body: &dyn Measure) {
        let count = pages.len();
        let small = g.body_size * 10.0 / 12.0;
        let watermark = (!self.watermark.is_empty()).then(|| self.watermark_on(g, body));
        for (i, page) in pages.iter_mut().enumerate() {
            let fill = |pattern: &str| {
                pattern
                    .replace("{page}", &(i + 1).to_string())
                    .replace("{pages}", &count.to_string())
                    .replace("{case_number}", case_number)
            };
            if let Some(w) = &watermark {
                page.items.insert(0, Item::Watermark(w.clone()));
            }
            if let (0, Some(image)) = (i, &self.logo) {
                let height = self.logo_height;
                let width = height * f64::from(image.width) / f64::from(image.height);
                page.items.insert(
                    0,
                    Item::Image(ImageFrame {
                        x: g.page_width - LOGO_RIGHT - width,
                        top: LOGO_TOP,
                        width,
                        height,
                        image: image.clone(),
                    }),
                );
            }
            if i > 0 && !self.running_header.is_empty() {
                let mut line = margin_line(&fill(&self.running_header), small, body, g);
                line.x = g.page_width - g.margin_right - line.width;
                line.y = g.margin_top / 2.0 + small / 3.0;
                let at = page
                    .items
                    .iter()
                    .position(|i| matches!(i, Item::Line(_) | Item::Table(_)))
                    .unwrap_or(page.items.len());
                page.items.insert(at, Item::Line(line));
            }
            if !self.footer.is_empty() {
                let mut line = margin_line(&fill(&self.footer), small, body, g);
                line.x = g.margin_left + (g.measure() - line.width) / 2.0;
                line.y = g.page_height - g.margin_bottom / 2.0;
                line.starts_paragraph = true;
                page.items.push(Item::Line(line));
            }
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

/// One line of margin text in the body's regular face at `size`.
fn margin_line(text: &str, size: f64, body: &dyn Measure, g: &Geometry) -> Line {
    let scale = size / g.body_size;
    let inlines = [Inline::Text {
        text: text.to_string(),
        style: Style::Regular,
    }];
    let broken = break_lines(&inlines, f64::INFINITY, body)
        .into_iter()
        .next()
        .unwrap_or_default();
    Line {
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
    }
}

/// Every `{name}` in a footer or header pattern must be a known placeholder.
fn check_placeholders(key: &str, pattern: &str) -> Result<(), Diagnostic> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name {
            Some(name) if PLACEHOLDERS.contains(&name) => {
                rest = &after[name.len() + 1..];
            }
            _ => {
                return Err(Diagnostic::error(
                    "settings.value",
                    format!("bad value for setting `{key}`: `{pattern}`"),
                )
                .label(format!(
                    "`{{{}}}` is not a placeholder",
                    name.unwrap_or(after)
                ))
                .hint("the placeholders are {page}, {pages} and {case_number}"));
            }
        }
    }
    Ok(())
}
