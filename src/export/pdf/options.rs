//! The PDF format's options: which standard a letter is written to (`--pdf-standard`) and
//! whether it is encrypted with the published letters' permissions (`--protect`).
//!
//! The command line flattens [`PdfArgs`] into the commands that write PDFs; the writer
//! gets the checked [`PdfOptions`].

use clap::{Args, ValueEnum};

use crate::diagnostic::Diagnostic;

/// The standard a PDF letter is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ValueEnum)]
pub enum PdfStandard {
    /// Tagged PDF to PDF/UA-1 (ISO 14289-1): a structure tree, language, title, XMP.
    #[default]
    #[value(name = "ua-1")]
    Ua1,
    /// PDF/A-2b (ISO 19005-2) as well as PDF/UA-1: an sRGB output intent, XMP with both
    /// identifiers, PDF 1.7. Cannot be encrypted.
    #[value(name = "a-2b")]
    A2b,
    /// No tags and no XMP: the smallest file, not accessible.
    #[value(name = "none")]
    Untagged,
}

impl PdfStandard {
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::Ua1 => "ua-1",
            PdfStandard::A2b => "a-2b",
            PdfStandard::Untagged => "none",
        }
    }

    /// Whether the letter carries a structure tree (and the XMP that says so).
    pub fn tagged(self) -> bool {
        self != PdfStandard::Untagged
    }

    /// Whether the letter is PDF/A.
    pub fn archival(self) -> bool {
        self == PdfStandard::A2b
    }
}

/// The PDF format's checked options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfOptions {
    pub standard: PdfStandard,
    /// AES-128 with an empty user password: print allowed, copying off, accessibility
    /// extraction on.
    pub protect: bool,
}

/// The PDF format's command-line flags.
#[derive(Debug, Clone, Args, Default)]
pub struct PdfArgs {
    /// PDF: the standard the letters are written to: ua-1 (tagged, PDF/UA-1), a-2b (PDF/A-2b
    /// and PDF/UA-1) or none (untagged).
    #[arg(long, value_enum, default_value_t = PdfStandard::Ua1, value_name = "STANDARD")]
    pub pdf_standard: PdfStandard,
    /// PDF: encrypt (AES-128, no password to open) with the published letters' permissions:
    /// printing allowed, copying text off, extraction for accessibility on. Not with PDF/A.
    #[arg(long)]
    pub protect: bool,
}

impl PdfArgs {
    /// The options, or the usage error that combines what cannot be combined.
    pub fn options(&self) -> Result<PdfOptions, Diagnostic> {
        if self.protect && self.pdf_standard.archival() {
            return Err(Diagnostic::error(
                "usage",
                "--protect cannot be combined with --pdf-standard a-2b",
            )
            .hint("PDF/A forbids encryption: write the archival copy and the protected copy in two runs"));
        }
        Ok(PdfOptions {
            standard: self.pdf_standard,
            protect: self.protect,
        })
    }

    /// Whether any flag differs from its default (they only mean something for PDFs).
    pub fn given(&self) -> bool {
        self.protect || self.pdf_standard != PdfStandard::default()
    }
}
