//! A mailed render of one case: its vetted copies laid out and written by every writer,
//! each copy its own files (`<name>-<role>.<ext>`), its own page numbers and its own PDF
//! title (the case number and the role: no one's name).

use crate::case::CaseFile;
use crate::diagnostic::Diagnostics;
use crate::export::{LetterInfo, Writers};
use crate::layout::Measuring;
use crate::letter::{Rendered, RenderedCopy, Renderer, Vetted};

impl Renderer {
    /// Lays out and writes every copy of a vetted case.
    pub(crate) fn render_copies(
        &self,
        case: &CaseFile,
        writers: &Writers,
        vetted: Vetted,
    ) -> Result<Rendered, Diagnostics> {
        let page = vetted.page.as_ref().unwrap_or(&self.layout.page);
        let mut copies = Vec::with_capacity(vetted.copies.len());
        let fail = |mut found: Diagnostics| {
            let mut all = vetted.warnings.clone();
            all.0.append(&mut found.0);
            all
        };
        for copy in &vetted.copies {
            let pages = self
                .lay_out_copy(case, vetted.settings.as_ref(), copy, page)
                .map_err(|found| {
                    fail(found.context(&format!("in the copy for the {}", copy.role.key())))
                })?;
            let title = format!("{} {}", case.case_number(), copy.role.key());
            let info = LetterInfo {
                case_number: &title,
                ..self.letter_info(case)
            };
            let mut files = Vec::with_capacity(writers.len());
            for w in writers {
                if w.measuring() != Measuring::Fonts {
                    return Err(fail(
                        crate::diagnostic::Diagnostic::error(
                            "usage",
                            "the mailed edition is written page for page: --wrap is for the public letter",
                        )
                        .into(),
                    ));
                }
                let bytes = w.write(&pages, &info).map_err(|d| fail(d.into()))?;
                files.push((w.extension(), bytes));
            }
            copies.push(RenderedCopy {
                role: copy.role,
                files,
                pages: pages.pages.len(),
            });
        }
        Ok(Rendered {
            files: Vec::new(),
            pages: copies.iter().map(|c| c.pages).sum(),
            warnings: vetted.warnings,
            accepted: vetted.accepted,
            copies,
        })
    }
}
