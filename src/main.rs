//! The `imr-letters` binary: parse arguments, run one command, print the error that
//! stopped it (once, here), exit with its status.

use std::process::ExitCode;

use clap::Parser;
use imr_letters::cli::{self, Cli, Command, Status};

fn main() -> ExitCode {
    fix_allocator_threshold();
    ignore_file_size_signal();
    let args = Cli::parse();
    let result = match &args.command {
        Command::Render(a) => cli::render::run(a),
        Command::Check(a) => cli::check::run(a),
        Command::Watch(a) => cli::watch::run(a),
        Command::Templates(c) => cli::templates::run(c),
        Command::Combine(a) => cli::combine::run(a),
        Command::Schema => Ok(cli::schema::run()),
        Command::Completions(a) => Ok(cli::completions::run(a)),
        Command::Man(a) => Ok(cli::man::run(a)),
        Command::Sample(a) => Ok(cli::sample::run(a)),
    };
    let status = result.unwrap_or_else(|problems| {
        cli::report(&problems);
        Status::Usage
    });
    ExitCode::from(status as u8)
}

/// glibc raises its mmap threshold each time a large block is freed, so over a long batch
/// the letters' buffers (tens to hundreds of KB) move into the heap and peak memory creeps
/// up (PDF: 92 MB for 1,000 cases, 105 MB for 100,000). A fixed threshold keeps it flat
/// (54 and 56 MB). `MALLOC_MMAP_THRESHOLD_` in the environment still wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_allocator_threshold() {
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
        // SAFETY: mallopt only sets an allocator parameter; it runs before any other
        // thread exists, and glibc accepts this value (below its 32 MB maximum).
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fix_allocator_threshold() {}

/// Past a file-size limit (`ulimit -f`) the kernel kills the process with SIGXFSZ,
/// mid-batch; ignored, the write fails with EFBIG instead, so that case fails with its
/// cause and the others go on.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN before any other thread exists.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn ignore_file_size_signal() {}
