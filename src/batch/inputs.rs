//! The case files of a run: which files the command-line paths name, in a fixed order, and
//! which of them a shard (`--shard K/N`) takes.
//!
//! The list is held compactly: one string of file names (without their `.toml`) and 12
//! bytes per file, not a path per file, so 100,000 cases cost about 2.5 MB here and
//! nothing grows while the run goes on. Files are ordered by folder, then by file name.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

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

/// The case files of a run.
#[derive(Debug, Default)]
pub struct CaseList {
    folders: Vec<PathBuf>,
    names: String,
    entries: Vec<Entry>,
    /// Problems worth telling that do not stop the run (an empty folder).
    pub warnings: Diagnostics,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    folder: u32,
    start: u32,
    len: u16,
    /// The name ends in `.toml`, which is not stored.
    toml: bool,
}

const TOML: &str = ".toml";

impl Entry {
    fn stem<'a>(&self, names: &'a str) -> &'a str {
        &names[self.start as usize..self.start as usize + usize::from(self.len)]
    }

    /// The file name's bytes, extension included.
    fn bytes<'a>(&self, names: &'a str) -> impl Iterator<Item = u8> + 'a {
        let ext = if self.toml { TOML } else { "" };
        self.stem(names).bytes().chain(ext.bytes())
    }
}

impl CaseList {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The path of the `i`-th case file.
    pub fn path(&self, i: usize) -> PathBuf {
        let name = self.file_name(i);
        let folder = &self.folders[self.entries[i].folder as usize];
        if folder.as_os_str().is_empty() {
            PathBuf::from(name)
        } else {
            folder.join(name)
        }
    }

    /// The file name of the `i`-th case file.
    pub fn file_name(&self, i: usize) -> String {
        let e = self.entries[i];
        let mut name = e.stem(&self.names).to_string();
        if e.toml {
            name.push_str(TOML);
        }
        name
    }

    /// Every path, in order.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.len()).map(|i| self.path(i))
    }

    fn push(&mut self, folder: u32, name: &str) -> Result<(), Diagnostic> {
        let (stem, toml) = match name.strip_suffix(TOML) {
            Some(stem) => (stem, true),
            None => (name, false),
        };
        let start = self.names.len();
        self.names.push_str(stem);
        let (Ok(start), Ok(len), Ok(_)) = (
            u32::try_from(start),
            u16::try_from(stem.len()),
            u32::try_from(self.names.len()),
        ) else {
            return Err(
                Diagnostic::error("batch.too-many", "too many case files for one run")
                    .hint("split the cases with --shard K/N"),
            );
        };
        self.entries.push(Entry {
            folder,
            start,
            len,
            toml,
        });
        Ok(())
    }

    fn folder(&mut self, path: &Path) -> u32 {
        match self.folders.iter().position(|f| f == path) {
            Some(i) => i as u32,
            None => {
                self.folders.push(path.to_path_buf());
                (self.folders.len() - 1) as u32
            }
        }
    }
}

/// The case files named by `paths`: files as given, folders by their `*.toml` files;
/// with a shard, only the files in its share.
pub fn collect_cases(paths: &[PathBuf], shard: Option<Shard>) -> Result<CaseList, Diagnostics> {
    let mut list = CaseList::default();
    let mut problems = Diagnostics::default();
    // Folders and files already listed (as canonical paths), so a file named twice, or
    // named and inside a named folder, is rendered once.
    let mut seen_folders = HashSet::new();
    let mut seen_files = HashSet::new();
    let mut direct = Vec::new();
    for path in paths {
        if path.is_dir() {
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            if !seen_folders.insert(canonical) {
                continue;
            }
            let before = list.len();
            if let Err(d) = list_folder(&mut list, path, shard) {
                problems.push(d);
            } else if list.len() == before && shard.is_none() {
                problems.push(Diagnostic::warning(
                    "batch.empty",
                    format!("folder `{}` holds no .toml case files", path.display()),
                ));
            }
        } else if path.is_file() {
            direct.push(path);
        } else {
            problems.push(Diagnostic::error(
                "batch.missing",
                format!("`{}` does not exist", path.display()),
            ));
        }
    }
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
        let folder = list.folder(path.parent().unwrap_or(Path::new("")));
        if let Err(d) = list.push(folder, name) {
            problems.push(d);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    list.warnings = problems;
    let CaseList {
        folders,
        names,
        entries,
        ..
    } = &mut list;
    entries.sort_unstable_by(|a, b| {
        folders[a.folder as usize]
            .cmp(&folders[b.folder as usize])
            .then_with(|| a.bytes(names).cmp(b.bytes(names)))
    });
    Ok(list)
}

fn list_folder(list: &mut CaseList, dir: &Path, shard: Option<Shard>) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            "batch.read",
            format!("failed to read folder `{}`", dir.display()),
        )
        .cause(e.to_string())
    };
    let folder = list.folder(dir);
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            if Path::new(&name).extension().is_some_and(|e| e == "toml") {
                return Err(not_utf8(&entry.path()));
            }
            continue;
        };
        if !name.ends_with(".toml") || shard.is_some_and(|s| !s.takes(name)) {
            continue;
        }
        let is_file = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path().is_file(),
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if is_file {
            list.push(folder, name)?;
        }
    }
    Ok(())
}

fn not_utf8(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "batch.name",
        format!("the file name of `{}` is not UTF-8", path.display()),
    )
    .hint("rename the case file")
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
    fn shard_syntax() {
        assert_eq!(Shard::parse(" 2/8 ").unwrap(), Shard { index: 2, count: 8 });
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "-1/4"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
