//! Running the binary in a scratch folder, and reading what it did.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `cases/` and `tests/fixtures/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// A scratch folder, removed when dropped.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }
}

/// The result of one run of the binary.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(self.status, 0, "expected success\nstderr:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn status(&self, code: i32) -> &Run {
        assert_eq!(
            self.status, code,
            "unexpected exit status\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }
}

/// An output as the expected files hold it: the scratch folder's path as `[ROOT]`, and
/// the run's timings (`in 0.21 s, 9 letters/s`) as `[TIME]`.
pub fn redact(text: &str, scratch: &Path) -> String {
    let mut out = text.replace(&scratch.display().to_string(), "[ROOT]");
    if let Ok(real) = scratch.canonicalize() {
        out = out.replace(&real.display().to_string(), "[ROOT]");
    }
    let mut redacted = String::with_capacity(out.len());
    for line in out.split_inclusive('\n') {
        let timed = line
            .find(" letters/s")
            .and_then(|end| Some((line[..end].rfind(" in ")?, end + " letters/s".len())));
        match timed {
            Some((at, end)) => {
                redacted.push_str(&line[..at]);
                redacted.push_str(" in [TIME]");
                redacted.push_str(&line[end..]);
            }
            None => redacted.push_str(line),
        }
    }
    redacted
}

/// Runs `imr-letters ARGS` in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_with_env(cwd, args, &[])
}

/// Runs `imr-letters ARGS` in `cwd` with environment variables set.
pub fn run_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_imr-letters"))
        .args(args)
        .current_dir(cwd)
        // the outer environment's SOURCE_DATE_EPOCH would change every PDF
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("run imr-letters");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `imr-letters ARGS` from the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// The minimal valid case with one substitution applied (which must match).
pub fn minimal_with(from: &str, to: &str) -> String {
    let base = std::fs::read_to_string(fixture("cases/minimal.toml")).unwrap();
    assert!(base.contains(from), "minimal.toml has no {from:?}");
    base.replacen(from, to, 1)
}

/// Every file in a folder, by name (hidden ones too, except the resume journals).
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| !n.starts_with(".imr-letters-state"))
        .filter_map(|(n, p)| std::fs::read(p).ok().map(|b| (n, b)))
        .collect()
}

/// The files of a folder that are not hidden (letters, copies, manifests), as a run writes
/// them.
pub fn letters_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .unwrap_or(0)
}

/// Waits until a run writing into `dir` has written `count` files there, so a test can stop
/// it part-way; fails if the run ends first or makes no progress in a minute.
pub fn wait_for_letters(child: &mut std::process::Child, dir: &Path, count: usize) {
    let started = std::time::Instant::now();
    while letters_in(dir) < count {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be stopped part-way"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "no progress"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}
