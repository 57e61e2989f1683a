//! `imr-letters render`: case files to letters.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{Status, TemplateArgs, report};
use crate::batch::{collect_cases, render_case, render_to_folder};
use crate::case::load_case;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::Format;
use crate::layout::Measuring;
use crate::letter::Renderer;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Case files, or folders of them (their *.toml files).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output formats, comma-separated (text, pdf).
    #[arg(long, default_value = "text", value_name = "FORMATS")]
    pub format: String,
    /// Write each case to DIR/<case_number>.<ext> (the folder is created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Plain text: re-wrap paragraphs at N columns, or `none` for one line per paragraph.
    /// Either way the text is one continuous page.
    #[arg(long, value_name = "N|none")]
    pub wrap: Option<String>,
    #[command(flatten)]
    pub template: TemplateArgs,
}

pub fn run(args: &RenderArgs) -> Status {
    match prepare(args) {
        Ok((renderer, inputs, formats, measuring)) => match &args.out {
            None => render_one_to_stdout(&renderer, &inputs[0], &formats, measuring),
            Some(out) => render_folder(&renderer, &inputs, &formats, measuring, out),
        },
        Err(problems) => {
            report(&problems);
            Status::Usage
        }
    }
}

type Prepared = (Renderer, Vec<PathBuf>, Vec<Format>, Measuring);

fn prepare(args: &RenderArgs) -> Result<Prepared, Diagnostics> {
    let formats = parse_formats(&args.format)?;
    let measuring = match args.wrap.as_deref().map(str::trim) {
        None => Measuring::Fonts,
        Some("none") => Measuring::Columns(None),
        Some(n) => match n.parse::<usize>() {
            Ok(n) if n >= 10 => Measuring::Columns(Some(n)),
            _ => {
                return Err(
                    Diagnostic::error("usage", format!("`--wrap {n}` is not a width"))
                        .hint("use a number of columns (10 or more) or `none`")
                        .into(),
                );
            }
        },
    };
    let inputs = collect_cases(&args.paths)?;
    if inputs.is_empty() {
        return Err(Diagnostic::error("usage", "no case files to render").into());
    }
    if args.out.is_none() && inputs.len() > 1 {
        return Err(
            Diagnostic::error("usage", format!("{} cases need --out DIR", inputs.len()))
                .hint("without --out, one case's letter goes to stdout")
                .into(),
        );
    }
    if args.out.is_none() && formats.len() > 1 {
        return Err(Diagnostic::error("usage", "several formats need --out DIR").into());
    }
    let renderer = Renderer::new(args.template.load()?)?;
    Ok((renderer, inputs, formats, measuring))
}

fn parse_formats(list: &str) -> Result<Vec<Format>, Diagnostics> {
    let mut formats = Vec::new();
    for name in list.split(',') {
        match Format::parse(name) {
            Some(f) if !formats.contains(&f) => formats.push(f),
            Some(_) => {}
            None => {
                return Err(Diagnostic::error(
                    "usage",
                    format!("unknown format `{}`", name.trim()),
                )
                .hint(format!("the formats are: {}", Format::NAMES))
                .into());
            }
        }
    }
    Ok(formats)
}

fn render_one_to_stdout(
    renderer: &Renderer,
    input: &std::path::Path,
    formats: &[Format],
    measuring: Measuring,
) -> Status {
    let result = load_case(input)
        .and_then(crate::check::vet_for_render)
        .and_then(|case| render_case(renderer, &case, formats, measuring));
    match result {
        Ok((files, _)) => {
            let mut stdout = std::io::stdout().lock();
            for (_, bytes) in files {
                if let Err(e) = stdout.write_all(&bytes).and_then(|()| stdout.flush())
                    && e.kind() != std::io::ErrorKind::BrokenPipe
                {
                    report(
                        &Diagnostic::error("output.write", "failed to write to stdout")
                            .cause(e.to_string())
                            .into(),
                    );
                    return Status::Failures;
                }
            }
            Status::Success
        }
        Err(problems) => {
            report(&problems);
            Status::Failures
        }
    }
}

fn render_folder(
    renderer: &Renderer,
    inputs: &[PathBuf],
    formats: &[Format],
    measuring: Measuring,
    out: &std::path::Path,
) -> Status {
    if let Err(d) = prepare_folder(out) {
        report(&d.into());
        return Status::Usage;
    }
    let outcomes = render_to_folder(renderer, inputs, formats, measuring, out);
    let failed = outcomes.iter().filter(|o| o.failed()).count();
    for o in &outcomes {
        report(&o.problems);
    }
    let written: usize = outcomes.iter().map(|o| o.outputs.len()).sum();
    eprintln!(
        "rendered {} of {} case{} ({written} file{} in {}){}",
        outcomes.len() - failed,
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" },
        if written == 1 { "" } else { "s" },
        out.display(),
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    );
    if failed > 0 {
        Status::Failures
    } else {
        Status::Success
    }
}

/// Creates the output folder and makes sure files can be written into it.
fn prepare_folder(out: &std::path::Path) -> Result<(), Diagnostic> {
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
