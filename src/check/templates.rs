//! Template checks beyond the vet step (which renders every section against every case
//! checked, so an undefined variable or a failing filter is reported at the template's
//! file, line and column): the built-in sample case the templates are vetted against when
//! `check` is given no case (it uses every feature of the format), and overrides whose
//! version stamp names another version of imr-letters, flagged as possibly stale.

use std::path::Path;

use crate::case::{CaseFile, parse_case};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::template::TemplateSet;
use crate::template::section::stamped_version;

/// The sample case `check` renders the templates against when given no case: the
/// bundled `cases/features.toml`, which exercises every field of the format.
pub const SAMPLE_CASE: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cases/features.toml"));

/// The built-in sample case, parsed.
pub fn sample_case() -> Result<CaseFile, Diagnostics> {
    parse_case(Path::new("built-in sample case"), SAMPLE_CASE.to_string())
}

/// A warning for each override stamped by another version.
pub fn stale_overrides(set: &TemplateSet) -> Diagnostics {
    let current = env!("CARGO_PKG_VERSION");
    let mut out = Diagnostics::default();
    for (_, path, text) in set.overrides() {
        let Some(version) = stamped_version(text) else {
            continue;
        };
        if version == current {
            continue;
        }
        let first = text.lines().next().unwrap_or("");
        let column = first
            .find(version)
            .map_or(1, |i| first[..i].chars().count() + 1);
        out.push(
            Diagnostic::warning(
                "template.stale",
                format!(
                    "`{}` was exported from imr-letters {version}; this is {current}",
                    path.display()
                ),
            )
            .at(Location::at_line(
                &path.display().to_string(),
                text,
                1,
                column,
                version.chars().count(),
            ))
            .label("the version that wrote this file")
            .hint("the override may be stale: compare it with `imr-letters templates export` of this version, then update the stamp"),
        );
    }
    out
}
