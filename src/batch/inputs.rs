//! The case files of a run: which files the command-line paths name, in a fixed order, and
//! which of them a shard (`--shard K/N`) takes.
//!
//! Files are ordered by folder, then by file name. A folder's names are kept sorted on
//! disk when there are many ([`super::spill`]), so a list of 100,000 cases costs a few
//! hundred kilobytes, and it is read back as the run goes, as often as needed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::spill::SortedNames;
use super::tree::{list_tree, not_a_case_file, not_utf8};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One share of the input: the `index`-th (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard, Diagnostic> {
        let bad = || {
            Diagnostic::error("usage", format!("`--shard {text}` is not a shard"))
                .hint("write K/N with 1 ≤ K ≤ N, e.g. --shard 2/8 for the second of eight shares")
        };
        let (k, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether the case file named `file_name` falls in this share. The share depends on
    /// the file name alone (SHA-256, first 8 bytes, modulo N), so adding or removing other
    /// files never moves a file to another shard.
    pub fn takes(&self, file_name: &str) -> bool {
        let digest = Sha256::digest(file_name.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % self.count == self.index - 1
    }
}

/// The case files of a run, in order: folders by path, the files of each by name.
#[derive(Debug, Default)]
pub struct CaseList {
    /// Each folder with the names of its case files (those of the shard).
    sources: Vec<(PathBuf, SortedNames)>,
    len: usize,
    /// With a shard: every case file of the run, all shares, so that a case number in
    /// two shares is caught by each.
    everyone: Option<Box<CaseList>>,
    /// The shard the list was cut to.
    shard: Option<Shard>,
    /// Problems worth telling that do not stop the run (an empty folder).
    pub warnings: Diagnostics,
}

impl CaseList {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The case files of the other shares (none without a shard), in order.
    pub fn other_shares(&self) -> impl Iterator<Item = Result<PathBuf, Diagnostic>> + '_ {
        let shard = self.shard;
        self.everyone.iter().flat_map(move |all| {
            all.iter().filter(move |p| {
                let name = p.as_ref().ok().and_then(|p| p.file_name()?.to_str());
                !(shard.is_some_and(|s| name.is_some_and(|n| s.takes(n))))
            })
        })
    }

    /// Every case file's path, in order (read back from the list as it goes).
    pub fn iter(&self) -> impl Iterator<Item = Result<PathBuf, Diagnostic>> + '_ {
        self.sources.iter().flat_map(|(folder, names)| {
            names.iter().map(move |name| {
                let name = name.map_err(|e| {
                    Diagnostic::error("batch.list", "failed to read back the list of case files")
                        .cause(e.to_string())
                })?;
                Ok(if folder.as_os_str().is_empty() {
                    PathBuf::from(name)
                } else {
                    folder.join(name)
                })
            })
        })
    }
}

/// The case files named by `paths`: files as given, folders by their `*.toml` files (with
/// `recursive`, those of their subfolders too: see [`super::tree`]); with a shard, only
/// the files in its share.
pub fn collect_cases(
    paths: &[PathBuf],
    shard: Option<Shard>,
    recursive: bool,
) -> Result<CaseList, Diagnostics> {
    let mut problems = Diagnostics::default();
    // Folders and files already listed (as canonical paths), so a file named twice, or
    // named and inside a named folder, is rendered once.
    let mut seen_folders = HashSet::new();
    let mut seen_files = HashSet::new();
    let mut sources: Vec<(PathBuf, SortedNames)> = Vec::new();
    let mut direct = Vec::new();
    for path in paths {
        if path.is_dir() {
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            if !seen_folders.insert(canonical) {
                continue;
            }
            let before = problems.0.len();
            match list_tree(
                path,
                shard,
                recursive,
                &mut seen_folders,
                &mut problems,
                &mut sources,
            ) {
                // (a folder whose subfolders hold cases has its warning already)
                Ok(0)
                    if shard.is_none()
                        && !problems.0[before..]
                            .iter()
                            .any(|d| d.code == "batch.subfolders") =>
                {
                    problems.push(Diagnostic::warning(
                        "batch.empty",
                        format!("folder `{}` holds no .toml case files", path.display()),
                    ));
                }
                Ok(_) => {}
                Err(d) => problems.push(d),
            }
        } else if path.is_file() {
            direct.push(path);
        } else if let Some(d) = not_a_case_file(path) {
            problems.push(d);
        } else {
            problems.push(Diagnostic::error(
                "batch.missing",
                format!("`{}` does not exist", path.display()),
            ));
        }
    }
    let mut files: Vec<(PathBuf, SortedNames)> = Vec::new();
    for path in direct {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        let in_listed_folder = canonical.extension().is_some_and(|e| e == "toml")
            && canonical.parent().is_some_and(|p| seen_folders.contains(p));
        if in_listed_folder || !seen_files.insert(canonical) {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            problems.push(not_utf8(path));
            continue;
        };
        if shard.is_some_and(|s| !s.takes(name)) {
            continue;
        }
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let at = match files.iter().position(|(f, _)| *f == folder) {
            Some(at) => at,
            None => {
                files.push((folder, SortedNames::default()));
                files.len() - 1
            }
        };
        if let Err(e) = files[at].1.push(name.to_string()) {
            problems.push(list_failed(path, e));
        }
    }
    for (folder, mut names) in files {
        match names.finish() {
            Ok(()) => sources.push((folder, names)),
            Err(e) => problems.push(list_failed(&folder, e)),
        }
    }
    // A path that does not exist, or a folder that cannot be read, stops the run; a
    // file that is there but cannot be a case is reported and the others are rendered.
    if problems
        .0
        .iter()
        .any(|d| d.is_error() && d.code != "batch.not-file" && d.code != "batch.name")
    {
        return Err(problems);
    }
    sources.sort_by(|a, b| a.0.cmp(&b.0));
    let everyone = match shard {
        Some(_) => Some(Box::new(collect_cases(paths, None, recursive)?)),
        None => None,
    };
    Ok(CaseList {
        len: sources.iter().map(|(_, n)| n.len()).sum(),
        sources,
        everyone,
        shard,
        warnings: problems,
    })
}

fn list_failed(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "batch.list",
        format!("failed to list the case files of `{}`", path.display()),
    )
    .cause(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_every_file_into_exactly_one_share() {
        let shards: Vec<Shard> = (1..=4)
            .map(|k| Shard::parse(&format!("{k}/4")).unwrap())
            .collect();
        let mut sizes = [0usize; 4];
        for i in 0..400 {
            let name = format!("CM16-{i:07}.toml");
            let taken: Vec<usize> = (0..4).filter(|k| shards[*k].takes(&name)).collect();
            assert_eq!(taken.len(), 1, "{name} is in {taken:?}");
            sizes[taken[0]] += 1;
        }
        assert!(sizes.iter().all(|n| (60..=140).contains(n)), "{sizes:?}");
    }

    #[test]
    fn a_long_folder_comes_back_sorted_and_sharded() {
        let dir = tempfile::tempdir().unwrap();
        let n = super::super::spill::CHUNK + 808;
        for i in 0..n {
            // Written in an order unlike the sorted one.
            let k = (i * 7919) % n;
            std::fs::write(dir.path().join(format!("c{k:05}.toml")), b"").unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), b"").unwrap();
        let folder = dir.path().to_path_buf();
        let list = collect_cases(std::slice::from_ref(&folder), None, false).unwrap();
        assert_eq!(list.len(), n);
        let names: Vec<String> = list
            .iter()
            .map(|p| {
                p.unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let expected: Vec<String> = (0..n).map(|k| format!("c{k:05}.toml")).collect();
        assert!(names == expected, "sorted, every file once, only .toml");
        let mut total = 0;
        for k in 1..=3 {
            let shard = Shard { index: k, count: 3 };
            let part = collect_cases(std::slice::from_ref(&folder), Some(shard), false).unwrap();
            assert!(
                part.iter()
                    .all(|p| shard.takes(&p.unwrap().file_name().unwrap().to_string_lossy()))
            );
            total += part.len();
        }
        assert_eq!(total, n);
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(Shard::parse(" 2/8 ").unwrap(), Shard { index: 2, count: 8 });
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "-1/4"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
