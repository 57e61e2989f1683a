//! `imr-letters check`: every problem in the case files and templates given, in one pass,
//! writing nothing. Each case goes through the vet step that `render` runs before it lays a
//! letter out ([`crate::letter::vet`]), so a case `check` passes is one `render` writes;
//! this file reads the arguments, runs it and prints the report (text on stderr, or JSON
//! records on stdout).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::progress::FailedCases;
use super::{Status, TemplateArgs, VetArgs};
use crate::batch::collect_cases;
use crate::case::{CaseFile, load_case};
use crate::check::{Speller, check_case, numbers, templates};
use crate::diagnostic::codes::{CODES, Level};
use crate::diagnostic::{Diagnostics, record};
use crate::letter::Checks;
use crate::mailed::recipients::deadline_report;
use crate::mailed::{Edition, Mailing};
use crate::template::TemplateSet;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files, or folders of them: a folder's *.toml files (hidden ones too), its
    /// subfolders only with --recursive. With none, the templates are checked against a
    /// built-in sample case.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read the named folders' subfolders too, at any depth (not hidden folders, names
    /// starting with `.`, and not symlinked folders: name one to read it).
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Report format: `text` (for people, on stderr) or `json` (one array of records on
    /// stdout).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Print every diagnostic code with its severity and meaning (a Markdown table), and
    /// check nothing.
    #[arg(long, conflicts_with = "paths")]
    pub list_codes: bool,
    /// The edition the cases are checked for: `public` (the published letter) or `mailed`
    /// (also the parties: every recipient's address complete and its region known, the
    /// date of mailing given; the last day to appeal of each copy is printed).
    #[arg(long, value_enum, default_value_t = Edition::Public)]
    pub edition: Edition,
    #[command(flatten)]
    pub vet: VetArgs,
    #[command(flatten)]
    pub template: TemplateArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

pub fn run(args: &CheckArgs) -> Result<Status, Diagnostics> {
    if args.list_codes {
        return Ok(super::write_stdout(codes_table().as_bytes()));
    }
    let speller = args.vet.speller()?;
    let speller: &Speller = speller.as_ref().unwrap_or_else(|| Speller::builtin());
    let inputs = collect_cases(&args.paths, None, args.recursive)?;
    let (templates, mut problems) = load_templates(&args.template)?;
    let renderer = templates.map(super::renderer).transpose()?;
    let mailing = match (args.edition, &renderer) {
        (Edition::Mailed, Some(r)) => Some(Mailing::from_settings(&r.templates.settings)?),
        _ => None,
    };
    let checks = Checks {
        speller,
        deny_warnings: args.vet.deny_warnings,
        mailing: mailing.as_ref(),
    };
    let mut deadlines = String::new();
    problems.0.extend(inputs.warnings.0.iter().cloned());
    let stale = renderer
        .as_ref()
        .map(|r| templates::stale_overrides(&r.templates))
        .unwrap_or_default();
    let stale_files: Vec<String> = stale
        .0
        .iter()
        .filter_map(|d| Some(d.location.as_ref()?.file.clone()))
        .collect();
    problems.0.extend(stale.0);

    let mut accepted = 0;
    let mut vet = |file: &CaseFile, problems: &mut Diagnostics| match &renderer {
        Some(r) => match r.vet(file, &checks) {
            Ok(vetted) => {
                accepted += vetted.accepted.len();
                deadlines.push_str(&deadline_report(file.case_number(), &vetted.recipients));
                problems.0.extend(vetted.warnings.0);
            }
            Err(found) => problems.0.extend(found.0),
        },
        // the templates do not compile: the case's own checks still run
        None => problems.0.extend(check_case(file, speller).0),
    };
    let mut files: Vec<CaseFile> = Vec::with_capacity(inputs.len());
    // each case file, and whether it had an error
    let mut verdicts: Vec<(PathBuf, bool)> = Vec::with_capacity(inputs.len());
    let errors_in = |p: &Diagnostics| p.0.iter().filter(|d| d.is_error()).count();
    for input in inputs.iter() {
        let before = errors_in(&problems);
        let path = input.as_ref().ok().cloned();
        match input
            .map_err(Diagnostics::from)
            .and_then(|path| load_case(&path))
        {
            Ok(file) => {
                vet(&file, &mut problems);
                files.push(file);
            }
            Err(found) => problems.0.extend(found.0),
        }
        if let Some(path) = path {
            verdicts.push((path, errors_in(&problems) > before));
        }
    }
    let loaded: Vec<&CaseFile> = files.iter().collect();
    let before = problems.0.len();
    numbers::check_duplicates(&loaded, &mut problems);
    let duplicated: std::collections::HashSet<&str> = problems.0[before..]
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| Some(d.location.as_ref()?.file.as_str()))
        .collect();
    let mut failed = FailedCases::default();
    for (path, erred) in &verdicts {
        if *erred || duplicated.contains(path.display().to_string().as_str()) {
            failed.add(path);
        }
    }
    drop(duplicated);
    if loaded.is_empty() && renderer.is_some() {
        match templates::sample_case() {
            Ok(sample) => {
                let mut found = Diagnostics::default();
                vet(&sample, &mut found);
                problems
                    .0
                    .extend(found.context("in the built-in sample case").0);
            }
            Err(p) => problems
                .0
                .extend(p.context("in the built-in sample case").0),
        }
    }
    let mut problems = problems.merge_repeats("case");
    for d in problems.0.iter_mut().filter(|d| d.is_error()) {
        if d.location
            .as_ref()
            .is_some_and(|l| stale_files.contains(&l.file))
        {
            d.hints.push("this override was exported from another version of imr-letters and may be stale: compare it with a fresh `imr-letters templates export`".into());
        }
    }

    let errors = problems.0.iter().filter(|d| d.is_error()).count();
    let warnings = problems.0.len() - errors;
    match args.format {
        ReportFormat::Text => super::report(&problems),
        ReportFormat::Json => {
            if super::write_stdout(record::to_json(&problems).as_bytes()) != Status::Success {
                return Ok(Status::Failures);
            }
        }
    }
    if !deadlines.is_empty() {
        say_part!("{}{deadlines}", if problems.is_empty() { "" } else { "\n" });
    }
    say!(
        "{}checked {} case{}{}: {errors} error{}, {warnings} warning{}{}",
        if problems.is_empty() || args.format == ReportFormat::Json {
            ""
        } else {
            "\n"
        },
        inputs.len(),
        plural(inputs.len()),
        if args.template.templates.is_some() {
            " and the template folder"
        } else {
            ""
        },
        plural(errors),
        plural(warnings),
        if accepted > 0 {
            format!(" ({accepted} accepted in the case files)")
        } else {
            String::new()
        },
    );
    for line in failed.lines(&|n, s| format!("{n} case file{s} with errors"), None) {
        say!("{line}");
    }
    Ok(if errors > 0 || (warnings > 0 && args.vet.deny_warnings) {
        Status::Failures
    } else {
        Status::Success
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The templates, and their problems as findings. A template that does not compile is a
/// finding (the others are still checked); a bad setting or an unreadable folder is a
/// usage error.
fn load_templates(args: &TemplateArgs) -> Result<(Option<TemplateSet>, Diagnostics), Diagnostics> {
    let vars = args.vars();
    match TemplateSet::load(args.templates.as_deref(), &vars) {
        Ok(mut set) => {
            let warnings = std::mem::take(&mut set.warnings);
            Ok((Some(set), warnings))
        }
        Err(problems)
            if problems
                .0
                .iter()
                .any(|d| matches!(d.code, "template.error" | "template.budget")) =>
        {
            match args.templates.as_deref() {
                Some(dir) => Ok(TemplateSet::load_partial(dir, &vars)),
                None => Ok((None, problems)),
            }
        }
        Err(problems) => Err(problems),
    }
}

/// The table of every diagnostic code, as the README shows it.
pub fn codes_table() -> String {
    let mut out = String::from("| code | severity | meaning |\n|---|---|---|\n");
    for c in CODES {
        let level = match c.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        out.push_str(&format!("| `{}` | {level} | {} |\n", c.code, c.meaning));
    }
    out
}
