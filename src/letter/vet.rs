//! The vet step: everything that can find a problem in a case before its letter is laid
//! out, run the same way by `check` (for every case, writing nothing) and by `render` (then
//! layout, export and write).
//!
//! In order: the format's rules and the case checks ([`crate::check::check_case`]), the
//! glyphs of the case's printed text, the letter sections rendered from the templates,
//! their markup parsed, its page furniture rendered and checked ([`super::furniture`]),
//! then the checks of the letter as a whole ([`crate::check::letter`]:
//! a section that renders nothing, the header table against the column widths, the glyphs
//! of the templates' own wording). The warnings a reviewer accepted in the case file are
//! set aside ([`crate::check::accept`]). A mailed run also reads the recipients and their
//! last days to appeal ([`crate::mailed::recipients`]). Any error refuses the case with every problem
//! found; so do warnings under `--deny-warnings`.

use std::borrow::Cow;

use super::Renderer;
use crate::case::CaseFile;
use crate::check::{Speller, accept, check_case, glyphs, letter, sort_by_position};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::PageSetup;
use crate::markup::{Document, parse_section};
use crate::profile::{Stage, time};
use crate::template::{RenderedSection, Settings};

/// What a run's checks are given besides the case.
#[derive(Clone, Copy)]
pub struct Checks<'a> {
    /// The dictionaries of the spelling check, with the run's word lists.
    pub speller: &'a Speller,
    /// Refuse a case that has warnings (`--deny-warnings`).
    pub deny_warnings: bool,
    /// A mailed run's calendar and place of mailing (`None`: the public edition): the
    /// case must then name recipients that can be mailed to, each with a last day.
    pub mailing: Option<&'a crate::mailed::Mailing>,
}

/// A case that passed: its letter's document, its warnings, and the warnings the case
/// file accepts (reported, not printed).
#[derive(Debug)]
pub struct Vetted {
    pub document: Document,
    /// The case's own page setup, when its `[settings]` change it (`None`: the run's).
    pub page: Option<PageSetup>,
    /// The case's own settings, when its `[settings]` set any (`None`: the run's).
    pub settings: Option<Settings>,
    pub warnings: Diagnostics,
    /// The warnings the case file accepts, each with its reason as a cause.
    pub accepted: Vec<Diagnostic>,
    /// The mailed copies' recipients with their last days (empty in the public edition).
    pub recipients: Vec<crate::mailed::Recipient>,
    /// Each recipient's copy, rendered and parsed (empty in the public edition).
    pub copies: Vec<crate::mailed::packet::CopyDocuments>,
}

impl Renderer {
    /// Every problem of a case, short of laying it out: `Ok` with its warnings, or `Err`
    /// with every problem found when there is an error (or a warning, under
    /// `--deny-warnings`).
    pub fn vet(&self, file: &CaseFile, checks: &Checks<'_>) -> Result<Vetted, Diagnostics> {
        let mut problems = time(Stage::Parse, || check_case(file, checks.speller));
        let recipients = match checks.mailing.map(|m| crate::mailed::recipients(file, m)) {
            Some(Ok(found)) => found,
            Some(Err(found)) => {
                problems.0.extend(found.0);
                Vec::new()
            }
            None => Vec::new(),
        };
        let fonts = &self.layout.fonts;
        let drawn = glyphs::check_fields(file, fonts, &mut problems);
        let own = match self.templates.settings.for_case(file) {
            Ok(Cow::Owned(own)) => Some(own),
            Ok(Cow::Borrowed(_)) => None,
            Err(found) => {
                problems.0.extend(found.0);
                None
            }
        };
        let page = own
            .as_ref()
            .and_then(|own| match PageSetup::from_settings(own) {
                Ok(page) => Some(page),
                Err(d) => {
                    problems.push(d.cause(format!(
                        "with the [settings] of case `{}`",
                        file.path.display()
                    )));
                    None
                }
            });
        let document = self.document(file, own.as_ref(), &mut problems);
        let furniture = self.vet_furniture(
            file,
            own.as_ref(),
            page.as_ref().unwrap_or(&self.layout.page),
            &mut problems,
        );
        if let Some(doc) = &document {
            letter::check(
                doc,
                &furniture,
                &self.layout,
                &self.templates,
                &drawn,
                &mut problems,
            );
        }
        let copies = match (&document, checks.mailing, recipients.is_empty()) {
            (Some(doc), Some(_), false) => {
                match self.mailed_documents(file, own.as_ref(), doc, &recipients) {
                    Ok(copies) => copies,
                    Err(found) => {
                        problems.0.extend(found.0);
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        };
        let accepted = accept::apply(file, &mut problems);
        sort_by_position(&mut problems);
        let warnings = problems.0.iter().filter(|d| !d.is_error()).count();
        if checks.deny_warnings && warnings > 0 && !problems.has_errors() {
            problems.push(
                Diagnostic::error(
                    "case.denied-warnings",
                    format!(
                        "`{}` has {warnings} warning{} and --deny-warnings refuses it",
                        file.path.display(),
                        if warnings == 1 { "" } else { "s" }
                    ),
                )
                .hint("correct the text, or accept a warning judged right in the case file's [[accept]] table"),
            );
        }
        match document {
            Some(document) if !problems.has_errors() => Ok(Vetted {
                document,
                page,
                settings: own,
                warnings: problems,
                accepted,
                recipients,
                copies,
            }),
            _ => Err(problems),
        }
    }

    /// The document model of a case's letter: its sections rendered and parsed. A section
    /// that fails adds its error and the others are still tried; `None` if any failed.
    fn document(
        &self,
        case: &CaseFile,
        settings: Option<&Settings>,
        problems: &mut Diagnostics,
    ) -> Option<Document> {
        let rendered = time(Stage::Templates, || {
            self.templates.render_letter(case, settings)
        });
        let sections = match rendered {
            Ok(sections) => sections,
            Err(found) => {
                problems.0.extend(found.0);
                return None;
            }
        };
        time(Stage::Markup, || {
            let mut doc = Document::default();
            let mut whole = true;
            for s in sections {
                match self.parse(case, &s) {
                    Ok(blocks) => {
                        let name = s.section.file.trim_end_matches(".md").to_string();
                        doc.sections.push((name, doc.blocks.len()));
                        doc.blocks.extend(blocks);
                    }
                    Err(d) => {
                        problems.push(d);
                        whole = false;
                    }
                }
            }
            whole.then_some(doc)
        })
    }

    /// One section's markup as blocks; a section must print something.
    fn parse(
        &self,
        case: &CaseFile,
        s: &RenderedSection,
    ) -> Result<Vec<crate::markup::Block>, Diagnostic> {
        let file = self.templates.display_name(s.section.file);
        let context = || {
            format!(
                "in the output of template {file} for case `{}`",
                case.path.display()
            )
        };
        let blocks = parse_section(s.section.file, &s.markup).map_err(|d| d.cause(context()))?;
        if blocks.is_empty() {
            return Err(self.templates.whole_file_error(
                s.section.file,
                Diagnostic::error(
                    "template.empty-section",
                    format!("section `{}` renders nothing", s.section.file),
                )
                .label("this template's output holds no text")
                .hint("every section of the letter must print something; delete the override to use the built-in")
                .cause(context()),
            ));
        }
        Ok(blocks)
    }
}
