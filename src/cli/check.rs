//! `imr-letters check`: every problem in the case files and templates given, in one pass,
//! writing nothing. The checks themselves live in [`crate::check`]; this file reads the
//! arguments, runs them and prints the report (text on stderr, or JSON records on stdout).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Status, TemplateArgs};
use crate::batch::collect_cases;
use crate::case::CaseFile;
use crate::check::{Speller, check_case_path, numbers, records, templates};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::template::TemplateSet;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files, or folders of them (their *.toml files). With none, the templates are
    /// checked against a built-in sample case.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Report format: `text` (for people, on stderr) or `json` (one array of records on
    /// stdout).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// A project word list for the spelling check: one word a line, `#` comments
    /// (repeatable).
    #[arg(long = "words", value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// Exit with status 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub template: TemplateArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

pub fn run(args: &CheckArgs) -> Status {
    let prepared = word_list_speller(&args.words).and_then(|speller| {
        let inputs = collect_cases(&args.paths, None)?;
        let templates = load_templates(&args.template)?;
        Ok((speller, inputs, templates))
    });
    let (speller, inputs, (templates, mut problems)) = match prepared {
        Ok(p) => p,
        Err(usage) => {
            super::report(&usage);
            return Status::Usage;
        }
    };
    let speller: &Speller = speller.as_ref().unwrap_or_else(|| Speller::builtin());

    problems.0.extend(inputs.warnings.0.iter().cloned());
    let mut files: Vec<CaseFile> = Vec::with_capacity(inputs.len());
    for input in inputs.iter() {
        match input {
            Ok(path) => {
                let (file, found) = check_case_path(&path, speller);
                problems.0.extend(found.0);
                files.extend(file);
            }
            Err(d) => problems.push(d),
        }
    }
    let loaded: Vec<&CaseFile> = files.iter().collect();
    numbers::check_duplicates(&loaded, &mut problems);

    if let Some(set) = &templates {
        let sample;
        let against: Vec<&CaseFile> = if loaded.is_empty() {
            match templates::sample_case() {
                Ok(case) => {
                    sample = case;
                    vec![&sample]
                }
                Err(p) => {
                    problems
                        .0
                        .extend(p.context("in the built-in sample case").0);
                    Vec::new()
                }
            }
        } else {
            loaded.clone()
        };
        problems
            .0
            .extend(templates::check_templates(set, &against).0);
    }

    let errors = problems.0.iter().filter(|d| d.is_error()).count();
    let warnings = problems.0.len() - errors;
    match args.format {
        ReportFormat::Text => super::report(&problems),
        ReportFormat::Json => print!("{}", records::to_json(&problems)),
    }
    eprintln!(
        "{}checked {} case{}{}: {errors} error{}, {warnings} warning{}",
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
    );
    if errors > 0 || (warnings > 0 && args.deny_warnings) {
        Status::Failures
    } else {
        Status::Success
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The speller with the project's word lists, or `None` for the built-in one.
/// The built-in dictionaries with the given word lists, or `None` when there are none.
pub fn word_list_speller(lists: &[PathBuf]) -> Result<Option<Speller>, Diagnostics> {
    if lists.is_empty() {
        return Ok(None);
    }
    let mut texts = Vec::with_capacity(lists.len());
    for path in lists {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error(
                "usage",
                format!("failed to read word list `{}`", path.display()),
            )
            .cause(e.to_string())
        })?;
        texts.push((path.as_path(), text));
    }
    let refs: Vec<(&std::path::Path, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    Speller::with_word_lists(&refs).map(Some)
}

/// The templates, and their problems as findings. A template that does not compile is a
/// finding (the others are still checked); a bad setting or an unreadable folder is a
/// usage error.
fn load_templates(args: &TemplateArgs) -> Result<(Option<TemplateSet>, Diagnostics), Diagnostics> {
    match TemplateSet::load(args.templates.as_deref(), &args.vars) {
        Ok(mut set) => {
            let warnings = std::mem::take(&mut set.warnings);
            Ok((Some(set), warnings))
        }
        Err(problems) if problems.0.iter().any(|d| d.code == "template.error") => {
            match args.templates.as_deref() {
                Some(dir) => Ok(TemplateSet::load_partial(dir, &args.vars)),
                None => Ok((None, problems)),
            }
        }
        Err(problems) => Err(problems),
    }
}
