//! The laid-out letter: pages of positioned lines and table frames. Both writers read
//! this and nothing else, so the plain text breaks lines and pages exactly where the PDF
//! does.
//!
//! Coordinates are points from the page's top-left corner; `y` of a line is its baseline.

use super::font::Family;
use super::linebreak::LineRun;

/// A letter, laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    /// Page width and height, pt.
    pub width: f64,
    pub height: f64,
    /// Left edge of the text block, pt.
    pub left: f64,
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Something drawn on a page, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Line(Line),
    Table(TableFrame),
    /// Text drawn large, grey and turned across the page, under everything else.
    Watermark(Watermark),
    Image(ImageFrame),
}

/// A watermark: its line, turned `angle` degrees counter-clockwise about the line's
/// start, filled with a grey (0 black, 1 white).
#[derive(Debug, Clone, PartialEq)]
pub struct Watermark {
    pub line: Line,
    pub angle: f64,
    pub grey: f64,
}

/// An image in a box: left and top edges, width and height, pt.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageFrame {
    pub x: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub image: std::sync::Arc<super::logo::Image>,
    /// What the image shows, for a reader who cannot see it (empty: it is decoration).
    pub alt: std::sync::Arc<str>,
}

/// What a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    Body,
    /// A running header or footer, in the page's margin (or a watermark): furniture a
    /// reader skips.
    Margin,
    /// A line of page 1's letterhead: who sends the letter, read before it.
    Letterhead,
}

/// A line of text at a baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// Left edge of the text, pt.
    pub x: f64,
    /// Baseline, pt from the top.
    pub y: f64,
    pub family: Family,
    pub size: f64,
    /// Runs with offsets from `x`.
    pub runs: Vec<LineRun>,
    pub width: f64,
    /// The first line of a paragraph that follows another on the same page: the plain
    /// text puts a blank line before it.
    pub starts_paragraph: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A table: its grid, its shading and the lines inside its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFrame {
    /// Column edges, pt from the left: `columns + 1` values.
    pub edges: Vec<f64>,
    pub rows: Vec<RowFrame>,
    /// Border width, pt.
    pub rule: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowFrame {
    pub top: f64,
    pub height: f64,
    pub cells: Vec<CellFrame>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellFrame {
    /// First column and how many it spans.
    pub column: usize,
    pub span: usize,
    pub shaded: bool,
    pub lines: Vec<Line>,
}

impl TableFrame {
    pub fn top(&self) -> f64 {
        self.rows.first().map_or(0.0, |r| r.top)
    }

    pub fn bottom(&self) -> f64 {
        self.rows.last().map_or(0.0, |r| r.top + r.height)
    }
}
