//! Page furniture from templates: the letterhead (page 1), the running header (pages 2 and
//! on) and the footer (every page), each rendered for one page of a laid-out letter, once
//! its page count is known.
//!
//! A furniture template sees the case's number, dates and priority, `page` and `pages`,
//! and the settings; the built-in running header and footer print the settings
//! `running_header` and `footer`, whose `{page}`, `{pages}` and `{case_number}` are filled
//! in here (so the settings of earlier versions keep working). A furniture template may
//! render nothing: that page has none.

use serde::Serialize;
use tera::Context;

use super::context::DatesContext;
use super::section::find_section;
use super::{Settings, TemplateSet};
use crate::case::CaseFile;
use crate::diagnostic::Diagnostic;

/// The placeholders the settings `running_header` and `footer` may use.
pub const PLACEHOLDERS: [&str; 3] = ["page", "pages", "case_number"];

/// What a furniture template sees of a case and a page.
#[derive(Debug, Serialize)]
struct FurnitureContext<'a> {
    case_number: &'a str,
    priority: &'static str,
    dates: DatesContext,
    /// This page's number (1-based) and the letter's page count.
    page: usize,
    pages: usize,
    /// The settings `running_header` and `footer`, filled in for this page.
    running_header: String,
    footer: String,
}

impl TemplateSet {
    /// The markup of furniture template `file` for page `page` of `pages` of a case's
    /// letter. `settings` are the case's own, when it has any.
    pub fn render_furniture(
        &self,
        file: &'static str,
        case: &CaseFile,
        settings: Option<&Settings>,
        page: usize,
        pages: usize,
    ) -> Result<String, Diagnostic> {
        let case_number = case.case_number();
        let fill = |key: &str| fill_placeholders(self.settings.text(key), page, pages, case_number);
        let furniture = FurnitureContext {
            case_number,
            priority: case.case.priority.as_str(),
            dates: DatesContext::new(&case.case),
            page,
            pages,
            running_header: fill("running_header"),
            footer: fill("footer"),
        };
        let mut context = Context::from_serialize(&furniture).map_err(|e| {
            Diagnostic::error("template.context", "failed to build the template context")
                .cause(e.to_string())
        })?;
        if let Some(own) = settings {
            context.insert("settings", own.as_map());
        }
        let section = find_section(file).expect("a furniture template");
        self.render_section(section, case, &context)
            .map_err(|d| d.cause(format!("for page {page} of {pages}")))
    }
}

/// A `running_header` or `footer` pattern with its placeholders filled in.
pub fn fill_placeholders(pattern: &str, page: usize, pages: usize, case_number: &str) -> String {
    if !pattern.contains('{') {
        return pattern.to_string();
    }
    pattern
        .replace("{page}", &page.to_string())
        .replace("{pages}", &pages.to_string())
        .replace("{case_number}", case_number)
}

/// Every `{name}` in a `running_header` or `footer` setting must be a known placeholder.
pub fn check_placeholders(key: &str, pattern: &str) -> Result<(), Diagnostic> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name {
            Some(name) if PLACEHOLDERS.contains(&name) => {
                rest = &after[name.len() + 1..];
            }
            _ => {
                return Err(Diagnostic::error(
                    "settings.value",
                    format!("bad value for setting `{key}`: `{pattern}`"),
                )
                .label(format!(
                    "`{{{}}}` is not a placeholder",
                    name.unwrap_or(after)
                ))
                .hint("the placeholders are {page}, {pages} and {case_number}"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder_and_refuses_unknown_ones() {
        assert_eq!(
            fill_placeholders("{case_number}: page {page} of {pages}", 2, 5, "CM1"),
            "CM1: page 2 of 5"
        );
        assert!(check_placeholders("footer", "Page {page} of {pages}").is_ok());
        let e = check_placeholders("footer", "Page {pgae}").unwrap_err();
        assert!(
            e.render().contains("`{pgae}` is not a placeholder"),
            "{}",
            e.render()
        );
    }
}
