//! Parsing the letter markup (a strict Markdown subset, read by pulldown-cmark) into
//! [`Block`]s.
//!
//! Accepted: `# ` headings, paragraphs, `**bold**`, `*italic*`, soft line breaks (a
//! space), hard line breaks (`\` at a line end), and tables, whose cells that are all bold
//! are shaded labels and whose empty cells at the end of a row merge into one shaded cell.
//! Everything else is refused with the line of markup that produced it. Page furniture
//! ([`parse_furniture`]) is lines of text only, and the letterhead's logo,
//! `![alternative text](logo)` on a line of its own.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Block, Cell, FurnitureBlock, Inline, Style, Table};
use crate::diagnostic::{Diagnostic, Location};

/// What a piece of markup is for, which decides what it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A letter section: headings, paragraphs, the header table.
    Letter,
    /// Page furniture: paragraphs, and the logo on a line of its own.
    Furniture,
}

/// Parses one section's markup. `name` names the section in errors.
pub fn parse_section(name: &str, markup: &str) -> Result<Vec<Block>, Diagnostic> {
    parse(name, markup, Mode::Letter).map(|(blocks, _)| blocks)
}

/// Parses the markup of a furniture template (letterhead, running header, footer): its
/// paragraphs and logos, in order.
pub fn parse_furniture(name: &str, markup: &str) -> Result<Vec<FurnitureBlock>, Diagnostic> {
    let (blocks, logos) = parse(name, markup, Mode::Furniture)?;
    let mut out = Vec::with_capacity(blocks.len() + logos.len());
    let mut logos = logos.into_iter().peekable();
    for (i, block) in blocks.into_iter().enumerate() {
        while let Some((_, alt)) = logos.next_if(|(at, _)| *at == i) {
            out.push(FurnitureBlock::Logo { alt });
        }
        if let Block::Paragraph(inlines) = block {
            out.push(FurnitureBlock::Paragraph(inlines));
        }
    }
    out.extend(logos.map(|(_, alt)| FurnitureBlock::Logo { alt }));
    Ok(out)
}

/// The blocks of some markup, and (in furniture) the logos with the index of the block
/// each stands before.
type Parsed = (Vec<Block>, Vec<(usize, String)>);

fn parse(name: &str, markup: &str, mode: Mode) -> Result<Parsed, Diagnostic> {
    let mut blocks = Vec::new();
    let mut logos: Vec<(usize, String)> = Vec::new();
    // the alternative text of a logo being read, then of one read in this paragraph
    let mut logo_alt: Option<String> = None;
    let mut logo_read: Option<String> = None;
    let mut styles = vec![Style::Regular];
    let mut inlines: Vec<Inline> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Vec<Cell> = Vec::new();

    let refuse = |what: &str, range: std::ops::Range<usize>| {
        let (holder, hint) = match mode {
            Mode::Letter => (
                "a letter",
                "the letter markup has `# ` headings, paragraphs, **bold**, *italic*, `\\` line breaks and the header table",
            ),
            Mode::Furniture => (
                "page furniture",
                "page furniture holds lines of text (**bold**, *italic*, `\\` line breaks) and, in the letterhead, the logo as `![alternative text](logo)` on a line of its own",
            ),
        };
        Diagnostic::error("markup.unsupported", format!("section `{name}` produced {what}, which {holder} cannot hold"))
            .at(Location::from_span(&format!("{name} (rendered)"), markup, range))
            .hint(hint)
            .hint("case text is escaped; template text that starts a line with `-`, `1.`, `>` or 4 spaces needs a `\\` before it")
    };

    for (event, range) in Parser::new_ext(markup, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) if mode == Mode::Furniture => {
                return Err(refuse("a heading", range));
            }
            Event::Start(Tag::Table(_)) if mode == Mode::Furniture => {
                return Err(refuse("a table", range));
            }
            Event::Start(Tag::Image { dest_url, .. })
                if mode == Mode::Furniture && &*dest_url == "logo" =>
            {
                logo_alt = Some(String::new());
            }
            Event::Text(text) if logo_alt.is_some() => {
                logo_alt.get_or_insert_default().push_str(&text);
            }
            Event::End(TagEnd::Image) => {
                if logo_read.is_some() {
                    return Err(refuse("two logos on one line", range));
                }
                logo_read = logo_alt.take();
            }
            Event::Start(Tag::Heading { level, .. }) => {
                if level != HeadingLevel::H1 {
                    return Err(refuse("a level-2+ heading", range));
                }
                inlines.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                blocks.push(Block::Heading(std::mem::take(&mut inlines)));
            }
            Event::Start(Tag::Paragraph) => inlines.clear(),
            Event::End(TagEnd::Paragraph) => {
                if let Some(alt) = logo_read.take() {
                    if !plain_is_blank(&inlines) {
                        return Err(refuse("the logo and text on one line", range));
                    }
                    inlines.clear();
                    logos.push((blocks.len(), alt));
                } else if table.is_none() {
                    if let Some((first, delimiter)) = broken_table(&markup[range.clone()]) {
                        return Err(refuse(
                            &format!(
                                "a table row of {first} cells over a `|---|` row of {delimiter}"
                            ),
                            range,
                        ));
                    }
                    blocks.push(Block::Paragraph(std::mem::take(&mut inlines)));
                }
            }
            Event::Start(Tag::Strong) => styles.push(current(&styles).with_bold()),
            Event::Start(Tag::Emphasis) => styles.push(current(&styles).with_italic()),
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                styles.pop();
            }
            Event::Text(text) => push_text(&mut inlines, &text, current(&styles)),
            Event::SoftBreak => push_text(&mut inlines, " ", current(&styles)),
            Event::HardBreak => inlines.push(Inline::LineBreak),
            Event::Start(Tag::Table(alignments)) => {
                table = Some(Table {
                    columns: alignments.len(),
                    rows: Vec::new(),
                });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                // The Markdown reader drops the cells past the table's columns without a
                // word: count them in the row as written.
                let columns = table.as_ref().map_or(0, |t| t.columns);
                let cells = cells_in_row(&markup[range.clone()]);
                if cells > columns {
                    return Err(refuse(
                        &format!("a table row of {cells} cells in a table of {columns} columns"),
                        range,
                    ));
                }
                row.clear();
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(finish_row(std::mem::take(&mut row)));
                }
            }
            Event::Start(Tag::TableCell) => inlines.clear(),
            Event::End(TagEnd::TableCell) => {
                let content = std::mem::take(&mut inlines);
                let shaded = !content.is_empty()
                    && content
                        .iter()
                        .all(|i| matches!(i, Inline::Text { style, .. } if style.is_bold()));
                row.push(Cell {
                    content: trim(content),
                    span: 1,
                    shaded,
                });
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    blocks.push(Block::Table(t));
                }
            }
            Event::Start(Tag::List(_)) => return Err(refuse("a list", range)),
            Event::Start(Tag::BlockQuote(_)) => return Err(refuse("a block quote", range)),
            Event::Start(Tag::CodeBlock(_)) => return Err(refuse("a code block", range)),
            Event::Code(_) => return Err(refuse("inline code", range)),
            Event::Start(Tag::Link { .. }) => return Err(refuse("a link", range)),
            Event::Start(Tag::Image { .. }) => {
                return Err(refuse(
                    match mode {
                        Mode::Letter => "an image",
                        Mode::Furniture => {
                            "an image other than the logo (`![alternative text](logo)`)"
                        }
                    },
                    range,
                ));
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => {
                return Err(refuse("HTML", range));
            }
            Event::Rule => return Err(refuse("a horizontal rule", range)),
            Event::End(_) => {}
            other => return Err(refuse(&format!("unsupported markup ({other:?})"), range)),
        }
    }
    Ok((blocks, logos))
}

/// Whether a paragraph's text so far is only spaces.
fn plain_is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text { text, .. } => text.trim().is_empty(),
        Inline::LineBreak => true,
    })
}

/// A paragraph that holds a table's `|---|` row under a row of another number of cells
/// (the Markdown reader then reads no table, and the rows would print as a paragraph of
/// bars): the cells of that row and of the `|---|` row.
fn broken_table(paragraph: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = paragraph.lines().map(str::trim).collect();
    lines.windows(2).find_map(|pair| {
        let delimiter = pair[1];
        let is_delimiter = delimiter.contains('-')
            && delimiter.contains('|')
            && delimiter
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' '));
        (is_delimiter && pair[0].starts_with('|'))
            .then(|| (cells_in_row(pair[0]), cells_in_row(delimiter)))
    })
}

/// How many cells a table row's markup holds: its `|` separators that are not escaped,
/// less a leading and a trailing one.
fn cells_in_row(row: &str) -> usize {
    let row = row.lines().next().unwrap_or("").trim();
    let bytes = row.as_bytes();
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'|' {
            pipes.push(i);
        }
    }
    let mut n = pipes.len() + 1;
    if pipes.first() == Some(&0) {
        n -= 1;
    }
    if pipes.last().is_some_and(|&i| i + 1 == bytes.len()) && bytes.len() > 1 {
        n -= 1;
    }
    n
}

fn current(styles: &[Style]) -> Style {
    *styles.last().unwrap_or(&Style::Regular)
}

/// Adds text to a paragraph; a forced line break inside it (a list of paragraphs' own
/// paragraph marks, [`crate::case::text::LINE_BREAK`]) becomes a line break.
fn push_text(inlines: &mut Vec<Inline>, text: &str, style: Style) {
    let mut parts = text.split(crate::case::text::LINE_BREAK);
    if let Some(first) = parts.next() {
        push_run(inlines, first, style);
    }
    for part in parts {
        inlines.push(Inline::LineBreak);
        push_run(inlines, part, style);
    }
}

fn push_run(inlines: &mut Vec<Inline>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: last,
        style: s,
    }) = inlines.last_mut()
        && *s == style
    {
        last.push_str(text);
        return;
    }
    inlines.push(Inline::Text {
        text: text.to_string(),
        style,
    });
}

fn trim(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text, .. }) = content.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = content.last_mut() {
        *text = text.trim_end().to_string();
    }
    content.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
    content
}

/// Empty cells at the end of a row become one shaded cell spanning them.
fn finish_row(mut cells: Vec<Cell>) -> Vec<Cell> {
    let empty = cells
        .iter()
        .rev()
        .take_while(|c| c.content.is_empty())
        .count();
    if empty > 0 {
        cells.truncate(cells.len() - empty);
        cells.push(Cell {
            content: Vec::new(),
            span: empty,
            shaded: true,
        });
    }
    cells
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
