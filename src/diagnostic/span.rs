//! From a byte span of a text to a [`Location`]: its line and column, and the part of its
//! line worth printing.
//!
//! A [`SourceIndex`] of the text (where each line starts, and how many characters come
//! before every [`STEP`]-th byte) makes each location cost a few steps whatever the size of
//! the text, so a file with many findings is located in time that grows with the file and
//! the findings, not with their product (a one-line case of 260 KB with 20,000 unknown
//! words has a finding every dozen bytes of one line).

use std::ops::Range;

use super::{CONTEXT, Location};

/// Bytes between two character counts of a [`SourceIndex`].
pub const STEP: usize = 256;

/// Where the lines of a text start, and how many characters precede every [`STEP`]-th byte.
#[derive(Debug, Clone, Default)]
pub struct SourceIndex {
    line_starts: Vec<usize>,
    chars_before_step: Vec<usize>,
}

impl SourceIndex {
    pub fn new(source: &str) -> SourceIndex {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        let mut chars_before_step = Vec::with_capacity(bytes.len() / STEP + 1);
        let mut chars = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i % STEP == 0 {
                chars_before_step.push(chars);
            }
            if !is_continuation(b) {
                chars += 1;
            }
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        SourceIndex {
            line_starts,
            chars_before_step,
        }
    }

    /// The 0-based line holding byte `at`, and the byte its line starts at.
    fn line_of(&self, at: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= at) - 1;
        (line, self.line_starts[line])
    }

    /// Characters of `source` before byte `at`.
    fn chars_before(&self, source: &str, at: usize) -> usize {
        let step = at / STEP;
        let Some(&counted) = self.chars_before_step.get(step) else {
            return source.len().min(at);
        };
        let rest = &source.as_bytes()[step * STEP..at];
        counted + rest.iter().filter(|b| !is_continuation(**b)).count()
    }

    /// Characters between bytes `from` and `to`.
    fn chars_between(&self, source: &str, from: usize, to: usize) -> usize {
        self.chars_before(source, to) - self.chars_before(source, from)
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0b1100_0000 == 0b1000_0000
}

impl Location {
    /// Locates a byte span of `source` (the text of `file`), with the text's index.
    pub fn from_span_in(
        file: &str,
        source: &str,
        index: &SourceIndex,
        span: Range<usize>,
    ) -> Location {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let (line, line_start) = index.line_of(start);
        let line_end = index
            .line_starts
            .get(line + 1)
            .map_or(source.len(), |next| next - 1);
        let column = index.chars_between(source, line_start, start) + 1;
        let width = index
            .chars_between(source, start, end.min(line_end).max(start))
            .max(1);
        let line_end = if source[line_start..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        let (end_line, end_line_start) = index.line_of(end);
        let end_column = index.chars_between(source, end_line_start, end) + 1;
        let line_chars = index.chars_between(source, line_start, line_end.max(line_start));
        let (source_line, caret) = clip_around(
            &source[line_start..line_end.max(line_start)],
            line_chars,
            start - line_start,
            column,
            width,
        );
        Location {
            file: file.to_string(),
            line: line + 1,
            column,
            source_line,
            caret,
            width,
            end_line: end_line + 1,
            end_column,
        }
    }
}

/// The part of a source line to keep: the whole line when short, else the span with
/// [`CONTEXT`] characters either side, cut ends marked `…`; with the span's 1-based column
/// in it. `chars` is the line's length in characters and `at` the span's byte in it; walks
/// only the characters it keeps.
pub fn clip_around(
    line: &str,
    chars: usize,
    at: usize,
    column: usize,
    width: usize,
) -> (String, usize) {
    let column = column.clamp(1, chars + 1);
    if chars <= 2 * CONTEXT + width {
        return (line.to_string(), column);
    }
    let at = floor_char_boundary(line, at.min(line.len()));
    let before = column - 1;
    let first = before.saturating_sub(CONTEXT);
    let last = (before + width + CONTEXT).min(chars);
    let from = match before - first {
        0 => at,
        back => line[..at]
            .char_indices()
            .rev()
            .nth(back - 1)
            .map_or(0, |(i, _)| i),
    };
    let to = line[from..]
        .char_indices()
        .nth(last - first)
        .map_or(line.len(), |(i, _)| from + i);
    let mut shown = String::with_capacity(to - from + 6);
    let mut caret = column - first;
    if first > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.push_str(&line[from..to]);
    if last < chars {
        shown.push('…');
    }
    (shown, caret)
}

/// The part of a line to keep when only the column is known (see [`clip_around`]).
pub fn clip_line(line: &str, column: usize, width: usize) -> (String, usize) {
    let chars = line.chars().count();
    let column = column.clamp(1, chars + 1);
    let at = line
        .char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i);
    clip_around(line, chars, at, column, width)
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the location was before the index: every figure counted from the text.
    fn counted(source: &str, span: Range<usize>) -> (usize, usize, usize, usize, usize) {
        let start = span.start;
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let width = source[start..span.end.min(line_end)].chars().count().max(1);
        let end_line = line + source[start..span.end].matches('\n').count();
        let end_start = source[..span.end].rfind('\n').map_or(0, |i| i + 1);
        let end_column = source[end_start..span.end].chars().count() + 1;
        (line, column, width, end_line, end_column)
    }

    #[test]
    fn the_index_locates_as_counting_does() {
        // accents, a long line past several steps, CRLF endings, a span across lines
        let long: String = (0..400)
            .map(|i| if i % 7 == 0 { "é " } else { "ab " })
            .collect();
        let source = format!("first line\r\nsé{long}end\nthird\n\nlast");
        let index = SourceIndex::new(&source);
        let starts: Vec<usize> = (0..source.len())
            .filter(|i| source.is_char_boundary(*i))
            .collect();
        for (k, &start) in starts.iter().enumerate().step_by(3) {
            let end = starts.get(k + 5).copied().unwrap_or(source.len());
            let loc = Location::from_span_in("f", &source, &index, start..end);
            let (line, column, width, end_line, end_column) = counted(&source, start..end);
            assert_eq!(
                (loc.line, loc.column, loc.end_line, loc.end_column),
                (line, column, end_line, end_column),
                "span {start}..{end}"
            );
            assert_eq!(loc.width, width, "span {start}..{end}");
            let under = loc.source_line.chars().nth(loc.caret - 1);
            let first = source[start..].chars().next();
            assert!(
                under == first || matches!(first, Some('\n' | '\r') | None),
                "caret of {start}: {under:?} vs {first:?}"
            );
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let line = "x".repeat(500) + "target" + &"y".repeat(500);
        let source = format!("a\n{line}\n");
        let at = source.find("target").unwrap();
        let loc = Location::from_span_in("f", &source, &SourceIndex::new(&source), at..at + 6);
        assert_eq!((loc.line, loc.column, loc.width), (2, 501, 6));
        assert_eq!(loc.source_line.chars().count(), 2 * CONTEXT + 6 + 2);
        let under: String = loc
            .source_line
            .chars()
            .skip(loc.caret - 1)
            .take(6)
            .collect();
        assert_eq!(under, "target");
    }
}
