//! Content streams: one laid-out page to the PDF operators that draw it.
//!
//! Items are drawn in reading order. A table is its grey cells first, then a hairline box
//! around every cell (a merged cell's box spans its columns), then the text in its cells.
//! Text is drawn run by run at absolute positions (`Tm`) inside `BT`…`ET`, each run one
//! string of two-byte glyph ids (`Tj`), written as bytes (escaped where a literal string
//! needs it) rather than hex, which would double what has to be compressed. Layout coordinates have their origin at the top of
//! the page; PDF's at the bottom. Numbers are written to 1/1000 pt.

use super::fonts::Faces;
use super::syntax::number;
use crate::layout::{Item, Line, Page, TableFrame};

/// The grey of the header table's label cells (#DFDFDF).
const SHADE: f64 = 0.875;

/// Writes one page's operators.
struct Painter<'a> {
    faces: &'a Faces,
    height: f64,
    out: Vec<u8>,
    /// Inside `BT`…`ET`, with the face and size last set there.
    text: Option<Option<(usize, f64)>>,
}

/// The content stream that draws `page` on a page `height` pt tall.
pub fn page_content(page: &Page, height: f64, faces: &Faces) -> Vec<u8> {
    let mut p = Painter {
        faces,
        height,
        out: Vec::with_capacity(16 * 1024),
        text: None,
    };
    for item in &page.items {
        match item {
            Item::Line(line) => p.line(line),
            Item::Table(table) => p.table(table),
        }
    }
    p.end_text();
    p.out
}

impl Painter<'_> {
    fn num(&mut self, v: f64) {
        number(&mut self.out, v);
    }

    fn begin_text(&mut self) {
        if self.text.is_none() {
            self.out.extend_from_slice(b"BT\n");
            self.text = Some(None);
        }
    }

    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.out.extend_from_slice(b"ET\n");
        }
    }

    fn line(&mut self, line: &Line) {
        self.begin_text();
        let baseline = self.height - line.y;
        for run in &line.runs {
            if run.text.is_empty() {
                continue;
            }
            let face = Faces::index(line.family, run.style);
            if self.text != Some(Some((face, line.size))) {
                self.out
                    .extend_from_slice(format!("/F{} ", face + 1).as_bytes());
                self.num(line.size);
                self.out.extend_from_slice(b" Tf\n");
                self.text = Some(Some((face, line.size)));
            }
            self.out.extend_from_slice(b"1 0 0 1 ");
            self.num(line.x + run.x);
            self.out.push(b' ');
            self.num(baseline);
            self.out.extend_from_slice(b" Tm\n(");
            for c in run.text.chars() {
                for byte in self.faces.glyph(face, c).to_be_bytes() {
                    match byte {
                        b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', byte]),
                        b'\n' => self.out.extend_from_slice(b"\\n"),
                        b'\r' => self.out.extend_from_slice(b"\\r"),
                        _ => self.out.push(byte),
                    }
                }
            }
            self.out.extend_from_slice(b") Tj\n");
        }
    }

    /// A cell's box in PDF coordinates (left, bottom, width, height), then `op`.
    fn cell_rect(&mut self, table: &TableFrame, row: usize, cell: usize, op: &[u8]) {
        let r = &table.rows[row];
        let c = &r.cells[cell];
        let left = table.edges[c.column];
        let right = table.edges[(c.column + c.span).min(table.edges.len() - 1)];
        self.num(left);
        self.out.push(b' ');
        self.num(self.height - r.top - r.height);
        self.out.push(b' ');
        self.num(right - left);
        self.out.push(b' ');
        self.num(r.height);
        self.out.extend_from_slice(b" re ");
        self.out.extend_from_slice(op);
        self.out.push(b'\n');
    }

    fn table(&mut self, table: &TableFrame) {
        self.end_text();
        let cells: Vec<(usize, usize)> = table
            .rows
            .iter()
            .enumerate()
            .flat_map(|(i, r)| (0..r.cells.len()).map(move |j| (i, j)))
            .collect();
        let shaded: Vec<(usize, usize)> = cells
            .iter()
            .copied()
            .filter(|(i, j)| table.rows[*i].cells[*j].shaded)
            .collect();
        if !shaded.is_empty() {
            self.num(SHADE);
            self.out.extend_from_slice(b" g\n");
            for (i, j) in shaded {
                self.cell_rect(table, i, j, b"f");
            }
        }
        self.out.extend_from_slice(b"0 G\n");
        self.num(table.rule);
        self.out.extend_from_slice(b" w\n");
        for (i, j) in cells {
            self.cell_rect(table, i, j, b"S");
        }
        // Text is filled black.
        self.out.extend_from_slice(b"0 g\n");
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
