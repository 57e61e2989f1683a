//! One case of a batch: to bytes per format, to files in the output folder (recorded in
//! the journal), or, when its outputs are current, listed from the journal.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::naming::NameFacts;
use super::scan::name_key;
use super::{Batch, CaseOutcome, CaseStatus, OutputFile, state, write_atomically};
use crate::case::{CaseFile, case_from_bytes};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::pdf::PdfWriter;
use crate::export::text::TextWriter;
use crate::export::{Format, Writer};
use crate::layout::{FontBook, Measuring};
use crate::letter::Renderer;
use crate::profile::{Stage, time};

/// The writer of a format; made once per run and shared by every case. A font the
/// format cannot use is an error here.
pub fn writer_for(
    format: Format,
    fonts: &FontBook,
) -> Result<Box<dyn Writer + Send + Sync>, Diagnostic> {
    Ok(match format {
        Format::Text => Box::new(TextWriter),
        Format::Pdf => Box::new(PdfWriter::new(fonts)),
    })
}

/// A letter's output files: (extension, bytes) per format.
pub type Files = Vec<(&'static str, Vec<u8>)>;

/// The writers of a run's formats, in order.
pub type Writers = Vec<Box<dyn Writer + Send + Sync>>;

pub fn writers_for(formats: &[Format], fonts: &FontBook) -> Result<Writers, Diagnostic> {
    formats.iter().map(|f| writer_for(*f, fonts)).collect()
}

/// Renders one case to bytes per format: (extension, bytes), and the page count.
pub fn render_case(
    renderer: &Renderer,
    case: &CaseFile,
    formats: &[Format],
    measuring: Measuring,
) -> Result<(Files, usize), Diagnostics> {
    let writers = writers_for(formats, &renderer.layout.fonts)?;
    render_case_with(renderer, case, &writers, measuring)
}

/// [`render_case`] with writers made beforehand.
pub fn render_case_with(
    renderer: &Renderer,
    case: &CaseFile,
    writers: &Writers,
    measuring: Measuring,
) -> Result<(Files, usize), Diagnostics> {
    let pages = renderer.lay_out(case, measuring)?;
    let info = renderer.letter_info(case);
    let mut files = Vec::with_capacity(writers.len());
    for w in writers {
        let bytes = w
            .write(&pages, &info)
            .map_err(|d| d.cause(format!("writing case `{}`", case.path.display())))?;
        files.push((w.extension(), bytes));
    }
    Ok((files, pages.pages.len()))
}
impl Batch<'_> {
    /// The fingerprint each of the run's outputs of a case (its file's bytes) must carry
    /// to be current, in the order of the writers.
    pub(super) fn fingerprints(&self, run: &[u8; 32], case_bytes: &[u8]) -> Vec<String> {
        let digest = state::case_digest(case_bytes);
        self.writers
            .iter()
            .map(|w| state::output_fingerprint(run, &digest, w.extension()))
            .collect()
    }

    /// A case whose outputs are current: listed from the journal when details are wanted.
    pub(super) fn skip(
        &self,
        input: PathBuf,
        key: u32,
        run: &[u8; 32],
        state: &state::State,
    ) -> CaseOutcome {
        let mut outcome = CaseOutcome {
            input,
            status: CaseStatus::Skipped,
            outputs: Vec::new(),
            pages: 0,
            problems: Diagnostics::default(),
            journal: Vec::new(),
        };
        if !self.details {
            return outcome;
        }
        let listed = std::fs::read(&outcome.input).ok().and_then(|bytes| {
            let fps = self.fingerprints(run, &bytes);
            let facts = NameFacts::read(String::from_utf8(bytes).ok()?)?;
            let name = self.names.name_from(&outcome.input, &facts).ok()?;
            let mut files = Vec::new();
            for (w, fp) in self.writers.iter().zip(&fps) {
                let file = format!("{name}.{}", w.extension());
                let record = state.current(&file, fp)?;
                files.push((self.out.join(&file), record.clone()));
            }
            Some(files)
        });
        match listed {
            Some(files) => {
                for (path, record) in files {
                    outcome.pages = record.pages;
                    outcome.outputs.push(OutputFile {
                        path,
                        bytes: record.bytes,
                        sha256: record.sha256,
                    });
                }
                outcome
            }
            // Changed since the scan: render it after all.
            None => self.render(outcome.input, key, run),
        }
    }

    /// Reads, renders and writes one case.
    pub(super) fn render(&self, input: PathBuf, key: u32, run: &[u8; 32]) -> CaseOutcome {
        match self.try_render(&input, key, run) {
            Ok(outcome) => outcome,
            Err(problems) => CaseOutcome::failed(input, problems),
        }
    }

    fn try_render(
        &self,
        input: &Path,
        key: u32,
        run: &[u8; 32],
    ) -> Result<CaseOutcome, Diagnostics> {
        let bytes = time(Stage::Read, || read_case(input))?;
        let fingerprints = self.fingerprints(run, &bytes);
        let (case, warnings) = time(Stage::Parse, || {
            case_from_bytes(input, bytes)
                .and_then(|case| crate::check::vet_for_render(case, self.speller))
        })?;
        let name = self.names.name(&case)?;
        // The scan saw another name (or none): the file changed since, and the check
        // for shared names did not see this one.
        if name_key(&name) != key {
            return Err(Diagnostic::error(
                "batch.changed",
                format!("case file `{}` changed during the run", input.display()),
            )
            .hint("render it again")
            .into());
        }
        let (files, pages) = render_case_with(self.renderer, &case, self.writers, self.measuring)?;
        let mut outputs = Vec::with_capacity(files.len());
        let mut records = Vec::with_capacity(files.len());
        for ((ext, bytes), fingerprint) in files.into_iter().zip(fingerprints) {
            let file = format!("{name}.{ext}");
            let path = self.out.join(&file);
            let sha256 = time(Stage::Write, || {
                write_atomically(&path, &bytes).map(|()| state::hex(&Sha256::digest(&bytes)))
            })?;
            records.push(state::Record {
                output: file,
                fingerprint,
                sha256: sha256.clone(),
                bytes: bytes.len() as u64,
                pages,
            });
            outputs.push(OutputFile {
                path,
                bytes: bytes.len() as u64,
                sha256,
            });
        }
        Ok(CaseOutcome {
            input: input.to_path_buf(),
            status: CaseStatus::Rendered,
            outputs,
            pages,
            problems: warnings,
            journal: records,
        })
    }
}

fn read_case(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            "case.read",
            format!("failed to read case file `{}`", path.display()),
        )
        .cause(e.to_string())
    })
}
