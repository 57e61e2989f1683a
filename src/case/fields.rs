//! The case's printed text, field by field: every string a letter can print, named by its
//! path in the case file (`items[2].rationale`) and with its span where the file has one.
//! Checks that look at what a letter prints (the fonts' coverage) walk this list.

use std::ops::Range;

use super::{Case, GuidelineBasis};

/// One printed text field.
#[derive(Debug, Clone, PartialEq)]
pub struct TextField<'a> {
    /// Its path in the case file, e.g. `items[2].claims_administrator.non_mtus`.
    pub path: String,
    pub text: &'a str,
    /// Where its value sits in the file, when known.
    pub span: Option<Range<usize>>,
    /// Printed in the header table (its font) rather than the body.
    pub in_table: bool,
}

/// Every printed text field of a case, in file order.
pub fn printed_fields(case: &Case) -> Vec<TextField<'_>> {
    let mut out = Vec::new();
    let mut push = |path: String, text, span, in_table| {
        out.push(TextField {
            path,
            text,
            span,
            in_table,
        });
    };
    push(
        "case_number".into(),
        case.case_number.get_ref(),
        Some(case.case_number.span()),
        true,
    );
    for (key, list) in [
        ("licensure", &case.reviewer.licensure),
        ("specialties", &case.reviewer.specialties),
    ] {
        for (i, s) in list.get_ref().iter().enumerate() {
            push(format!("reviewer.{key}[{i}]"), s, Some(list.span()), false);
        }
    }
    push(
        "summary.text".into(),
        case.summary.text.get_ref(),
        Some(case.summary.text.span()),
        false,
    );
    for (n, item) in case.items.get_ref().iter().enumerate() {
        let at = format!("items[{}]", n + 1);
        push(
            format!("{at}.request"),
            item.request.get_ref(),
            Some(item.request.span()),
            false,
        );
        push(
            format!("{at}.rationale"),
            item.rationale.get_ref(),
            Some(item.rationale.span()),
            false,
        );
        if let Some(h) = &item.heading {
            push(format!("{at}.heading"), h.get_ref(), Some(h.span()), false);
        }
        if let Some(m) = &item.modified {
            push(format!("{at}.modified.original"), &m.original, None, false);
            push(
                format!("{at}.modified.authorized"),
                &m.authorized,
                None,
                false,
            );
        }
        for (who, basis) in [
            ("claims_administrator", &item.claims_administrator),
            ("expert_reviewer", &item.expert_reviewer),
        ] {
            if let Some(b) = basis {
                basis_fields(&format!("{at}.{who}"), b, &mut push);
            }
        }
    }
    out
}

fn basis_fields<'a>(
    at: &str,
    basis: &'a GuidelineBasis,
    push: &mut impl FnMut(String, &'a str, Option<Range<usize>>, bool),
) {
    for (i, part) in basis.mtus.iter().enumerate() {
        push(
            format!("{at}.mtus[{i}].guideline"),
            &part.guideline,
            None,
            false,
        );
        for (j, s) in part.sections.iter().enumerate() {
            push(format!("{at}.mtus[{i}].sections[{j}]"), s, None, false);
        }
    }
    if let Some(s) = &basis.non_mtus {
        push(format!("{at}.non_mtus"), s, None, false);
    }
    if let Some(s) = &basis.text {
        push(format!("{at}.text"), s, None, false);
    }
}
