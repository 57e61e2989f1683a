//! The command line: argument structs (help text comes from these doc comments) and one
//! module per command. Each command returns an [`ExitCode`]-worthy [`Status`] and prints
//! its own report; `main` only dispatches.

pub mod check;
pub mod progress;
pub mod render;
pub mod sample;
pub mod templates;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic::Diagnostics;
use crate::template::TemplateSet;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything succeeded.
    Success = 0,
    /// Some cases failed (the others were done).
    Failures = 1,
    /// Bad arguments or configuration: nothing was done.
    Usage = 2,
}

/// California workers' compensation IMR Final Determination letters from TOML case files
/// and Tera templates, as plain text or PDF.
#[derive(Debug, Parser)]
#[command(name = "imr-letters", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render letters from case files.
    ///
    /// One case without --out prints its letter on stdout; otherwise each case becomes
    /// DIR/<name>.<ext>, rendered in parallel; a rerun skips cases whose outputs are current.
    Render(render::RenderArgs),
    /// Check case files without writing anything.
    Check(check::CheckArgs),
    /// List or export the letter templates.
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
    /// Write synthetic case files (for benchmarks and demonstrations).
    Sample(sample::SampleArgs),
}

/// Template options shared by every command that renders.
#[derive(Debug, Clone, Args)]
pub struct TemplateArgs {
    /// Folder of templates overriding the built-in ones file by file (and its settings.toml).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Override a template setting for this run, e.g. --var wording=2016 (repeatable).
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub vars: Vec<String>,
}

impl TemplateArgs {
    /// Loads the templates, printing their warnings.
    pub fn load(&self) -> Result<TemplateSet, Diagnostics> {
        let set = TemplateSet::load(self.templates.as_deref(), &self.vars)?;
        if !set.warnings.is_empty() {
            eprint!("{}", set.warnings.render());
        }
        Ok(set)
    }
}

/// Prints diagnostics to stderr, once.
pub fn report(problems: &Diagnostics) {
    if !problems.is_empty() {
        eprint!("{}", problems.render());
    }
}
