//! `imr-letters render`: case files to letters, one to stdout or many into a folder.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use crate::check::Speller;

use super::progress::{FailedCases, Progress, Repeats, WarningCount, summary};
use super::run_outputs::RunOutputs;
use super::{Status, TemplateArgs, VetArgs, report};
use crate::batch::{
    Batch, CaseList, NamePattern, RunFile, RunFileKind, RunInputs, Shard, check_run_files,
    collect_cases, remove_stale_run_temp_files,
};
use crate::case::load_case;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::pdf::PdfArgs;
use crate::export::{Format, FormatOptions, Writers, text::TextOptions, writers_for};
use crate::letter::{Checks, Renderer};

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Case files, or folders of them: a folder's *.toml files (hidden ones too), its
    /// subfolders only with --recursive.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read the named folders' subfolders too, at any depth (not hidden folders, names
    /// starting with `.`, and not symlinked folders: name one to read it).
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Output formats, comma-separated: text, pdf or text,pdf.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "text",
        value_name = "FORMATS"
    )]
    pub format: Vec<Format>,
    /// Write each case to DIR/<name>.<ext> (the folder is created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Output file name pattern over case fields, e.g. '{case_number}-{decision_date}'.
    #[arg(long, value_name = "PATTERN", default_value = crate::batch::DEFAULT_PATTERN)]
    pub name: String,
    /// Plain text: re-wrap paragraphs at N columns (10 to 1000), or `none` for one line per
    /// paragraph. Either way the text is one continuous page; the PDF keeps the printed
    /// letter's lines.
    #[arg(long, value_name = "N|none")]
    pub wrap: Option<String>,
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// Worker threads, 1 to 256 (default: every core; never more than there are cases).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// Render every case, even those whose outputs are already current.
    #[arg(long)]
    pub force: bool,
    /// Write a JSON report: one record per case, in input order.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// Also write every letter, in order, into one PDF with a bookmark per case.
    #[arg(long, value_name = "FILE.pdf")]
    pub combine: Option<PathBuf>,
    /// With --combine: start every letter on an odd page (a blank page after a letter of
    /// an odd number of pages), for printing on both sides.
    #[arg(long, requires = "combine")]
    pub duplex: bool,
    /// Render only the K-th of N shares of the cases (by a hash of each file name).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// `public` (the published letter) or `mailed`: one copy per recipient of the case's
    /// [parties], each DIR/<name>-<role>.<ext> with its notice, appeal rights (the
    /// recipient's last day to appeal), cc list and proof of service.
    #[arg(long, value_enum, default_value_t = crate::mailed::Edition::Public)]
    pub edition: crate::mailed::Edition,
    #[command(flatten)]
    pub vet: VetArgs,
    /// Do not print the checks' warnings (a case with warnings is still rendered; they are
    /// counted after the summary and listed in --report). Errors are always printed.
    #[arg(long)]
    pub no_warnings: bool,
    #[command(flatten)]
    pub template: TemplateArgs,
}

/// What a run needs, once the arguments are checked.
struct Prepared {
    renderer: Renderer,
    writers: Writers,
    cases: CaseList,
    names: NamePattern,
    shard: Option<Shard>,
    jobs: usize,
    /// The dictionaries with the run's word lists (`None`: the built-in ones).
    speller: Option<Speller>,
    /// A mailed run's calendar and place of mailing.
    mailing: Option<crate::mailed::Mailing>,
}

impl Prepared {
    fn checks(&self, args: &RenderArgs) -> Checks<'_> {
        Checks {
            speller: self.speller.as_ref().unwrap_or_else(|| Speller::builtin()),
            deny_warnings: args.vet.deny_warnings,
            mailing: self.mailing.as_ref(),
        }
    }
}

pub fn run(args: &RenderArgs) -> Result<Status, Diagnostics> {
    let p = prepare(args)?;
    match &args.out {
        None => match p.cases.iter().next() {
            Some(Ok(input)) => Ok(match render_one_to_stdout(args, &p, &input) {
                Status::Success if p.cases.warnings.has_errors() => Status::Failures,
                status => status,
            }),
            Some(Err(d)) => Err(d.into()),
            None if p.cases.warnings.has_errors() => Ok(Status::Failures),
            None => Ok(Status::Success),
        },
        Some(out) => render_folder(args, &p, out),
    }
}

fn usage(message: impl Into<String>) -> Diagnostics {
    Diagnostic::error("usage", message).into()
}

/// The most worker threads `-j` may ask for.
const MAX_JOBS: usize = 256;

/// The widest `--wrap`: wider than any line a letter has, and a bound on the layout.
const MAX_WRAP: usize = 1000;

fn prepare(args: &RenderArgs) -> Result<Prepared, Diagnostics> {
    let formats = &args.format;
    let wrap = match args.wrap.as_deref().map(str::trim) {
        None => None,
        Some("none") => Some(None),
        Some(n) => match n.parse::<usize>() {
            Ok(n) if (10..=MAX_WRAP).contains(&n) => Some(Some(n)),
            _ => {
                return Err(
                    Diagnostic::error("usage", format!("`--wrap {n}` is not a width"))
                        .hint(format!(
                            "use a number of columns from 10 to {MAX_WRAP}, or `none`"
                        ))
                        .into(),
                );
            }
        },
    };
    if wrap.is_some() && !formats.contains(&Format::Text) {
        return Err(Diagnostic::error(
            "usage",
            "--wrap re-wraps the text format, and no text is written",
        )
        .hint("add text to --format (the PDF always keeps the printed letter's lines)")
        .into());
    }
    let pdf = args.pdf.options()?;
    if args.pdf.given() && !formats.contains(&Format::Pdf) {
        return Err(Diagnostic::error(
            "usage",
            "--pdf-standard and --protect are the pdf format's, and no PDF is written",
        )
        .hint("add pdf to --format, e.g. --format text,pdf")
        .into());
    }
    let names = NamePattern::parse(&args.name)?;
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    let jobs = match args.jobs {
        Some(0) => return Err(usage("`-j 0`: at least one thread is needed")),
        Some(n) if n > MAX_JOBS => {
            return Err(
                Diagnostic::error("usage", format!("`-j {n}` is too many threads"))
                    .hint(format!(
                        "use at most {MAX_JOBS}; more threads than cores only add memory"
                    ))
                    .into(),
            );
        }
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    if args.out.is_none() {
        let batch_only = [
            (args.report.is_some(), "--report"),
            (args.combine.is_some(), "--combine"),
            (args.shard.is_some(), "--shard"),
            (args.force, "--force"),
        ];
        if let Some((_, flag)) = batch_only.iter().find(|(given, _)| *given) {
            return Err(usage(format!("{flag} needs --out DIR")));
        }
    }
    if args.combine.is_some() && !formats.contains(&Format::Pdf) {
        return Err(Diagnostic::error("usage", "--combine needs the pdf format")
            .hint("add pdf to --format, e.g. --format text,pdf")
            .into());
    }
    let cases = collect_cases(&args.paths, shard, args.recursive)?;
    report(&cases.warnings);
    if cases.is_empty() && shard.is_none() {
        return Err(usage("no case files to render"));
    }
    if args.out.is_none() {
        if cases.len() > 1 {
            return Err(Diagnostic::error(
                "usage",
                format!("{} cases need --out DIR", cases.len()),
            )
            .hint("without --out, one case's letter goes to stdout")
            .into());
        }
        if formats.iter().any(|f| *f != formats[0]) {
            return Err(usage("several formats need --out DIR"));
        }
        if formats[0] == Format::Pdf && std::io::stdout().is_terminal() {
            return Err(Diagnostic::error("usage", "a PDF is not for a terminal")
                .hint("write it to a folder with --out DIR, or redirect stdout: > letter.pdf")
                .into());
        }
    }
    let mailed = args.edition == crate::mailed::Edition::Mailed;
    if mailed && (args.out.is_none() || wrap.is_some()) {
        return Err(usage(if wrap.is_some() {
            "the mailed edition is written page for page: --wrap is for the public letter"
        } else {
            "the mailed edition writes a copy per recipient: it needs --out DIR"
        }));
    }
    let speller = args.vet.speller()?;
    let mut templates = args.template.load()?;
    let mailing = mailed
        .then(|| crate::mailed::Mailing::from_settings(&templates.settings))
        .transpose()?;
    report(&std::mem::take(&mut templates.warnings));
    let renderer = super::renderer(templates)?;
    let options = FormatOptions {
        text: TextOptions { wrap },
        pdf,
    };
    let writers = writers_for(formats, &renderer.layout.fonts, &options);
    Ok(Prepared {
        renderer,
        writers,
        cases,
        names,
        shard,
        jobs,
        speller,
        mailing,
    })
}

fn render_one_to_stdout(args: &RenderArgs, p: &Prepared, input: &Path) -> Status {
    let result =
        load_case(input).and_then(|case| p.renderer.render(&case, &p.writers, &p.checks(args)));
    match result {
        Ok(rendered) => {
            if !args.no_warnings {
                report(&rendered.warnings);
            }
            for (_, bytes) in rendered.files {
                if super::write_stdout(&bytes) != Status::Success {
                    return Status::Failures;
                }
            }
            Status::Success
        }
        Err(problems) => {
            if args.no_warnings {
                report(&Diagnostics(
                    problems.0.into_iter().filter(|d| d.is_error()).collect(),
                ));
            } else {
                report(&problems);
            }
            Status::Failures
        }
    }
}

/// The run's report, print file and mailing manifest, refused when they would overwrite
/// what it must keep; the temporary files a killed run left for them removed.
fn check_own_files(args: &RenderArgs, p: &Prepared, out: &Path) -> Result<(), Diagnostics> {
    let manifest = p.mailing.as_ref().map(|_| manifest_path(out, p.shard));
    let own: Vec<RunFile<'_>> = [
        ("--report", &args.report, RunFileKind::Report),
        ("--combine", &args.combine, RunFileKind::PrintFile),
        ("--edition mailed", &manifest, RunFileKind::Manifest),
    ]
    .into_iter()
    .filter_map(|(flag, f, kind)| {
        Some(RunFile {
            flag,
            path: f.as_deref()?,
            kind,
        })
    })
    .collect();
    if own.is_empty() {
        return Ok(());
    }
    let mut files = p.renderer.templates.settings.files();
    files.extend(args.vet.words.iter().cloned());
    let inputs = RunInputs {
        files,
        template_folder: args.template.templates.as_deref(),
    };
    check_run_files(&own, out, &inputs, &p.cases, args.force)?;
    remove_stale_run_temp_files(&own);
    Ok(())
}

/// Where a mailed run (or a shard of it) writes its manifest.
fn manifest_path(out: &Path, shard: Option<Shard>) -> PathBuf {
    out.join(crate::mailed::manifest::file_name(shard))
}

fn render_folder(args: &RenderArgs, p: &Prepared, out: &Path) -> Result<Status, Diagnostics> {
    let setup = prepare_folder(out)
        .map_err(Diagnostics::from)
        .and_then(|()| check_own_files(args, p, out))
        .and_then(|()| {
            let pool = rayon::ThreadPoolBuilder::new()
                // never more threads than cases
                .num_threads(p.jobs.min(p.cases.len().max(1)))
                .build()
                .map_err(|e| usage(format!("cannot start {} threads: {e}", p.jobs)))?;
            let files = RunOutputs::open(
                args.report.as_deref(),
                args.combine.as_deref(),
                args.duplex,
                p.mailing.as_ref().map(|_| manifest_path(out, p.shard)),
            )?;
            Ok((pool, files))
        });
    let (pool, mut run_files) = setup?;
    let progress = Progress::new(p.cases.len());
    let interrupt = super::interrupt::Interrupt::install(progress.printer());
    let stop = interrupt.stop();
    let batch = Batch {
        stop,
        renderer: &p.renderer,
        checks: p.checks(args),
        writers: &p.writers,
        out,
        names: &p.names,
        force: args.force,
        shard: p.shard,
        details: args.report.is_some() || args.combine.is_some() || p.mailing.is_some(),
        reserved: [&args.report, &args.combine]
            .into_iter()
            .flatten()
            .filter(|f| same_folder(f, out))
            .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
            .collect(),
    };
    let started = Instant::now();
    let mut files = 0usize;
    let mut trouble = Diagnostics::default();
    let mut warned = WarningCount::default();
    let mut repeats = Repeats::default();
    let mut failed = FailedCases::default();
    let ran = pool.install(|| {
        batch.run(&p.cases, &|| progress.tick(), &mut |outcome| {
            warned.add(&outcome);
            if outcome.status == crate::batch::CaseStatus::Failed {
                failed.add(&outcome.input);
            }
            progress.report_outcome(repeats.filter(&outcome), !args.no_warnings);
            if repeats.should_stop() {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            files += outcome.outputs.len();
            run_files.add(&outcome, &mut trouble);
        })
    });
    progress.finish();
    let (tally, warnings) = ran?;
    // (a Ctrl-C after the last case lets the run end as any other)
    if interrupt.interrupted() && tally.cases() < p.cases.len() {
        // dropped unfinished, the report and print files leave no temporary file
        let not_written = run_files.abandon();
        report(&warnings);
        report(&trouble);
        let stopped = super::interrupt::Stopped {
            tally: &tally,
            cases: p.cases.len(),
            files,
            out,
            not_written: not_written
                .iter()
                .map(|(what, f)| (*what, f.as_path()))
                .collect(),
        };
        for line in stopped.lines() {
            say!("{line}");
        }
        for line in failed.lines(&|n, s| format!("{n} case{s} failed"), None) {
            say!("{line}");
        }
        return Ok(Status::Interrupted);
    }
    let report_written = run_files.finish(&tally, p.shard, &mut trouble);
    report(&warnings);
    report(&trouble);
    for line in repeats.lines() {
        say!("{line}");
    }
    if repeats.should_stop() {
        say!("{}", repeats.stop_line(p.cases.len()));
    }
    let seconds = started.elapsed().as_secs_f64();
    say!(
        "{}",
        summary(
            &tally,
            p.cases.len(),
            files,
            &out.display().to_string(),
            seconds,
        )
    );
    if let Some(line) = warned.line(!args.no_warnings) {
        say!("{line}");
    }
    for line in failed.lines(
        &|n, s| format!("{n} case{s} failed"),
        report_written.as_deref(),
    ) {
        say!("{line}");
    }
    if let Some(profile) = crate::profile::report(tally.rendered) {
        say_part!("{profile}");
    }
    Ok(
        if tally.failed > 0
            || trouble.has_errors()
            || warnings.has_errors()
            || p.cases.warnings.has_errors()
        {
            Status::Failures
        } else {
            Status::Success
        },
    )
}

/// Whether `file` is to be written straight into the folder `dir`.
fn same_folder(file: &Path, dir: &Path) -> bool {
    let parent = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), dir.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Creates the output folder and makes sure files can be written into it.
fn prepare_folder(out: &Path) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            "output.folder",
            format!("cannot write into output folder `{}`", out.display()),
        )
        .cause(e.to_string())
    };
    std::fs::create_dir_all(out).map_err(fail)?;
    let probe = out.join(format!(".imr-letters-probe.{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)
}
