//! Batches: many cases rendered into an output folder, in parallel, as a stream.
//!
//! A run goes in two passes over the case list ([`inputs`]), both on the current rayon pool:
//!
//! 1. **Scan.** Each case file is read and parsed for its output name ([`naming`]) and its
//!    fingerprint, which decides whether its outputs are already current ([`state`]). Only
//!    a 64-bit key of the name and a flag stay in memory per case. Names that two case
//!    files share are found from the keys and both cases are refused, before anything is
//!    written.
//! 2. **Render.** Cases go in order, a block at a time: the workers each read, render,
//!    write ([`output`], atomically) and drop one case; the block's outcomes then reach the
//!    caller in input order (for the report, the combined PDF and the messages) and are
//!    dropped too. Memory stays flat however many cases there are.
//!
//! A bad case is reported with its file and cause and skipped; the others are written. The
//! templates, fonts and writers are prepared once per run and shared by every thread; the
//! bytes of a letter never depend on the thread or the order that made it.

mod inputs;
mod naming;
mod output;
mod report;
mod state;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::case::{CaseFile, case_from_bytes, load_case};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::pdf::PdfWriter;
use crate::export::text::TextWriter;
use crate::export::{Format, LetterInfo, Writer};
use crate::layout::{FontBook, Measuring};
use crate::letter::Renderer;
pub use inputs::{CaseList, Shard, collect_cases};
pub use naming::{DEFAULT_PATTERN, FIELDS as NAME_FIELDS, NamePattern};
pub use output::{AtomicFile, write_atomically};
pub use report::ReportWriter;
pub use state::is_journal;

/// Cases rendered between two hand-overs of outcomes to the caller.
const BLOCK: usize = 512;

/// The writer of a format; made once per run and shared by every case.
pub fn writer_for(format: Format, fonts: &FontBook) -> Box<dyn Writer + Send + Sync> {
    match format {
        Format::Text => Box::new(TextWriter),
        Format::Pdf => Box::new(PdfWriter::new(fonts)),
    }
}

/// A letter's output files: (extension, bytes) per format.
pub type Files = Vec<(&'static str, Vec<u8>)>;

/// The writers of a run's formats, in order.
pub type Writers = Vec<Box<dyn Writer + Send + Sync>>;

pub fn writers_for(formats: &[Format], fonts: &FontBook) -> Writers {
    formats.iter().map(|f| writer_for(*f, fonts)).collect()
}

/// Renders one case to bytes per format: (extension, bytes), and the page count.
pub fn render_case(
    renderer: &Renderer,
    case: &CaseFile,
    formats: &[Format],
    measuring: Measuring,
) -> Result<(Files, usize), Diagnostics> {
    let writers = writers_for(formats, &renderer.layout.fonts);
    render_case_with(renderer, case, &writers, measuring)
}

/// [`render_case`] with writers made beforehand.
pub fn render_case_with(
    renderer: &Renderer,
    case: &CaseFile,
    writers: &Writers,
    measuring: Measuring,
) -> Result<(Files, usize), Diagnostics> {
    let pages = renderer.lay_out(case, measuring)?;
    let info = LetterInfo {
        case_number: case.case_number(),
        date: *case.case.dates.decision.get_ref(),
    };
    let mut files = Vec::with_capacity(writers.len());
    for w in writers {
        let bytes = w
            .write(&pages, &info)
            .map_err(|d| d.cause(format!("writing case `{}`", case.path.display())))?;
        files.push((w.extension(), bytes));
    }
    Ok((files, pages.pages.len()))
}

/// What became of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    Rendered,
    /// Its outputs were already current (see [`state`]).
    Skipped,
    Failed,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Rendered => "rendered",
            CaseStatus::Skipped => "skipped",
            CaseStatus::Failed => "failed",
        }
    }
}

/// One file a case wrote (or had written by an earlier run).
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: u64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// What happened to one case.
#[derive(Debug)]
pub struct CaseOutcome {
    pub input: PathBuf,
    pub status: CaseStatus,
    pub outputs: Vec<OutputFile>,
    pub pages: usize,
    pub problems: Diagnostics,
}

impl CaseOutcome {
    fn failed(input: PathBuf, problems: Diagnostics) -> CaseOutcome {
        CaseOutcome {
            input,
            status: CaseStatus::Failed,
            outputs: Vec::new(),
            pages: 0,
            problems,
        }
    }
}

/// How many cases went which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub rendered: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Tally {
    pub fn cases(&self) -> usize {
        self.rendered + self.skipped + self.failed
    }

    pub fn add(&mut self, status: CaseStatus) {
        match status {
            CaseStatus::Rendered => self.rendered += 1,
            CaseStatus::Skipped => self.skipped += 1,
            CaseStatus::Failed => self.failed += 1,
        }
    }
}

/// A batch run's settings: what to render and where.
pub struct Batch<'a> {
    pub renderer: &'a Renderer,
    pub writers: &'a Writers,
    pub measuring: Measuring,
    pub out: &'a Path,
    pub names: &'a NamePattern,
    /// Render every case, current or not.
    pub force: bool,
    /// The share this run takes; names its journal.
    pub shard: Option<Shard>,
    /// Whether skipped cases need their outputs listed (for a report or combined file).
    pub details: bool,
}

/// The scan's verdict on one case.
const SCAN_FAILED: u8 = 0;
const SCAN_STALE: u8 = 1;
const SCAN_CURRENT: u8 = 2;

impl Batch<'_> {
    /// Renders every case of `cases`, calling `tick` (on any thread) as each case ends and
    /// `sink` (on this thread) with every outcome, in input order. Warnings about the run
    /// itself (the journal could not be written) come back at the end.
    pub fn run(
        &self,
        cases: &CaseList,
        tick: &(dyn Fn() + Sync),
        sink: &mut dyn FnMut(CaseOutcome),
    ) -> (Tally, Diagnostics) {
        let fingerprint = state::run_fingerprint(self.renderer, self.measuring);
        let state = state::State::open(self.out, self.shard);
        let scanned: (Vec<u64>, Vec<u8>) = (0..cases.len())
            .into_par_iter()
            .map(|i| self.scan(&cases.path(i), &fingerprint, &state))
            .unzip();
        let (keys, verdicts) = scanned;
        let refused = self.collisions(cases, &keys);
        let mut owned: Vec<u64> = keys.iter().copied().filter(|k| *k != 0).collect();
        owned.sort_unstable();
        output::remove_stale_temp_files(self.out, |target| {
            let base = target.rsplit_once('.').map_or(target, |(b, _)| b);
            owned.binary_search(&name_key(base)).is_ok()
        });
        drop(owned);

        let mut tally = Tally::default();
        let indices: Vec<usize> = (0..cases.len()).collect();
        for block in indices.chunks(BLOCK) {
            let outcomes: Vec<CaseOutcome> = block
                .par_iter()
                .map(|&i| {
                    let input = cases.path(i);
                    let outcome = if let Some(d) = refused.get(&i) {
                        CaseOutcome::failed(input, d.clone().into())
                    } else if verdicts[i] == SCAN_CURRENT {
                        self.skip(input, keys[i], &fingerprint, &state)
                    } else {
                        self.render(input, keys[i], &fingerprint, &state)
                    };
                    tick();
                    outcome
                })
                .collect();
            for outcome in outcomes {
                tally.add(outcome.status);
                sink(outcome);
            }
        }
        let mut warnings = Diagnostics::default();
        if let Some(d) = state
            .trouble
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
        {
            warnings.push(d);
        }
        (tally, warnings)
    }

    /// A case's output name and whether all its outputs are current.
    fn scan(&self, input: &Path, run: &[u8; 32], state: &state::State) -> (u64, u8) {
        let Ok(bytes) = std::fs::read(input) else {
            return (0, SCAN_FAILED);
        };
        let fingerprints: Vec<String> = self
            .writers
            .iter()
            .map(|w| state::output_fingerprint(run, &bytes, w.extension()))
            .collect();
        let Ok(case) = case_from_bytes(input, bytes) else {
            return (0, SCAN_FAILED);
        };
        let Ok(name) = self.names.name(&case) else {
            return (0, SCAN_FAILED);
        };
        let current = !self.force
            && self.writers.iter().zip(&fingerprints).all(|(w, fp)| {
                state
                    .current(&format!("{name}.{}", w.extension()), fp)
                    .is_some()
            });
        (
            name_key(&name),
            if current { SCAN_CURRENT } else { SCAN_STALE },
        )
    }

    /// The cases that share an output name with another, each with its error.
    fn collisions(&self, cases: &CaseList, keys: &[u64]) -> HashMap<usize, Diagnostic> {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_unstable_by_key(|i| keys[*i as usize]);
        let mut suspects: Vec<usize> = Vec::new();
        for run in order.chunk_by(|a, b| keys[*a as usize] == keys[*b as usize]) {
            if run.len() > 1 && keys[run[0] as usize] != 0 {
                suspects.extend(run.iter().map(|i| *i as usize));
            }
        }
        drop(order);
        // Keys can collide by chance: group the suspects by their real names.
        let mut by_name: HashMap<String, (String, Vec<usize>)> = HashMap::new();
        for i in suspects {
            let name = load_case(&cases.path(i))
                .ok()
                .and_then(|c| self.names.name(&c).ok());
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
                .map(|i| cases.path(*i).display().to_string())
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
        refused
    }

    /// A case whose outputs are current: listed from the journal when details are wanted.
    fn skip(&self, input: PathBuf, key: u64, run: &[u8; 32], state: &state::State) -> CaseOutcome {
        let mut outcome = CaseOutcome {
            input,
            status: CaseStatus::Skipped,
            outputs: Vec::new(),
            pages: 0,
            problems: Diagnostics::default(),
        };
        if !self.details {
            return outcome;
        }
        let listed = std::fs::read(&outcome.input).ok().and_then(|bytes| {
            let fps: Vec<String> = self
                .writers
                .iter()
                .map(|w| state::output_fingerprint(run, &bytes, w.extension()))
                .collect();
            let case = case_from_bytes(&outcome.input, bytes).ok()?;
            let name = self.names.name(&case).ok()?;
            let mut files = Vec::new();
            for (w, fp) in self.writers.iter().zip(&fps) {
                let file = format!("{name}.{}", w.extension());
                let record = state.current(&file, fp)?;
                files.push((self.out.join(&file), record.clone()));
            }
            Some(files)
        });
        match listed {
            Some(files) => {
                for (path, record) in files {
                    outcome.pages = record.pages;
                    outcome.outputs.push(OutputFile {
                        path,
                        bytes: record.bytes,
                        sha256: record.sha256,
                    });
                }
                outcome
            }
            // Changed since the scan: render it after all.
            None => self.render(outcome.input, key, run, state),
        }
    }

    /// Reads, renders and writes one case.
    fn render(
        &self,
        input: PathBuf,
        key: u64,
        run: &[u8; 32],
        state: &state::State,
    ) -> CaseOutcome {
        match self.try_render(&input, key, run, state) {
            Ok(outcome) => outcome,
            Err(problems) => CaseOutcome::failed(input, problems),
        }
    }

    fn try_render(
        &self,
        input: &Path,
        key: u64,
        run: &[u8; 32],
        state: &state::State,
    ) -> Result<CaseOutcome, Diagnostics> {
        let bytes = read_case(input)?;
        let fingerprints: Vec<String> = self
            .writers
            .iter()
            .map(|w| state::output_fingerprint(run, &bytes, w.extension()))
            .collect();
        let case = case_from_bytes(input, bytes)?;
        let name = self.names.name(&case)?;
        // The scan saw another name (or none): the file changed since, and the check
        // for shared names did not see this one.
        if name_key(&name) != key {
            return Err(Diagnostic::error(
                "batch.changed",
                format!("case file `{}` changed during the run", input.display()),
            )
            .hint("render it again")
            .into());
        }
        let (files, pages) = render_case_with(self.renderer, &case, self.writers, self.measuring)?;
        let mut outputs = Vec::with_capacity(files.len());
        let mut records = Vec::with_capacity(files.len());
        for ((ext, bytes), fingerprint) in files.into_iter().zip(fingerprints) {
            let file = format!("{name}.{ext}");
            let path = self.out.join(&file);
            write_atomically(&path, &bytes)?;
            let sha256 = state::hex(&Sha256::digest(&bytes));
            records.push(state::Record {
                output: file,
                fingerprint,
                sha256: sha256.clone(),
                bytes: bytes.len() as u64,
                pages,
            });
            outputs.push(OutputFile {
                path,
                bytes: bytes.len() as u64,
                sha256,
            });
        }
        state.record(&records);
        Ok(CaseOutcome {
            input: input.to_path_buf(),
            status: CaseStatus::Rendered,
            outputs,
            pages,
            problems: Diagnostics::default(),
        })
    }
}

fn read_case(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            "case.read",
            format!("failed to read case file `{}`", path.display()),
        )
        .cause(e.to_string())
    })
}

/// The key two output names share when they would be one file (on a file system that
/// ignores case too); never 0, which marks "no name".
fn name_key(name: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    name.to_lowercase().hash(&mut h);
    h.finish().max(1)
}
