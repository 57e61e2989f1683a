//! Writers: laid-out pages in, bytes out. No file I/O here; the batch step writes files.
//!
//! A writer is a [`Writer`]; a new format is one more file and one more [`Format`].

pub mod pdf;
pub mod text;

use crate::case::CalendarDate;
use crate::diagnostic::Diagnostic;
use crate::layout::Pages;

/// What a writer needs to know about the letter besides its pages.
#[derive(Debug, Clone, Copy)]
pub struct LetterInfo<'a> {
    pub case_number: &'a str,
    /// The letter's date (the case's decision date): the PDF's creation date, so the
    /// same case always gives the same bytes.
    pub date: CalendarDate,
}

/// Turns a laid-out letter into the bytes of one output file.
pub trait Writer {
    /// The output file's extension, without the dot.
    fn extension(&self) -> &'static str;
    fn write(&self, pages: &Pages, info: &LetterInfo<'_>) -> Result<Vec<u8>, Diagnostic>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Text,
    Pdf,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim() {
            "text" | "txt" => Some(Format::Text),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
        }
    }

    pub const NAMES: &'static str = "text, pdf";
}
