//! `imr-letters check`: validate case files (and the templates against them) without
//! writing anything.

use std::path::PathBuf;

use clap::Args;

use super::{Status, TemplateArgs, report};
use crate::batch::collect_cases;
use crate::case::load_case;
use crate::diagnostic::Diagnostics;
use crate::letter::Renderer;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Case files, or folders of them (their *.toml files).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub template: TemplateArgs,
}

pub fn run(args: &CheckArgs) -> Status {
    let prepared = collect_cases(&args.paths, None).and_then(|inputs| {
        report(&inputs.warnings);
        Ok((inputs, Renderer::new(args.template.load()?)?))
    });
    let (inputs, renderer) = match prepared {
        Ok(p) => p,
        Err(problems) => {
            report(&problems);
            return Status::Usage;
        }
    };
    let mut errors = 0;
    let mut warnings = 0;
    let mut bad_cases = 0;
    for input in inputs.iter() {
        let loaded = input.map_err(Diagnostics::from).and_then(|p| load_case(&p));
        let problems: Diagnostics = match loaded {
            Ok(case) => match renderer.document(&case) {
                Ok(_) => Diagnostics::default(),
                Err(p) => p,
            },
            Err(p) => p,
        };
        errors += problems.0.iter().filter(|d| d.is_error()).count();
        warnings += problems.0.iter().filter(|d| !d.is_error()).count();
        bad_cases += usize::from(problems.has_errors());
        report(&problems);
    }
    eprintln!(
        "checked {} case{}: {errors} error{}, {warnings} warning{}",
        inputs.len(),
        if inputs.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    if bad_cases > 0 {
        Status::Failures
    } else {
        Status::Success
    }
}
