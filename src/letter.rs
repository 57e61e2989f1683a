//! One case through the whole pipeline: templates → markup → document → pages.
//!
//! [`Renderer`] holds what a run prepares once (compiled templates, parsed fonts,
//! geometry) and is shared by every case; [`Renderer::lay_out`] is the per-case work.

use crate::case::CaseFile;
use crate::case::fields::printed_fields;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::{LetterInfo, Stamp};
use crate::layout::{Family, Layout, Measuring, Pages};
use crate::markup::Style;
use crate::markup::{Document, parse_section};
use crate::profile::{Stage, time};
use crate::template::TemplateSet;

/// Everything a run needs to turn cases into laid-out letters.
pub struct Renderer {
    pub templates: TemplateSet,
    pub layout: Layout,
    /// `SOURCE_DATE_EPOCH`, read once: when set, every PDF's date.
    pub source_date: Option<Stamp>,
}

impl Renderer {
    pub fn new(templates: TemplateSet) -> Result<Renderer, Diagnostics> {
        let layout = Layout::new(&templates.settings)?;
        let source_date = Stamp::from_environment()?;
        Ok(Renderer {
            templates,
            layout,
            source_date,
        })
    }

    /// The document model of a case's letter.
    pub fn document(&self, case: &CaseFile) -> Result<Document, Diagnostics> {
        let sections = time(Stage::Templates, || self.templates.render_letter(case))?;
        time(Stage::Markup, || self.parse_sections(case, sections))
    }

    fn parse_sections(
        &self,
        case: &CaseFile,
        sections: Vec<crate::template::RenderedSection>,
    ) -> Result<Document, Diagnostics> {
        let mut doc = Document::default();
        for s in sections {
            let blocks = parse_section(s.section.file, &s.markup).map_err(|d| {
                let (origin, _) = self
                    .templates
                    .source_of(s.section.file)
                    .expect("every section has a source");
                let file = match origin {
                    crate::template::Origin::File(p) => p.display().to_string(),
                    crate::template::Origin::Builtin => format!("built-in {}", s.section.file),
                };
                d.cause(format!(
                    "in the output of template {file} for case `{}`",
                    case.path.display()
                ))
            })?;
            doc.blocks.extend(blocks);
        }
        Ok(doc)
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

    /// A case's letter, laid out. Measured with the fonts, every character of the case's
    /// text must be one the fonts can draw.
    pub fn lay_out(&self, case: &CaseFile, measuring: Measuring) -> Result<Pages, Diagnostics> {
        if measuring == Measuring::Fonts {
            self.check_glyphs(case)?;
        }
        let doc = self.document(case)?;
        Ok(time(Stage::Layout, || {
            self.layout.lay_out(&doc, measuring, case.case_number())
        }))
    }
}

impl Renderer {
    /// Every character of the case's printed text that a face it may be set in lacks
    /// (the regular and bold faces of the body, or of the table for the header's fields):
    /// an error naming the field and the character, pointing at it in the file.
    pub fn check_glyphs(&self, file: &CaseFile) -> Result<(), Diagnostics> {
        let mut problems = Diagnostics::default();
        for field in printed_fields(&file.case) {
            let family = if field.in_table {
                Family::Table
            } else {
                Family::Body
            };
            let mut reported = Vec::new();
            for c in field.text.chars().filter(|c| !c.is_control()) {
                if reported.contains(&c) {
                    continue;
                }
                let Some(font) = [Style::Regular, Style::Bold]
                    .into_iter()
                    .map(|style| self.layout.fonts.face(family, style))
                    .find(|f| !f.has(c))
                else {
                    continue;
                };
                reported.push(c);
                let d = Diagnostic::error(
                    "font.glyph",
                    format!(
                        "`{}` uses {c:?} (U+{:04X}), which font {} cannot draw",
                        field.path,
                        u32::from(c),
                        font.name
                    ),
                )
                .hint("write the character another way, or name a font that has it in the settings (body_font, table_font, ...)");
                problems.push(match &field.span {
                    Some(span) => {
                        let at = file.source[span.clone()].find(c).map_or(span.clone(), |i| {
                            span.start + i..span.start + i + c.len_utf8()
                        });
                        d.at_span(&file.path, &file.source, at)
                            .label("the font has no glyph for this character")
                    }
                    None => d.cause(format!("in case file {}", file.path.display())),
                });
            }
        }
        if problems.0.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
