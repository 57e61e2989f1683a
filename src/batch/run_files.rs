//! The run's own files, `--report`, `--combine` (`combine --out`) and a mailed run's
//! manifest: never a file the run reads (a case file, a template, a word list, a font, the
//! logo), an output folder's journal, a letter an earlier run wrote, or each other; and,
//! without `--force`, never a file imr-letters did not write (a report is known by its
//! first line, a print file by its Info dictionary, the manifest by the folder's
//! journals). Checked before anything is written; each is an error that stops the run.

use std::path::{Path, PathBuf};

use super::{CaseList, state};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One file the run writes besides the letters, with the flag that names it.
pub struct RunFile<'a> {
    pub flag: &'static str,
    pub path: &'a Path,
    pub kind: RunFileKind,
}

/// What a run file is, which says how to know one imr-letters wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunFileKind {
    Report,
    PrintFile,
    /// The mailing manifest, written into the output folder and recorded in its journal.
    Manifest,
    /// A manifest `combine` makes of a folder's (known by its first line).
    CombinedManifest,
}

impl RunFile<'_> {
    /// How messages name the file: `--report r.json`, or the manifest's path.
    fn named(&self) -> String {
        match self.kind {
            RunFileKind::Manifest => format!("the mailing manifest `{}`", self.path.display()),
            _ => format!("`{} {}`", self.flag, self.path.display()),
        }
    }
}

/// The bytes every report starts with.
const REPORT_HEAD: &[u8] = b"{\"tool\": \"imr-letters ";

/// Whether the file at `path` is a report or print file imr-letters wrote (or, for the
/// manifest, one a journal of `out` records).
fn made_by_imr_letters(file: &RunFile<'_>, out: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(file.path) else {
        return false;
    };
    match file.kind {
        RunFileKind::Report => {
            let mut head = [0u8; REPORT_HEAD.len()];
            f.read_exact(&mut head).is_ok() && head == REPORT_HEAD
        }
        RunFileKind::PrintFile => {
            // the trailer's `startxref`, then the Info dictionary written just before
            // the cross-reference table
            let read_at = |f: &mut std::fs::File, at: u64, n: u64| -> Option<Vec<u8>> {
                f.seek(SeekFrom::Start(at)).ok()?;
                let mut buf = Vec::new();
                f.take(n).read_to_end(&mut buf).ok()?;
                Some(buf)
            };
            let len = f.metadata().map_or(0, |m| m.len());
            let tail = read_at(&mut f, len.saturating_sub(128), 128).unwrap_or_default();
            let xref = String::from_utf8_lossy(&tail)
                .rsplit_once("startxref")
                .and_then(|(_, rest)| rest.split_whitespace().next()?.parse::<u64>().ok());
            let Some(xref) = xref.filter(|x| *x <= len) else {
                return false;
            };
            let before = read_at(&mut f, xref.saturating_sub(4096), xref.min(4096));
            let mark = crate::batch::combine::INFO_MARK.as_bytes();
            before.is_some_and(|b| b.windows(mark.len()).any(|w| w == mark))
        }
        RunFileKind::CombinedManifest => {
            let header = crate::mailed::manifest::header_row();
            let mut head = vec![0u8; header.len()];
            f.read_exact(&mut head).is_ok() && head == header.as_bytes()
        }
        RunFileKind::Manifest => {
            let dir = file
                .path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(out);
            let name = file.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            state::is_recorded(dir, name)
        }
    }
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
    force: bool,
) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    let out_dir = out.canonicalize().ok();
    let template_dir = inputs.template_folder.and_then(|t| t.canonicalize().ok());
    let mut seen: Vec<(PathBuf, &'static str)> = Vec::new();
    for file in files {
        let refuse = |what: String| {
            let d = Diagnostic::error("usage", format!("{} {what}", file.named()));
            match file.kind {
                RunFileKind::Manifest => d.hint("the mailing manifest is written into the output folder: keep the files the run reads elsewhere"),
                _ => d.hint("the report and the print file are new files: name one the run neither reads nor writes"),
            }
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
        // the manifest is recorded in the journal like a letter, and rewritten by each run
        if file.kind != RunFileKind::Manifest && in_out && state::is_recorded(out, name) {
            let what = if crate::mailed::merge::is_manifest(name) {
                "the mailing manifest of"
            } else {
                "a letter written into"
            };
            problems.push(refuse(format!(
                "would overwrite `{name}`, {what} `{}`",
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
        let case = cases.iter().flatten().find(|case| {
            let may_be = case.file_name() == target_name || case.is_symlink();
            may_be && same(case)
        });
        if let Some(case) = case {
            problems.push(refuse(format!(
                "would overwrite case file `{}`",
                case.display()
            )));
        } else if !force && !made_by_imr_letters(file, out) {
            problems.push(foreign(file));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The error of a run file that would replace a file imr-letters did not write.
fn foreign(file: &RunFile<'_>) -> Diagnostic {
    Diagnostic::error(
        "output.exists",
        format!(
            "`{}` exists and imr-letters did not write it; {} would replace it",
            file.path.display(),
            match file.kind {
                RunFileKind::Manifest => "the mailing manifest",
                _ => file.flag,
            }
        ),
    )
    .hint("move the file away, or pass --force to replace it; nothing was written")
}

/// Deletes the temporary files a killed run left for `files`.
pub fn remove_stale_run_temp_files(files: &[RunFile<'_>]) {
    for file in files {
        let dir = file
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some(name) = file.path.file_name().and_then(|n| n.to_str()) {
            super::remove_stale_temp_files(dir, |target| target == name);
        }
    }
}
