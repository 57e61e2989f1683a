//! The case format's rules that serde cannot express. Breaking one is an error: the
//! letter would be wrong, so nothing is rendered.
//!
//! - the case number is usable as a file name (letters, digits, `.`, `_`, `-`);
//! - the dates fall in order: injury ≤ UR denial ≤ application received ≤ assigned ≤
//!   decision (so no structured date lies after the decision date);
//! - lists the format says hold one or more entries do, and no required text is empty
//!   (every item has a rationale).

use std::ops::Range;

use super::load::CaseFile;
use super::{Spanned, text};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Every rule the file breaks, in file order.
pub fn validate_case(file: &CaseFile) -> Diagnostics {
    let mut out = Diagnostics::default();
    let case = &file.case;
    let error = |code: &'static str, message: String, span: Range<usize>| {
        Diagnostic::error(code, message).at_span(&file.path, &file.source, span)
    };

    let number = case.case_number.get_ref();
    if number.is_empty()
        || number.starts_with('.')
        || !number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        out.push(
            error(
                "case.case-number",
                format!("case number `{number}` cannot name an output file"),
                case.case_number.span(),
            )
            .field("case_number")
            .label("expected letters, digits, `.`, `_` or `-`, not starting with `.`")
            .hint("real IMR case numbers look like \"CM16-0247624\""),
        );
    }

    let dates = case.dates.in_required_order();
    for pair in dates.windows(2) {
        let ((earlier_key, earlier), (later_key, later)) = (pair[0], pair[1]);
        if later.get_ref() < earlier.get_ref() {
            out.push(
                error(
                    "case.date-order",
                    format!(
                        "dates out of order: {later_key} ({}) is before {earlier_key} ({})",
                        later.get_ref(),
                        earlier.get_ref()
                    ),
                    later.span(),
                )
                .field(format!("dates.{later_key}"))
                .label(format!("expected a date on or after {earlier_key}, {}", earlier.get_ref()))
                .hint("the dates fall in order: injury ≤ ur_denial ≤ application_received ≤ assigned ≤ decision"),
            );
        }
    }

    non_empty_list(
        &mut out,
        file,
        "reviewer.licensure",
        &case.reviewer.licensure,
        "a state of licensure",
    );
    non_empty_list(
        &mut out,
        file,
        "reviewer.specialties",
        &case.reviewer.specialties,
        "a specialty",
    );
    non_empty_text(
        &mut out,
        file,
        "summary.text",
        &case.summary.text,
        "the clinical case summary",
    );

    if case.items.get_ref().is_empty() {
        out.push(
            error(
                "case.empty",
                "the case has no items".into(),
                case.items.span(),
            )
            .label("expected one or more [[items]] tables"),
        );
    }
    for (i, item) in case.items.get_ref().iter().enumerate() {
        let n = i + 1;
        non_empty_text(
            &mut out,
            file,
            &format!("items[{n}].request"),
            &item.request,
            "the disputed item",
        );
        non_empty_text(
            &mut out,
            file,
            &format!("items[{n}].rationale"),
            &item.rationale,
            "a decision rationale",
        );
        if let Some(heading) = &item.heading {
            non_empty_text(
                &mut out,
                file,
                &format!("items[{n}].heading"),
                heading,
                "the item line",
            );
        }
        if text::has_blank_line(item.request.get_ref()) {
            out.push(
                error(
                    "case.one-line",
                    format!("items[{n}].request holds more than one paragraph"),
                    item.request.span(),
                )
                .field(format!("items[{n}].request"))
                .label("expected one line of text"),
            );
        }
    }
    out
}

fn non_empty_list(
    out: &mut Diagnostics,
    file: &CaseFile,
    key: &str,
    list: &Spanned<Vec<String>>,
    what: &str,
) {
    let empty_entry = list.get_ref().iter().any(|s| s.trim().is_empty());
    if list.get_ref().is_empty() || empty_entry {
        let message = if empty_entry {
            format!("{key} has an empty entry")
        } else {
            format!("{key} is empty")
        };
        out.push(
            Diagnostic::error("case.empty", message)
                .at_span(&file.path, &file.source, list.span())
                .field(key)
                .label(format!("expected one or more entries, each {what}")),
        );
    }
}

fn non_empty_text(
    out: &mut Diagnostics,
    file: &CaseFile,
    key: &str,
    value: &Spanned<String>,
    what: &str,
) {
    if value.get_ref().trim().is_empty() {
        out.push(
            Diagnostic::error("case.empty", format!("{key} is empty"))
                .at_span(&file.path, &file.source, value.span())
                .field(key)
                .label(format!("expected {what}")),
        );
    }
}
