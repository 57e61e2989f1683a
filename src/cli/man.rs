//! `imr-letters man`: the manual page (roff), generated from the same argument
//! definitions as `--help`. `man/imr-letters.1` in the repository is this output, kept
//! up to date by a test. Read it with `imr-letters man | man -l -`.

use clap::CommandFactory;

use super::{Cli, Status};
use crate::diagnostic::Diagnostic;

/// The manual page, as roff.
pub fn man_page() -> Vec<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .expect("rendering into memory cannot fail");
    out
}

pub fn run() -> Status {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&man_page()).and_then(|()| stdout.flush()) {
        Ok(()) => Status::Success,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Status::Success,
        Err(e) => {
            super::report(
                &Diagnostic::error("output.write", "failed to write to stdout")
                    .cause(e.to_string())
                    .into(),
            );
            Status::Failures
        }
    }
}
