//! Stacking lines onto pages: the vertical rhythm and the pagination rules of the real
//! letters.
//!
//! Baselines advance by the line pitch inside a paragraph and by [`Rhythm`]'s gaps
//! between blocks. A page takes lines while their baselines stay above its bottom limit.
//! A paragraph never leaves one line alone at the foot or the head of a page (widow and
//! orphan control), and a heading stays with the first lines of what follows it.

use super::Geometry;
use super::font::Family;
use super::linebreak::{BrokenLine, Measure, break_lines};
use super::page::{Item, Line, LineKind, Page};
use super::table::lay_out_table;
use crate::markup::{Block, Document, Inline};

/// Vertical distances, pt.
#[derive(Debug, Clone, PartialEq)]
pub struct Rhythm {
    /// Baseline to baseline inside a paragraph.
    pub pitch: f64,
    /// Top margin to the first baseline of a page.
    pub first_baseline: f64,
    /// Baseline to baseline between two paragraphs.
    pub paragraph_gap: f64,
    /// Previous baseline to a heading's baseline.
    pub before_heading: f64,
    /// A heading's baseline to the next baseline.
    pub after_heading: f64,
    /// Top margin to the top of a table that opens the letter.
    pub table_top: f64,
    /// A table's bottom edge to the next baseline.
    pub after_table: f64,
    /// How far below the bottom margin's edge a baseline may still sit (negative: above).
    pub bottom_allowance: f64,
}

impl Rhythm {
    /// The real letters' rhythm for Times 12 pt, scaled for other sizes.
    pub fn for_body_size(size: f64) -> Rhythm {
        let k = size / 12.0;
        Rhythm {
            pitch: 13.8 * k,
            first_baseline: 11.16 * k,
            paragraph_gap: 27.6 * k,
            before_heading: 34.8 * k,
            after_heading: 20.4 * k,
            table_top: 20.6 * k,
            after_table: 24.76 * k,
            bottom_allowance: -2.6 * k,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Heading,
    Paragraph,
}

/// A block broken into lines, waiting for a page.
struct Pending {
    kind: Kind,
    lines: Vec<(f64, BrokenLine)>,
}

/// Lays the blocks out on pages (or on one endless page when `paginate` is false).
pub fn flow(
    doc: &Document,
    g: &Geometry,
    body: &dyn Measure,
    table_measure: &dyn Measure,
    width: f64,
    paginate: bool,
) -> Vec<Page> {
    let r = &g.rhythm;
    let limit = if paginate {
        g.page_height - g.margin_bottom + r.bottom_allowance
    } else {
        f64::INFINITY
    };
    let mut pages = vec![Page::default()];
    let mut last: Option<(Kind, f64)> = None; // kind and baseline of the last placed line
    let mut after_table: Option<f64> = None;

    let blocks: Vec<&Block> = doc.blocks.iter().collect();
    let pending: Vec<Option<Pending>> = blocks.iter().map(|b| prepare(b, g, body, width)).collect();

    for (i, block) in blocks.iter().enumerate() {
        if let Block::Table(t) = block {
            let top = match last {
                None if pages.last().is_some_and(|p| p.items.is_empty()) => {
                    g.margin_top + r.table_top
                }
                Some((_, y)) => y + r.paragraph_gap - r.first_baseline,
                None => g.margin_top + r.table_top,
            };
            let frame = lay_out_table(t, &g.table, top, table_measure);
            after_table = Some(frame.bottom());
            pages
                .last_mut()
                .expect("a page")
                .items
                .push(Item::Table(frame));
            last = None;
            continue;
        }
        let Some(p) = &pending[i] else { continue };
        let n = p.lines.len();
        let mut k = 0;
        while k < n {
            let first_y = match (last, after_table) {
                (Some((prev, y)), _) if k == 0 => y + gap(prev, p.kind, r),
                (Some((_, y)), _) => y + r.pitch,
                (None, Some(bottom)) => bottom + r.after_table,
                (None, None) => g.margin_top + r.first_baseline,
            };
            // How many of the remaining lines fit on this page.
            let room = if !paginate {
                usize::MAX
            } else if first_y > limit {
                0
            } else {
                ((limit - first_y) / r.pitch).floor() as usize + 1
            };
            let remaining = n - k;
            let mut take = room.min(remaining);
            if paginate && take < remaining {
                // Orphan control: never one line alone at the foot of a page.
                if k == 0 && take == 1 && n > 1 {
                    take = 0;
                }
                // Widow control: never one line alone at the head of the next page.
                if remaining - take == 1 && take > 0 && n > 1 && (take > 1 || k > 0) {
                    take -= 1;
                    if k == 0 && take == 1 {
                        take = 0;
                    }
                }
            }
            // A heading keeps with the first lines of the next paragraph.
            if paginate && take == remaining && p.kind == Kind::Heading && k == 0 {
                let next_lines = pending[i + 1..]
                    .iter()
                    .flatten()
                    .next()
                    .map_or(0, |q| q.lines.len().min(2));
                let y_last = first_y + (take - 1) as f64 * r.pitch;
                let next_y = y_last + r.after_heading + (next_lines.max(1) - 1) as f64 * r.pitch;
                if next_lines > 0 && next_y > limit && !page_is_empty(&pages) {
                    take = 0;
                }
            }
            if take == 0 && page_is_empty(&pages) {
                take = remaining.max(1).min(room.max(1));
            }
            if take == 0 {
                pages.push(Page::default());
                last = None;
                after_table = None;
                continue;
            }
            let page = pages.last_mut().expect("a page");
            for (j, (x, line)) in p.lines[k..k + take].iter().enumerate() {
                let y = first_y + j as f64 * r.pitch;
                page.items.push(Item::Line(Line {
                    kind: if p.kind == Kind::Heading {
                        LineKind::Heading
                    } else {
                        LineKind::Body
                    },
                    x: *x,
                    y,
                    family: Family::Body,
                    size: g.body_size,
                    runs: line.runs.clone(),
                    width: line.width,
                    starts_paragraph: k == 0 && j == 0,
                }));
                last = Some((p.kind, y));
            }
            after_table = None;
            k += take;
            if k < n {
                pages.push(Page::default());
                last = None;
            }
        }
    }
    pages
}

fn page_is_empty(pages: &[Page]) -> bool {
    pages.last().is_none_or(|p| p.items.is_empty())
}

fn gap(prev: Kind, next: Kind, r: &super::Rhythm) -> f64 {
    match (prev, next) {
        (_, Kind::Heading) => r.before_heading,
        (Kind::Heading, Kind::Paragraph) => r.after_heading,
        (Kind::Paragraph, Kind::Paragraph) => r.paragraph_gap,
    }
}

/// Breaks a text block into lines with their left edges.
fn prepare(block: &Block, g: &Geometry, measure: &dyn Measure, width: f64) -> Option<Pending> {
    let (kind, inlines) = match block {
        Block::Heading(inlines) => (Kind::Heading, bold(inlines)),
        Block::Paragraph(inlines) => (Kind::Paragraph, inlines.clone()),
        Block::Table(_) => return None,
    };
    let lines = break_lines(&inlines, width, measure)
        .into_iter()
        .map(|l| {
            let x = match kind {
                Kind::Heading if width.is_finite() => g.margin_left + (width - l.width) / 2.0,
                _ => g.margin_left,
            };
            (x, l)
        })
        .collect();
    Some(Pending { kind, lines })
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
