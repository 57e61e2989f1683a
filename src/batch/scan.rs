//! The first pass of a batch: each case's output name and whether its outputs are
//! current, and the cases that would write the same file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::naming::NameFacts;
use super::{Batch, CaseList, NamePattern, state};
use crate::diagnostic::{Diagnostic, Diagnostics};
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
        let Ok(bytes) =
            crate::diagnostic::read::read_regular(input, crate::diagnostic::read::TEXT_LIMIT)
        else {
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
        let files = self.output_files(&name, &facts);
        if files.iter().any(|(file, _)| self.is_reserved(file)) {
            return (0, SCAN_RESERVED);
        }
        let current = resumable
            && !files.is_empty()
            && files
                .iter()
                .all(|(file, w)| state.current(file, &fingerprints[*w]).is_some());
        let verdict = if current {
            SCAN_CURRENT
        } else if !self.force && self.foreign_file(&name, &facts, state).is_some() {
            SCAN_FOREIGN
        } else {
            SCAN_STALE
        };
        (name_key(&name), verdict)
    }

    /// The first of a case's output files that exists and that no journal records.
    fn foreign_file(&self, name: &str, facts: &NameFacts, state: &state::State) -> Option<PathBuf> {
        self.output_files(name, facts)
            .into_iter()
            .find_map(|(file, _)| {
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
            .and_then(|facts| {
                let name = self.names.name_from(input, &facts).ok()?;
                self.foreign_file(&name, &facts, state)
            });
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

    /// The output name of a case file (`None` when it has none: its render says why).
    pub(super) fn output_name(&self, input: &Path) -> Option<String> {
        let facts = NameFacts::read(String::from_utf8(std::fs::read(input).ok()?).ok()?)?;
        self.names.name_from(input, &facts).ok()
    }

    /// The name keys of the other shares' cases, sorted (none without a shard).
    pub(super) fn other_share_keys(&self, cases: &CaseList) -> Result<Vec<u32>, Diagnostic> {
        use rayon::prelude::*;
        let paths: Vec<PathBuf> = cases.other_shares().collect::<Result<_, _>>()?;
        let mut keys: Vec<u32> = paths
            .par_iter()
            .filter_map(|p| self.output_name(p).map(|n| name_key(&n)))
            .collect();
        keys.sort_unstable();
        Ok(keys)
    }

    /// The files a case's outputs are, each with the index of its writer: `<name>.<ext>`,
    /// or in a mailed run `<name>-<role>.<ext>` for every copy.
    pub(super) fn output_files(&self, name: &str, facts: &NameFacts) -> Vec<(String, usize)> {
        let stems: Vec<String> = if self.checks.mailing.is_some() {
            facts
                .copy_roles()
                .into_iter()
                .map(|r| format!("{name}-{}", r.key()))
                .collect()
        } else {
            vec![name.to_string()]
        };
        stems
            .iter()
            .flat_map(|stem| {
                self.writers
                    .iter()
                    .enumerate()
                    .map(move |(i, w)| (format!("{stem}.{}", w.extension()), i))
            })
            .collect()
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
        other_shares: &[u32],
    ) -> Result<(HashMap<usize, Diagnostic>, Vec<u32>), Diagnostics> {
        let mut sorted: Vec<u32> = keys.iter().copied().filter(|k| *k != 0).collect();
        sorted.sort_unstable();
        let mut shared: Vec<u32> = sorted
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() > 1 || other_shares.binary_search(&run[0]).is_ok())
            .map(|run| run[0])
            .collect();
        shared.dedup();
        let mut suspects: Vec<(usize, PathBuf)> = Vec::new();
        if !shared.is_empty() {
            for (i, path) in cases.iter().enumerate() {
                if keys.get(i).is_some_and(|k| shared.binary_search(k).is_ok()) {
                    suspects.push((i, path?));
                }
            }
            // The other shares' files with those names, numbered past this share's.
            let mut n = keys.len();
            for path in cases.other_shares() {
                let path = path?;
                let key = self.output_name(&path).map(|name| name_key(&name));
                if key.is_some_and(|k| shared.binary_search(&k).is_ok()) {
                    suspects.push((n, path));
                    n += 1;
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
        let paths: HashMap<usize, &PathBuf> = suspects.iter().map(|(i, p)| (*i, p)).collect();
        let mut groups: Vec<(String, Vec<usize>)> =
            by_name.into_values().filter(|(_, v)| v.len() > 1).collect();
        for (_, idx) in &mut groups {
            idx.sort_by(|a, b| paths[a].cmp(paths[b]));
        }
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let listed = |idx: &[usize]| {
            let mut files: Vec<String> = idx
                .iter()
                .take(FILES_SHOWN)
                .map(|i| paths[i].display().to_string())
                .collect();
            if idx.len() > FILES_SHOWN {
                files.push(format!("and {} more", idx.len() - FILES_SHOWN));
            }
            files.join(", ")
        };
        let colliding: usize = groups.iter().map(|(_, idx)| idx.len()).sum();
        if colliding > MANY_COLLISIONS {
            return Err(self.many_collisions(&groups, colliding, listed));
        }
        let mut refused = HashMap::new();
        for (name, idx) in groups {
            for &i in idx.iter().filter(|i| **i < keys.len()) {
                // each case names the others, so that its own message says which it is
                let others: Vec<String> = idx
                    .iter()
                    .filter(|j| **j != i)
                    .map(|j| format!("`{}`", paths[j].display()))
                    .collect();
                let others = match others.len() {
                    n if n > FILES_SHOWN => format!(
                        "{} and {} more",
                        others[..FILES_SHOWN].join(", "),
                        n - FILES_SHOWN
                    ),
                    _ => others.join(", "),
                };
                let this = paths[&i].display();
                let message = if *self.names == NamePattern::default() {
                    format!("case number `{name}` of `{this}` is also in {others}")
                } else {
                    format!("`{this}` gets the output name `{name}`, as {others} too")
                };
                let d = Diagnostic::error("batch.collision", message)
                    .hint("each case's output is named by --name (its case number by default; names that differ only in case are the same on some systems); none of these files is rendered");
                refused.insert(i, d);
            }
        }
        Ok((refused, sorted))
    }

    /// One usage error for a run where many cases share output names: the counts and
    /// the largest groups.
    fn many_collisions(
        &self,
        groups: &[(String, Vec<usize>)],
        colliding: usize,
        listed: impl Fn(&[usize]) -> String,
    ) -> Diagnostics {
        let what = if *self.names == NamePattern::default() {
            "case numbers".to_string()
        } else {
            format!("names under `--name {}`", self.names.source())
        };
        let mut d = Diagnostic::error(
            "usage",
            format!(
                "{colliding} case files share {} {what}; nothing was rendered",
                groups.len()
            ),
        );
        for (name, idx) in groups.iter().take(GROUPS_SHOWN) {
            d = d.cause(format!("`{name}`: {} files: {}", idx.len(), listed(idx)));
        }
        if groups.len() > GROUPS_SHOWN {
            d = d.cause(format!("and {} more names", groups.len() - GROUPS_SHOWN));
        }
        d.hint("every case needs its own output file: use a --name with a field that differs between cases, e.g. {case_number}")
            .into()
    }
}

/// How many colliding cases are refused one by one; more is one usage error.
const MANY_COLLISIONS: usize = 8;
/// Files listed for one shared name, and names listed in the usage error.
const FILES_SHOWN: usize = 4;
const GROUPS_SHOWN: usize = 3;

/// The key two output names share when they would be one file (on a file system that
/// ignores case too); never 0, which marks "no name".
pub fn name_key(name: &str) -> u32 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    name.to_lowercase().hash(&mut h);
    (h.finish() as u32).max(1)
}
