//! Breaking a paragraph into lines, the way Word broke the real letters.
//!
//! Greedy first fit: each line takes as many pieces as fit the measure. A piece is a
//! word with the spaces after it; spaces where a line ends hang in the margin and count
//! for nothing (a word processor's rule), and runs of spaces inside a line are kept. A
//! word also breaks after a hyphen that joins two letters (`hand-` / `wrist`) and
//! after a hyphen inside a numeric date (`10-30-` / `2016`), never after a leading or
//! doubled hyphen. A word wider than the measure is cut between characters.

use crate::markup::{Inline, Style};

/// Measures characters for the breaker: points in a font, or columns.
pub trait Measure {
    fn char_width(&self, c: char, style: Style) -> f64;
}

/// Monospace text: every character is one column wide.
pub struct Columns;

impl Measure for Columns {
    fn char_width(&self, _: char, _: Style) -> f64 {
        1.0
    }
}

/// A run of one style inside a broken line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    pub text: String,
    pub style: Style,
    /// Offset from the line's start, in measure units.
    pub x: f64,
    pub width: f64,
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BrokenLine {
    pub runs: Vec<LineRun>,
    /// Width of the text, without trailing spaces.
    pub width: f64,
}

impl BrokenLine {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// One character of the paragraph with its style, width and place in the text.
#[derive(Clone, Copy)]
struct Glyph {
    c: char,
    style: Style,
    width: f64,
    /// Byte offset of the character in the segment's text.
    at: usize,
}

/// Word slack: a line may be this much wider than the measure (rounding noise).
const EPSILON: f64 = 1e-6;

/// Breaks a paragraph's inlines into lines no wider than `max_width`.
pub fn break_lines(inlines: &[Inline], max_width: f64, measure: &dyn Measure) -> Vec<BrokenLine> {
    let mut lines = Vec::new();
    let size: usize = inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.len(),
            Inline::LineBreak => 0,
        })
        .sum();
    let mut text = String::with_capacity(size);
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(size);
    for inline in inlines {
        match inline {
            Inline::Text { text: t, style } => {
                let base = text.len();
                text.push_str(t);
                glyphs.extend(t.char_indices().map(|(at, c)| Glyph {
                    c,
                    style: *style,
                    width: measure.char_width(c, *style),
                    at: base + at,
                }));
            }
            Inline::LineBreak => {
                break_segment(&text, &glyphs, max_width, &mut lines);
                glyphs.clear();
                text.clear();
            }
        }
    }
    break_segment(&text, &glyphs, max_width, &mut lines);
    lines
}

/// Breaks text that holds no forced break.
fn break_segment(text: &str, glyphs: &[Glyph], max_width: f64, lines: &mut Vec<BrokenLine>) {
    let mut start = 0; // first glyph of the current line
    let mut committed = 0; // glyphs up to here are on the line
    let mut committed_width = 0.0; // their width, trailing spaces included
    let mut i = 0;
    let n = glyphs.len();
    // Leading spaces of a paragraph are kept on its first line.
    while i < n {
        // The next piece: content up to a break opportunity, then its spaces.
        let content_start = i;
        let mut content_width = 0.0;
        while i < n && glyphs[i].c != ' ' {
            content_width += glyphs[i].width;
            i += 1;
            if glyphs[i - 1].c == '-' && breaks_after_hyphen(glyphs, i - 1) {
                break;
            }
        }
        let content_end = i;
        let mut space_width = 0.0;
        while i < n && glyphs[i].c == ' ' {
            space_width += glyphs[i].width;
            i += 1;
        }
        if committed > start && committed_width + content_width > max_width + EPSILON {
            lines.push(make_line(text, &glyphs[start..committed]));
            start = committed;
            committed_width = 0.0;
        }
        if committed == start && content_width > max_width + EPSILON {
            // A word wider than the line: cut it between characters.
            let mut j = content_start;
            while j < content_end {
                let mut w = 0.0;
                let from = j;
                while j < content_end && (j == from || w + glyphs[j].width <= max_width + EPSILON) {
                    w += glyphs[j].width;
                    j += 1;
                }
                if j < content_end {
                    lines.push(make_line(text, &glyphs[from..j]));
                    start = j;
                } else {
                    committed_width = w;
                }
            }
            committed_width += space_width;
            committed = i;
            continue;
        }
        committed_width += content_width + space_width;
        committed = i;
    }
    if committed > start || lines.is_empty() || n == 0 {
        lines.push(make_line(text, &glyphs[start..committed.max(start)]));
    }
}

/// Whether a line may break after the hyphen at `at`: between two non-space characters,
/// and after the second hyphen of a `--` dash when a letter or digit follows, as Word
/// broke `imaging --` / `Magnetic`.
fn breaks_after_hyphen(glyphs: &[Glyph], at: usize) -> bool {
    let before = at.checked_sub(1).map(|j| glyphs[j].c);
    let after = glyphs.get(at + 1).map(|g| g.c);
    match (before, after) {
        (Some('-'), Some(a)) => a.is_alphanumeric(),
        (Some(b), Some(a)) => !b.is_whitespace() && !a.is_whitespace() && a != '-',
        _ => false,
    }
}

/// A line from its glyphs: trailing spaces dropped, runs merged by style, each run's text
/// cut from the segment's text in one piece.
fn make_line(text: &str, glyphs: &[Glyph]) -> BrokenLine {
    let end = glyphs.iter().rposition(|g| g.c != ' ').map_or(0, |p| p + 1);
    let glyphs = &glyphs[..end];
    let mut line = BrokenLine::default();
    let mut x = 0.0;
    let mut i = 0;
    while i < glyphs.len() {
        let style = glyphs[i].style;
        let (first, start) = (i, x);
        let mut width = 0.0;
        while i < glyphs.len() && glyphs[i].style == style {
            width += glyphs[i].width;
            x += glyphs[i].width;
            i += 1;
        }
        let last = &glyphs[i - 1];
        line.runs.push(LineRun {
            text: text[glyphs[first].at..last.at + last.c.len_utf8()].to_string(),
            style,
            x: start,
            width,
        });
    }
    line.width = x;
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<Inline> {
        vec![Inline::Text {
            text: s.into(),
            style: Style::Regular,
        }]
    }

    fn texts(lines: &[BrokenLine]) -> Vec<String> {
        lines.iter().map(BrokenLine::text).collect()
    }

    #[test]
    fn fills_lines_greedily_and_hangs_trailing_spaces() {
        let lines = break_lines(&plain("aaa bbb ccc  ddd"), 8.0, &Columns);
        assert_eq!(texts(&lines), vec!["aaa bbb", "ccc  ddd"]);
        // "ccc " would fit 4 columns exactly; the trailing space does not count.
        let lines = break_lines(&plain("aaa ccc dd"), 3.0, &Columns);
        assert_eq!(texts(&lines), vec!["aaa", "ccc", "dd"]);
    }

    #[test]
    fn breaks_after_a_hyphen_inside_a_word() {
        let lines = break_lines(&plain("right hand-wrist pain"), 11.0, &Columns);
        assert_eq!(texts(&lines), vec!["right hand-", "wrist pain"]);
        let lines = break_lines(&plain("xx --yy"), 4.0, &Columns);
        assert_eq!(texts(&lines), vec!["xx", "--yy"]);
    }

    #[test]
    fn keeps_styles_and_forced_breaks() {
        let inlines = vec![
            Inline::Text {
                text: "Label:".into(),
                style: Style::Bold,
            },
            Inline::Text {
                text: "  Upheld".into(),
                style: Style::Regular,
            },
            Inline::LineBreak,
            Inline::Text {
                text: "next".into(),
                style: Style::Regular,
            },
        ];
        let lines = break_lines(&inlines, 100.0, &Columns);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].runs[0].text, "Label:");
        assert_eq!(lines[0].runs[1].text, "  Upheld");
        assert_eq!(lines[0].runs[1].x, 6.0);
        assert_eq!(lines[1].text(), "next");
    }

    #[test]
    fn cuts_a_word_wider_than_the_line() {
        let lines = break_lines(&plain("ab abcdefghij cd"), 4.0, &Columns);
        assert_eq!(texts(&lines), vec!["ab", "abcd", "efgh", "ij", "cd"]);
    }
}
