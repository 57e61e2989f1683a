//! The run report (`--report FILE.json`): one record per case, in input order.
//!
//! Records are written as cases finish (in order, a batch of cases at a time), so the
//! report costs no memory per case; the file is renamed into place when the run ends, so
//! it is whole or absent. It holds no clock time: two runs over the same folder give the
//! same report, save for which cases were rendered and which skipped.
//!
//! ```json
//! {"tool": "imr-letters 0.1.0",
//!  "cases": [
//!   {"input": "cases/a.toml", "status": "rendered", "pages": 2,
//!    "outputs": [{"path": "out/CM16-1.pdf", "bytes": 51003, "sha256": "…"}], "errors": [],
//!    "warnings": [{"severity": "warning", "code": "text.spelling", "message": "…",
//!                  "file": "cases/a.toml", "line": 18, "column": 40, "end_line": 18,
//!                  "end_column": 47, "field": "summary.text", "label": "…",
//!                  "hints": ["…"], "causes": []}],
//!    "accepted": []},
//!   {"input": "cases/b.toml", "status": "failed", "pages": null, "outputs": [],
//!    "errors": [{"severity": "error", "code": "case.format", …}], "warnings": [],
//!    "accepted": []}],
//!  "summary": {"cases": 2, "rendered": 1, "skipped": 0, "failed": 1}}
//! ```
//!
//! Each diagnostic is the one JSON record `check --format json` writes too
//! ([`crate::diagnostic::record`]).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::output::AtomicFile;
use super::{CaseOutcome, CaseStatus, Tally};
use crate::diagnostic::record::Record;
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Serialize)]
struct CaseRecord<'a> {
    input: String,
    status: &'static str,
    pages: Option<usize>,
    outputs: Vec<OutputRecord<'a>>,
    errors: Vec<Record<'a>>,
    /// The checks' warnings on a case that was rendered anyway.
    warnings: Vec<Record<'a>>,
    /// The warnings the case file accepts, each with its reason as the last cause.
    accepted: Vec<Record<'a>>,
}

#[derive(Serialize)]
struct OutputRecord<'a> {
    path: String,
    bytes: u64,
    sha256: &'a str,
}

/// The outcome's diagnostics of one severity, as report records.
fn records(outcome: &CaseOutcome, severity: Severity) -> Vec<Record<'_>> {
    outcome
        .problems
        .0
        .iter()
        .filter(|d| d.severity == severity)
        .map(Record::new)
        .collect()
}

/// A report being written.
pub struct ReportWriter {
    file: AtomicFile,
    cases: usize,
}

impl ReportWriter {
    pub fn create(target: &Path) -> Result<ReportWriter, Diagnostic> {
        let mut file = AtomicFile::create(target)?;
        let head = format!(
            "{{\"tool\": \"imr-letters {}\",\n \"cases\": [",
            env!("CARGO_PKG_VERSION")
        );
        file.write_all(head.as_bytes())
            .map_err(|e| failed(target, e))?;
        Ok(ReportWriter { file, cases: 0 })
    }

    /// Adds one case's record.
    pub fn add(&mut self, outcome: &CaseOutcome) -> Result<(), Diagnostic> {
        let record = CaseRecord {
            input: outcome.input.display().to_string(),
            status: outcome.status.as_str(),
            pages: (outcome.status != CaseStatus::Failed).then_some(outcome.pages),
            outputs: outcome
                .outputs
                .iter()
                .map(|o| OutputRecord {
                    path: o.path.display().to_string(),
                    bytes: o.bytes,
                    sha256: &o.sha256,
                })
                .collect(),
            errors: records(outcome, Severity::Error),
            warnings: records(outcome, Severity::Warning),
            accepted: outcome.accepted.iter().map(Record::new).collect(),
        };
        let lead: &[u8] = if self.cases == 0 { b"\n  " } else { b",\n  " };
        self.cases += 1;
        let target = self.file.target().to_path_buf();
        self.file
            .write_all(lead)
            .and_then(|()| serde_json::to_writer(&mut self.file, &record).map_err(Into::into))
            .map_err(|e| failed(&target, e))
    }

    /// Writes the summary and puts the report in place.
    pub fn finish(mut self, tally: &Tally) -> Result<(), Diagnostic> {
        let tail = format!(
            "],\n \"summary\": {{\"cases\": {}, \"rendered\": {}, \"skipped\": {}, \"failed\": {}}}}}\n",
            tally.cases(),
            tally.rendered,
            tally.skipped,
            tally.failed
        );
        let target = self.file.target().to_path_buf();
        self.file
            .write_all(tail.as_bytes())
            .map_err(|e| failed(&target, e))?;
        self.file.commit()
    }
}

fn failed(target: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "report.write",
        format!("failed to write the report `{}`", target.display()),
    )
    .cause(e.to_string())
}
