//! Writers: laid-out pages in, bytes out. No file I/O here; the batch step writes files.
//!
//! A writer is a [`Writer`]; it says which layout it needs ([`Writer::measuring`]), so a run
//! lays a letter out once per distinct layout its writers ask for. A new format is one more
//! file and one more [`Format`] variant, whose [`Format::writer`] builds it with its options.

pub mod pdf;
pub mod text;

use crate::case::CalendarDate;
use crate::diagnostic::Diagnostic;
use crate::layout::{FontBook, Measuring, Pages};

/// What a writer needs to know about the letter besides its pages.
#[derive(Debug, Clone, Copy)]
pub struct LetterInfo<'a> {
    pub case_number: &'a str,
    /// The PDF's creation date: the case's decision date, or the moment
    /// `SOURCE_DATE_EPOCH` names. Never the clock, so the same inputs give the same bytes.
    pub stamp: Stamp,
}

/// A moment, UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub date: CalendarDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Stamp {
    /// Midnight at the start of a date.
    pub fn at_midnight(date: CalendarDate) -> Stamp {
        Stamp {
            date,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    /// The moment `seconds` after 1970-01-01 00:00:00 UTC (years 1 to 9999).
    pub fn from_epoch(seconds: i64) -> Option<Stamp> {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400);
        let date =
            CalendarDate::from_days_since_epoch(days).filter(|d| (1..=9999).contains(&d.year))?;
        Some(Stamp {
            date,
            hour: (rest / 3600) as u8,
            minute: (rest / 60 % 60) as u8,
            second: (rest % 60) as u8,
        })
    }

    /// The moment a `SOURCE_DATE_EPOCH` value names (`None`: not set).
    pub fn from_source_date_epoch(
        value: Option<&std::ffi::OsStr>,
    ) -> Result<Option<Stamp>, Diagnostic> {
        let Some(value) = value else {
            return Ok(None);
        };
        let text = value.to_string_lossy();
        text.trim()
            .parse::<i64>()
            .ok()
            .and_then(Stamp::from_epoch)
            .map(Some)
            .ok_or_else(|| {
                Diagnostic::error(
                    "usage.source-date",
                    format!("SOURCE_DATE_EPOCH={text} is not a moment"),
                )
                .label("expected whole seconds since 1970-01-01 00:00:00 UTC, e.g. 1700000000")
            })
    }
}

/// Turns a laid-out letter into the bytes of one output file.
pub trait Writer: Send + Sync {
    /// The output file's extension, without the dot.
    fn extension(&self) -> &'static str;
    /// The layout this writer's pages must have.
    fn measuring(&self) -> Measuring;
    /// Everything about this writer that decides its bytes besides the pages, for the
    /// fingerprints that tell whether an output is current.
    fn fingerprint(&self) -> String {
        format!("{} {:?}", self.extension(), self.measuring())
    }
    fn write(&self, pages: &Pages, info: &LetterInfo<'_>) -> Result<Vec<u8>, Diagnostic>;
}

/// The writers of a run, in the order of its formats.
pub type Writers = Vec<Box<dyn Writer>>;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Plain text, line for line and page for page as printed.
    #[value(alias = "txt")]
    Text,
    /// PDF with subset embedded fonts.
    Pdf,
}

/// What each format is told besides the fonts: each format's own options.
#[derive(Debug, Clone, Copy, Default)]
pub struct FormatOptions {
    pub text: text::TextOptions,
    pub pdf: pdf::PdfOptions,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
        }
    }

    /// This format's writer; made once per run and shared by every case.
    pub fn writer(self, fonts: &FontBook, options: &FormatOptions) -> Box<dyn Writer> {
        match self {
            Format::Text => Box::new(text::TextWriter::new(options.text)),
            Format::Pdf => Box::new(pdf::PdfWriter::new(fonts, options.pdf)),
        }
    }
}

/// The writers of a list of formats, each once, in order.
pub fn writers_for(formats: &[Format], fonts: &FontBook, options: &FormatOptions) -> Writers {
    let mut seen = Vec::with_capacity(formats.len());
    for f in formats {
        if !seen.contains(f) {
            seen.push(*f);
        }
    }
    seen.into_iter().map(|f| f.writer(fonts, options)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(y: i32, mo: u8, d: u8, h: u8, mi: u8, s: u8) -> Option<Stamp> {
        Some(Stamp {
            date: CalendarDate::new(y, mo, d).unwrap(),
            hour: h,
            minute: mi,
            second: s,
        })
    }

    #[test]
    fn epoch_seconds_become_utc_moments() {
        assert_eq!(Stamp::from_epoch(0), stamp(1970, 1, 1, 0, 0, 0));
        assert_eq!(
            Stamp::from_epoch(1_700_000_000),
            stamp(2023, 11, 14, 22, 13, 20)
        );
        assert_eq!(Stamp::from_epoch(-1), stamp(1969, 12, 31, 23, 59, 59));
        assert_eq!(Stamp::from_epoch(951_782_400), stamp(2000, 2, 29, 0, 0, 0));
        assert_eq!(Stamp::from_epoch(i64::MAX), None);
    }
}
