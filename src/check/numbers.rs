//! Case numbers: the shape real IMR case numbers have (`CM16-0247624`), and one case
//! number in two of the files checked together (their letters would share a file name).

use std::collections::BTreeMap;

use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Whether a case number is shaped `CM\d{2}-\d{7}`.
pub fn is_imr_shaped(number: &str) -> bool {
    let b = number.as_bytes();
    b.len() == 12
        && b.starts_with(b"CM")
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..].iter().all(u8::is_ascii_digit)
}

/// A warning when the case number is not shaped like a real one.
pub fn check_shape(file: &CaseFile, out: &mut Diagnostics) {
    let number = file.case_number();
    if is_imr_shaped(number) {
        return;
    }
    out.push(
        Diagnostic::warning(
            "case.case-number-shape",
            format!("case number `{number}` is not shaped like an IMR case number"),
        )
        .at(file.locate(file.case.case_number.span()))
        .field("case_number")
        .label("expected CM, two digits, a hyphen and seven digits")
        .hint("real IMR case numbers look like \"CM16-0247624\""),
    );
}

/// An error in each file whose case number another file also has.
pub fn check_duplicates(files: &[&CaseFile], out: &mut Diagnostics) {
    let mut by_number: BTreeMap<&str, Vec<&CaseFile>> = BTreeMap::new();
    for file in files {
        by_number.entry(file.case_number()).or_default().push(file);
    }
    for (number, same) in by_number.into_iter().filter(|(_, v)| v.len() > 1) {
        for file in &same {
            let others: Vec<String> = same
                .iter()
                .filter(|o| o.path != file.path)
                .map(|o| format!("`{}`", o.path.display()))
                .collect();
            out.push(
                Diagnostic::error(
                    "case.duplicate-number",
                    format!("case number `{number}` is also in {}", others.join(", ")),
                )
                .at(file.locate(file.case.case_number.span()))
                .field("case_number")
                .label("the same case number as another file")
                .hint("each letter is named after its case number; render refuses both files"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_shape() {
        assert!(is_imr_shaped("CM16-0247624"));
        for bad in [
            "CM16-024762",
            "cm16-0247624",
            "CM160247624X",
            "XX16-0247624",
            "CM1A-0247624",
        ] {
            assert!(!is_imr_shaped(bad), "{bad}");
        }
    }
}
