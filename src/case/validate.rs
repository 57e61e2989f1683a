//! The case format's rules that serde cannot express. Breaking one is an error: the
//! letter would be wrong, so nothing is rendered.
//!
//! - the case number is usable as a file name (letters, digits, `.`, `_`, `-`);
//! - the dates fall in order: injury ≤ UR denial ≤ application received ≤ assigned ≤
//!   decision (so no structured date lies after the decision date), and the date of
//!   mailing, when given, is on or after the decision;
//! - lists the format says hold one or more entries do, and no printed text is empty once
//!   invisible characters are set aside (every item has a rationale; a guideline has a
//!   name; a modified request says what was asked and what was authorized);
//! - years print as four digits (the dates, the MTUS editions).
//!
//! And one warning: a request that differs from `modified.original` only in its spaces
//! (the item line then says a portion remains, which is almost never what was meant).

use std::ops::Range;

use super::load::CaseFile;
use super::text::is_blank_text;
use super::{Spanned, text};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Every rule the file breaks, in file order.
pub fn validate_case(file: &CaseFile) -> Diagnostics {
    let mut out = Diagnostics::default();
    let case = &file.case;
    let error = |code: &'static str, message: String, span: Range<usize>| {
        Diagnostic::error(code, message).at(file.locate(span))
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

    if let Some(mailed) = &case.dates.mailed
        && mailed.get_ref() < case.dates.decision.get_ref()
    {
        let decision = case.dates.decision.get_ref();
        out.push(
            error(
                "case.date-order",
                format!(
                    "dates out of order: mailed ({}) is before decision ({decision})",
                    mailed.get_ref()
                ),
                mailed.span(),
            )
            .field("dates.mailed")
            .label(format!("expected a date on or after decision, {decision}"))
            .hint("a determination is mailed on or after the day it is decided"),
        );
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
    for field in file.fields.iter().filter(|f| f.is_printed()) {
        if is_paragraph_of_a_list(&field.path) && text::has_blank_line(field.value()) {
            let at = first_blank_line(field.value());
            out.push(
                field
                    .point(
                        file,
                        at..at,
                        Diagnostic::error(
                            "case.blank-line-in-paragraph",
                            format!("{} holds a blank line", field.path),
                        ),
                    )
                    .label("one paragraph of the list: a blank line cannot stand inside it")
                    .hint("split it into two elements, with \"\" between them for a blank line"),
            );
        }
        if is_blank_text(field.value()) && !is_paragraph_of_a_list(&field.path) {
            out.push(
                error(
                    "case.empty",
                    format!("{} is empty", field.path),
                    field.span.clone(),
                )
                .field(field.path.clone())
                .label(format!("expected {}", what_it_holds(&field.path))),
            );
        }
    }
    // a list of paragraphs with none that prints (the string form is checked above)
    let mut lists = vec![("summary.text".to_string(), &case.summary.text)];
    for (i, item) in case.items.get_ref().iter().enumerate() {
        lists.push((format!("items[{}].rationale", i + 1), &item.rationale));
    }
    for (key, text) in lists {
        if matches!(text.get_ref(), super::Text::Paragraphs(_)) && text.get_ref().is_blank() {
            out.push(
                error("case.empty", format!("{key} is empty"), text.span())
                    .field(key.clone())
                    .label(format!("expected {}", what_it_holds(&key))),
            );
        }
    }
    for (key, date) in dates {
        let year = date.get_ref().year;
        if !(1000..=9999).contains(&year) {
            out.push(
                error(
                    "case.year",
                    format!(
                        "dates.{key} is in the year {year}, which does not print as four digits"
                    ),
                    date.span(),
                )
                .field(format!("dates.{key}"))
                .label("expected a year from 1000 to 9999"),
            );
        }
    }

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
        for (who, basis) in [
            ("claims_administrator", &item.claims_administrator),
            ("expert_reviewer", &item.expert_reviewer),
        ] {
            for (j, part) in basis.iter().flat_map(|b| b.mtus.iter()).enumerate() {
                let year = *part.year.get_ref();
                if !(1000..=9999).contains(&year) {
                    let key = format!("items[{n}].{who}.mtus[{}].year", j + 1);
                    out.push(
                        error(
                            "case.year",
                            format!("{key} is {year}, which does not print as a four-digit year"),
                            part.year.span(),
                        )
                        .field(key)
                        .label("expected the guideline's edition year, such as 2009"),
                    );
                }
            }
        }
        if let Some(m) = &item.modified {
            let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            let (request, original) = (item.request.get_ref(), &m.original);
            if text::one_line(request) != text::one_line(original)
                && squeeze(request) == squeeze(original)
            {
                out.push(
                    Diagnostic::warning(
                        "case.modified-spacing",
                        format!("items[{n}].request differs from its modified.original only in spaces"),
                    )
                    .at(file.locate(item.request.span()))
                    .field(format!("items[{n}].request"))
                    .label("the item line will say a remaining portion of the request is decided")
                    .hint("write the request exactly as modified.original if the whole request is decided"),
                );
            }
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
    // an empty entry is an empty printed field (reported with the others)
    if list.get_ref().is_empty() {
        out.push(
            Diagnostic::error("case.empty", format!("{key} is empty"))
                .at(file.locate(list.span()))
                .field(key)
                .label(format!("expected one or more entries, each {what}")),
        );
    }
}

/// Where the first blank line with text before it begins.
fn first_blank_line(value: &str) -> usize {
    let mut offset = 0;
    let mut seen_text = false;
    for line in value.split_inclusive('\n') {
        if text::is_blank_text(line) {
            if seen_text {
                return offset;
            }
        } else {
            seen_text = true;
        }
        offset += line.len();
    }
    0
}

/// A paragraph of `summary.text` or a rationale written as a list (format 1.1), where an
/// empty element is an empty paragraph, as the real letters have.
fn is_paragraph_of_a_list(path: &str) -> bool {
    path.ends_with(']') && (path.starts_with("summary.text[") || path.contains(".rationale["))
}

/// What a printed field holds, for the label of an empty one.
fn what_it_holds(path: &str) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    match last {
        "case_number" => "the IMR case number",
        "licensure" => "a state of licensure",
        "specialties" => "a specialty",
        "text" if path.starts_with("summary") => "the clinical case summary",
        "request" => "the disputed item",
        "rationale" => "a decision rationale",
        "heading" => "the item line",
        "original" => "the original request",
        "authorized" => "what the claims administrator authorized",
        "guideline" => "the MTUS guideline's name",
        "sections" => "a section of the guideline",
        "non_mtus" => "the non-MTUS citation (or leave the key out)",
        _ => "text (or leave the key out)",
    }
}
