//! One mailed copy, from templates to pages. A copy is four parts: the letterhead
//! (`mailed-letterhead.md`, laid out as page furniture is), the recipient's address block
//! (`mailed-address.md`) placed in the #10 window ([`super::window`]), the notice
//! (`mailed-notice.md`, or its Spanish form) below the window, and the rest, starting a new
//! page: the public letter's own document (the same sections, laid out by the same code),
//! DOCUMENTS REVIEWED when the case lists them, the appeal rights (a page of their own),
//! the cc list, the proof of service by mail (a page of its own). The run's running header
//! and footer furnish every page, numbered per copy.

use tera::Context;

use super::context::MailingContext;
use super::window;
use super::{Recipient, Role};
use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::{Letterhead, Measuring, PageFurniture, PageSetup, Pages};
use crate::letter::Renderer;
use crate::markup::{Document, FurnitureBlock, parse_furniture, parse_section};
use crate::template::Settings;
use crate::template::section::{
    FOOTER, MAILED_ADDRESS, MAILED_CC, MAILED_DOCUMENTS, MAILED_LETTERHEAD, MAILED_PROOF,
    RUNNING_HEADER, mailed_page,
};

/// The sections of a copy that start a page of their own, besides the determination.
const OWN_PAGE: [&str; 2] = ["mailed-appeal-rights", "mailed-proof-of-service"];

/// One copy's parts, rendered and parsed, ready to lay out.
#[derive(Debug, Clone)]
pub struct CopyDocuments {
    pub role: Role,
    pub letterhead: Vec<FurnitureBlock>,
    pub address: Document,
    pub notice: Document,
    /// The determination and everything after it.
    pub rest: Document,
}

/// Appends a section's blocks to a document under its name.
fn push_section(doc: &mut Document, file: &str, blocks: Vec<crate::markup::Block>) {
    doc.sections
        .push((file.trim_end_matches(".md").to_string(), doc.blocks.len()));
    doc.blocks.extend(blocks);
}

impl Renderer {
    /// Renders and parses every copy of a case: one per recipient.
    pub fn mailed_documents(
        &self,
        file: &CaseFile,
        settings: Option<&Settings>,
        letter: &Document,
        recipients: &[Recipient],
    ) -> Result<Vec<CopyDocuments>, Diagnostics> {
        let base = self
            .templates
            .case_context(file, settings)
            .map_err(Diagnostics::from)?;
        let mut out = Vec::with_capacity(recipients.len());
        let mut problems = Diagnostics::default();
        for (i, r) in recipients.iter().enumerate() {
            let mut context = base.clone();
            context.insert("mailing", &MailingContext::new(file, recipients, i));
            match self.copy_documents(file, &context, letter, r) {
                Ok(copy) => out.push(copy),
                Err(d) => problems.push(d.cause(format!("in the copy for the {}", r.role.key()))),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    fn copy_documents(
        &self,
        file: &CaseFile,
        context: &Context,
        letter: &Document,
        r: &Recipient,
    ) -> Result<CopyDocuments, Diagnostic> {
        let render = |name: &'static str| -> Result<String, Diagnostic> {
            self.templates.render_named(name, file, context)
        };
        let parse = |name: &'static str| -> Result<Vec<crate::markup::Block>, Diagnostic> {
            parse_section(name, &render(name)?).map_err(|d| {
                d.cause(format!(
                    "in the output of template {} for case `{}`",
                    self.templates.display_name(name),
                    file.path.display()
                ))
            })
        };
        let letterhead = parse_furniture(MAILED_LETTERHEAD, &render(MAILED_LETTERHEAD)?)?;
        let mut address = Document::default();
        push_section(&mut address, MAILED_ADDRESS, parse(MAILED_ADDRESS)?);
        let mut notice = Document::default();
        let notice_file = mailed_page("notice", r.language);
        push_section(&mut notice, notice_file, parse(notice_file)?);
        let mut rest = letter.clone();
        if !file.case.documents_reviewed.is_empty() {
            push_section(&mut rest, MAILED_DOCUMENTS, parse(MAILED_DOCUMENTS)?);
        }
        let rights = mailed_page("appeal-rights", r.language);
        let mut blocks = parse(rights)?;
        blocks.extend(parse(MAILED_CC)?);
        push_section(&mut rest, "mailed-appeal-rights", blocks);
        push_section(&mut rest, MAILED_PROOF, parse(MAILED_PROOF)?);
        Ok(CopyDocuments {
            role: r.role,
            letterhead,
            address,
            notice,
            rest,
        })
    }

    /// Lays a copy out on pages (its own page numbers), with the run's furniture.
    pub fn lay_out_copy(
        &self,
        file: &CaseFile,
        settings: Option<&Settings>,
        copy: &CopyDocuments,
        page: &PageSetup,
    ) -> Result<Pages, Diagnostics> {
        let g = &page.geometry;
        let pitch = g.rhythm.pitch;
        let head = self.layout.letterhead(&copy.letterhead, page);
        let head_bottom = head.body_top - pitch;
        if head_bottom > window::TOP {
            return Err(window::letterhead_too_tall(head_bottom).into());
        }
        let address = self.layout.lay_out(
            &copy.address,
            Measuring::Fonts,
            page,
            &Letterhead {
                body_top: window::ADDRESS_TOP,
                ..Letterhead::none(g)
            },
        );
        let address_items = address.pages.into_iter().next().unwrap_or_default().items;
        window::check_fits(&address_items, copy.role)?;
        let mut top = head;
        top.items.extend(address_items);
        top.body_top = window::BOTTOM + pitch;
        let mut pages = self
            .layout
            .lay_out(&copy.notice, Measuring::Fonts, page, &top);
        let mut rest_page = page.clone();
        rest_page
            .new_page_before
            .extend(OWN_PAGE.iter().map(|s| s.to_string()));
        let rest = self.layout.lay_out(
            &copy.rest,
            Measuring::Fonts,
            &rest_page,
            &Letterhead::none(g),
        );
        pages.pages.extend(rest.pages);
        let count = pages.pages.len();
        let mut furniture = Vec::with_capacity(count);
        for n in 1..=count {
            let running_header = if n > 1 {
                self.furniture(RUNNING_HEADER, file, settings, n, count)?
            } else {
                Vec::new()
            };
            furniture.push(PageFurniture {
                running_header,
                footer: self.furniture(FOOTER, file, settings, n, count)?,
            });
        }
        self.layout.furnish(&mut pages, page, &furniture, &top);
        Ok(pages)
    }
}
