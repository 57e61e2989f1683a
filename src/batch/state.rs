//! Resume: which outputs in the folder are already what this run would write.
//!
//! Every output written is recorded in a journal in the output folder
//! (`.imr-letters-state.jsonl`, or `.imr-letters-state-K-of-N.jsonl` for a shard), one
//! JSON line per file, appended right after the file is renamed into place:
//!
//! ```json
//! {"output":"CM16-0247624.pdf","fingerprint":"…","sha256":"…","bytes":51003,"pages":2}
//! ```
//!
//! The fingerprint is the SHA-256 of everything the file's bytes depend on: the tool's
//! version, the run's [`run_fingerprint`] (every template's source, every setting after
//! `settings.toml` and `--var`, the font files, `--deny-warnings`), the case file's bytes
//! and the output's writer ([`crate::export::Writer::fingerprint`]: its format, its layout
//! and its options, such as `--wrap`). An output is current when its file exists with
//! the recorded size and the recorded fingerprint equals the one this run computes; a
//! rerun skips a case whose outputs are all current. Reading takes every journal in the
//! folder, so shards writing into one folder each keep
//! their own journal and a later unsharded run still sees them all. A line cut short by a
//! kill is ignored: its file is simply rendered again.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Shard;
use crate::diagnostic::Diagnostic;
use crate::letter::{Checks, Renderer};

const JOURNAL_PREFIX: &str = ".imr-letters-state";
const JOURNAL_SUFFIX: &str = ".jsonl";

/// One output file as the journal records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub output: String,
    pub fingerprint: String,
    pub sha256: String,
    pub bytes: u64,
    pub pages: usize,
    /// The case file the output was made from, as the run was given it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// A mailed copy's recipient role (`employee`, …); none for a public letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A mailed copy's place in the mailing order: its recipient's ZIP code (none when
    /// the address has none, or for a public letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
}

/// The fingerprint of everything in a run that decides an output's bytes, besides the case.
pub fn run_fingerprint(renderer: &Renderer, checks: &Checks<'_>) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(concat!("imr-letters ", env!("CARGO_PKG_VERSION"), "\n").as_bytes());
    // whether a case is written at all depends on its warnings under --deny-warnings
    hash.update(format!("deny-warnings {}\n", checks.deny_warnings).as_bytes());
    renderer.templates.hash_into(&mut hash);
    // a mailed copy's last days depend on the holiday calendar's years
    if let Some(mailing) = checks.mailing {
        hash.update(format!("mailed {mailing:?}\n").as_bytes());
    }
    for (family, style, font) in renderer.layout.fonts.faces() {
        hash.update(format!("font {family:?} {style:?} {}\n", font.data.len()).as_bytes());
        hash.update(&font.data);
    }
    hash.finalize().into()
}

/// The SHA-256 of a case file's bytes.
pub fn case_digest(case_bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(case_bytes).into()
}

/// The fingerprint one output of one case must carry to be current.
pub fn output_fingerprint(run: &[u8; 32], case_digest: &[u8; 32], writer: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(run);
    hash.update(case_digest);
    hash.update(writer.as_bytes());
    hex(&hash.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// What the output folder's journals say, and this run's journal to add to.
pub struct State {
    dir: PathBuf,
    /// Every record read, by output file (a file rendered with several fingerprints over
    /// time, or by several shards, has several).
    known: HashMap<String, Vec<Record>>,
    journal: Mutex<Option<std::fs::File>>,
    journal_path: PathBuf,
    /// The first failure to write the journal, reported once at the end.
    pub trouble: Mutex<Option<Diagnostic>>,
}

impl State {
    /// Reads the journals in `dir` and opens this run's own for appending.
    pub fn open(dir: &Path, shard: Option<Shard>) -> State {
        let own = journal_name(shard);
        let journal_path = dir.join(&own);
        let mut known = HashMap::new();
        let mut own_lines = 0usize;
        let mut own_records = HashMap::new();
        for name in journal_names(dir) {
            let Ok(text) = std::fs::read_to_string(dir.join(&name)) else {
                continue;
            };
            for line in text.lines() {
                // A line cut short by a kill does not parse and is ignored.
                if let Ok(record) = serde_json::from_str::<Record>(line) {
                    if name == own {
                        own_lines += 1;
                        own_records.insert(record.output.clone(), record.clone());
                    }
                    known
                        .entry(record.output.clone())
                        .or_insert_with(Vec::new)
                        .push(record);
                }
            }
        }
        // Reruns only append; when most of the journal is superseded lines, rewrite it.
        if own_lines > 2 * own_records.len() + 64 {
            let mut records: Vec<&Record> = own_records.values().collect();
            records.sort_by(|a, b| a.output.cmp(&b.output));
            let text: String = records
                .iter()
                .filter_map(|r| serde_json::to_string(r).ok())
                .map(|l| l + "\n")
                .collect();
            let _ = super::write_atomically(&journal_path, text.as_bytes());
        }
        State {
            dir: dir.to_path_buf(),
            known,
            journal: Mutex::new(None),
            journal_path,
            trouble: Mutex::new(None),
        }
    }

    /// Whether no journal in the folder records anything (a first run).
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// The record of `output` if its file is there, whole, and has `fingerprint`.
    pub fn current(&self, output: &str, fingerprint: &str) -> Option<&Record> {
        let record = self
            .known
            .get(output)?
            .iter()
            .rev()
            .find(|r| r.fingerprint == fingerprint)?;
        let path = self.dir.join(output);
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() != record.bytes {
            return None;
        }
        // The very file recorded, not another of the same size (another shard's, an edit).
        let bytes = std::fs::read(&path).ok()?;
        (hex(&Sha256::digest(&bytes)) == record.sha256).then_some(record)
    }

    /// Whether some journal records an output named `output` (a file imr-letters wrote).
    pub fn knows(&self, output: &str) -> bool {
        self.known.contains_key(output)
    }

    /// Appends records to this run's journal (one write, so lines never interleave).
    pub fn record(&self, records: &[Record]) {
        // Nothing to record (a failed or skipped case): the journal is not even created,
        // so a run that renders nothing leaves its output folder as it found it.
        if records.is_empty() {
            return;
        }
        let mut text = String::new();
        for r in records {
            if let Ok(line) = serde_json::to_string(r) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        let mut journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        if journal.is_none() {
            *journal = open_journal(&self.journal_path)
                .map_err(|e| self.note(e))
                .ok();
        }
        if let Some(file) = journal.as_mut()
            && let Err(e) = file.write_all(text.as_bytes())
        {
            self.note(e);
        }
    }

    fn note(&self, e: std::io::Error) {
        let mut trouble = self.trouble.lock().unwrap_or_else(|e| e.into_inner());
        if trouble.is_none() {
            *trouble = Some(
                Diagnostic::warning(
                    "state.write",
                    format!(
                        "failed to record outputs in `{}`; a rerun will render them again",
                        self.journal_path.display()
                    ),
                )
                .cause(e.to_string()),
            );
        }
    }
}

/// The name of the journal a run (or a shard of it) keeps.
fn journal_name(shard: Option<Shard>) -> String {
    match shard {
        Some(s) => format!(
            "{JOURNAL_PREFIX}-{}-of-{}{JOURNAL_SUFFIX}",
            s.index, s.count
        ),
        None => format!("{JOURNAL_PREFIX}{JOURNAL_SUFFIX}"),
    }
}

/// Records a file the run wrote into `dir` besides the letters (the mailing manifest)
/// in the run's journal, so a later run knows imr-letters made it.
pub fn record_run_output(
    dir: &Path,
    shard: Option<Shard>,
    name: &str,
    bytes: u64,
    sha256: String,
) -> Result<(), Diagnostic> {
    let path = dir.join(journal_name(shard));
    let record = Record {
        output: name.to_string(),
        fingerprint: String::new(),
        sha256,
        bytes,
        pages: 0,
        input: None,
        role: None,
        zip: None,
    };
    let line = serde_json::to_string(&record).unwrap_or_default() + "\n";
    open_journal(&path)
        .and_then(|mut f| f.write_all(line.as_bytes()))
        .map_err(|e| {
            Diagnostic::warning(
                "state.write",
                format!(
                    "failed to record `{name}` in `{}`; a rerun will take it for a file imr-letters did not write",
                    path.display()
                ),
            )
            .cause(e.to_string())
        })
}

/// Every record of every journal in `dir`, in the order of the journals' names and of
/// their lines (lines cut short left out).
pub fn all_records(dir: &Path) -> Vec<Record> {
    let mut all = Vec::new();
    for journal in journal_names(dir) {
        let Ok(text) = std::fs::read_to_string(dir.join(&journal)) else {
            continue;
        };
        all.extend(
            text.lines()
                .filter_map(|l| serde_json::from_str::<Record>(l).ok()),
        );
    }
    all
}

/// Opens a journal for appending: never through a symlink (it would write wherever the
/// link points), and after a line that a kill or a full disk cut short, on a new line, so
/// the cut line never swallows the next record.
fn open_journal(path: &Path) -> std::io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(std::io::Error::other(
            "the journal is a symlink or not a regular file; it is not written through",
        ));
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)?;
    let len = file.metadata()?.len();
    if len > 0 {
        use std::io::{Read, Seek, SeekFrom};
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            file.write_all(b"\n")?;
        }
    }
    Ok(file)
}

/// Whether a journal in `dir` records an output named `name` (a letter some run wrote).
pub fn is_recorded(dir: &Path, name: &str) -> bool {
    journal_names(dir).iter().any(|journal| {
        std::fs::read_to_string(dir.join(journal)).is_ok_and(|text| {
            text.lines()
                .filter_map(|l| serde_json::from_str::<Record>(l).ok())
                .any(|r| r.output.eq_ignore_ascii_case(name))
        })
    })
}

/// Whether a file name in an output folder is a journal.
pub fn is_journal(name: &str) -> bool {
    name.starts_with(JOURNAL_PREFIX) && name.ends_with(JOURNAL_SUFFIX)
}

fn journal_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_journal(n))
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(output: &str, fp: &str, bytes: u64) -> Record {
        Record {
            output: output.into(),
            fingerprint: fp.into(),
            sha256: hex(&Sha256::digest(b"abc")),
            bytes,
            pages: 1,
            input: None,
            role: None,
            zip: None,
        }
    }

    #[test]
    fn current_needs_the_file_its_size_and_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"abc").unwrap();
        let state = State::open(dir.path(), None);
        state.record(&[record("a.txt", "f1", 3), record("b.txt", "f1", 3)]);
        // A cut-off line at the end is ignored.
        let journal = dir.path().join(".imr-letters-state.jsonl");
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        f.write_all(b"{\"output\":\"a.txt\",\"finger").unwrap();
        let state = State::open(dir.path(), None);
        assert!(state.current("a.txt", "f1").is_some());
        assert!(state.current("a.txt", "f2").is_none(), "other inputs");
        assert!(state.current("b.txt", "f1").is_none(), "file missing");
        std::fs::write(dir.path().join("a.txt"), b"ab").unwrap();
        assert!(state.current("a.txt", "f1").is_none(), "file changed");
    }

    #[test]
    fn shards_keep_their_own_journals_and_read_all() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"abc").unwrap();
        let shard = Shard { index: 2, count: 3 };
        State::open(dir.path(), Some(shard)).record(&[record("a.txt", "f", 3)]);
        assert!(dir.path().join(".imr-letters-state-2-of-3.jsonl").exists());
        assert!(
            State::open(dir.path(), None)
                .current("a.txt", "f")
                .is_some()
        );
    }
}
