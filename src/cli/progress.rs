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

    /// Prints a line above the bar, from any thread (the Ctrl-C handler's).
    pub fn printer(&self) -> impl Fn(&str) + Send + 'static {
        let bar = self.bar.clone();
        move |line: &str| bar.suspend(|| say!("{line}"))
    }

    /// One case done (from any thread).
    pub fn tick(&self) {
        self.bar.inc(1);
    }

    /// Prints diagnostics above the bar.
    pub fn report(&self, problems: &Diagnostics) {
        if !problems.is_empty() {
            self.bar.suspend(|| say_part!("{}", problems.render()));
        }
    }

    /// Prints a case's diagnostics above the bar: its errors, and its warnings when
    /// `warnings` is set.
    pub fn report_outcome(&self, problems: Diagnostics, warnings: bool) {
        if warnings {
            self.report(&problems);
        } else {
            let errors = problems.0.into_iter().filter(|d| d.is_error());
            self.report(&Diagnostics(errors.collect()));
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
pub fn summary(tally: &Tally, total: usize, files: usize, out: &str, seconds: f64) -> String {
    let rate = if seconds > 0.0 {
        tally.rendered as f64 / seconds
    } else {
        0.0
    };
    // a run stopped early (by a shared error) did not reach every case
    let not_started = match total.saturating_sub(tally.cases()) {
        0 => String::new(),
        n => format!(", {n} not started"),
    };
    format!(
        "rendered {} of {total} case{}, {} skipped, {} failed{not_started} ({files} file{} in {out}) in {seconds:.2} s, {rate:.0} letters/s",
        tally.rendered,
        if total == 1 { "" } else { "s" },
        tally.skipped,
        tally.failed,
        if files == 1 { "" } else { "s" },
    )
}

/// How many cases must all fail with one shared error before the run stops.
const STOP_AFTER: usize = 10;
/// Cases named for an error many cases shared.
const CASES_NAMED: usize = 3;

/// What makes two cases' errors the same: the code, the message and the place, when the
/// place is not the case's own file (a template's error is met by every case).
type Key = (&'static str, String, String, usize, usize);

/// Errors many cases share (a template that fails for every case): the first is printed
/// whole and the others counted, listed once at the end; a run whose first cases all fail
/// with one of them stops.
#[derive(Default)]
pub struct Repeats {
    seen: std::collections::HashMap<Key, (usize, Vec<String>)>,
    /// Keys in the order first met.
    order: Vec<Key>,
    /// The shared error every case so far failed with, if one did.
    leading: Option<Key>,
    cases: usize,
    leading_broken: bool,
}

impl Repeats {
    /// The diagnostics of an outcome left to print: a shared error met before is held back.
    pub fn filter(&mut self, outcome: &CaseOutcome) -> Diagnostics {
        let input = outcome.input.display().to_string();
        let mut shown = Diagnostics::default();
        let mut first_shared = None;
        for d in &outcome.problems.0 {
            let key = d
                .location
                .as_ref()
                .filter(|l| l.file != input && d.is_error())
                .map(|l| (d.code, d.message.clone(), l.file.clone(), l.line, l.column));
            let Some(key) = key else {
                shown.push(d.clone());
                continue;
            };
            first_shared.get_or_insert_with(|| key.clone());
            let entry = self.seen.entry(key.clone()).or_insert_with(|| {
                self.order.push(key);
                (0, Vec::new())
            });
            entry.0 += 1;
            if entry.0 == 1 {
                shown.push(d.clone());
            } else if entry.1.len() < CASES_NAMED {
                entry.1.push(input.clone());
            }
        }
        self.cases += 1;
        match (&self.leading, first_shared) {
            _ if self.leading_broken => {}
            (None, Some(key)) if self.cases == 1 && outcome.status == CaseStatus::Failed => {
                self.leading = Some(key);
            }
            (Some(lead), Some(key)) if *lead == key && outcome.status == CaseStatus::Failed => {}
            _ => self.leading_broken = true,
        }
        shown
    }

    /// Whether every case so far, and enough of them, failed with one shared error.
    pub fn should_stop(&self) -> bool {
        !self.leading_broken && self.leading.is_some() && self.cases >= STOP_AFTER
    }

    /// Why the run stopped, for the end of the run.
    pub fn stop_line(&self, total: usize) -> String {
        format!(
            "stopped: the first {} cases all failed with the error above, so {} more were not rendered; fix it and run again",
            self.cases,
            total.saturating_sub(self.cases)
        )
    }

    /// One line per shared error met by more than one case.
    pub fn lines(&self) -> Vec<String> {
        self.order
            .iter()
            .filter_map(|key| {
                let (count, named) = &self.seen[key];
                (*count > 1).then(|| {
                    let more = count - 1 - named.len();
                    format!(
                        "the error `{}` at {}:{}:{} (above) failed {} more case{}: {}{}",
                        key.0,
                        key.2,
                        key.3,
                        key.4,
                        count - 1,
                        if count - 1 == 1 { "" } else { "s" },
                        named.join(", "),
                        if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        }
                    )
                })
            })
            .collect()
    }
}

/// Failed cases named at the end of a run.
const FAILED_LISTED: usize = 10;

/// The cases a run failed, for its last lines: the first few by file, and how many.
#[derive(Debug, Default)]
pub struct FailedCases {
    first: Vec<String>,
    count: usize,
}

impl FailedCases {
    /// Counts a failed case (its file named if among the first few).
    pub fn add(&mut self, input: &std::path::Path) {
        self.count += 1;
        if self.first.len() < FAILED_LISTED {
            self.first.push(input.display().to_string());
        }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// `2 cases failed:` and the files, one a line (`and N more`
    /// past the first ten); or where the report lists them. Nothing without failures.
    /// `heading` words the count: `|n, s| format!("{n} case{s} failed")`.
    pub fn lines(
        &self,
        heading: &dyn Fn(usize, &str) -> String,
        report: Option<&std::path::Path>,
    ) -> Vec<String> {
        if self.count == 0 {
            return Vec::new();
        }
        let head = heading(self.count, if self.count == 1 { "" } else { "s" });
        if let Some(report) = report {
            return vec![format!(
                "{head}: {} lists {} (status \"failed\", with the errors)",
                report.display(),
                if self.count == 1 { "it" } else { "them" }
            )];
        }
        let mut lines = vec![format!("{head}:")];
        lines.extend(self.first.iter().map(|f| format!("  {f}")));
        if self.count > self.first.len() {
            lines.push(format!("  and {} more", self.count - self.first.len()));
        }
        lines
    }
}
