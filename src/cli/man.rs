//! `imr-letters man [COMMAND]`: the manual pages (roff), generated from the same argument
//! definitions as `--help`: `imr-letters(1)` and one page per command
//! (`imr-letters-check(1)`, `imr-letters-templates-export(1)`, …). `man/` in the
//! repository holds these pages, kept up to date by a test. Read one with
//! `imr-letters man check | man -l -`.

use clap::{Args, CommandFactory};

use super::{Cli, Status};
use crate::diagnostic::Diagnostic;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `check` or `templates-export`; none for the
    /// main page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Every manual page: (file name, roff), the main page first.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn collect(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut roff = Vec::new();
        man.render(&mut roff)
            .expect("rendering into memory cannot fail");
        out.push((man.get_filename(), roff));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub.clone(), out);
        }
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    collect(cmd, &mut out);
    out
}

pub fn run(args: &ManArgs) -> Status {
    let wanted = match &args.command {
        Some(c) => format!("imr-letters-{}.1", c.trim().replace(' ', "-")),
        None => "imr-letters.1".to_string(),
    };
    let pages = man_pages();
    let Some((_, roff)) = pages.iter().find(|(name, _)| *name == wanted) else {
        let names: Vec<String> = pages
            .iter()
            .filter_map(|(n, _)| {
                n.strip_prefix("imr-letters-")?
                    .strip_suffix(".1")
                    .map(String::from)
            })
            .collect();
        super::report(
            &Diagnostic::error("usage", format!("no manual page `{wanted}`"))
                .hint(format!(
                    "the commands with a page are: {}",
                    names.join(", ")
                ))
                .into(),
        );
        return Status::Usage;
    };
    super::write_stdout(roff)
}
