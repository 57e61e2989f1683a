//! `imr-letters combine DIR --out FILE.pdf`: one print file from the letters a folder
//! holds, rendered by one run or by several shards or machines into it, without rendering
//! again. The letters are those the folder's journals record, in file name order, each
//! checked to be the very file recorded.

use std::path::PathBuf;

use clap::Args;

use super::Status;
use crate::batch::combine::Combiner;
use crate::batch::{CaseList, RunFile, RunInputs, check_run_files, recorded_outputs};
use crate::diagnostic::{Diagnostic, Diagnostics};

#[derive(Debug, Args)]
pub struct CombineArgs {
    /// An output folder of `render --format pdf` (one run's or several shards').
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The print file to write: every letter, in file name order, a bookmark per letter.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// Start every letter on an odd page (a blank page after a letter of an odd number
    /// of pages), for printing on both sides.
    #[arg(long)]
    pub duplex: bool,
}

pub fn run(args: &CombineArgs) -> Result<Status, Diagnostics> {
    if !args.dir.is_dir() {
        return Err(Diagnostic::error(
            "batch.missing",
            format!("`{}` is not a folder", args.dir.display()),
        )
        .into());
    }
    let own = [RunFile {
        flag: "--out",
        path: &args.out,
    }];
    let inputs = RunInputs {
        files: Vec::new(),
        template_folder: None,
    };
    check_run_files(&own, &args.dir, &inputs, &CaseList::default())?;
    let letters = recorded_outputs(&args.dir, "pdf");
    let mut trouble = Diagnostics::default();
    let mut combined = Combiner::create(&args.out, args.duplex)?;
    let mut added = 0usize;
    for (name, whole) in &letters {
        let path = args.dir.join(name);
        if !whole {
            trouble.push(
                Diagnostic::error(
                    "combine.read",
                    format!("`{}` is not the file the journal records", path.display()),
                )
                .hint("render the folder again; the letter is left out of the print file"),
            );
            continue;
        }
        combined.add(&path)?;
        added += 1;
    }
    super::report(&trouble);
    if added == 0 {
        super::report(
            &Diagnostic::warning(
                "combine.empty",
                format!(
                    "no letters recorded in `{}`: `{}` is not written",
                    args.dir.display(),
                    args.out.display()
                ),
            )
            .into(),
        );
        return Ok(Status::Failures);
    }
    let pages = combined.finish()?;
    eprintln!(
        "combined {added} letter{} ({pages} pages) from {} into {}",
        if added == 1 { "" } else { "s" },
        args.dir.display(),
        args.out.display()
    );
    Ok(if trouble.has_errors() {
        Status::Failures
    } else {
        Status::Success
    })
}
