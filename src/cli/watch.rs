//! `imr-letters watch`: a live preview for template authors and reviewers. The letter is
//! rendered once, then again whenever a file it is made from changes: the case (or a case
//! in the folder), any file of the template folder (a template, `settings.toml`, the logo),
//! a word list, a font the settings name. Each round is the same vet step and render as
//! `render` ([`crate::letter::Renderer::render`]), its diagnostics printed as `check` prints
//! them (the screen cleared first on a terminal, so fixed problems disappear); the letter
//! is written atomically, so a viewer that reloads on change (evince, zathura, Skim,
//! SumatraPDF) never sees half a file, and a round that fails keeps the last good letter.
//!
//! Files are watched through their folders (`notify`, non-recursive but for a tree read
//! with --recursive: see [`events`]), so an editor that
//! saves by writing a new file and renaming it over the old one (vim, JetBrains) is seen
//! like one that writes in place. Events that come together are taken as one change.
//! Ctrl-C ends the loop between rounds.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::Instant;

use clap::Args;

mod events;
use events::{Wake, changes_content, wait_for_change, watch_folders};

use super::{Status, TemplateArgs, VetArgs, report};
use crate::batch::{collect_cases, write_atomically};
use crate::case::load_case;
use crate::check::Speller;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::{Format, FormatOptions, writers_for};
use crate::letter::Checks;

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// A case file, or a folder of them: its *.toml files (hidden ones too), its
    /// subfolders only with --recursive.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Read the named folders' subfolders too, at any depth (not hidden folders, names
    /// starting with `.`, and not symlinked folders: name one to read it).
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// The letter's format.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// Where the letter goes: a file for one case (default: the case file's name with the
    /// format's extension, in the current folder), a folder for a folder of cases.
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    /// Write over an existing file that imr-letters did not write.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub vet: VetArgs,
    #[command(flatten)]
    pub template: TemplateArgs,
}

pub fn run(args: &WatchArgs) -> Result<Status, Diagnostics> {
    let targets = targets(args)?;
    let (tx, rx) = channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    })
    .map_err(|e| usage(format!("cannot catch Ctrl-C: {e}")))?;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // reading a file (this program's own rounds read them all) is no change
        if let Ok(event) = event
            && changes_content(&event.kind)
        {
            for path in event.paths {
                let _ = tx.send(Wake::Changed(path));
            }
        }
    })
    .map_err(|e| usage(format!("cannot watch files: {e}")))?;
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let tree = targets
        .folder
        .as_ref()
        .filter(|_| args.recursive)
        .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone()));
    // watched before the first round reads them, so no save during it is missed
    let mut first: Vec<PathBuf> = targets.cases.iter().map(|(c, _)| c.clone()).collect();
    first.extend(targets.folder.iter().cloned());
    first.extend(args.vet.words.iter().cloned());
    first.extend(args.template.templates.iter().cloned());
    watch_folders(&mut watcher, &mut watched, &first, tree.as_deref());
    let terminal = std::io::stderr().is_terminal();
    let mut round = 0usize;
    loop {
        round += 1;
        let started = Instant::now();
        let outcome = render_round(args, &targets);
        if terminal {
            super::stderr::tell_raw("\x1b[2J\x1b[H");
        } else if round > 1 {
            say!();
        }
        report(&outcome.problems);
        say!(
            "{}round {round}: {} (in {} ms); watching {} file{} for changes, Ctrl-C to stop",
            if outcome.problems.is_empty() {
                ""
            } else {
                "\n"
            },
            outcome.summary,
            started.elapsed().as_millis(),
            outcome.inputs.len(),
            if outcome.inputs.len() == 1 { "" } else { "s" },
        );
        watch_folders(&mut watcher, &mut watched, &outcome.inputs, tree.as_deref());
        let outputs: Vec<PathBuf> = targets.cases.iter().map(|(_, o)| o.clone()).collect();
        match wait_for_change(&rx, &outcome.inputs, &outputs, tree.as_deref()) {
            Wake::Stop => {
                say!("stopped; the last good letters are in place");
                return Ok(Status::Success);
            }
            Wake::Changed(_) => continue,
        }
    }
}

/// Where each case's letter goes.
struct Targets {
    /// (case file, output file), in name order.
    cases: Vec<(PathBuf, PathBuf)>,
    /// The folder of cases, when one was given: a case added to it is watched too.
    folder: Option<PathBuf>,
}

fn targets(args: &WatchArgs) -> Result<Targets, Diagnostics> {
    let ext = match args.format {
        Format::Text => "txt",
        Format::Pdf => "pdf",
    };
    let listed = collect_cases(std::slice::from_ref(&args.path), None, args.recursive)?;
    let paths: Vec<PathBuf> = listed
        .iter()
        .collect::<Result<Vec<PathBuf>, Diagnostic>>()?;
    if paths.is_empty() {
        return Err(usage(format!(
            "`{}` holds no case files",
            args.path.display()
        )));
    }
    let folder = args.path.is_dir().then(|| args.path.clone());
    let out_for = |case: &Path, dir: Option<&Path>| {
        let name = format!(
            "{}.{ext}",
            case.file_stem().unwrap_or_default().to_string_lossy()
        );
        match dir {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        }
    };
    let cases: Vec<(PathBuf, PathBuf)> = match (&folder, &args.out) {
        (Some(_), None) => {
            return Err(
                Diagnostic::error("usage", "a folder of cases needs --out DIR")
                    .hint("the letters go into DIR, one per case")
                    .into(),
            );
        }
        (Some(_), Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Diagnostic::error("output.folder", format!("cannot make `{}`", dir.display()))
                    .cause(e.to_string())
            })?;
            let cases: Vec<(PathBuf, PathBuf)> = paths
                .iter()
                .map(|p| (p.clone(), out_for(p, Some(dir))))
                .collect();
            one_case_per_output(&cases)?;
            cases
        }
        (None, Some(file)) => vec![(paths[0].clone(), file.clone())],
        (None, None) => vec![(paths[0].clone(), out_for(&paths[0], None))],
    };
    for (_, out) in &cases {
        if out.exists() && !args.force && !written_by_us(out) {
            return Err(Diagnostic::error(
                "output.exists",
                format!(
                    "`{}` exists and was not written by imr-letters",
                    out.display()
                ),
            )
            .hint("name another file with --out, or write over it with --force")
            .into());
        }
    }
    Ok(Targets { cases, folder })
}

/// Whether a file is a letter imr-letters wrote (its PDF metadata names it).
fn written_by_us(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    bytes.starts_with(b"%PDF-") && bytes.windows(11).any(|w| w == b"imr-letters")
}

/// One round's result: its problems, a line saying what was written, and every file the
/// letters were made from.
struct Round {
    problems: Diagnostics,
    summary: String,
    inputs: Vec<PathBuf>,
}

fn render_round(args: &WatchArgs, targets: &Targets) -> Round {
    let mut problems = Diagnostics::default();
    let inputs_of = |cases: &[(PathBuf, PathBuf)]| {
        let mut inputs: Vec<PathBuf> = cases.iter().map(|(c, _)| c.clone()).collect();
        inputs.extend(targets.folder.iter().cloned());
        inputs.extend(args.vet.words.iter().cloned());
        inputs.extend(args.template.templates.iter().cloned());
        inputs
    };
    // a folder of cases is read again: a case added or removed is seen (and watched)
    let cases = match &targets.folder {
        Some(folder) => match refreshed(args, folder) {
            Ok(cases) => cases,
            Err(found) => return failed(found, inputs_of(&targets.cases)),
        },
        None => targets.cases.clone(),
    };
    let mut inputs = inputs_of(&cases);
    let speller = match args.vet.speller() {
        Ok(s) => s,
        Err(found) => return failed(found, inputs),
    };
    let mut templates = match args.template.load() {
        Ok(t) => t,
        Err(found) => return failed(found, inputs),
    };
    inputs.extend(templates.settings.files());
    problems.0.extend(std::mem::take(&mut templates.warnings).0);
    let renderer = match super::renderer(templates) {
        Ok(r) => r,
        Err(found) => {
            problems.0.extend(found.0);
            return failed(problems, inputs);
        }
    };
    let writers = writers_for(
        &[args.format],
        &renderer.layout.fonts,
        &FormatOptions::default(),
    );
    let checks = Checks {
        speller: speller.as_ref().unwrap_or_else(|| Speller::builtin()),
        deny_warnings: args.vet.deny_warnings,
        mailing: None,
    };
    let (mut written, mut kept) = (0usize, 0usize);
    for (case, out) in &cases {
        let rendered = load_case(case).and_then(|file| renderer.render(&file, &writers, &checks));
        match rendered {
            Ok(r) => {
                problems.0.extend(r.warnings.0);
                match r.files.first() {
                    Some((_, bytes)) => match write_atomically(out, bytes) {
                        Ok(()) => written += 1,
                        Err(d) => {
                            problems.push(d);
                            kept += 1;
                        }
                    },
                    None => kept += 1,
                }
            }
            Err(found) => {
                problems.0.extend(found.0);
                kept += 1;
            }
        }
    }
    let summary = match (cases.as_slice(), written, kept) {
        ([(_, out)], 1, _) => format!("wrote {}", out.display()),
        ([(_, out)], _, _) => format!("kept the last good {}", out.display()),
        (_, w, 0) => format!("wrote {w} letters"),
        (_, w, k) => format!("wrote {w} letters, kept the last good one of {k}"),
    };
    Round {
        problems,
        summary,
        inputs,
    }
}

/// The cases of the folder now, with where each letter goes.
fn refreshed(args: &WatchArgs, folder: &Path) -> Result<Vec<(PathBuf, PathBuf)>, Diagnostics> {
    let dir = args.out.as_deref().unwrap_or(Path::new("."));
    let ext = match args.format {
        Format::Text => "txt",
        Format::Pdf => "pdf",
    };
    let listed = collect_cases(&[folder.to_path_buf()], None, args.recursive)?;
    let mut out = Vec::with_capacity(listed.len());
    for path in listed.iter() {
        let path = path?;
        let name = format!(
            "{}.{ext}",
            path.file_stem().unwrap_or_default().to_string_lossy()
        );
        out.push((path, dir.join(name)));
    }
    one_case_per_output(&out)?;
    Ok(out)
}

/// Refuses two cases whose letters would be one file (case files of one name in two
/// subfolders, read with --recursive).
fn one_case_per_output(cases: &[(PathBuf, PathBuf)]) -> Result<(), Diagnostics> {
    let mut by_output: Vec<&(PathBuf, PathBuf)> = cases.iter().collect();
    by_output.sort_by(|a, b| a.1.cmp(&b.1));
    match by_output.windows(2).find(|w| w[0].1 == w[1].1) {
        Some(w) => Err(Diagnostic::error(
            "batch.collision",
            format!(
                "`{}` and `{}` would both write `{}`",
                w[0].0.display(),
                w[1].0.display(),
                w[0].1.display()
            ),
        )
        .hint("watch names each letter after its case file: rename one of them")
        .into()),
        None => Ok(()),
    }
}

fn failed(problems: Diagnostics, inputs: Vec<PathBuf>) -> Round {
    Round {
        problems,
        summary: "nothing written; the last good letters are kept".into(),
        inputs,
    }
}

fn usage(message: String) -> Diagnostics {
    Diagnostic::error("usage", message).into()
}
