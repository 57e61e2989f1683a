//! Output files: written whole or not at all, and the leftovers of a run that was killed.
//!
//! A file is written under a temporary name in its own folder (`.<name>.<pid>.partial`),
//! then renamed over the final name, so a final name only ever holds a whole file. A run
//! killed mid-write leaves its temporary file behind; the next run into the folder deletes
//! the ones for outputs it owns (another process rendering other cases into the same folder
//! keeps its own), and no final name can ever be a temporary one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

const TEMP_SUFFIX: &str = ".partial";

/// The temporary name a file is written under before it is renamed to `target`.
fn temp_path(target: &Path) -> PathBuf {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}{TEMP_SUFFIX}", std::process::id()))
}

/// The final file name a temporary file in an output folder was going to become.
pub fn temp_target(file_name: &str) -> Option<&str> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (target, pid) = rest.rsplit_once('.')?;
    (!target.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then_some(target)
}

/// Deletes the temporary files in `dir` whose final name `owned` accepts; returns how
/// many were deleted.
pub fn remove_stale_temp_files(dir: &Path, owned: impl Fn(&str) -> bool) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(target) = name.to_str().and_then(temp_target) else {
            continue;
        };
        if owned(target) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes a file so that it appears whole or not at all.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_pending(target, bytes)?.commit()
}

fn write_failed(target: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "output.write",
        format!("failed to write `{}`", target.display()),
    )
    .cause(e.to_string())
}

/// Writes a file under its temporary name, to be renamed into place by
/// [`PendingFile::commit`] (a batch records it in its journal first, so a file under a
/// final name is always one the journal knows).
pub fn write_pending(target: &Path, bytes: &[u8]) -> Result<PendingFile, Diagnostic> {
    let temp = temp_path(target);
    let pending = PendingFile {
        temp,
        target: target.to_path_buf(),
    };
    let mut file = std::fs::File::create(&pending.temp).map_err(|e| write_failed(target, &e))?;
    file.write_all(bytes)
        .map_err(|e| write_failed(target, &e))?;
    Ok(pending)
}

/// A whole file under its temporary name; removed if dropped before it is committed.
#[derive(Debug)]
pub struct PendingFile {
    temp: PathBuf,
    target: PathBuf,
}

impl PendingFile {
    /// Renames the file to its final name.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let result = std::fs::rename(&self.temp, &self.target);
        result.map_err(|e| write_failed(&self.target, &e))
        // on success the temporary name is gone; on failure Drop removes it
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// Opens a file that is written piece by piece and renamed into place when finished.
pub struct AtomicFile {
    temp: PathBuf,
    target: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile, Diagnostic> {
        let temp = temp_path(target);
        let file = std::fs::File::create(&temp).map_err(|e| {
            Diagnostic::error(
                "output.write",
                format!("failed to create `{}`", target.display()),
            )
            .cause(e.to_string())
        })?;
        Ok(AtomicFile {
            temp,
            target: target.to_path_buf(),
            file: Some(std::io::BufWriter::with_capacity(256 * 1024, file)),
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the file and renames it to its final name.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let file = self.file.take().expect("a file until committed");
        let result = file
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&self.temp, &self.target));
        result.map_err(|e| {
            let _ = std::fs::remove_file(&self.temp);
            Diagnostic::error(
                "output.write",
                format!("failed to write `{}`", self.target.display()),
            )
            .cause(e.to_string())
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("open").write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.file.as_mut().expect("open").write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("open").flush()
    }
}

impl Drop for AtomicFile {
    /// An unfinished file is removed.
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_map_back_to_their_targets() {
        let t = temp_path(Path::new("out/CM16-1.pdf"));
        let name = t.file_name().unwrap().to_str().unwrap();
        assert_eq!(temp_target(name), Some("CM16-1.pdf"));
        assert_eq!(temp_target("CM16-1.pdf"), None);
        assert_eq!(temp_target(".x.pdf.12a.partial"), None);
        assert_eq!(temp_target("..1.partial"), None);
    }

    #[test]
    fn an_unfinished_atomic_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.json");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"{").unwrap();
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"{}").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"{}");
    }
}
