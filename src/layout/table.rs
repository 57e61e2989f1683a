//! The header table: cells wrapped in their columns, rows as tall as their tallest cell.

use super::font::Family;
use super::linebreak::{Measure, break_lines};
use super::page::{CellFrame, Line, LineKind, RowFrame, TableFrame};
use crate::markup::Table;

/// The table's geometry, pt.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGeometry {
    /// Left edge of the first column.
    pub left: f64,
    pub columns: Vec<f64>,
    /// Text inset from a cell's left and right edges.
    pub padding: f64,
    /// Row height of one line of text, and each further line.
    pub row_height: f64,
    pub line_pitch: f64,
    /// From a row's top to its first baseline.
    pub baseline: f64,
    pub size: f64,
    pub rule: f64,
}

/// Lays out a table with its top edge at `top`.
pub fn lay_out_table(
    table: &Table,
    geometry: &TableGeometry,
    top: f64,
    measure: &dyn Measure,
) -> TableFrame {
    let mut edges = vec![geometry.left];
    for (i, w) in geometry
        .columns
        .iter()
        .enumerate()
        .take(table.columns.max(1))
    {
        edges.push(edges[i] + w);
    }
    while edges.len() < table.columns + 1 {
        let last = *edges.last().unwrap_or(&geometry.left);
        edges.push(last + 72.0);
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut y = top;
    for row in &table.rows {
        let mut column = 0;
        let mut cells = Vec::with_capacity(row.len());
        let mut lines_in_row = 1;
        for cell in row {
            let span = cell.span.max(1);
            let last = (column + span).min(edges.len() - 1);
            let x0 = edges[column.min(edges.len() - 1)];
            let x1 = edges[last];
            let inner = (x1 - x0 - 2.0 * geometry.padding).max(1.0);
            let broken = if cell.content.is_empty() {
                Vec::new()
            } else {
                break_lines(&cell.content, inner, measure)
            };
            lines_in_row = lines_in_row.max(broken.len());
            let lines = broken
                .into_iter()
                .enumerate()
                .map(|(k, l)| Line {
                    kind: LineKind::Body,
                    x: x0 + geometry.padding,
                    y: y + geometry.baseline + k as f64 * geometry.line_pitch,
                    family: Family::Table,
                    size: geometry.size,
                    width: l.width,
                    runs: l.runs,
                    starts_paragraph: k == 0,
                })
                .collect();
            cells.push(CellFrame {
                column,
                span,
                shaded: cell.shaded,
                lines,
            });
            column += span;
        }
        let height = geometry.row_height + (lines_in_row - 1) as f64 * geometry.line_pitch;
        rows.push(RowFrame {
            top: y,
            height,
            cells,
        });
        y += height;
    }
    TableFrame {
        edges,
        rows,
        rule: geometry.rule,
    }
}
