//! Accepted findings: a warning a reviewer judged right for one case (a guideline edition
//! date "before the injury", a word the dictionaries lack), written in the case file as an
//! `[[accept]]` table with the warning's code, optionally its field and a text its message
//! holds, and the reason. `check` and `render` alike set it aside; `--report` lists it with
//! its reason. An error is never accepted, and an acceptance that matches no warning is
//! itself a warning (the text changed, or the code is misspelt).

use std::collections::{HashMap, HashSet};

use crate::case::CaseFile;
use crate::case::load::closest;
use crate::diagnostic::codes::{self, Level};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Moves the warnings the case accepts out of `problems`, returning them with the reason
/// as a cause; warns about every acceptance that matched nothing.
pub fn apply(file: &CaseFile, problems: &mut Diagnostics) -> Vec<Diagnostic> {
    let accepts = &file.case.accept;
    if accepts.is_empty() {
        return Vec::new();
    }
    let mut used = vec![false; accepts.len()];
    let mut accepted = Vec::new();
    let mut kept = Vec::with_capacity(problems.0.len());
    // The acceptances by code and field (`None`: any field), each list in file order, so a
    // finding is matched against its own code's acceptances, not every one.
    let mut by_key: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, a) in accepts.iter().enumerate() {
        let key = (a.code.get_ref().as_str(), a.field.as_deref());
        by_key.entry(key).or_default().push(i);
    }
    for d in std::mem::take(&mut problems.0) {
        let matches = |i: &&usize| {
            accepts[**i]
                .text
                .as_ref()
                .is_none_or(|t| d.message.contains(t.as_str()))
        };
        let first_in = |field: Option<&str>| {
            by_key
                .get(&(d.code, field))
                .and_then(|list| list.iter().find(matches).copied())
        };
        let any_field = first_in(None);
        let this_field = d.field.as_deref().and_then(|f| first_in(Some(f)));
        let hit = match (any_field, this_field) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match hit {
            Some(i) if !d.is_error() => {
                used[i] = true;
                accepted.push(d.cause(format!("accepted: {}", accepts[i].reason.trim())));
            }
            _ => kept.push(d),
        }
    }
    problems.0 = kept;
    // the code each misspelt one is nearest, worked out once per spelling
    let names: Vec<&str> = codes::CODES.iter().map(|c| c.code).collect();
    let mut nearest: HashMap<&str, Option<&str>> = HashMap::new();
    let error_codes: HashSet<&str> = problems
        .0
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    for (i, a) in accepts.iter().enumerate() {
        if used[i] {
            continue;
        }
        let code = a.code.get_ref().as_str();
        let errors = error_codes.contains(code);
        let known = codes::find(code);
        let message = match known {
            Some(_) => format!("accept[{}] matches no warning of this case", i + 1),
            None => format!(
                "accept[{}] names `{code}`, which is no code of imr-letters",
                i + 1
            ),
        };
        let mut d = Diagnostic::warning("accept.unused", message)
            .at(file.locate(a.code.span()))
            .field(format!("accept[{}].code", i + 1));
        d = match known {
            None => {
                let d = d.label("no such code");
                let best = *nearest.entry(code).or_insert_with(|| closest(code, &names));
                match best {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint("`check --list-codes` lists them"),
                }
            }
            Some(c) if errors || c.level == Level::Error => d
                .label("an error's code")
                .hint("an error cannot be accepted: correct the case"),
            Some(_) => d.label("no warning with this code, field and text").hint(
                "the text may have changed; delete the [[accept]] table if the warning is gone",
            ),
        };
        problems.push(d);
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse_case;
    use std::path::Path;

    const MINIMAL: &str = include_str!("../../tests/fixtures/cases/minimal.toml");

    fn accept(code: &str, field: Option<&str>, text: Option<&str>, reason: &str) -> String {
        let mut t = format!("[[accept]]\ncode = \"{code}\"\n");
        if let Some(f) = field {
            t += &format!("field = \"{f}\"\n");
        }
        if let Some(x) = text {
            t += &format!("text = \"{x}\"\n");
        }
        t + &format!("reason = \"{reason}\"\n\n")
    }

    #[test]
    fn each_warning_goes_to_the_first_acceptance_that_matches_it_in_file_order() {
        let code = "text.date-before-injury";
        let tables = [
            accept(code, Some("summary.text"), Some("2001"), "first"),
            accept(code, None, Some("2002"), "second"),
            accept(code, Some("summary.text"), None, "third"),
            accept(code, None, None, "fourth"),
            accept("text.no-such-code", None, None, "fifth"),
        ];
        let file = parse_case(
            Path::new("c.toml"),
            format!("{MINIMAL}\n{}", tables.concat()),
        )
        .unwrap();
        let warning = |field: &str, year: &str| {
            Diagnostic::warning(code, format!("`May 1, {year}` is before the injury")).field(field)
        };
        let mut problems = Diagnostics(vec![
            warning("summary.text", "2001"),
            warning("summary.text", "2002"),
            warning("summary.text", "2003"),
            warning("items[1].rationale", "2003"),
            Diagnostic::error(code, "an error is never accepted").field("summary.text"),
        ]);
        let accepted = apply(&file, &mut problems);
        let reasons: Vec<&str> = accepted
            .iter()
            .map(|d| d.causes.last().unwrap().trim_start_matches("accepted: "))
            .collect();
        assert_eq!(reasons, ["first", "second", "third", "fourth"]);
        let left: Vec<&str> = problems.0.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left[0].contains("never accepted"));
        assert!(
            left[1].contains("accept[5] names `text.no-such-code`"),
            "{left:?}"
        );
    }
}
