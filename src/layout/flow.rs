//! Stacking lines onto pages: the vertical rhythm and the pagination rules of the real
//! letters.
//!
//! The letters were set in Word, and their pages are measured to follow its model: the
//! text is a stack of line boxes, each as tall as its paragraph style's line (13.8 pt for
//! 12 pt body text, 20.7 pt for a heading), and paragraphs are separated by empty
//! paragraphs: a blank line that takes its place on the page like any other, even at the
//! top of one. A line box fits on a page while its baseline plus the font's descent stays
//! above the bottom margin. Every paragraph keeps at least two lines at the foot of a page
//! and at least two at the head of the next (widow and orphan control), and a heading
//! keeps with the first lines of the paragraph after it (Word's heading styles): 8 of the
//! 12 reference letters where the two readings differ follow it. A letter's page setup
//! may turn that off (four real letters leave a heading alone at the foot of a page) and
//! may start sections on a new page (fifteen real letters pad page 1 with blank
//! paragraphs so that the IMR section starts page 2).

use super::font::Family;
use super::linebreak::{BrokenLine, Measure, break_lines};
use super::page::{Item, Line, LineKind, Page};
use super::table::lay_out_table;
use super::{Geometry, PageSetup};
use crate::markup::{Block, Document, Inline};

/// Vertical distances, pt.
#[derive(Debug, Clone, PartialEq)]
pub struct Rhythm {
    /// Height of a body line box (baseline to baseline inside a paragraph).
    pub pitch: f64,
    /// A body line box's top to its baseline.
    pub ascent: f64,
    /// Below a baseline, what must stay above the bottom margin.
    pub descent: f64,
    /// Height of a heading's line box, and its top to its baseline.
    pub heading_height: f64,
    pub heading_ascent: f64,
    /// Top margin to the top of a table that opens the letter.
    pub table_top: f64,
    /// A table's bottom edge to the top of the next line box.
    pub after_table: f64,
    /// How far past the bottom margin a descent may reach and still fit.
    pub slack: f64,
}

impl Rhythm {
    /// The real letters' rhythm for Times 12 pt, scaled for other sizes.
    pub fn for_body_size(size: f64) -> Rhythm {
        let k = size / 12.0;
        Rhythm {
            pitch: 13.8 * k,
            ascent: 10.8 * k,
            descent: 3.0 * k,
            heading_height: 20.7 * k,
            heading_ascent: 11.16 * k,
            table_top: 20.64 * k,
            after_table: 0.48 * k,
            slack: 0.25,
        }
    }

    /// Line box height and ascent of a kind of line.
    fn metrics(&self, kind: Kind) -> (f64, f64) {
        match kind {
            Kind::Heading => (self.heading_height, self.heading_ascent),
            Kind::Paragraph | Kind::Blank => (self.pitch, self.ascent),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Heading,
    Paragraph,
    /// The empty paragraph between two others.
    Blank,
}

/// A block broken into lines, waiting for a page.
enum Unit<'a> {
    Table(&'a crate::markup::Table),
    Text {
        kind: Kind,
        lines: Vec<(f64, BrokenLine)>,
    },
}

impl Unit<'_> {
    fn line_count(&self) -> usize {
        match self {
            Unit::Table(_) => 0,
            Unit::Text { lines, .. } => lines.len().max(1),
        }
    }
}

/// Where the next line box goes.
struct Cursor {
    pages: Vec<Page>,
    /// Top of the next line box.
    top: f64,
}

impl Cursor {
    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    fn new_page(&mut self, top: f64) {
        self.pages.push(Page::default());
        self.top = top;
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page").items.push(item);
    }
}

/// Lays the blocks out on pages (or on one endless page when `paginate` is false), the
/// first page's text starting at `first_top` (below a letterhead) and the others' at the
/// top margin.
pub fn flow(
    doc: &Document,
    page: &PageSetup,
    body: &dyn Measure,
    table_measure: &dyn Measure,
    width: f64,
    paginate: bool,
    first_top: f64,
) -> Vec<Page> {
    let g = &page.geometry;
    let r = &g.rhythm;
    let bottom = if paginate {
        g.page_height - g.margin_bottom + r.slack
    } else {
        f64::INFINITY
    };
    let breaks: Vec<usize> = if paginate {
        doc.sections
            .iter()
            .filter(|(name, _)| page.new_page_before.contains(name))
            .map(|(_, block)| *block)
            .collect()
    } else {
        Vec::new()
    };
    let (units, starts_page) = units(doc, g, body, width, &breaks);
    let mut at = Cursor {
        pages: vec![Page::default()],
        top: first_top,
    };
    for (index, unit) in units.iter().enumerate() {
        if starts_page.contains(&index) && !at.page_is_empty() {
            at.new_page(g.margin_top);
        }
        let (kind, lines) = match unit {
            Unit::Table(t) => {
                let top = if at.page_is_empty() {
                    let page_top = if at.pages.len() == 1 {
                        first_top
                    } else {
                        g.margin_top
                    };
                    page_top + r.table_top
                } else {
                    at.top
                };
                let frame = lay_out_table(t, &g.table, top, table_measure);
                at.top = frame.bottom() + r.after_table;
                at.push(Item::Table(frame));
                continue;
            }
            Unit::Text { kind, lines, .. } => (*kind, lines),
        };
        let (height, ascent) = r.metrics(kind);
        let n = unit.line_count();
        // A heading keeps with the first lines of what follows it: those the widow and
        // orphan rule would let stand at the foot of the page.
        if paginate
            && page.keep_headings_with_next
            && kind == Kind::Heading
            && !lines.is_empty()
            && !at.page_is_empty()
            && let Some(Unit::Text {
                kind: next_kind,
                lines: next,
            }) = units.get(index + 1)
        {
            let (next_height, next_ascent) = r.metrics(*next_kind);
            let first = if next.len() >= 4 {
                2
            } else {
                next.len().max(1)
            };
            let last_baseline = at.top + height + (first - 1) as f64 * next_height + next_ascent;
            if last_baseline + r.descent > bottom {
                at.new_page(g.margin_top);
            }
        }
        let mut k = 0;
        while k < n {
            let remaining = n - k;
            // How many line boxes fit on this page from here.
            let room = bottom - r.descent - ascent - at.top;
            let fits = if !paginate {
                usize::MAX
            } else if room < 0.0 {
                0
            } else {
                (room / height).floor() as usize + 1
            };
            let mut take = if fits >= remaining {
                remaining
            } else {
                // Two lines at least at the foot of this page and at the head of the next.
                let most = fits.min(remaining.saturating_sub(2));
                if most < 2 { 0 } else { most }
            };
            if take == 0 && at.page_is_empty() {
                // Nothing could ever fit better: a page starts here anyway.
                take = fits.clamp(1, remaining);
            }
            if take == 0 {
                at.new_page(g.margin_top);
                continue;
            }
            for j in 0..take {
                if let Some((x, line)) = lines.get(k + j) {
                    at.push(Item::Line(Line {
                        kind: if kind == Kind::Heading {
                            LineKind::Heading
                        } else {
                            LineKind::Body
                        },
                        x: *x,
                        y: at.top + ascent,
                        family: Family::Body,
                        size: g.body_size,
                        runs: line.runs.clone(),
                        width: line.width,
                        starts_paragraph: k + j == 0,
                    }));
                }
                at.top += height;
            }
            k += take;
            if k < n {
                at.new_page(g.margin_top);
            }
        }
    }
    at.pages
}

/// The document as a stack of units: its blocks broken into lines, with the empty
/// paragraphs the letters put between them (none between a heading and what follows it,
/// none before an empty heading, which is a taller blank line of its own, none before a
/// block that starts a page). Also the units that start a page: those of the blocks in
/// `breaks`.
fn units<'a>(
    doc: &'a Document,
    g: &Geometry,
    body: &dyn Measure,
    width: f64,
    breaks: &[usize],
) -> (Vec<Unit<'a>>, Vec<usize>) {
    let mut units: Vec<Unit<'a>> = Vec::with_capacity(doc.blocks.len() * 2);
    let mut starts_page = Vec::with_capacity(breaks.len());
    for (b, block) in doc.blocks.iter().enumerate() {
        let unit = match block {
            Block::Table(t) => Unit::Table(t),
            Block::Heading(inlines) => text_unit(Kind::Heading, &bold(inlines), g, body, width),
            Block::Paragraph(inlines) => text_unit(Kind::Paragraph, inlines, g, body, width),
        };
        let after_heading = matches!(
            units.last(),
            Some(Unit::Text {
                kind: Kind::Heading,
                ..
            })
        );
        // An empty heading is a spacer of its own: a heading-tall blank line.
        let spacer = matches!(block, Block::Heading(inlines) if inlines.is_empty());
        let breaks_page = breaks.contains(&b);
        if !units.is_empty()
            && !after_heading
            && !spacer
            && !breaks_page
            && !matches!(unit, Unit::Table(_))
        {
            units.push(Unit::Text {
                kind: Kind::Blank,
                lines: Vec::new(),
            });
        }
        if breaks_page {
            starts_page.push(units.len());
        }
        units.push(unit);
    }
    (units, starts_page)
}

/// Breaks a text block into lines with their left edges.
fn text_unit<'a>(
    kind: Kind,
    inlines: &[Inline],
    g: &Geometry,
    measure: &dyn Measure,
    width: f64,
) -> Unit<'a> {
    if inlines.is_empty() {
        // an empty heading: a blank line box with nothing to draw
        return Unit::Text {
            kind,
            lines: Vec::new(),
        };
    }
    let lines: Vec<(f64, BrokenLine)> = break_lines(inlines, width, measure)
        .into_iter()
        .map(|l| {
            let x = match kind {
                Kind::Heading if width.is_finite() => g.margin_left + (width - l.width) / 2.0,
                _ => g.margin_left,
            };
            (x, l)
        })
        .collect();
    Unit::Text { kind, lines }
}

fn bold(inlines: &[Inline]) -> Vec<Inline> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, style } => Inline::Text {
                text: text.clone(),
                style: style.with_bold(),
            },
            Inline::LineBreak => Inline::LineBreak,
        })
        .collect()
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
