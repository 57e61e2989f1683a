//! A letter's page furniture: its letterhead, running header and footer templates
//! rendered, parsed and laid out.
//!
//! The vet step renders each once (the letterhead and the footer for page 1 of 1, the
//! running header for page 2 of 2) and checks what it prints: markup that furniture can
//! hold, glyphs, the logo only in the letterhead and only when a `logo` is set, lines that
//! fit in their margin, a letterhead that leaves room for the letter. Laying a letter out
//! renders them for every page once the page count is known: the letterhead first with a
//! guess, again if the count proves different and it prints the count.

use super::{Renderer, Vetted};
use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::decorate::{footer_lines, margin_overflow, running_header_lines};
use crate::layout::{Measuring, PageFurniture, PageSetup, Pages};
use crate::markup::{FurnitureBlock, parse_furniture};
use crate::template::Settings;
use crate::template::section::{FOOTER, LETTERHEAD, RUNNING_HEADER};

/// How many times a letter is laid out again when its letterhead prints the page count
/// and the count changes it.
const LETTERHEAD_ROUNDS: usize = 3;

impl Renderer {
    /// The blocks of furniture template `file` for page `page` of `pages`.
    pub(crate) fn furniture(
        &self,
        file: &'static str,
        case: &CaseFile,
        settings: Option<&Settings>,
        page: usize,
        pages: usize,
    ) -> Result<Vec<FurnitureBlock>, Diagnostic> {
        let markup = self
            .templates
            .render_furniture(file, case, settings, page, pages)?;
        if markup.trim().is_empty() {
            return Ok(Vec::new());
        }
        parse_furniture(file, &markup).map_err(|d| {
            d.cause(format!(
                "in the output of template {} for case `{}`",
                self.templates.display_name(file),
                case.path.display()
            ))
        })
    }

    /// Vets the furniture of a case's letter; returns every block it printed, for the
    /// glyph check of the letter as a whole.
    pub(super) fn vet_furniture(
        &self,
        case: &CaseFile,
        settings: Option<&Settings>,
        page: &PageSetup,
        problems: &mut Diagnostics,
    ) -> Vec<FurnitureBlock> {
        let g = &page.geometry;
        let mut printed = Vec::new();
        for (file, page_no, pages) in [(LETTERHEAD, 1, 1), (RUNNING_HEADER, 2, 2), (FOOTER, 1, 1)] {
            let blocks = match self.furniture(file, case, settings, page_no, pages) {
                Ok(blocks) => blocks,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            let refuse = |why: String| {
                self.templates.whole_file_error(
                    file,
                    Diagnostic::error(
                        "template.furniture",
                        format!("template `{file}` cannot be drawn: {why}"),
                    ),
                )
            };
            let logo = blocks
                .iter()
                .any(|b| matches!(b, FurnitureBlock::Logo { .. }));
            let body = self.layout.body_measure(g);
            let problem = match file {
                LETTERHEAD if logo && self.layout.decorations.logo.is_none() => Some(
                    refuse("it draws the logo, but the setting `logo` names no image".into()).hint(
                        "name a PNG or JPEG file in the setting `logo`, or take `![...](logo)` out",
                    ),
                ),
                LETTERHEAD => {
                    let head = self.layout.letterhead(&blocks, page);
                    (head.body_top > g.page_height / 2.0).then(|| {
                        refuse(format!(
                            "it reaches {:.0} pt down page 1, past the middle of the page",
                            head.body_top
                        ))
                        .hint("shorten it, or make the logo smaller (setting `logo_height`)")
                    })
                }
                _ if logo => Some(refuse(
                    "the logo belongs to the letterhead (letterhead.md)".into(),
                )),
                RUNNING_HEADER => {
                    margin_overflow(&running_header_lines(&blocks, g, &body), g, true).map(|why| {
                        refuse(why).hint(
                            "shorten it, or give it a larger top margin (setting `margin_top`)",
                        )
                    })
                }
                _ => margin_overflow(&footer_lines(&blocks, g, &body), g, false).map(|why| {
                    refuse(why).hint(
                        "shorten it, or give it a larger bottom margin (setting `margin_bottom`)",
                    )
                }),
            };
            if let Some(d) = problem {
                problems.push(d.cause(format!("for case `{}`", case.path.display())));
            }
            printed.extend(blocks);
        }
        printed
    }

    /// A vetted letter laid out one way: on pages, with its furniture rendered for every
    /// page; in columns, the letter alone.
    pub fn lay_out(
        &self,
        case: &CaseFile,
        vetted: &Vetted,
        measuring: Measuring,
    ) -> Result<Pages, Diagnostics> {
        let page = vetted.page.as_ref().unwrap_or(&self.layout.page);
        let settings = vetted.settings.as_ref();
        let doc = &vetted.document;
        if measuring != Measuring::Fonts {
            let none = crate::layout::Letterhead::none(&page.geometry);
            return Ok(self.layout.lay_out(doc, measuring, page, &none));
        }
        let mut count = 1;
        let mut blocks = self.furniture(LETTERHEAD, case, settings, 1, count)?;
        let mut head = self.layout.letterhead(&blocks, page);
        let mut pages = self.layout.lay_out(doc, measuring, page, &head);
        for _ in 0..LETTERHEAD_ROUNDS {
            if pages.pages.len() == count {
                break;
            }
            count = pages.pages.len();
            let again = self.furniture(LETTERHEAD, case, settings, 1, count)?;
            if again == blocks {
                break;
            }
            blocks = again;
            head = self.layout.letterhead(&blocks, page);
            pages = self.layout.lay_out(doc, measuring, page, &head);
        }
        let count = pages.pages.len();
        let mut furniture = Vec::with_capacity(count);
        for n in 1..=count {
            let running_header = if n > 1 {
                self.furniture(RUNNING_HEADER, case, settings, n, count)?
            } else {
                Vec::new()
            };
            furniture.push(PageFurniture {
                running_header,
                footer: self.furniture(FOOTER, case, settings, n, count)?,
            });
        }
        self.layout.furnish(&mut pages, page, &furniture, &head);
        Ok(pages)
    }
}
