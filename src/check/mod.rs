//! The checks a case (and a template folder) passes before a letter goes out, beyond the
//! format's own rules in [`crate::case::validate`]: what `imr-letters check` reports in
//! one pass, and what `render` runs first ([`vet_for_render`]) so that a case with errors
//! is refused and its warnings are shown.
//!
//! Every check points at the exact text: [`fields`] lists a case file's string values
//! with a map from a position in a value back to the file ([`literal`]).
//!
//! | check | module | severity |
//! |---|---|---|
//! | dates written in the text: after the decision, before 1900, before the injury, impossible | [`dates`] | warning |
//! | unknown words, with suggestions | [`spelling`] | warning |
//! | a party's name or claim number in the printed text | [`parties`] | warning |
//! | a rationale concluding against its item's decision | [`contradiction`] | error |
//! | empty paragraphs | [`paragraphs`] | warning |
//! | case number shape; one case number in two files | [`numbers`] | warning; error |
//! | templates: compile, render against cases, stale overrides | [`templates`] | error; warning |

pub mod contradiction;
pub mod dates;
pub mod fields;
pub mod literal;
pub mod numbers;
pub mod paragraphs;
pub mod parties;
pub mod records;
pub mod spelling;
pub mod templates;
mod verdicts;

use std::path::Path;

use crate::case::validate::validate_case;
use crate::case::{CaseFile, parse_case_unvalidated, read_case_text};
use crate::diagnostic::Diagnostics;
pub use spelling::Speller;

/// The checks of one case file beyond the format's rules, in file order.
pub fn check_case(file: &CaseFile, speller: &Speller) -> Diagnostics {
    let mut out = Diagnostics::default();
    numbers::check_shape(file, &mut out);
    let fields = &file.fields;
    for field in fields.iter().filter(|f| f.is_prose()) {
        dates::check_field(file, field, &mut out);
        paragraphs::check_field(file, field, &mut out);
        spelling::check_field(file, field, speller, &mut out);
    }
    parties::check(file, fields, &mut out);
    contradiction::check(file, fields, &mut out);
    sort_by_position(&mut out);
    out
}

/// Reads a case file and reports everything wrong with it: unreadable or malformed (then
/// nothing more can be checked), the format's rules, and every check here. The case is
/// returned whenever it parsed, for the checks that look at several files or templates.
pub fn check_case_path(path: &Path, speller: &Speller) -> (Option<CaseFile>, Diagnostics) {
    let file = match read_case_text(path).and_then(|text| parse_case_unvalidated(path, text)) {
        Ok(file) => file,
        Err(problems) => return (None, problems),
    };
    let mut problems = validate_case(&file);
    problems.0.extend(check_case(&file, speller).0);
    sort_by_position(&mut problems);
    (Some(file), problems)
}

/// What `render` runs on each loaded case before rendering it: the same checks as
/// `check` (with the run's dictionaries). With warnings only, the case goes on and they
/// come back with it, for the caller to print in the order of the cases (a batch's
/// workers finish in any order); with any error the case is refused with all its
/// problems.
pub fn vet_for_render(
    file: CaseFile,
    speller: &Speller,
) -> Result<(CaseFile, Diagnostics), Diagnostics> {
    let problems = check_case(&file, speller);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((file, problems))
}

/// Orders diagnostics by where they point (those without a place last), keeping the
/// order of those at the same place.
pub fn sort_by_position(problems: &mut Diagnostics) {
    problems.0.sort_by_key(|d| {
        d.location.as_ref().map_or((1, String::new(), 0, 0), |l| {
            (0, l.file.clone(), l.line, l.column)
        })
    });
}
