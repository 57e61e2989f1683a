//! Batches: which case files a command was given, rendering each to files, and the tally.
//!
//! Cases are taken in sorted order. A bad case is reported and skipped; the others are
//! still written. Files are written atomically (a temporary file in the output folder,
//! then a rename), so no partial file ever sits under a final name.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::case::{CaseFile, load_case};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export::pdf::PdfWriter;
use crate::export::text::TextWriter;
use crate::export::{Format, Writer};
use crate::layout::{FontBook, Measuring};
use crate::letter::Renderer;

/// The case files named by `paths`: files as given, folders by their `*.toml` files.
pub fn collect_cases(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut out = Vec::new();
    let mut problems = Diagnostics::default();
    for path in paths {
        if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        problems.push(Diagnostic::warning(
                            "batch.empty",
                            format!("folder `{}` holds no .toml case files", path.display()),
                        ));
                    }
                    out.extend(found);
                }
                Err(e) => problems.push(
                    Diagnostic::error(
                        "batch.read",
                        format!("failed to read folder `{}`", path.display()),
                    )
                    .cause(e.to_string()),
                ),
            }
        } else if path.is_file() {
            out.push(path.clone());
        } else {
            problems.push(Diagnostic::error(
                "batch.missing",
                format!("`{}` does not exist", path.display()),
            ));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

/// The writer of a format; made once per run and shared by every case.
pub fn writer_for(format: Format, fonts: &FontBook) -> Box<dyn Writer + Send + Sync> {
    match format {
        Format::Text => Box::new(TextWriter),
        Format::Pdf => Box::new(PdfWriter::new(fonts)),
    }
}

/// A letter's output files: (extension, bytes) per format.
pub type Files = Vec<(&'static str, Vec<u8>)>;

/// The writers of a run's formats, in order.
pub type Writers = Vec<Box<dyn Writer + Send + Sync>>;

fn writers_for(formats: &[Format], fonts: &FontBook) -> Writers {
    formats.iter().map(|f| writer_for(*f, fonts)).collect()
}

/// What happened to one case.
#[derive(Debug)]
pub struct CaseOutcome {
    pub input: PathBuf,
    pub outputs: Vec<PathBuf>,
    pub pages: usize,
    pub problems: Diagnostics,
}

impl CaseOutcome {
    pub fn failed(&self) -> bool {
        self.problems.has_errors()
    }
}

/// Renders one case to bytes per format: (extension, bytes), and the page count.
pub fn render_case(
    renderer: &Renderer,
    case: &CaseFile,
    formats: &[Format],
    measuring: Measuring,
) -> Result<(Files, usize), Diagnostics> {
    let writers = writers_for(formats, &renderer.layout.fonts);
    render_case_with(renderer, case, &writers, measuring)
}

/// [`render_case`] with writers made beforehand.
pub fn render_case_with(
    renderer: &Renderer,
    case: &CaseFile,
    writers: &Writers,
    measuring: Measuring,
) -> Result<(Files, usize), Diagnostics> {
    let pages = renderer.lay_out(case, measuring)?;
    let info = renderer.letter_info(case);
    let mut files = Vec::with_capacity(writers.len());
    for w in writers {
        let bytes = w
            .write(&pages, &info)
            .map_err(|d| d.cause(format!("writing case `{}`", case.path.display())))?;
        files.push((w.extension(), bytes));
    }
    Ok((files, pages.pages.len()))
}

/// Renders every case into `out`, continuing past failures.
pub fn render_to_folder(
    renderer: &Renderer,
    inputs: &[PathBuf],
    formats: &[Format],
    measuring: Measuring,
    out: &Path,
) -> Vec<CaseOutcome> {
    let mut outcomes = Vec::with_capacity(inputs.len());
    let writers = writers_for(formats, &renderer.layout.fonts);
    let mut loaded: Vec<(PathBuf, Result<CaseFile, Diagnostics>)> = inputs
        .iter()
        .map(|p| {
            (
                p.clone(),
                load_case(p).and_then(crate::check::vet_for_render),
            )
        })
        .collect();
    // Two cases that would write the same file: both refused before anything is written.
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (_, c)) in loaded.iter().enumerate() {
        if let Ok(c) = c {
            by_name
                .entry(c.case_number().to_string())
                .or_default()
                .push(i);
        }
    }
    for (name, idx) in by_name.iter().filter(|(_, v)| v.len() > 1) {
        let files: Vec<String> = idx
            .iter()
            .map(|i| loaded[*i].0.display().to_string())
            .collect();
        for i in idx {
            let d = Diagnostic::error(
                "batch.collision",
                format!("case number `{name}` is in more than one file"),
            )
            .cause(format!("the files: {}", files.join(", ")))
            .hint("each case's output is named after its case number; neither file is rendered");
            loaded[*i].1 = Err(d.into());
        }
    }
    for (input, case) in loaded {
        let mut outcome = CaseOutcome {
            input: input.clone(),
            outputs: Vec::new(),
            pages: 0,
            problems: Diagnostics::default(),
        };
        let result = case.and_then(|case| {
            let (files, pages) = render_case_with(renderer, &case, &writers, measuring)?;
            outcome.pages = pages;
            for (ext, bytes) in files {
                let target = out.join(format!("{}.{ext}", case.case_number()));
                write_atomically(&target, &bytes)?;
                outcome.outputs.push(target);
            }
            Ok(())
        });
        if let Err(problems) = result {
            outcome.problems = problems;
        }
        outcomes.push(outcome);
    }
    outcomes
}

/// Writes a file so that it appears whole or not at all.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let fail = |e: std::io::Error| {
        let _ = std::fs::remove_file(&temp);
        Diagnostic::error(
            "output.write",
            format!("failed to write `{}`", target.display()),
        )
        .cause(e.to_string())
    };
    let mut file = std::fs::File::create(&temp).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.flush().map_err(fail)?;
    drop(file);
    std::fs::rename(&temp, target).map_err(fail)
}
