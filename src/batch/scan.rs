//! The first pass of a batch: each case's output name and whether its outputs are
//! current, and the cases that would write the same file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::naming::NameFacts;
use super::{Batch, CaseList, NamePattern, state};
use crate::diagnostic::Diagnostic;
use crate::profile::{Stage, time};

/// The scan's verdict on one case.
pub const SCAN_FAILED: u8 = 0;
pub const SCAN_STALE: u8 = 1;
pub const SCAN_CURRENT: u8 = 2;
/// The case's output would be the run's own report or combined file.
pub const SCAN_RESERVED: u8 = 3;
/// A file at one of the case's output names that no journal records (imr-letters did not
/// write it): not replaced without `--force`.
pub const SCAN_FOREIGN: u8 = 4;
impl Batch<'_> {
    /// A case's output name and whether all its outputs are current.
    pub(super) fn scan(&self, input: &Path, run: &[u8; 32], state: &state::State) -> (u32, u8) {
        time(Stage::Scan, || self.scan_case(input, run, state))
    }

    fn scan_case(&self, input: &Path, run: &[u8; 32], state: &state::State) -> (u32, u8) {
        let Ok(bytes) = std::fs::read(input) else {
            return (0, SCAN_FAILED);
        };
        // Only a folder with a journal can hold current outputs.
        let resumable = !self.force && !state.is_empty();
        let fingerprints: Vec<String> = if resumable {
            self.fingerprints(run, &bytes)
        } else {
            Vec::new()
        };
        let Ok(source) = String::from_utf8(bytes) else {
            return (0, SCAN_FAILED);
        };
        let Some(facts) = NameFacts::read(source) else {
            return (0, SCAN_FAILED);
        };
        let Ok(name) = self.names.name_from(input, &facts) else {
            return (0, SCAN_FAILED);
        };
        if self
            .writers
            .iter()
            .any(|w| self.is_reserved(&format!("{name}.{}", w.extension())))
        {
            return (0, SCAN_RESERVED);
        }
        let current = resumable
            && self.writers.iter().zip(&fingerprints).all(|(w, fp)| {
                state
                    .current(&format!("{name}.{}", w.extension()), fp)
                    .is_some()
            });
        let verdict = if current {
            SCAN_CURRENT
        } else if !self.force && self.foreign_file(&name, state).is_some() {
            SCAN_FOREIGN
        } else {
            SCAN_STALE
        };
        (name_key(&name), verdict)
    }

    /// The first of a case's output files that exists and that no journal records.
    fn foreign_file(&self, name: &str, state: &state::State) -> Option<PathBuf> {
        self.writers.iter().find_map(|w| {
            let file = format!("{name}.{}", w.extension());
            let path = self.out.join(&file);
            (std::fs::symlink_metadata(&path).is_ok() && !state.knows(&file)).then_some(path)
        })
    }

    /// The error of a case whose output name holds a file imr-letters did not write.
    pub(super) fn foreign_output(&self, input: &Path, state: &state::State) -> Diagnostic {
        let path = std::fs::read(input)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(NameFacts::read)
            .and_then(|facts| self.names.name_from(input, &facts).ok())
            .and_then(|name| self.foreign_file(&name, state));
        let file = path.map_or_else(
            || "its output file".to_string(),
            |p| format!("`{}`", p.display()),
        );
        Diagnostic::error(
            "output.exists",
            format!(
                "case file `{}` is not rendered: {file} exists and imr-letters did not write it",
                input.display()
            ),
        )
        .hint("move the file away, or pass --force to replace it")
    }

    fn is_reserved(&self, file: &str) -> bool {
        self.reserved.iter().any(|r| r.eq_ignore_ascii_case(file))
    }

    /// The error of a case whose output would overwrite the run's own report or
    /// combined file.
    pub(super) fn reserved_name(&self, input: &Path) -> Diagnostic {
        Diagnostic::error(
            "usage",
            format!(
                "case file `{}` would be written over the run's own {}",
                input.display(),
                self.reserved.join(" or ")
            ),
        )
        .hint(
            "write the report or print file elsewhere, or use another --name; nothing was rendered",
        )
    }

    /// The cases that share an output name with another, each with its error, and the
    /// keys of every name (sorted, for looking names up).
    pub(super) fn collisions(
        &self,
        cases: &CaseList,
        keys: &[u32],
    ) -> Result<(HashMap<usize, Diagnostic>, Vec<u32>), Diagnostic> {
        let mut sorted: Vec<u32> = keys.iter().copied().filter(|k| *k != 0).collect();
        sorted.sort_unstable();
        let shared: Vec<u32> = sorted
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() > 1)
            .map(|run| run[0])
            .collect();
        let mut suspects: Vec<(usize, PathBuf)> = Vec::new();
        if !shared.is_empty() {
            for (i, path) in cases.iter().enumerate() {
                if keys.get(i).is_some_and(|k| shared.binary_search(k).is_ok()) {
                    suspects.push((i, path?));
                }
            }
        }
        // Keys can collide by chance: group the suspects by their real names.
        let mut by_name: HashMap<String, (String, Vec<usize>)> = HashMap::new();
        for (i, path) in &suspects {
            let i = *i;
            let name = std::fs::read(path)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(NameFacts::read)
                .and_then(|facts| self.names.name_from(path, &facts).ok());
            if let Some(name) = name {
                by_name
                    .entry(name.to_lowercase())
                    .or_insert_with(|| (name, Vec::new()))
                    .1
                    .push(i);
            }
        }
        let mut refused = HashMap::new();
        for (name, mut idx) in by_name.into_values().filter(|(_, v)| v.len() > 1) {
            idx.sort_unstable();
            let files: Vec<String> = idx
                .iter()
                .filter_map(|i| suspects.iter().find(|(j, _)| j == i))
                .map(|(_, p)| p.display().to_string())
                .collect();
            let message = if *self.names == NamePattern::default() {
                format!("case number `{name}` is in more than one file")
            } else {
                format!("more than one case file gets the output name `{name}`")
            };
            let d = Diagnostic::error("batch.collision", message)
                .cause(format!("the files: {}", files.join(", ")))
                .hint("each case's output is named by --name (its case number by default; names that differ only in case are the same on some systems); none of these files is rendered");
            for i in idx {
                refused.insert(i, d.clone());
            }
        }
        Ok((refused, sorted))
    }
}

/// The key two output names share when they would be one file (on a file system that
/// ignores case too); never 0, which marks "no name".
pub fn name_key(name: &str) -> u32 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    name.to_lowercase().hash(&mut h);
    (h.finish() as u32).max(1)
}
