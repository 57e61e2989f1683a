//! Reading what a run's templates are made of: the built-ins, a template folder's
//! overrides and its `settings.toml`, then `--var`. A file is read as UTF-8 text (a byte
//! order mark dropped), refused if it holds control characters, followed if it is a
//! symlink; a file that is no template and that no setting names is a warning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::section::{self, BUILTIN_PREFIX, SECTIONS, SETTINGS_FILE};
use super::{Origin, Settings, Source};
use crate::diagnostic::{Diagnostic, Diagnostics};

pub(super) type Read = (BTreeMap<String, Source>, Settings, Diagnostics);

/// The built-ins, the overrides in `dir`, and the settings with `vars` applied.
pub(super) fn read_sources(dir: Option<&Path>, vars: &[String]) -> Result<Read, Diagnostics> {
    let mut settings = Settings::default();
    let mut warnings = Diagnostics::default();
    let mut sources = BTreeMap::new();
    for s in SECTIONS {
        let text = drop_final_newline(s.builtin).to_string();
        sources.insert(
            format!("{BUILTIN_PREFIX}{}", s.file),
            Source {
                origin: Origin::Builtin,
                text,
            },
        );
    }
    let mut others = Vec::new();
    if let Some(dir) = dir {
        settings.base_dir = Some(dir.to_path_buf());
        for (name, path) in folder_files(dir)? {
            if name == SETTINGS_FILE {
                let text = read_text(&path)?;
                settings.apply_file(&path, &text)?;
            } else if section::find_section(&name).is_some() {
                let text = drop_final_newline(&read_text(&path)?).to_string();
                sources.insert(
                    name,
                    Source {
                        origin: Origin::File(path),
                        text,
                    },
                );
            } else if !name.starts_with('.') {
                others.push(path);
            }
        }
    }
    settings.apply_vars(vars)?;
    // A file the settings name (the logo, a font) belongs in the folder too.
    for path in others.into_iter().filter(|p| !settings.names_file(p)) {
        let known: Vec<&str> = SECTIONS.iter().map(|s| s.file).collect();
        warnings.push(
            Diagnostic::warning(
                "template.stray",
                format!("`{}` matches no template and is ignored", path.display()),
            )
            .hint(format!(
                "the templates are: {}, and {SETTINGS_FILE}; a logo or font file the settings name is fine",
                known.join(", ")
            )),
        );
    }
    Ok((sources, settings, warnings))
}

pub(super) fn drop_final_newline(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

fn folder_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, Diagnostics> {
    let fail =
        |e: std::io::Error| Diagnostic::read_error("template.folder", "template folder", dir, &e);
    let entries = std::fs::read_dir(dir).map_err(fail)?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(fail)?;
        // A symlink counts as the file it points to (an override linked from elsewhere is
        // used, never passed over for the built-in); a dangling one is an error when read.
        let is_file = entry.file_type().is_ok_and(|t| {
            t.is_file()
                || t.is_symlink() && std::fs::metadata(entry.path()).map_or(true, |m| m.is_file())
        });
        if is_file {
            files.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            ));
        }
    }
    files.sort();
    Ok(files)
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = crate::diagnostic::read::read_regular(path, crate::diagnostic::read::TEXT_LIMIT)
        .map_err(|e| Diagnostic::read_error("template.read", "template", path, &e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(
            "template.read",
            format!("`{}` is not valid UTF-8", path.display()),
        )
        .hint("save the file as UTF-8")
    })?;
    // A byte order mark some editors write is not part of the text.
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    refuse_control_characters(path, &text)?;
    Ok(text)
}

/// A template or settings file must not hold control characters: they would reach the
/// letter (a form feed breaks a page, ESC reaches the text output).
fn refuse_control_characters(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    let found = text.char_indices().find(|&(i, c)| {
        crate::case::text::is_control(c) || c == '\r' && bytes.get(i + 1) != Some(&b'\n')
    });
    match found {
        None => Ok(()),
        Some((at, c)) => Err(Diagnostic::error(
            "template.control-character",
            format!(
                "`{}` holds a control character, {}",
                path.display(),
                crate::case::text::char_name(c)
            ),
        )
        .at_span(path, text, at..at + c.len_utf8())
        .label("a letter prints no control characters")
        .hint("delete it; write a blank line to start a paragraph")),
    }
}
