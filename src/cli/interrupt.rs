//! Ctrl-C during a batch (`render --out`): the first stops handing out cases, lets the
//! ones in flight end (a case done after one still running is abandoned: its temporary
//! files are removed, the journal never records it) and ends the run with what was
//! written and how to resume; a second exits at once. Either way no file under a final
//! name is partial: letters are renamed into place whole, and the report and the print
//! file, written under temporary names, are not put in place by an interrupted run.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::batch::Tally;

/// The exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const STATUS: u8 = 130;

/// The run's Ctrl-C handler and what it set.
pub struct Interrupt {
    hits: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Interrupt {
    /// Catches Ctrl-C for the rest of the process (a process that cannot is stopped by
    /// it as before); `say` prints the first one's notice (above the progress bar).
    pub fn install(say: impl Fn(&str) + Send + 'static) -> Interrupt {
        let interrupt = Interrupt {
            hits: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (hits, stop) = (interrupt.hits.clone(), interrupt.stop.clone());
        let _ = ctrlc::set_handler(move || {
            if hits.fetch_add(1, Ordering::SeqCst) == 0 {
                stop.store(true, Ordering::SeqCst);
                say("\nCtrl-C: letting the cases in flight finish (Ctrl-C again to quit at once)");
            } else {
                // files under final names are whole; the next run removes the temporary ones
                std::process::exit(i32::from(STATUS));
            }
        });
        interrupt
    }

    /// Set to stop the run: by Ctrl-C, or by the run itself.
    pub fn stop(&self) -> &AtomicBool {
        &self.stop
    }

    pub fn interrupted(&self) -> bool {
        self.hits.load(Ordering::SeqCst) > 0
    }
}

/// What an interrupted run did, and how to finish it.
pub struct Stopped<'a> {
    pub tally: &'a Tally,
    /// Every case of the run.
    pub cases: usize,
    pub files: usize,
    pub out: &'a Path,
    /// The report and print file the run would have written, by what they are.
    pub not_written: Vec<(&'static str, &'a Path)>,
}

impl Stopped<'_> {
    pub fn lines(&self) -> Vec<String> {
        let t = self.tally;
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let mut lines = vec![format!(
            "interrupted: {} letter{} written ({} file{} in {}), {} current and skipped, {} failed; {} case{} not started or abandoned",
            t.rendered,
            s(t.rendered),
            self.files,
            s(self.files),
            self.out.display(),
            t.skipped,
            t.failed,
            self.cases.saturating_sub(t.cases()),
            s(self.cases.saturating_sub(t.cases())),
        )];
        if !self.not_written.is_empty() {
            let named: Vec<String> = self
                .not_written
                .iter()
                .map(|(what, path)| format!("the {what} `{}`", path.display()))
                .collect();
            lines.push(format!(
                "not written: {} (only a run that ends writes {})",
                named.join(" and "),
                if named.len() == 1 { "it" } else { "them" }
            ));
        }
        lines.push(
            "to finish, run the same command again: the letters already written are skipped"
                .to_string(),
        );
        lines
    }
}
