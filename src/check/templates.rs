//! Template checks: every template compiles; each letter section renders against the
//! cases checked (or, with none, the built-in sample case, which uses every feature of
//! the format), so an undefined variable or a failing filter is reported at the
//! template's file, line and column; and an exported override whose version stamp names
//! another version of imr-letters is flagged as possibly stale.

use std::collections::BTreeMap;
use std::path::Path;

use crate::case::{CaseFile, parse_case};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::template::section::stamped_version;
use crate::template::{Role, SECTIONS, TemplateSet};

/// The sample case `check` renders the templates against when given no case: the
/// bundled `cases/features.toml`, which exercises every field of the format.
pub const SAMPLE_CASE: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cases/features.toml"));

/// The built-in sample case, parsed.
pub fn sample_case() -> Result<CaseFile, Diagnostics> {
    parse_case(Path::new("built-in sample case"), SAMPLE_CASE.to_string())
}

/// A template failure's place (file, line, column) and message.
type FailureKey = (Option<(String, usize, usize)>, String);

/// Renders every letter section against every case and reports each distinct failure
/// once, plus stale overrides.
pub fn check_templates(set: &TemplateSet, cases: &[&CaseFile]) -> Diagnostics {
    let mut out = stale_overrides(set);
    let stale: Vec<String> = out
        .0
        .iter()
        .filter_map(|d| d.location.as_ref().map(|l| l.file.clone()))
        .collect();
    // A failure is the same failure whichever case shows it: key by place and message.
    let mut seen: BTreeMap<FailureKey, (Diagnostic, usize)> = BTreeMap::new();
    for section in SECTIONS.iter().filter(|s| s.role == Role::Letter) {
        for case in cases {
            if let Err(d) = set.render_section(section, case) {
                let place = d
                    .location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column));
                seen.entry((place, d.message.clone()))
                    .and_modify(|(_, n)| *n += 1)
                    .or_insert((d, 1));
            }
        }
    }
    for (_, (mut d, n)) in seen {
        if n > 1 {
            d = d.cause(format!(
                "and {} more case{}",
                n - 1,
                if n == 2 { "" } else { "s" }
            ));
        }
        if d.location.as_ref().is_some_and(|l| stale.contains(&l.file)) {
            d = d.hint("this override was exported from another version of imr-letters and may be stale: compare it with a fresh `imr-letters templates export`");
        }
        out.push(d);
    }
    out
}

/// A warning for each override stamped by another version.
fn stale_overrides(set: &TemplateSet) -> Diagnostics {
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
