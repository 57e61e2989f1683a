//! One case through the whole pipeline: templates → markup → document → pages.
//!
//! [`Renderer`] holds what a run prepares once (compiled templates, parsed fonts,
//! geometry) and is shared by every case; [`Renderer::lay_out`] is the per-case work.

use crate::case::CaseFile;
use crate::diagnostic::Diagnostics;
use crate::layout::{Layout, Measuring, Pages};
use crate::markup::{Document, parse_section};
use crate::profile::{Stage, time};
use crate::template::TemplateSet;

/// Everything a run needs to turn cases into laid-out letters.
pub struct Renderer {
    pub templates: TemplateSet,
    pub layout: Layout,
}

impl Renderer {
    pub fn new(templates: TemplateSet) -> Result<Renderer, Diagnostics> {
        let layout = Layout::new(&templates.settings)?;
        Ok(Renderer { templates, layout })
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

    /// A case's letter, laid out.
    pub fn lay_out(&self, case: &CaseFile, measuring: Measuring) -> Result<Pages, Diagnostics> {
        let doc = self.document(case)?;
        Ok(time(Stage::Layout, || self.layout.lay_out(&doc, measuring)))
    }
}
