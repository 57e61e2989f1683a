//! Page 1's letterhead: the lines and the logo its template prints, stacked from half
//! the top margin down, aligned by the setting `letterhead_align`; the letter starts a
//! blank line below it (or at the top margin, if that is lower).

use super::Geometry;
use super::decorate::{Decorations, furniture_lines};
use super::linebreak::Measure;
use super::page::{ImageFrame, Item, LineKind};
use crate::markup::FurnitureBlock;

/// A letterhead laid out: what it draws on page 1 and where the letter may start.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Letterhead {
    pub items: Vec<Item>,
    /// The top of the letter's first line box on page 1, pt.
    pub body_top: f64,
    /// It draws the logo, which then is not drawn at the page's top right.
    pub logo_placed: bool,
}

impl Letterhead {
    /// No letterhead: the letter starts at the top margin.
    pub fn none(g: &Geometry) -> Letterhead {
        Letterhead {
            items: Vec::new(),
            body_top: g.margin_top,
            logo_placed: false,
        }
    }

    /// Lays out a letterhead's blocks.
    pub fn lay_out(
        blocks: &[FurnitureBlock],
        decorations: &Decorations,
        g: &Geometry,
        body: &dyn Measure,
    ) -> Letterhead {
        if blocks.is_empty() {
            return Letterhead::none(g);
        }
        let r = &g.rhythm;
        let align = decorations.letterhead_align;
        let mut top = g.margin_top / 2.0;
        let mut out = Letterhead::none(g);
        for (b, block) in blocks.iter().enumerate() {
            if b > 0 {
                top += r.pitch;
            }
            match block {
                FurnitureBlock::Logo { alt } => {
                    let Some(image) = &decorations.logo else {
                        continue;
                    };
                    let (width, height) = decorations.logo_size(image);
                    out.items.push(Item::Image(ImageFrame {
                        x: align.x(width, g),
                        top,
                        width,
                        height,
                        image: image.clone(),
                        // the letterhead's own alternative text, else the setting's
                        alt: if alt.trim().is_empty() {
                            decorations.logo_alt.clone()
                        } else {
                            alt.trim().into()
                        },
                    }));
                    out.logo_placed = true;
                    top += height;
                }
                FurnitureBlock::Paragraph(_) => {
                    let lines =
                        furniture_lines(std::slice::from_ref(block), g.body_size, align, body, g);
                    for (k, mut line) in lines.into_iter().enumerate() {
                        line.y = top + r.ascent;
                        line.kind = LineKind::Letterhead;
                        line.starts_paragraph = k == 0 && b > 0;
                        out.items.push(Item::Line(line));
                        top += r.pitch;
                    }
                }
            }
        }
        out.body_top = g.margin_top.max(top + r.pitch);
        out
    }
}
