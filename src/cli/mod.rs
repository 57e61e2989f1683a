//! The command line: argument structs (help text comes from these doc comments) and one
//! module per command. Each command returns its [`Status`], or the usage or configuration
//! error that stopped it before anything was done, which `main` prints once ([`report`])
//! and exits 2 for. What a command finds while it runs (a case's problems) it prints as
//! it goes, through the same printer.

#[macro_use]
pub mod stderr;

pub mod check;
pub mod combine;
pub mod completions;
pub mod interrupt;
pub mod man;
pub mod progress;
pub mod render;
mod run_outputs;
pub mod sample;
pub mod schema;
pub mod templates;
pub mod watch;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::check::Speller;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::Stamp;
use crate::letter::Renderer;
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
    /// Stopped by Ctrl-C (a batch says what it wrote and how to resume).
    Interrupted = 130,
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
    /// Check case files and templates, reporting every problem in one pass.
    ///
    /// Case files: the format's rules, dates written in the text (after the decision,
    /// before 1900, before the injury, impossible), spelling, party names in the printed
    /// text, rationales that contradict their decision, empty paragraphs, case number
    /// shape, one case number in two files. Templates: each compiles and renders against
    /// the cases (or a built-in sample case); stale exported overrides. Exit status 1 on
    /// errors (or on warnings with --deny-warnings), 2 on usage errors.
    Check(check::CheckArgs),
    /// Render a letter again whenever its case, templates or settings change.
    ///
    /// A live preview: the letter is written atomically after each change (a PDF viewer that
    /// reloads shows it), each round's diagnostics are printed as `check` prints them, and a
    /// round that fails keeps the last good letter. Ctrl-C stops.
    Watch(watch::WatchArgs),
    /// List or export the letter templates.
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
    /// Write the print file, the report or the mailing manifest of an output folder,
    /// without rendering again.
    ///
    /// The folder may have been rendered by one run or by several shards or machines: the
    /// letters are those its journals record, each checked to be the file recorded, in
    /// the order one run's --combine prints them (mailed copies by ZIP code), and the
    /// report lists each case as `render --report` does; --manifest merges the manifests of
    /// a mailed run's shards.
    Combine(combine::CombineArgs),
    /// Print the JSON Schema of the case format (for editors: `#:schema` in a case file).
    Schema,
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print a manual page (roff): `imr-letters man check | man -l -`.
    Man(man::ManArgs),
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
    /// Mark every page DRAFT (the `watermark` setting; a --var watermark=... wins).
    #[arg(long)]
    pub draft: bool,
}

impl TemplateArgs {
    /// The settings given on the command line: `--draft`, then every `--var`.
    pub fn vars(&self) -> Vec<String> {
        let mut vars = Vec::with_capacity(self.vars.len() + 1);
        if self.draft {
            vars.push("watermark=DRAFT".to_string());
        }
        vars.extend(self.vars.iter().cloned());
        vars
    }

    /// Loads the templates; their warnings stay in the set for the caller to report.
    pub fn load(&self) -> Result<TemplateSet, Diagnostics> {
        TemplateSet::load(self.templates.as_deref(), &self.vars())
    }
}

/// The options of the checks every case passes, the same for `check` and `render`.
#[derive(Debug, Clone, Args)]
pub struct VetArgs {
    /// A project word list for the spelling check: one word a line, `#` comments
    /// (repeatable).
    #[arg(long = "words", value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// Treat warnings as errors: `check` exits 1, `render` refuses the case (a warning
    /// judged right can be accepted in the case file's `[[accept]]` table).
    #[arg(long)]
    pub deny_warnings: bool,
}

impl VetArgs {
    /// The built-in dictionaries with the given word lists, or `None` when there are none.
    pub fn speller(&self) -> Result<Option<Speller>, Diagnostics> {
        if self.words.is_empty() {
            return Ok(None);
        }
        let mut texts = Vec::with_capacity(self.words.len());
        for path in &self.words {
            let text =
                crate::diagnostic::read::read_regular(path, crate::diagnostic::read::TEXT_LIMIT)
                    .and_then(|b| {
                        String::from_utf8(b)
                            .map_err(|_| std::io::Error::other("it is not UTF-8 text"))
                    })
                    .map_err(|e| Diagnostic::read_error("usage", "word list", path, &e))?;
            texts.push((path.as_path(), text));
        }
        let refs: Vec<(&std::path::Path, &str)> =
            texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        Speller::with_word_lists(&refs).map(Some)
    }
}

/// The renderer of a run from its templates: fonts, geometry and `SOURCE_DATE_EPOCH`.
pub fn renderer(templates: TemplateSet) -> Result<Renderer, Diagnostics> {
    let source_date =
        Stamp::from_source_date_epoch(std::env::var_os("SOURCE_DATE_EPOCH").as_deref())?;
    Renderer::new(templates, source_date)
}

/// Writes a command's output to stdout. A closed pipe or a full disk is an error (exit 1):
/// output cut short must not pass for whole.
pub fn write_stdout(bytes: &[u8]) -> Status {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Status::Success,
        Err(e) => {
            report(
                &Diagnostic::error("output.write", "failed to write to stdout")
                    .cause(e.to_string())
                    .into(),
            );
            Status::Failures
        }
    }
}

/// Prints diagnostics to stderr, once.
pub fn report(problems: &Diagnostics) {
    if !problems.is_empty() {
        say_part!("{}", problems.render());
    }
}
