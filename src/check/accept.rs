//! Accepted findings: a warning a reviewer judged right for one case (a guideline edition
//! date "before the injury", a word the dictionaries lack), written in the case file as an
//! `[[accept]]` table with the warning's code, optionally its field and a text its message
//! holds, and the reason. `check` and `render` alike set it aside; `--report` lists it with
//! its reason. An error is never accepted, and an acceptance that matches no warning is
//! itself a warning (the text changed, or the code is misspelt).

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
    for d in std::mem::take(&mut problems.0) {
        let hit = accepts.iter().position(|a| {
            a.code.get_ref() == d.code
                && a.field.as_ref().is_none_or(|f| d.field.as_ref() == Some(f))
                && a.text
                    .as_ref()
                    .is_none_or(|t| d.message.contains(t.as_str()))
        });
        match hit {
            Some(i) if !d.is_error() => {
                used[i] = true;
                accepted.push(d.cause(format!("accepted: {}", accepts[i].reason.trim())));
            }
            _ => kept.push(d),
        }
    }
    problems.0 = kept;
    for (i, a) in accepts.iter().enumerate() {
        if used[i] {
            continue;
        }
        let code = a.code.get_ref().as_str();
        let errors = problems.0.iter().any(|d| d.is_error() && d.code == code);
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
                let names: Vec<&str> = codes::CODES.iter().map(|c| c.code).collect();
                let d = d.label("no such code");
                match closest(code, &names) {
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
