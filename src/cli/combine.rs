//! `imr-letters combine DIR [--out FILE.pdf] [--report FILE.json] [--manifest FILE.csv]`:
//! the print file, the report and (of mailed copies) the mailing manifest of what a folder
//! holds, rendered by one run or by several shards or machines into it, without rendering
//! again. The letters are those the folder's journals record, each checked to be the very
//! file recorded, in the order a single run's `--combine` prints them (case order; mailed
//! copies in mailing order).

use std::path::PathBuf;

use clap::Args;

use super::Status;
use crate::batch::combine::Combiner;
use crate::batch::folder::{FolderCase, folder_cases, manifest_order, print_order};
use crate::batch::{
    CaseList, ReportWriter, RunFile, RunFileKind, RunInputs, Tally, check_run_files,
    remove_stale_run_temp_files,
};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::mailed::Edition;
use crate::mailed::merge::{manifests_in, merge};

#[derive(Debug, Args)]
pub struct CombineArgs {
    /// An output folder of `render` (one run's or several shards' or machines').
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The print file to write: every letter, in the order a single run's --combine
    /// prints them (mailed copies by ZIP code), a bookmark per letter.
    #[arg(
        long,
        value_name = "FILE.pdf",
        required_unless_present_any = ["report", "manifest"]
    )]
    pub out: Option<PathBuf>,
    /// Write a JSON report of the folder, as `render --report` does: one record per
    /// case the journals record, with its status and each file's size and SHA-256.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// Write one mailing manifest of a folder of mailed copies, its rows taken from the
    /// folder's manifests (each shard's), in the order a single run lists them.
    #[arg(long, value_name = "FILE.csv")]
    pub manifest: Option<PathBuf>,
    /// Start every letter on an odd page (a blank page after a letter of an odd number
    /// of pages), for printing on both sides; the manifest counts sheets so.
    #[arg(long)]
    pub duplex: bool,
    /// Which letters to take from a folder that holds both public letters and mailed
    /// copies (a print file holds one edition).
    #[arg(long, value_enum, value_name = "EDITION")]
    pub edition: Option<Edition>,
    /// Write over a print file, report or manifest that imr-letters did not write.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &CombineArgs) -> Result<Status, Diagnostics> {
    if args.duplex && args.out.is_none() && args.manifest.is_none() {
        return Err(Diagnostic::error(
            "usage",
            "--duplex is for the print file (--out) and the manifest's sheets (--manifest)",
        )
        .into());
    }
    if !args.dir.is_dir() {
        return Err(Diagnostic::error(
            "batch.missing",
            format!("`{}` is not a folder", args.dir.display()),
        )
        .into());
    }
    let own: Vec<RunFile<'_>> = [
        ("--out", &args.out, RunFileKind::PrintFile),
        ("--report", &args.report, RunFileKind::Report),
        ("--manifest", &args.manifest, RunFileKind::CombinedManifest),
    ]
    .into_iter()
    .filter_map(|(flag, path, kind)| {
        Some(RunFile {
            flag,
            path: path.as_deref()?,
            kind,
        })
    })
    .collect();
    // the folder's own manifests are read, never written over
    let inputs = RunInputs {
        files: manifests_in(&args.dir),
        template_folder: None,
    };
    check_run_files(&own, &args.dir, &inputs, &CaseList::default(), args.force)?;
    remove_stale_run_temp_files(&own);
    let mut cases = folder_cases(&args.dir);
    let edition = edition(args, &cases)?;
    if args.manifest.is_some() && edition == Edition::Public {
        return Err(Diagnostic::error(
            "usage",
            format!(
                "--manifest lists mailed copies, and `{}` holds public letters",
                args.dir.display()
            ),
        )
        .hint("a mailing manifest is made of a folder that `render --edition mailed` wrote")
        .into());
    }
    cases.retain(|c| c.edition == edition);
    let outcomes: Vec<_> = cases.iter().map(FolderCase::outcome).collect();
    let mut trouble = Diagnostics::default();
    for outcome in &outcomes {
        trouble.0.extend(outcome.problems.0.iter().cloned());
    }
    super::report(&trouble);
    let mut status = if trouble.has_errors() {
        Status::Failures
    } else {
        Status::Success
    };
    if let Some(out) = &args.out {
        let letters = print_order(&cases);
        if letters.is_empty() {
            super::report(
                &Diagnostic::warning(
                    "combine.empty",
                    format!(
                        "no PDF letters recorded in `{}`: `{}` is not written",
                        args.dir.display(),
                        out.display()
                    ),
                )
                .hint("the print file is made of the PDFs of `render --format pdf`")
                .into(),
            );
            status = Status::Failures;
        } else {
            let mut combined = Combiner::create(out, args.duplex)?;
            for letter in &letters {
                combined.add(letter)?;
            }
            let pages = combined.finish()?;
            let what = match edition {
                Edition::Public => "letter",
                Edition::Mailed => "mailed copy",
            };
            say!(
                "combined {} ({pages} pages) from {} into {}",
                count(letters.len(), what),
                args.dir.display(),
                out.display()
            );
        }
    }
    if let Some(target) = &args.manifest {
        let manifests = manifests_in(&args.dir);
        let (rows, missing) = merge(target, &manifests, &manifest_order(&cases), args.duplex)?;
        if !missing.is_empty() {
            super::report(&Diagnostics(missing));
            status = Status::Failures;
        }
        say!(
            "listed {} from {} in {}",
            count(rows, "mailed copy"),
            args.dir.display(),
            target.display()
        );
    }
    if let Some(target) = &args.report {
        let mut tally = Tally::default();
        let mut report = ReportWriter::create(target)?;
        for outcome in &outcomes {
            tally.add(outcome.status);
            report.add(outcome)?;
        }
        report.finish(&tally)?;
        say!(
            "reported {} ({} rendered, {} failed) of {} in {}",
            count(tally.cases(), "case"),
            tally.rendered,
            tally.failed,
            args.dir.display(),
            target.display()
        );
    }
    Ok(status)
}

/// The edition to combine: the one the folder holds, or the one `--edition` names; a
/// folder holding both is refused without it.
fn edition(args: &CombineArgs, cases: &[FolderCase]) -> Result<Edition, Diagnostics> {
    let mailed = cases
        .iter()
        .filter(|c| c.edition == Edition::Mailed)
        .count();
    let public = cases.len() - mailed;
    match args.edition {
        Some(e) => Ok(e),
        None if mailed > 0 && public > 0 => Err(Diagnostic::error(
            "usage",
            format!(
                "`{}` holds public letters of {} and mailed copies of {}; a print file or report is of one edition",
                args.dir.display(),
                count(public, "case"),
                count(mailed, "case"),
            ),
        )
        .hint("pass --edition public or --edition mailed (a run's --combine prints its own edition alone)")
        .into()),
        None if mailed > 0 => Ok(Edition::Mailed),
        None => Ok(Edition::Public),
    }
}

/// `1 letter`, `2 letters`, `2 mailed copies`.
fn count(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {what}s"),
    }
}
