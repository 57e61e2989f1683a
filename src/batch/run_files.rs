//! The run's own files, `--report` and `--combine`: never a file the run reads (a case
//! file, a template, a word list, a font, the logo), an output folder's journal, a letter
//! an earlier run wrote, or each other. Checked before anything is written; each is a
//! usage error.

use std::path::{Path, PathBuf};

use super::{CaseList, state};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One file the run writes besides the letters, with the flag that names it.
pub struct RunFile<'a> {
    pub flag: &'static str,
    pub path: &'a Path,
}

/// What the run reads besides its case files.
pub struct RunInputs<'a> {
    /// Word lists, fonts, the logo.
    pub files: Vec<PathBuf>,
    /// The template folder (`--templates`): nothing may be written into it.
    pub template_folder: Option<&'a Path>,
}

/// Where a path leads: the whole path made canonical when it exists (a symlink
/// followed), else its folder made canonical and its name as given.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

/// Refuses run files that would overwrite something the run must keep.
pub fn check_run_files(
    files: &[RunFile<'_>],
    out: &Path,
    inputs: &RunInputs<'_>,
    cases: &CaseList,
) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    let out_dir = out.canonicalize().ok();
    let template_dir = inputs.template_folder.and_then(|t| t.canonicalize().ok());
    let mut seen: Vec<(PathBuf, &'static str)> = Vec::new();
    for file in files {
        let refuse = |what: String| {
            Diagnostic::error(
                "usage",
                format!("`{} {}` {what}", file.flag, file.path.display()),
            )
            .hint("the report and the print file are new files: name one the run neither reads nor writes")
        };
        let meta = std::fs::metadata(file.path).ok();
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            problems.push(refuse("is not a regular file".into()));
            continue;
        }
        let Some(target) = resolved(file.path) else {
            continue;
        };
        if let Some((_, other)) = seen.iter().find(|(p, _)| *p == target) {
            problems.push(refuse(format!("names the same file as {other}")));
            continue;
        }
        seen.push((target.clone(), file.flag));
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let in_out = target.parent().is_some() && target.parent() == out_dir.as_deref();
        if in_out && state::is_journal(name) {
            problems.push(refuse(
                "would overwrite the output folder's resume journal".into(),
            ));
            continue;
        }
        if template_dir.is_some() && target.parent() == template_dir.as_deref() {
            problems.push(refuse("would write into the template folder".into()));
            continue;
        }
        if meta.is_none() {
            continue;
        }
        if in_out && state::is_recorded(out, name) {
            problems.push(refuse(format!(
                "would overwrite `{name}`, a letter written into `{}`",
                out.display()
            )));
            continue;
        }
        let same = |p: &Path| p.canonicalize().ok().is_some_and(|p| p == target);
        if let Some(read) = inputs.files.iter().find(|p| same(p)) {
            problems.push(refuse(format!(
                "would overwrite `{}`, which the run reads",
                read.display()
            )));
            continue;
        }
        let target_name = target.file_name();
        for case in cases.iter().flatten() {
            let may_be = case.file_name() == target_name || case.is_symlink();
            if may_be && same(&case) {
                problems.push(refuse(format!(
                    "would overwrite case file `{}`",
                    case.display()
                )));
                break;
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
