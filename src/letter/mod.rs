//! One case through the whole pipeline: vet (the checks, the templates rendered, the markup
//! parsed) → layout → writers.
//!
//! [`Renderer`] holds what a run prepares once (compiled templates, parsed fonts,
//! geometry) and is shared by every case. [`Renderer::vet`] ([`vet`]) is everything that
//! can find a problem in a case before its letter is laid out: `check` runs it for every
//! case and writes nothing; `render` runs it, then [`Renderer::render`] lays the letter out
//! once for each layout its writers need and writes it. So a case that `check` passes is
//! one `render` writes, and a case `render` refuses is one `check` reported.

mod furniture;
pub mod vet;

use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::{LetterInfo, Stamp, Writers};
use crate::layout::{Layout, Measuring, Pages};
use crate::profile::{Stage, time};
use crate::template::TemplateSet;
pub use vet::{Checks, Vetted};

/// Everything a run needs to turn cases into laid-out letters.
pub struct Renderer {
    pub templates: TemplateSet,
    pub layout: Layout,
    /// `SOURCE_DATE_EPOCH`, read once by the command: when set, every PDF's date.
    pub source_date: Option<Stamp>,
}

/// A letter's output files: (extension, bytes) per writer, in the writers' order.
pub type Files = Vec<(&'static str, Vec<u8>)>;

/// A case rendered: its files, its page count (of the printed layout, when there is one),
/// the warnings its checks found and those its case file accepts.
#[derive(Debug)]
pub struct Rendered {
    pub files: Files,
    pub pages: usize,
    pub warnings: Diagnostics,
    pub accepted: Vec<Diagnostic>,
    /// A mailed render's copies, one per recipient (`files` is then empty).
    pub copies: Vec<RenderedCopy>,
}

/// One mailed copy: its files, written as `<name>-<role>.<ext>`, and its page count.
#[derive(Debug)]
pub struct RenderedCopy {
    pub role: crate::mailed::Role,
    pub files: Files,
    pub pages: usize,
}

impl Renderer {
    pub fn new(
        templates: TemplateSet,
        source_date: Option<Stamp>,
    ) -> Result<Renderer, Diagnostics> {
        let layout = Layout::new(&templates.settings)?;
        Ok(Renderer {
            templates,
            layout,
            source_date,
        })
    }

    /// What the writers are told of a case's letter besides its pages.
    pub fn letter_info<'a>(&self, case: &'a CaseFile) -> LetterInfo<'a> {
        LetterInfo {
            case_number: case.case_number(),
            stamp: self
                .source_date
                .unwrap_or_else(|| Stamp::at_midnight(*case.case.dates.decision.get_ref())),
        }
    }

    /// A case's letter vetted with the built-in dictionaries and laid out one way: for
    /// previews and tests, where no writer is involved.
    pub fn pages(&self, case: &CaseFile, measuring: Measuring) -> Result<Pages, Diagnostics> {
        let checks = Checks {
            speller: crate::check::Speller::builtin(),
            deny_warnings: false,
            mailing: None,
        };
        let vetted = self.vet(case, &checks)?;
        time(Stage::Layout, || self.lay_out(case, &vetted, measuring))
    }

    /// Vets a case, then lays its letter out (once per layout the writers need) and writes
    /// it with every writer. Whatever fails, the case's warnings come back with the errors.
    pub fn render(
        &self,
        case: &CaseFile,
        writers: &Writers,
        checks: &Checks<'_>,
    ) -> Result<Rendered, Diagnostics> {
        let vetted = self.vet(case, checks)?;
        if checks.mailing.is_some() {
            return self.render_copies(case, writers, vetted);
        }
        let info = self.letter_info(case);
        let mut laid_out: Vec<(Measuring, Pages)> = Vec::with_capacity(1);
        let mut files = Vec::with_capacity(writers.len());
        for w in writers {
            let measuring = w.measuring();
            let at = match laid_out.iter().position(|(m, _)| *m == measuring) {
                Some(at) => at,
                None => {
                    let pages = time(Stage::Layout, || self.lay_out(case, &vetted, measuring))
                        .map_err(|found| with_all_warnings(&vetted.warnings, found))?;
                    laid_out.push((measuring, pages));
                    laid_out.len() - 1
                }
            };
            match w.write(&laid_out[at].1, &info) {
                Ok(bytes) => files.push((w.extension(), bytes)),
                Err(d) => return Err(with_warnings(vetted.warnings, writing(d, case))),
            }
        }
        let pages = laid_out
            .iter()
            .find(|(m, _)| *m == Measuring::Fonts)
            .or(laid_out.first())
            .map_or(0, |(_, p)| p.pages.len());
        Ok(Rendered {
            files,
            pages,
            warnings: vetted.warnings,
            accepted: vetted.accepted,
            copies: Vec::new(),
        })
    }
}

fn writing(d: Diagnostic, case: &CaseFile) -> Diagnostic {
    d.cause(format!("writing case `{}`", case.path.display()))
}

/// A case's warnings, followed by the errors that stopped it.
fn with_all_warnings(warnings: &Diagnostics, errors: Diagnostics) -> Diagnostics {
    let mut all = warnings.clone();
    all.0.extend(errors.0);
    all
}

/// A case's warnings, followed by the error that stopped it.
fn with_warnings(mut warnings: Diagnostics, error: Diagnostic) -> Diagnostics {
    warnings.push(error);
    warnings
}
