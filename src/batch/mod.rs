//! Batches: many cases rendered into an output folder, in parallel, as a stream.
//!
//! A run goes in two passes over the case list (`inputs`, kept sorted on disk when it is
//! long), both on the current rayon pool:
//!
//! 1. **Scan.** Each case file is read and parsed for its output name (`naming`) and its
//!    fingerprint, which decides whether its outputs are already current (`state`). Only
//!    a 32-bit key of the name and a flag stay in memory per case. Names that two case
//!    files share are found from the keys and both cases are refused, before anything is
//!    written.
//! 2. **Render.** Cases go in order, a block at a time: the workers each read, render,
//!    write (`output`, atomically) and drop one case; each outcome reaches the caller in
//!    input order as soon as the cases before it are done (`in_order`: for the resume
//!    journal, the report, the combined PDF and the messages) and is dropped too. Memory
//!    stays flat however many cases there are.
//!
//! A bad case is reported with its file and cause and skipped; the others are written. The
//! templates, fonts and writers are prepared once per run and shared by every thread; the
//! bytes of a letter never depend on the thread or the order that made it.

mod case_files;
pub mod combine;
pub mod folder;
mod in_order;
mod inputs;
mod naming;
mod output;
mod report;
mod run_files;
mod scan;
mod spill;
mod state;
mod tree;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::Writers;
use crate::letter::{Checks, Renderer};
pub use inputs::{CaseList, Shard, collect_cases};
pub use naming::{DEFAULT_PATTERN, NamePattern};
pub use output::{AtomicFile, remove_stale_temp_files, write_atomically};
pub use report::ReportWriter;
pub use run_files::{
    RunFile, RunFileKind, RunInputs, check_run_files, remove_stale_run_temp_files,
};
pub use state::{hex, record_run_output};

/// Cases rendered between two hand-overs of outcomes to the caller.
const BLOCK: usize = 512;

/// The next (up to) [`BLOCK`] case files of the list.
fn next_block(
    paths: &mut impl Iterator<Item = Result<PathBuf, Diagnostic>>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    paths.take(BLOCK).collect()
}

/// What became of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    Rendered,
    /// Its outputs were already current (see the `state` module).
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
    /// Its pages (of the printed layout).
    pub pages: usize,
}

/// What happened to one case.
#[derive(Debug)]
pub struct CaseOutcome {
    pub input: PathBuf,
    pub status: CaseStatus,
    pub outputs: Vec<OutputFile>,
    pub pages: usize,
    pub problems: Diagnostics,
    /// The warnings the case file accepts (listed in the report, never printed).
    pub accepted: Vec<Diagnostic>,
    /// The resume journal's records of a rendered case's outputs, appended as the case
    /// is handed on (in the order of the cases), so the journal is the same file whatever
    /// the number of threads.
    journal: Vec<state::Record>,
    /// A rendered case's files under their temporary names, renamed into place right
    /// after the journal records them.
    pending: Vec<output::PendingFile>,
}

impl CaseOutcome {
    fn failed(input: PathBuf, problems: Diagnostics) -> CaseOutcome {
        CaseOutcome {
            input,
            status: CaseStatus::Failed,
            outputs: Vec::new(),
            pages: 0,
            problems,
            accepted: Vec::new(),
            journal: Vec::new(),
            pending: Vec::new(),
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
    /// What the checks each case passes first are given.
    pub checks: Checks<'a>,
    pub writers: &'a Writers,
    pub out: &'a Path,
    pub names: &'a NamePattern,
    /// Render every case, current or not.
    pub force: bool,
    /// The share this run takes; names its journal.
    pub shard: Option<Shard>,
    /// Whether skipped cases need their outputs listed (for a report or combined file).
    pub details: bool,
    /// File names in the output folder that the run writes itself (its report, its
    /// combined file): a case may not be named so.
    pub reserved: Vec<String>,
    /// Set (by the sink) to stop the run: no case starts after it is set.
    pub stop: &'a std::sync::atomic::AtomicBool,
}
impl Batch<'_> {
    /// Renders every case of `cases`, calling `tick` (on any thread) as each case ends and
    /// `sink` (on one thread at a time) with every outcome, in input order, as soon as the
    /// cases before it are done. Warnings about the run itself (the journal could not be
    /// written) come back at the end.
    pub fn run(
        &self,
        cases: &CaseList,
        tick: &(dyn Fn() + Sync),
        sink: &mut (dyn FnMut(CaseOutcome) + Send),
    ) -> Result<(Tally, Diagnostics), Diagnostics> {
        let fingerprint = state::run_fingerprint(self.renderer, &self.checks);
        let state = state::State::open(self.out, self.shard);
        let mut problems = Diagnostics::default();
        let mut keys: Vec<u32> = Vec::with_capacity(cases.len());
        let mut verdicts: Vec<u8> = Vec::with_capacity(cases.len());
        let mut paths = cases.iter();
        loop {
            if self.stop.load(std::sync::atomic::Ordering::Relaxed) {
                return Ok((Tally::default(), problems));
            }
            let block = match next_block(&mut paths) {
                Ok(block) if block.is_empty() => break,
                Ok(block) => block,
                Err(d) => {
                    problems.push(d);
                    return Ok((Tally::default(), problems));
                }
            };
            let scanned: Vec<(u32, u8)> = block
                .par_iter()
                .map(|p| self.scan(p, &fingerprint, &state))
                .collect();
            for (key, verdict) in scanned {
                keys.push(key);
                verdicts.push(verdict);
            }
        }
        if let Some(i) = verdicts.iter().position(|v| *v == scan::SCAN_RESERVED)
            && let Some(Ok(input)) = cases.iter().nth(i)
        {
            return Err(self.reserved_name(&input).into());
        }
        let other_shares = match self.other_share_keys(cases) {
            Ok(keys) => keys,
            Err(d) => {
                problems.push(d);
                return Ok((Tally::default(), problems));
            }
        };
        let (refused, owned) = self.collisions(cases, &keys, &other_shares)?;
        output::remove_stale_temp_files(self.out, |target| {
            let base = target.rsplit_once('.').map_or(target, |(b, _)| b);
            let owns = |name: &str| owned.binary_search(&scan::name_key(name)).is_ok();
            // a mailed copy's file is `<name>-<role>.<ext>`
            let copy_of =
                |role: &crate::mailed::Role| base.strip_suffix(role.key())?.strip_suffix('-');
            owns(base)
                || (self.checks.mailing.is_some()
                    && crate::mailed::Role::ALL
                        .iter()
                        .filter_map(copy_of)
                        .any(owns))
        });
        drop(owned);

        let mut tally = Tally::default();
        let mut hand_on = |mut outcome: CaseOutcome| {
            state.record(&outcome.journal);
            for file in std::mem::take(&mut outcome.pending) {
                if let Err(d) = file.commit() {
                    outcome.status = CaseStatus::Failed;
                    outcome.outputs.clear();
                    outcome.problems.push(d);
                }
            }
            tally.add(outcome.status);
            sink(outcome);
        };
        let in_order = in_order::InOrder::new(0, &mut hand_on);
        let mut paths = cases.iter();
        let stopped = || self.stop.load(std::sync::atomic::Ordering::Relaxed);
        loop {
            if stopped() {
                break;
            }
            let start = in_order.next_index();
            let block = match next_block(&mut paths) {
                Ok(block) if block.is_empty() => break,
                Ok(block) if start + block.len() > keys.len() => {
                    problems.push(Diagnostic::error(
                        "batch.list",
                        "the list of case files changed during the run",
                    ));
                    break;
                }
                Ok(block) => block,
                Err(d) => {
                    problems.push(d);
                    break;
                }
            };
            block.into_par_iter().enumerate().for_each(|(k, input)| {
                // Cases not started when the run stops are left out (an outcome after
                // a gap is never handed on, and its files are never renamed into place).
                if stopped() {
                    return;
                }
                let i = start + k;
                let outcome = if let Some(d) = refused.get(&i) {
                    CaseOutcome::failed(input, d.clone().into())
                } else if verdicts[i] == scan::SCAN_RESERVED {
                    let d = self.reserved_name(&input);
                    CaseOutcome::failed(input, d.into())
                } else if verdicts[i] == scan::SCAN_FOREIGN {
                    let d = self.foreign_output(&input, &state);
                    CaseOutcome::failed(input, d.into())
                } else if verdicts[i] == scan::SCAN_CURRENT {
                    self.skip(input, keys[i], &fingerprint, &state)
                } else {
                    self.render(input, keys[i], &fingerprint)
                };
                tick();
                in_order.push(i, outcome);
            });
        }
        drop(in_order);
        let mut warnings = problems;
        if let Some(d) = state
            .trouble
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
        {
            warnings.push(d);
        }
        Ok((tally, warnings))
    }
}
