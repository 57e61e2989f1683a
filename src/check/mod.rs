//! The checks a case passes before a letter goes out, beyond what serde enforces: the
//! format's rules ([`crate::case::validate`]) and everything below. [`check_case`] runs
//! those that need only the case; the vet step ([`crate::letter::vet`]) runs it, then the
//! ones that need the fonts and the rendered letter, for `check` and `render` alike.
//!
//! Every check reads the one model of the case's strings ([`crate::case::fields`]) and
//! points at the exact text.
//!
//! | check | module | severity |
//! |---|---|---|
//! | the format's rules: dates in order, required text present and visible | [`crate::case::validate`] | error |
//! | control characters anywhere; invisible characters in printed text | [`characters`] | error |
//! | dates written in the text: after the decision, before 1900, before the injury, impossible | [`dates`] | warning |
//! | unknown words, with suggestions | [`spelling`] | warning |
//! | a party's name, claim or ADJ number in the printed text | [`parties`] | error |
//! | a rationale concluding against its item's decision | [`contradiction`] | error |
//! | empty paragraphs | [`paragraphs`] | warning |
//! | case number shape; one case number in two files | [`numbers`] | warning; error |
//! | characters the fonts cannot draw, in the case's text | [`glyphs`] | error |
//! | the letter as a whole: header table against its widths, the templates' glyphs | [`letter`] | error |
//! | templates: stale overrides; (rendering and markup: the vet step) | [`templates`] | warning |
//! | warnings the case file accepts, set aside; acceptances that match nothing | [`accept`] | warning |

pub mod accept;
pub mod characters;
pub mod contradiction;
pub mod dates;
pub mod glyphs;
pub mod letter;
pub mod numbers;
pub mod paragraphs;
pub mod parties;
pub mod spelling;
pub mod templates;
mod verdicts;

use crate::case::CaseFile;
use crate::case::validate::validate_case;
use crate::diagnostic::Diagnostics;
pub use spelling::Speller;

/// The format's rules and every check of one case file that needs only the case, in
/// file order.
pub fn check_case(file: &CaseFile, speller: &Speller) -> Diagnostics {
    let mut out = file.problems.clone();
    out.0.extend(validate_case(file).0);
    numbers::check_shape(file, &mut out);
    characters::check(file, &mut out);
    for field in file.fields.iter().filter(|f| f.is_prose()) {
        dates::check_field(file, field, &mut out);
        paragraphs::check_field(file, field, &mut out);
        spelling::check_field(file, field, speller, &mut out);
    }
    parties::check(file, &mut out);
    contradiction::check(file, &mut out);
    sort_by_position(&mut out);
    out
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
