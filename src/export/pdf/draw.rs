//! Drawing: one laid-out page to printpdf operations.
//!
//! Items are drawn in reading order. A table is its grey cells first, then a hairline
//! box around every cell (a merged cell's box spans its columns), then the text in its
//! cells. Text is drawn run by run at absolute positions (`Tm`), always inside a text
//! section (`BT`…`ET`): printpdf writes text outside one, and viewers then drop it.
//! Layout coordinates have their origin at the top of the page; PDF's at the bottom.
//!
//! In a tagged letter everything drawn is marked content: for a structure element of the
//! [`Tagger`] (headings, paragraphs, table cells, the logo), by its MCID, or as an
//! artifact (rules, shading, a running header or footer, the watermark), as the layout
//! says what each thing is. A mark never straddles `BT`/`ET`. A tagged line ends with a
//! space, so the words of two lines do not run together when the text is read.

use std::collections::BTreeMap;

use printpdf::{
    Color, DictItem, Op, PaintMode, PdfFontHandle, Pt, Rect, Rgb, TextItem, TextMatrix,
    XObjectTransform,
};

use super::fonts::{EmbeddedFonts, Faces};
use super::tags::{Mark, Role, Tagger};
use crate::layout::{ImageFrame, Item, Line, LineKind, Page, TableFrame, Watermark};

/// The grey of the header table's label cells (#DFDFDF).
const SHADE: f32 = 0.875;

/// Rounds a coordinate to 1/1000 pt, so the content stream stays short.
fn pt(v: f64) -> Pt {
    Pt(((v * 1000.0).round() / 1000.0) as f32)
}

fn rgb(v: f32) -> Color {
    Color::Rgb(Rgb {
        r: v,
        g: v,
        b: v,
        icc_profile: None,
    })
}

/// Builds one page's operations.
struct Painter<'a> {
    fonts: &'a EmbeddedFonts,
    height: f64,
    ops: Vec<Op>,
    /// Inside `BT`…`ET`, with the font and size last set there.
    text: Option<Option<(usize, f64)>>,
    /// The letter's structure, when it is tagged.
    tags: Option<&'a mut Tagger>,
    /// The marked-content sequence open now.
    mark: Option<Mark>,
}

/// The operations that draw `page` on a page `height` pt tall (marked for `tags`' next
/// page when the letter is tagged).
pub fn page_ops(
    page: &Page,
    height: f64,
    fonts: &EmbeddedFonts,
    mut tags: Option<&mut Tagger>,
) -> Vec<Op> {
    if let Some(t) = tags.as_deref_mut() {
        t.begin_page();
    }
    let mut p = Painter {
        fonts,
        height,
        ops: Vec::with_capacity(1024),
        text: None,
        tags,
        mark: None,
    };
    for item in &page.items {
        match item {
            Item::Line(line) => p.line(line),
            Item::Table(table) => p.table(table),
            Item::Watermark(w) => p.watermark(w),
            Item::Image(frame) => p.image(frame),
        }
    }
    p.end_text();
    p.end_mark();
    p.ops
}

impl Painter<'_> {
    fn begin_text(&mut self) {
        if self.text.is_none() {
            self.end_mark();
            self.ops.push(Op::StartTextSection);
            self.text = Some(None);
        }
    }

    fn end_text(&mut self) {
        if self.text.is_some() {
            self.end_mark();
            self.ops.push(Op::EndTextSection);
            self.text = None;
        }
    }

    /// Marks what is drawn next for `mark` (nothing when the letter is untagged): the
    /// open sequence goes on when it is for the same, else a new one begins.
    fn set_mark(&mut self, mark: Mark) {
        let Some(tags) = self.tags.as_deref_mut() else {
            return;
        };
        if self.mark == Some(mark) {
            return;
        }
        if self.mark.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
        let (tag, properties) = match mark {
            Mark::Element(e) => {
                let role = tags.role(e).name();
                let mcid = tags.mark(e);
                (role, vec![("MCID", DictItem::Int(mcid as i64))])
            }
            Mark::Layout => ("Artifact", vec![("Type", name("Layout"))]),
            Mark::Pagination => ("Artifact", vec![("Type", name("Pagination"))]),
            Mark::Watermark => (
                "Artifact",
                vec![("Type", name("Pagination")), ("Subtype", name("Watermark"))],
            ),
        };
        let map: BTreeMap<String, DictItem> = properties
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: tag.to_string(),
            properties: DictItem::Dict { map },
        });
        self.mark = Some(mark);
    }

    fn end_mark(&mut self) {
        if self.mark.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
    }

    /// A heading, body or margin line of the page (not in a table).
    fn line(&mut self, line: &Line) {
        if !has_text(line) {
            return;
        }
        let mark = match (line.kind, self.tags.as_deref_mut()) {
            (_, None) => None,
            (LineKind::Margin, Some(_)) => Some(Mark::Pagination),
            (LineKind::Heading, Some(t)) => {
                Some(Mark::Element(t.text_line(Role::H1, line.starts_paragraph)))
            }
            (LineKind::Body | LineKind::Letterhead, Some(t)) => {
                Some(Mark::Element(t.text_line(Role::P, line.starts_paragraph)))
            }
        };
        self.line_marked(line, 0.0, mark);
    }

    /// A line turned `angle` degrees counter-clockwise about its start, marked for
    /// `mark`; a line of a structure element ends with a space.
    fn line_marked(&mut self, line: &Line, angle: f64, mark: Option<Mark>) {
        self.begin_text();
        if let Some(mark) = mark {
            self.set_mark(mark);
        }
        let spaced = matches!(mark, Some(Mark::Element(_))) && !breaks_in_a_word(line);
        let last = line.runs.iter().rposition(|r| !r.text.is_empty());
        let baseline = pt(self.height - line.y);
        let (sin, cos) = angle.to_radians().sin_cos();
        for (i, run) in line.runs.iter().enumerate() {
            if run.text.is_empty() {
                continue;
            }
            let face = Faces::index(line.family, run.style);
            let Some(font) = &self.fonts[face] else {
                continue;
            };
            if self.text != Some(Some((face, line.size))) {
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.id.clone()),
                    size: pt(line.size),
                });
                self.text = Some(Some((face, line.size)));
            }
            let matrix = if angle == 0.0 {
                TextMatrix::Translate(pt(line.x + run.x), baseline)
            } else {
                let x = pt(line.x + run.x * cos);
                let y = Pt(baseline.0 + (run.x * sin) as f32);
                let (sin, cos) = (sin as f32, cos as f32);
                TextMatrix::Raw([cos, sin, -sin, cos, x.0, y.0])
            };
            self.ops.push(Op::SetTextMatrix { matrix });
            // Every character was found in the face when the fonts were embedded; printpdf
            // looks each up in the subset's own cmap.
            let text = if spaced && Some(i) == last {
                format!("{} ", run.text)
            } else {
                run.text.clone()
            };
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(text)],
            });
        }
    }

    fn watermark(&mut self, w: &Watermark) {
        self.end_text();
        self.ops.push(Op::SetFillColor {
            col: rgb(w.grey as f32),
        });
        self.line_marked(&w.line, w.angle, Some(Mark::Watermark));
        self.end_text();
        self.ops.push(Op::SetFillColor { col: rgb(0.0) });
    }

    /// An image, scaled into its frame (named in the page's resources by `image_id`).
    fn image(&mut self, frame: &ImageFrame) {
        self.end_text();
        if let Some(t) = self.tags.as_deref_mut() {
            let mark = if frame.alt.is_empty() {
                Mark::Layout
            } else {
                Mark::Element(t.figure(&frame.alt))
            };
            self.set_mark(mark);
        }
        let dpi = 72.0 * f64::from(frame.image.width) / frame.width;
        self.ops.push(Op::UseXobject {
            id: super::image_id(frame),
            transform: XObjectTransform {
                translate_x: Some(pt(frame.x)),
                translate_y: Some(pt(self.height - frame.top - frame.height)),
                dpi: Some(dpi as f32),
                ..XObjectTransform::default()
            },
        });
        self.end_mark();
    }

    /// A cell's box in PDF coordinates: left, bottom, width, height.
    fn cell_rect(&self, table: &TableFrame, row: usize, cell: usize, mode: PaintMode) -> Rect {
        let r = &table.rows[row];
        let c = &r.cells[cell];
        let left = table.edges[c.column];
        let right = table.edges[(c.column + c.span).min(table.edges.len() - 1)];
        Rect {
            x: pt(left),
            y: pt(self.height - r.top - r.height),
            width: pt(right - left),
            height: pt(r.height),
            mode: Some(mode),
            winding_order: None,
        }
    }

    fn table(&mut self, table: &TableFrame) {
        self.end_text();
        if let Some(t) = self.tags.as_deref_mut() {
            t.close_paragraph();
        }
        self.set_mark(Mark::Layout);
        let cells = || {
            table
                .rows
                .iter()
                .enumerate()
                .flat_map(|(i, r)| (0..r.cells.len()).map(move |j| (i, j)))
        };
        let shaded: Vec<(usize, usize)> = cells()
            .filter(|(i, j)| table.rows[*i].cells[*j].shaded)
            .collect();
        if !shaded.is_empty() {
            self.ops.push(Op::SetFillColor { col: rgb(SHADE) });
            for (i, j) in shaded {
                let rectangle = self.cell_rect(table, i, j, PaintMode::Fill);
                self.ops.push(Op::DrawRectangle { rectangle });
            }
        }
        self.ops.push(Op::SetOutlineColor { col: rgb(0.0) });
        self.ops
            .push(Op::SetOutlineThickness { pt: pt(table.rule) });
        for (i, j) in cells() {
            let rectangle = self.cell_rect(table, i, j, PaintMode::Stroke);
            self.ops.push(Op::DrawRectangle { rectangle });
        }
        self.end_mark();
        // Text is filled black.
        self.ops.push(Op::SetFillColor { col: rgb(0.0) });
        let table_element = self.tags.as_deref_mut().map(|t| t.element(Role::Table, 0));
        for row in &table.rows {
            let row_element = match (self.tags.as_deref_mut(), table_element) {
                (Some(t), Some(table)) => Some(t.element(Role::TR, table)),
                _ => None,
            };
            for cell in &row.cells {
                let text = cell.lines.iter().any(has_text);
                let mark = match (self.tags.as_deref_mut(), row_element) {
                    (Some(t), Some(row)) => {
                        // a label cell heads its row
                        let role = if cell.shaded && text {
                            Role::TH
                        } else {
                            Role::TD
                        };
                        Some(Mark::Element(t.cell(role, row, cell.span)))
                    }
                    _ => None,
                };
                for line in cell.lines.iter().filter(|l| has_text(l)) {
                    self.line_marked(line, 0.0, mark);
                }
            }
        }
        self.end_text();
    }
}

/// Whether a line ends where the line breaker cut a word after its hyphen (`hand-` /
/// `wrist`, `10-30-` / `2016`, `--` / `and`): the next line goes on with the same word, so
/// no space is read between them.
fn breaks_in_a_word(line: &Line) -> bool {
    let text = line.runs.iter().rev().find(|r| !r.text.is_empty());
    let mut tail = text.map(|r| r.text.chars().rev()).into_iter().flatten();
    matches!((tail.next(), tail.next()), (Some('-'), Some(c)) if !c.is_whitespace())
}

/// Whether a line draws any text.
fn has_text(line: &Line) -> bool {
    line.runs.iter().any(|r| !r.text.is_empty())
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}
