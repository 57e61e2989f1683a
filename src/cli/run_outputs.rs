//! The files a `render` run into a folder writes besides the letters: the report
//! (`--report`), the print file (`--combine`) and a mailed run's manifest. Each is opened
//! before the first case, fed every case's outcome as the run goes, and finished once
//! every case is done, or dropped unfinished when the run is interrupted (then it leaves no
//! file, not even a temporary one). A file that fails is reported and closed; the others
//! and the letters go on.

use std::path::{Path, PathBuf};

use crate::batch::combine::Combiner;
use crate::batch::{CaseOutcome, ReportWriter, Shard, Tally};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::mailed::manifest::{Manifest, PrintCopy};

/// The report, print file and manifest of a run, as far as they are written.
pub struct RunOutputs<'a> {
    report: Option<(ReportWriter, &'a Path)>,
    combined: Option<(Combiner, &'a Path)>,
    manifest: Option<(Manifest, PathBuf)>,
    /// A mailed run's copies, printed in mailing order once every case is done.
    print_order: Vec<PrintCopy>,
    /// Letters added to the print file.
    letters: usize,
}

impl<'a> RunOutputs<'a> {
    /// Opens each file the run is asked for (`manifest`: a mailed run's, at that path).
    pub fn open(
        report: Option<&'a Path>,
        combine: Option<&'a Path>,
        duplex: bool,
        manifest: Option<PathBuf>,
    ) -> Result<RunOutputs<'a>, Diagnostics> {
        Ok(RunOutputs {
            report: report
                .map(|path| ReportWriter::create(path).map(|w| (w, path)))
                .transpose()?,
            combined: combine
                .map(|path| Combiner::create(path, duplex).map(|c| (c, path)))
                .transpose()?,
            manifest: manifest
                .map(|path| Manifest::create(&path, duplex).map(|m| (m, path)))
                .transpose()?,
            print_order: Vec::new(),
            letters: 0,
        })
    }

    /// Adds a case's outcome to each file.
    pub fn add(&mut self, outcome: &CaseOutcome, trouble: &mut Diagnostics) {
        if let Some((r, _)) = self.report.as_mut()
            && let Err(d) = r.add(outcome)
        {
            trouble.push(d);
            self.report = None;
        }
        if let Some((m, _)) = self.manifest.as_mut() {
            match m.add(outcome) {
                Ok(copies) => self.print_order.extend(copies),
                Err(d) => {
                    trouble.push(d);
                    self.manifest = None;
                }
            }
        } else if let Some((c, _)) = self.combined.as_mut()
            && let Some(pdf) = outcome
                .outputs
                .iter()
                .find(|o| o.path.extension().is_some_and(|e| e == "pdf"))
        {
            match c.add(&pdf.path) {
                Ok(()) => self.letters += 1,
                Err(d) => {
                    trouble.push(d);
                    self.combined = None;
                }
            }
        }
    }

    /// Drops every file unfinished (an interrupted run), returning what each was and where
    /// it would have been.
    pub fn abandon(self) -> Vec<(&'static str, PathBuf)> {
        let mut not_written = Vec::new();
        if let Some((_, path)) = self.report {
            not_written.push(("report", path.to_path_buf()));
        }
        if let Some((_, path)) = self.combined {
            not_written.push(("print file", path.to_path_buf()));
        }
        if let Some((_, path)) = self.manifest {
            not_written.push(("mailing manifest", path));
        }
        not_written
    }

    /// Finishes each file, saying what was written; returns the report's path if it was.
    pub fn finish(
        mut self,
        tally: &Tally,
        shard: Option<Shard>,
        trouble: &mut Diagnostics,
    ) -> Option<PathBuf> {
        if let Some((m, path)) = self.manifest.take() {
            match m.finish(shard) {
                Ok(rows) => say!(
                    "listed {rows} mailed cop{} in {}",
                    if rows == 1 { "y" } else { "ies" },
                    path.display()
                ),
                Err(d) => trouble.push(d),
            }
        }
        self.print_order.sort();
        if let Some((c, _)) = self.combined.as_mut()
            && let Some(d) = self
                .print_order
                .iter()
                .find_map(|copy| match c.add(&copy.path) {
                    Ok(()) => {
                        self.letters += 1;
                        None
                    }
                    Err(d) => Some(d),
                })
        {
            trouble.push(d);
            self.combined = None;
        }
        let mut report_written = None;
        if let Some((r, path)) = self.report {
            match r.finish(tally) {
                Ok(()) => report_written = Some(path.to_path_buf()),
                Err(d) => trouble.push(d),
            }
        }
        if let Some((c, target)) = self.combined {
            if self.letters == 0 {
                trouble.push(Diagnostic::warning(
                    "combine.empty",
                    format!(
                        "no letters to combine: `{}` is not written",
                        target.display()
                    ),
                ));
            } else {
                match c.finish() {
                    Ok(pages) => say!(
                        "combined {} letter{} ({pages} pages) into {}",
                        self.letters,
                        if self.letters == 1 { "" } else { "s" },
                        target.display()
                    ),
                    Err(d) => trouble.push(d),
                }
            }
        }
        report_written
    }
}
