//! The document model: what a letter is made of once its templates have run.
//!
//! Templates write a strict subset of Markdown ([`parse`]): `# ` headings, paragraphs,
//! `**bold**` and `*italic*` runs, hard line breaks (a `\` at the end of a line) for
//! label/value lines, and one table for the header. Anything else (lists, links, code,
//! HTML) is an error that names the section. The model is plain data that the layout step
//! reads; nothing here knows about fonts or pages.

pub mod parse;

pub use parse::{parse_furniture, parse_section};

/// A font style of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub fn with_bold(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
        }
    }

    pub fn with_italic(self) -> Style {
        match self {
            Style::Regular | Style::Italic => Style::Italic,
            Style::Bold | Style::BoldItalic => Style::BoldItalic,
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(self, Style::Bold | Style::BoldItalic)
    }

    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text {
        text: String,
        style: Style,
    },
    /// A hard line break: the next text starts a new line of the same paragraph.
    LineBreak,
}

/// A block of the letter.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading: centred, bold.
    Heading(Vec<Inline>),
    Paragraph(Vec<Inline>),
    Table(Table),
}

/// A table: rows of cells. A cell may span several columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: usize,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Inline>,
    /// How many columns it covers.
    pub span: usize,
    /// A label cell (all bold) or a merged filler cell: drawn shaded.
    pub shaded: bool,
}

/// A block of page furniture (a letterhead, a running header, a footer).
#[derive(Debug, Clone, PartialEq)]
pub enum FurnitureBlock {
    /// Lines of text.
    Paragraph(Vec<Inline>),
    /// The image the `logo` setting names, with its alternative text.
    Logo { alt: String },
}

/// A whole letter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Where each letter section begins: its name (`summary`, `issues`) and the index of
    /// its first block, in letter order (for a section that starts on a new page).
    pub sections: Vec<(String, usize)>,
}

/// The plain text of some inlines, line breaks as `\n`.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
        }
    }
    out
}
