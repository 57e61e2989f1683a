//! The case files inside a named folder: its own `*.toml` files, and those of its
//! subfolders, read with `--recursive` or, without it, counted for one warning so that a
//! tree is never read in part without a word.
//!
//! What a folder means: its entries whose names end in `.toml` (hidden ones too) that are
//! regular files or symlinks to them. `--recursive` adds its subfolders, at any depth,
//! except hidden ones (names starting with `.`) and symlinked ones: a link can lead out of
//! the tree or back into it, so none is followed (each is named in one warning), and every
//! folder is listed once. Listing a folder costs one pass over its entries, with no `stat`
//! of an entry the directory already types (a folder of 100,000 case files and no
//! subfolders is listed as fast as before).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::inputs::Shard;
use super::spill::SortedNames;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Files named in a warning about files left out.
const NAMED: usize = 3;

/// One listed folder: its case files, and its subfolders found on the way.
pub(super) struct Listed {
    pub names: SortedNames,
    /// Real, non-hidden subfolders, in name order.
    pub subfolders: Vec<PathBuf>,
    /// Symlinked folders (looked for only when `with_links`), in name order.
    pub links: Vec<PathBuf>,
}

/// The case files of the named folder `dir` as `(folder, names)` sources, pushed onto
/// `sources`; with `recursive` those of its whole tree. `seen` holds the folders listed so
/// far (canonical paths): none is listed twice. Returns how many case files were found;
/// warns (in `problems`) about the subfolders not read, or the symlinked ones not followed.
pub(super) fn list_tree(
    dir: &Path,
    shard: Option<Shard>,
    recursive: bool,
    seen: &mut HashSet<PathBuf>,
    problems: &mut Diagnostics,
    sources: &mut Vec<(PathBuf, SortedNames)>,
) -> Result<usize, Diagnostic> {
    let mut found = 0;
    let mut links = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut first = true;
    while let Some(folder) = stack.pop() {
        if !first {
            let canonical = folder.canonicalize().unwrap_or_else(|_| folder.clone());
            if !seen.insert(canonical) {
                continue;
            }
        }
        let listed = list_folder(&folder, shard, recursive, problems)?;
        if first && !recursive {
            if !listed.subfolders.is_empty() {
                let unread = count_unread(listed.subfolders);
                if unread.files > 0 {
                    problems.push(unread.warning(dir, listed.names.is_empty()));
                }
            }
            found += listed.names.len();
            if !listed.names.is_empty() {
                sources.push((folder, listed.names));
            }
            break;
        }
        first = false;
        links.extend(listed.links);
        // popped in name order
        stack.extend(listed.subfolders.into_iter().rev());
        found += listed.names.len();
        if !listed.names.is_empty() {
            sources.push((folder, listed.names));
        }
    }
    if !links.is_empty() {
        links.sort();
        problems.push(links_warning(dir, &links));
    }
    Ok(found)
}

/// A folder's case files (those of the shard) and its subfolders; its `*.toml` entries
/// that cannot be cases (a name that is not UTF-8, a FIFO, a dangling symlink, a folder)
/// are each reported in `problems`.
pub(super) fn list_folder(
    dir: &Path,
    shard: Option<Shard>,
    with_links: bool,
    problems: &mut Diagnostics,
) -> Result<Listed, Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            "batch.read",
            format!("failed to read folder `{}`", dir.display()),
        )
        .cause(e.to_string())
    };
    let mut listed = Listed {
        names: SortedNames::default(),
        subfolders: Vec::new(),
        links: Vec::new(),
    };
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let name = entry.file_name();
        let kind = entry.file_type().ok();
        let toml = match name.to_str() {
            Some(n) => n.ends_with(".toml"),
            None => Path::new(&name).extension().is_some_and(|e| e == "toml"),
        };
        if !toml {
            let hidden = name.as_encoded_bytes().first() == Some(&b'.');
            match kind {
                Some(t) if t.is_dir() && !hidden => listed.subfolders.push(entry.path()),
                Some(t) if t.is_symlink() && with_links && !hidden && entry.path().is_dir() => {
                    listed.links.push(entry.path())
                }
                _ => {}
            }
            continue;
        }
        let Some(name) = name.to_str() else {
            bad.push(not_utf8(&entry.path()));
            continue;
        };
        if shard.is_some_and(|s| !s.takes(name)) {
            continue;
        }
        let is_file = match kind {
            Some(t) if t.is_symlink() => entry.path().is_file(),
            Some(t) => t.is_file(),
            None => false,
        };
        if is_file {
            listed.names.push(name.to_string()).map_err(fail)?;
        } else if let Some(d) = not_a_case_file(&entry.path()) {
            bad.push(d);
        }
    }
    listed.names.finish().map_err(fail)?;
    listed.subfolders.sort();
    listed.links.sort();
    // in name order, whatever order the folder lists its entries in
    bad.sort_by(|a, b| a.message.cmp(&b.message));
    problems.0.extend(bad);
    Ok(listed)
}

/// The case files in subfolders that a run without `--recursive` does not read.
#[derive(Default)]
struct Unread {
    files: usize,
    /// Subfolders holding case files of their own.
    folders: usize,
    /// The first few of them, in order (folder, then name).
    first: Vec<PathBuf>,
}

/// Counts what `--recursive` would add under `subfolders` (the same folders it would
/// descend), holding only a few names.
fn count_unread(subfolders: Vec<PathBuf>) -> Unread {
    let mut unread = Unread::default();
    let mut stack: Vec<PathBuf> = subfolders.into_iter().rev().collect();
    let mut seen = HashSet::new();
    while let Some(folder) = stack.pop() {
        if !seen.insert(folder.canonicalize().unwrap_or_else(|_| folder.clone())) {
            continue;
        }
        let mut quiet = Diagnostics::default();
        let Ok(listed) = list_folder(&folder, None, false, &mut quiet) else {
            continue;
        };
        if !listed.names.is_empty() {
            unread.files += listed.names.len();
            unread.folders += 1;
            let room = NAMED.saturating_sub(unread.first.len());
            for name in listed.names.iter().take(room).flatten() {
                unread.first.push(folder.join(name));
            }
        }
        stack.extend(listed.subfolders.into_iter().rev());
    }
    unread
}

impl Unread {
    fn warning(&self, dir: &Path, none_of_its_own: bool) -> Diagnostic {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let named = listing(&self.first, self.files);
        Diagnostic::warning(
            "batch.subfolders",
            format!(
                "{} case file{} in {} subfolder{} of `{}` {} not read{}: {}",
                self.files,
                s(self.files),
                self.folders,
                s(self.folders),
                dir.display(),
                if self.files == 1 { "is" } else { "are" },
                if none_of_its_own {
                    " (it holds none of its own)"
                } else {
                    ""
                },
                named,
            ),
        )
        .hint(
            "a folder means the *.toml files directly inside it; add --recursive (-r) to read its subfolders too",
        )
    }
}

fn links_warning(dir: &Path, links: &[PathBuf]) -> Diagnostic {
    let named = listing(&links[..links.len().min(NAMED)], links.len());
    Diagnostic::warning(
        "batch.symlinked-folder",
        format!(
            "{} symlinked folder{} in `{}` {} not followed: {}",
            links.len(),
            if links.len() == 1 { "" } else { "s" },
            dir.display(),
            if links.len() == 1 { "is" } else { "are" },
            named
        ),
    )
    .hint("--recursive never follows a symlinked folder (it could lead out of the tree or back into it); name the folder itself to read it")
}

/// `` `a`, `b`, `c` and 4 more ``: the first paths of `total`.
fn listing(first: &[PathBuf], total: usize) -> String {
    let named: Vec<String> = first.iter().map(|p| format!("`{}`", p.display())).collect();
    let mut out = named.join(", ");
    if total > first.len() {
        out.push_str(&format!(" and {} more", total - first.len()));
    }
    out
}

/// Why a path that exists is no case file (a FIFO, a device, a folder named `*.toml`, a
/// symlink to nothing), or `None` when it is a regular file or does not exist at all.
pub(super) fn not_a_case_file(path: &Path) -> Option<Diagnostic> {
    let what = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => return None,
        Ok(meta) => crate::diagnostic::read::kind_of(&meta),
        Err(_) if std::fs::symlink_metadata(path).is_ok() => "a symlink to nothing",
        Err(_) => return None,
    };
    Some(
        Diagnostic::error(
            "batch.not-file",
            format!("`{}` is {what}, not a case file", path.display()),
        )
        .hint("a case file is a regular file; it is left out and the others are read"),
    )
}

pub(super) fn not_utf8(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "batch.name",
        format!("the file name of `{}` is not UTF-8", path.display()),
    )
    .hint("rename the case file; it is left out and the others are read")
}
