//! What `watch` waits on: the folders it watches (a tree read with --recursive whole,
//! from its top), which file events are changes to its inputs, and the wake-ups of its
//! loop (a change, or Ctrl-C).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// How long events keep coming for one save (an editor's write, rename and chmod).
const SETTLE: Duration = Duration::from_millis(30);

/// What wakes the loop.
pub(super) enum Wake {
    Changed(PathBuf),
    Stop,
}

/// Watches the folders of `inputs` not watched yet; a tree read with --recursive is
/// watched whole, from its top.
pub(super) fn watch_folders(
    watcher: &mut impl Watcher,
    watched: &mut BTreeSet<PathBuf>,
    inputs: &[PathBuf],
    tree: Option<&Path>,
) {
    for folder in folders_of(inputs) {
        let mode = match tree {
            Some(top) if folder == top => RecursiveMode::Recursive,
            Some(top) if folder.starts_with(top) => continue,
            _ => RecursiveMode::NonRecursive,
        };
        if watched.insert(folder.clone()) {
            // a folder that cannot be watched (gone) is reported by the next round
            let _ = watcher.watch(&folder, mode);
        }
    }
}

/// The folders to watch for the files: each file's own folder (so a file replaced by a
/// rename is seen), and each folder itself.
pub(super) fn folders_of(inputs: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for p in inputs {
        let absolute = std::path::absolute(p).unwrap_or_else(|_| p.clone());
        if absolute.is_dir() {
            out.insert(absolute);
        } else if let Some(parent) = absolute.parent() {
            out.insert(parent.to_path_buf());
        }
    }
    out
}

/// Waits until one of the inputs (or a file in a folder among them) changes, then lets the
/// rest of that save's events pass; or until Ctrl-C.
/// The letters written and hidden files (this program's temporary files, editors' swap
/// files) are not changes to the inputs.
/// Under `tree` (a folder read with --recursive), a change at any depth is one, outside
/// hidden folders.
pub(super) fn wait_for_change(
    rx: &Receiver<Wake>,
    inputs: &[PathBuf],
    outputs: &[PathBuf],
    tree: Option<&Path>,
) -> Wake {
    let absolute = |paths: &[PathBuf]| -> Vec<PathBuf> {
        paths
            .iter()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .collect()
    };
    let (inputs, outputs) = (absolute(inputs), absolute(outputs));
    let concerns = |changed: &Path| {
        let hidden = changed
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        // a case file or a folder (not a letter written into the tree)
        let in_tree = changed.extension().is_none_or(|e| e == "toml")
            && tree
                .and_then(|t| changed.strip_prefix(t).ok())
                .is_some_and(|rest| {
                    !rest
                        .components()
                        .any(|c| c.as_os_str().as_encoded_bytes().first() == Some(&b'.'))
                });
        !hidden
            && !outputs.iter().any(|o| o == changed)
            && (in_tree
                || inputs
                    .iter()
                    .any(|p| changed == p || (p.is_dir() && changed.parent() == Some(p.as_path()))))
    };
    loop {
        match rx.recv() {
            Ok(Wake::Stop) | Err(_) => return Wake::Stop,
            Ok(Wake::Changed(path)) if concerns(&path) => {
                // the rest of this save (an editor writes, renames, sets modes)
                loop {
                    match rx.recv_timeout(SETTLE) {
                        Ok(Wake::Stop) => return Wake::Stop,
                        Ok(Wake::Changed(_)) => continue,
                        Err(RecvTimeoutError::Timeout) => return Wake::Changed(path),
                        Err(RecvTimeoutError::Disconnected) => return Wake::Stop,
                    }
                }
            }
            Ok(Wake::Changed(_)) => continue,
        }
    }
}

/// Whether an event can change what a file holds: a write, a creation, a rename or a
/// removal; not an open, a read or a change of its times or modes.
pub(super) fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(access) => {
            matches!(
                access,
                notify::event::AccessKind::Close(notify::event::AccessMode::Write)
            )
        }
        EventKind::Any | EventKind::Other => false,
    }
}
