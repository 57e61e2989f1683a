//! Drawing: one laid-out page to printpdf operations.
//!
//! Items are drawn in reading order. A table is its grey cells first, then a hairline
//! box around every cell (a merged cell's box spans its columns), then the text in its
//! cells. Text is drawn run by run at absolute positions (`Tm`), always inside a text
//! section (`BT`…`ET`): printpdf writes text outside one, and viewers then drop it.
//! Layout coordinates have their origin at the top of the page; PDF's at the bottom.

use printpdf::{
    Color, Op, PaintMode, PdfFontHandle, Pt, Rect, Rgb, TextItem, TextMatrix, XObjectTransform,
};

use super::fonts::{EmbeddedFonts, Faces};
use crate::layout::{ImageFrame, Item, Line, Page, TableFrame, Watermark};

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
}

/// The operations that draw `page` on a page `height` pt tall.
pub fn page_ops(page: &Page, height: f64, fonts: &EmbeddedFonts) -> Vec<Op> {
    let mut p = Painter {
        fonts,
        height,
        ops: Vec::with_capacity(1024),
        text: None,
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
    p.ops
}

impl Painter<'_> {
    fn begin_text(&mut self) {
        if self.text.is_none() {
            self.ops.push(Op::StartTextSection);
            self.text = Some(None);
        }
    }

    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.ops.push(Op::EndTextSection);
        }
    }

    fn line(&mut self, line: &Line) {
        self.line_turned(line, 0.0);
    }

    /// A line turned `angle` degrees counter-clockwise about its start.
    fn line_turned(&mut self, line: &Line, angle: f64) {
        self.begin_text();
        let baseline = pt(self.height - line.y);
        let (sin, cos) = angle.to_radians().sin_cos();
        for run in &line.runs {
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
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.text.clone())],
            });
        }
    }

    fn watermark(&mut self, w: &Watermark) {
        self.end_text();
        self.ops.push(Op::SetFillColor {
            col: rgb(w.grey as f32),
        });
        self.line_turned(&w.line, w.angle);
        self.end_text();
        self.ops.push(Op::SetFillColor { col: rgb(0.0) });
    }

    /// An image, scaled into its frame (named in the page's resources by `image_id`).
    fn image(&mut self, frame: &ImageFrame) {
        self.end_text();
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
        // Text is filled black.
        self.ops.push(Op::SetFillColor { col: rgb(0.0) });
        for row in &table.rows {
            for cell in &row.cells {
                for line in &cell.lines {
                    self.line(line);
                }
            }
        }
        self.end_text();
    }
}
