//! `imr-letters sample`: write synthetic case files for benchmarks and demonstrations.

use std::path::PathBuf;

use clap::Args;
use rayon::prelude::*;

use super::{Status, report};
use crate::batch::write_atomically;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::sample::{MAX_COUNT, sample_case};

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// How many cases to write.
    #[arg(long, value_name = "N")]
    pub count: usize,
    /// The folder to write them into (created if missing); files are <case_number>.toml.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The seed: the same seed always gives the same cases.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Write over case files already in the folder (without it, none is replaced).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &SampleArgs) -> Status {
    if args.count == 0 || args.count > MAX_COUNT {
        report(
            &Diagnostic::error("usage", format!("`--count {}` is out of range", args.count))
                .hint(format!("write between 1 and {MAX_COUNT} cases"))
                .into(),
        );
        return Status::Usage;
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        report(
            &Diagnostic::error(
                "output.folder",
                format!("cannot write into output folder `{}`", args.out.display()),
            )
            .cause(e.to_string())
            .into(),
        );
        return Status::Usage;
    }
    if !args.force {
        let mut existing: Vec<usize> = (0..args.count)
            .into_par_iter()
            .filter(|i| {
                let (name, _) = sample_case(args.seed, *i);
                std::fs::symlink_metadata(args.out.join(name)).is_ok()
            })
            .collect();
        if !existing.is_empty() {
            existing.sort_unstable();
            let shown: Vec<String> = existing
                .iter()
                .take(3)
                .map(|i| {
                    args.out
                        .join(sample_case(args.seed, *i).0)
                        .display()
                        .to_string()
                })
                .collect();
            let more = existing.len() - shown.len();
            report(
                &Diagnostic::error(
                    "output.exists",
                    format!(
                        "{} of the {} case files exist in `{}`; nothing was written",
                        existing.len(),
                        args.count,
                        args.out.display()
                    ),
                )
                .cause(if more > 0 {
                    format!("{} and {more} more", shown.join(", "))
                } else {
                    shown.join(", ")
                })
                .hint("pass --force to write over them, or write into another folder")
                .into(),
            );
            return Status::Usage;
        }
    }
    let failures: Vec<Diagnostic> = (0..args.count)
        .into_par_iter()
        .filter_map(|i| {
            let (name, text) = sample_case(args.seed, i);
            write_atomically(&args.out.join(name), text.as_bytes()).err()
        })
        .collect();
    let failed = failures.len();
    report(&Diagnostics(failures));
    say!(
        "wrote {} sample case{} to {} (seed {})",
        args.count - failed,
        if args.count == 1 { "" } else { "s" },
        args.out.display(),
        args.seed
    );
    if failed > 0 {
        Status::Failures
    } else {
        Status::Success
    }
}
