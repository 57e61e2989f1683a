//! What a batch shows while it runs: a progress bar on stderr when stderr is a terminal
//! (nothing otherwise), each failed case's diagnostics as it is met, and the summary.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::batch::{CaseOutcome, CaseStatus, Tally};
use crate::diagnostic::Diagnostics;

/// The progress bar of a run (hidden when stderr is not a terminal).
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            let style = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} cases  {rate}  {elapsed_precise} (eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:>6.0} letters/s", state.per_sec());
                },
            );
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// One case done (from any thread).
    pub fn tick(&self) {
        self.bar.inc(1);
    }

    /// Prints diagnostics above the bar.
    pub fn report(&self, problems: &Diagnostics) {
        if !problems.is_empty() {
            self.bar.suspend(|| eprint!("{}", problems.render()));
        }
    }

    /// Prints a case's diagnostics above the bar: its errors, and its warnings when
    /// `warnings` is set.
    pub fn report_outcome(&self, outcome: &CaseOutcome, warnings: bool) {
        if warnings {
            self.report(&outcome.problems);
        } else {
            let errors = outcome.problems.0.iter().filter(|d| d.is_error());
            self.report(&Diagnostics(errors.cloned().collect()));
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The checks' warnings on the cases a run rendered, for a line after the summary.
#[derive(Debug, Default)]
pub struct WarningCount {
    warnings: usize,
    cases: usize,
}

impl WarningCount {
    pub fn add(&mut self, outcome: &CaseOutcome) {
        let warnings = outcome.problems.0.iter().filter(|d| !d.is_error()).count();
        if warnings > 0 && outcome.status == CaseStatus::Rendered {
            self.warnings += warnings;
            self.cases += 1;
        }
    }

    /// `84 warnings in 52 rendered cases (above)`, or nothing without warnings.
    pub fn line(&self, shown: bool) -> Option<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        (self.warnings > 0).then(|| {
            format!(
                "{} warning{} in {} rendered case{} {}",
                self.warnings,
                plural(self.warnings),
                self.cases,
                plural(self.cases),
                if shown {
                    "(above)"
                } else {
                    "(not shown: --no-warnings; `imr-letters check` lists them)"
                }
            )
        })
    }
}

/// The summary line: counts, files, time and rate.
pub fn summary(tally: &Tally, files: usize, out: &str, seconds: f64) -> String {
    let cases = tally.cases();
    let rate = if seconds > 0.0 {
        tally.rendered as f64 / seconds
    } else {
        0.0
    };
    format!(
        "rendered {} of {cases} case{}, {} skipped, {} failed ({files} file{} in {out}) in {seconds:.2} s, {rate:.0} letters/s",
        tally.rendered,
        if cases == 1 { "" } else { "s" },
        tally.skipped,
        tally.failed,
        if files == 1 { "" } else { "s" },
    )
}
