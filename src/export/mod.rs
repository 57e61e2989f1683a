//! Writers: laid-out pages in, bytes out. No file I/O here; the batch step writes files.
//!
//! A writer is a [`Writer`]; a new format is one more file and one more [`Format`].

pub mod text;

use crate::layout::Pages;

/// What a writer needs to know about the letter besides its pages.
#[derive(Debug, Clone, Copy)]
pub struct LetterInfo<'a> {
    pub case_number: &'a str,
}

/// Turns a laid-out letter into the bytes of one output file.
pub trait Writer {
    /// The output file's extension, without the dot.
    fn extension(&self) -> &'static str;
    fn write(&self, pages: &Pages, info: &LetterInfo<'_>) -> Vec<u8>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Text,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim() {
            "text" | "txt" => Some(Format::Text),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
        }
    }

    pub const NAMES: &'static str = "text";
}
