//! The one way the commands write to stderr: their diagnostics, summaries and notices.
//!
//! A line that names a file or quotes a case can carry ESC or other control characters;
//! they are shown as marks ([`crate::diagnostic::visible`]) so they never act on the
//! terminal. A closed or full stderr (`imr-letters check … 2>&1 | head`) is not an error
//! of the run: there is nowhere left to say anything, so the rest is dropped and the exit
//! status still tells how the run went (the `eprint!` family would panic instead).

use std::io::Write;

/// `eprintln!` for the commands: [`tell`] with a line break.
macro_rules! say {
    () => {
        $crate::cli::stderr::tell("\n")
    };
    ($($arg:tt)*) => {
        $crate::cli::stderr::tell(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` for the commands: [`tell`] without a line break.
macro_rules! say_part {
    ($($arg:tt)*) => {
        $crate::cli::stderr::tell(&format!($($arg)*))
    };
}

/// Writes `text` to stderr with control characters shown as marks.
pub fn tell(text: &str) {
    tell_raw(&crate::diagnostic::visible(text));
}

/// Writes `text` to stderr as it is (a terminal control sequence the command means).
pub fn tell_raw(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
