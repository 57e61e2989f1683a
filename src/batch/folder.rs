//! What an output folder holds, as its journals record it: every letter (or mailed copy)
//! with the case it was made from, for `imr-letters combine DIR` to make the print file
//! and the report of a folder that one run, or several shards or machines, rendered.
//!
//! Each file the journals name and the folder still holds is checked to be one recorded
//! (its size and SHA-256 those of a record; the latest such record describes it). Files
//! are grouped by the case file they were made from and by edition (a mailed copy's
//! record names its recipient's role), cases in the order of their case files' names (a
//! single run's order when its cases came from one folder, whatever path each machine
//! gave), each case's files in the order its run wrote them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::state::{self, Record};
use super::{CaseOutcome, CaseStatus, OutputFile};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::mailed::Edition;

/// One file of the folder that a journal records.
#[derive(Debug, Clone)]
pub struct FolderFile {
    pub path: PathBuf,
    /// The record that describes it: the latest with its size and SHA-256, else (the
    /// file is not one recorded) the latest of its name.
    pub record: Record,
    /// Whether the file is one recorded.
    pub whole: bool,
    /// The order records were read in (journals by name, then lines).
    seq: usize,
}

/// One case's files in the folder.
#[derive(Debug, Clone)]
pub struct FolderCase {
    /// The case file, as its run was given it (a journal line without one: the name of
    /// the case's first file, its extension and role left out).
    pub input: String,
    pub edition: Edition,
    pub files: Vec<FolderFile>,
}

/// The cases whose letters or copies the folder `dir` holds, in case order.
pub fn folder_cases(dir: &Path) -> Vec<FolderCase> {
    let mut by_name: HashMap<String, Vec<(usize, Record)>> = HashMap::new();
    for (seq, record) in state::all_records(dir).into_iter().enumerate() {
        // letters and copies only (the journal also knows the mailing manifest)
        let ext = Path::new(&record.output).extension();
        if ext.is_some_and(|e| e == "pdf" || e == "txt") {
            by_name
                .entry(record.output.clone())
                .or_default()
                .push((seq, record));
        }
    }
    let mut cases: HashMap<(String, bool), Vec<FolderFile>> = HashMap::new();
    for (name, records) in by_name {
        let path = dir.join(&name);
        // a file the journals record and the folder no longer holds is not listed
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let sha = state::hex(&Sha256::digest(&bytes));
        let matching = records
            .iter()
            .rev()
            .find(|(_, r)| r.bytes == bytes.len() as u64 && r.sha256 == sha);
        let whole = matching.is_some();
        let (seq, record) = matching
            .or(records.last())
            .cloned()
            .expect("a name has a record");
        let mailed = record.role.is_some();
        let input = record.input.clone().unwrap_or_else(|| case_stem(&record));
        cases.entry((input, mailed)).or_default().push(FolderFile {
            path,
            record,
            whole,
            seq,
        });
    }
    let mut cases: Vec<FolderCase> = cases
        .into_iter()
        .map(|((input, mailed), mut files)| {
            files.sort_by_key(|f| f.seq);
            FolderCase {
                input,
                edition: if mailed {
                    Edition::Mailed
                } else {
                    Edition::Public
                },
                files,
            }
        })
        .collect();
    cases.sort_by(|a, b| {
        let name = |c: &FolderCase| Path::new(&c.input).file_name().map(|n| n.to_owned());
        name(a)
            .cmp(&name(b))
            .then_with(|| a.input.cmp(&b.input))
            .then_with(|| (a.edition as u8).cmp(&(b.edition as u8)))
    });
    cases
}

/// The output name a record's file was made under: its stem, less a mailed copy's role.
fn case_stem(record: &Record) -> String {
    let stem = Path::new(&record.output)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match &record.role {
        Some(role) => stem
            .strip_suffix(role.as_str())
            .and_then(|s| s.strip_suffix('-'))
            .unwrap_or(&stem)
            .to_string(),
        None => stem,
    }
}

impl FolderCase {
    /// The case as a run's outcome, for the report: rendered when every file is the one
    /// recorded (sizes, hashes and pages from the journal), else failed, each file that
    /// is not named.
    pub fn outcome(&self) -> CaseOutcome {
        let mut problems = Diagnostics::default();
        for file in self.files.iter().filter(|f| !f.whole) {
            problems.push(not_recorded(&file.path));
        }
        if !problems.is_empty() {
            return CaseOutcome::failed(PathBuf::from(&self.input), problems);
        }
        // a letter's pages; a mailed case's, every copy's together (of one format)
        let first_ext = self.files.first().map(|f| f.path.extension());
        let pages = match self.edition {
            Edition::Public => self.files.last().map_or(0, |f| f.record.pages),
            Edition::Mailed => self
                .files
                .iter()
                .filter(|f| Some(f.path.extension()) == first_ext)
                .map(|f| f.record.pages)
                .sum(),
        };
        CaseOutcome {
            input: PathBuf::from(&self.input),
            status: CaseStatus::Rendered,
            outputs: self
                .files
                .iter()
                .map(|f| OutputFile {
                    path: f.path.clone(),
                    bytes: f.record.bytes,
                    sha256: f.record.sha256.clone(),
                    pages: f.record.pages,
                })
                .collect(),
            pages,
            problems,
            accepted: Vec::new(),
            journal: Vec::new(),
            pending: Vec::new(),
        }
    }
}

/// The error of a file that is not the one its journal records.
pub fn not_recorded(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "combine.read",
        format!("`{}` is not the file the journal records", path.display()),
    )
    .hint("render the folder again; the file is left out")
}

/// The PDFs of `cases` in the order a run's `--combine` prints them: a public letter in
/// case order; mailed copies in mailing order, by the recipient's ZIP code (an address
/// without one last), then in case and recipient order. Only files that are the ones
/// recorded are given, and only of cases whose every file is (as a run's print file holds
/// no letter of a failed case).
pub fn print_order(cases: &[FolderCase]) -> Vec<PathBuf> {
    let mut copies: Vec<(&str, usize, &Path)> = Vec::new();
    let mut row = 0usize;
    for case in cases.iter().filter(|c| c.files.iter().all(|f| f.whole)) {
        for file in &case.files {
            if file.path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let zip = match case.edition {
                Edition::Public => "",
                Edition::Mailed => file.record.zip.as_deref().unwrap_or("~"),
            };
            copies.push((zip, row, &file.path));
            row += 1;
        }
    }
    copies.sort();
    copies
        .into_iter()
        .map(|(_, _, p)| p.to_path_buf())
        .collect()
}

/// The copies of `cases` a single run's mailing manifest lists, in its order (case order,
/// then recipient order), each with its SHA-256: a case's PDFs, or its text files when it
/// has no PDF; only of cases whose every file is the one recorded.
pub fn manifest_order(cases: &[FolderCase]) -> Vec<(PathBuf, String)> {
    let mut copies = Vec::new();
    for case in cases.iter().filter(|c| c.files.iter().all(|f| f.whole)) {
        let is = |f: &FolderFile, ext: &str| f.path.extension().is_some_and(|e| e == ext);
        let ext = if case.files.iter().any(|f| is(f, "pdf")) {
            "pdf"
        } else {
            "txt"
        };
        copies.extend(
            case.files
                .iter()
                .filter(|f| is(f, ext))
                .map(|f| (f.path.clone(), f.record.sha256.clone())),
        );
    }
    copies
}
