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
        let page = page(cmd.clone());
        out.push(page);
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

const VERSION: &str = concat!("imr-letters ", env!("CARGO_PKG_VERSION"));

/// One command's page: clap's sections, then EXIT STATUS, ENVIRONMENT and EXAMPLES, and
/// the version (on every page, in its footer and its own section).
fn page(cmd: clap::Command) -> (String, Vec<u8>) {
    let name = cmd
        .get_bin_name()
        .unwrap_or(cmd.get_name())
        .replace(' ', "-");
    let cmd = cmd.version(env!("CARGO_PKG_VERSION"));
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subcommands = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let man = clap_mangen::Man::new(cmd).source(VERSION);
    let mut roff = Vec::new();
    let rendered = (|| {
        man.render_title(&mut roff)?;
        man.render_name_section(&mut roff)?;
        man.render_synopsis_section(&mut roff)?;
        man.render_description_section(&mut roff)?;
        if has_args {
            man.render_options_section(&mut roff)?;
        }
        if has_subcommands {
            man.render_subcommands_section(&mut roff)?;
        }
        roff.extend_from_slice(EXIT_STATUS.as_bytes());
        roff.extend_from_slice(ENVIRONMENT.as_bytes());
        roff.extend_from_slice(b".SH EXAMPLES\n");
        for (what, line) in examples(&name) {
            roff.extend_from_slice(format!(".TP\n{}\n{}\n", roman(what), bold(line)).as_bytes());
        }
        man.render_version_section(&mut roff)
    })();
    rendered.expect("rendering into memory cannot fail");
    (man.get_filename(), roff)
}

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
0
Every case was rendered (or skipped as current), or checked without error.
.TP
1
Some cases failed, each reported with its file and cause (the others were written); \fBcheck\fR found errors, or warnings under \fB\-\-deny\-warnings\fR; stdout could not be written.
.TP
2
A usage or configuration error: bad arguments, a broken template folder, an unwritable output folder, a \fB\-\-report\fR, \fB\-\-combine\fR or mailing manifest file that would overwrite what the run reads or writes, or (without \fB\-\-force\fR) a file imr\-letters did not write; nothing was rendered.
.TP
130
\fBrender \-\-out\fR stopped by Ctrl\-C: every file under a final name is whole; the same command again finishes the run (the letters written are skipped).
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBSOURCE_DATE_EPOCH\fR
Seconds since 1970 (UTC): the creation date written into every PDF, instead of the case's decision date.
.TP
\fBIMR_LETTERS_PROFILE\fR
Set to 1: \fBrender\fR prints after its summary where the time went, stage by stage.
.TP
\fBMALLOC_MMAP_THRESHOLD_\fR
glibc's allocator setting; when unset, imr\-letters fixes it at 256 KB so a long batch's memory stays flat.
"#;

/// A few command lines for a page, each with what it does.
fn examples(page: &str) -> Vec<(&'static str, &'static str)> {
    match page {
        "imr-letters-render" => vec![
            (
                "One letter on stdout:",
                "imr-letters render cases/seed-letter.toml",
            ),
            (
                "Every case of a folder as text and PDF, a report and one print file:",
                "imr-letters render cases --format text,pdf --out letters --report report.json --combine print.pdf",
            ),
            (
                "Every case of a tree of folders (2016/, 2017/march/...) into one folder:",
                "imr-letters render --recursive archive --out letters",
            ),
            (
                "Three shards into one folder with GNU parallel:",
                "parallel imr-letters render cases --out letters --shard {}/3 ::: 1 2 3",
            ),
        ],
        "imr-letters-check" => vec![
            ("Every case of a folder:", "imr-letters check cases"),
            (
                "Every case of a folder and its subfolders:",
                "imr-letters check -r archive",
            ),
            (
                "For an editor or CI, as JSON:",
                "imr-letters check cases --format json",
            ),
        ],
        "imr-letters-watch" => vec![(
            "A live preview of one letter:",
            "imr-letters watch cases/seed-letter.toml --format pdf --out letter.pdf",
        )],
        "imr-letters-templates" | "imr-letters-templates-export" => vec![(
            "The built-in templates, to change:",
            "imr-letters templates export mytemplates",
        )],
        "imr-letters-templates-list" => vec![(
            "Which file each template comes from:",
            "imr-letters templates list --templates mytemplates",
        )],
        "imr-letters-schema" => vec![(
            "The schema beside a case, for an editor:",
            "imr-letters schema > case.schema.json",
        )],
        "imr-letters-completions" => vec![(
            "Bash completion:",
            "imr-letters completions bash > /etc/bash_completion.d/imr-letters",
        )],
        "imr-letters-man" => vec![(
            "Read the page of render:",
            "imr-letters man render | man -l -",
        )],
        "imr-letters-combine" => vec![
            (
                "The print file and report of a folder that three shards rendered:",
                "imr-letters combine letters --out print.pdf --report report.json",
            ),
            (
                "The mailed copies and one manifest of a folder that holds the public letters too:",
                "imr-letters combine letters --edition mailed --out mailing.pdf --manifest mailing.csv --duplex",
            ),
        ],
        "imr-letters-sample" => vec![(
            "A thousand synthetic cases:",
            "imr-letters sample --count 1000 --out samples",
        )],
        _ => vec![
            (
                "Render a folder of cases:",
                "imr-letters render cases --out letters",
            ),
            ("Check them:", "imr-letters check cases"),
        ],
    }
}

/// Text for a roff line: backslashes and hyphens escaped, no leading control character.
fn roman(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn bold(text: &str) -> String {
    format!("\\fB{}\\fR", roman(text))
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
