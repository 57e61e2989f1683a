//! One mailing manifest from the manifests of a folder that several shards or machines
//! rendered (`combine DIR --manifest FILE.csv`): the rows of the copies the folder holds,
//! taken from their runs' manifests, in the order a single run lists them (case order, then
//! recipient order), each row's file and SHA-256 those of the copy in the folder, and its
//! sheets counted for this print (both sides with `--duplex`).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::manifest::{FILE, csv_row, header_row};
use crate::batch::AtomicFile;
use crate::diagnostic::Diagnostic;

/// Whether `name` is a manifest's: `mailing-manifest.csv`, or a shard's
/// `mailing-manifest-K-of-N.csv`.
pub fn is_manifest(name: &str) -> bool {
    name == FILE
        || name
            .strip_prefix("mailing-manifest-")
            .and_then(|rest| rest.strip_suffix(".csv"))
            .and_then(|rest| rest.split_once("-of-"))
            .is_some_and(|(k, n)| number(k) && number(n))
}

fn number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The manifests in `dir`, by name.
pub fn manifests_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_manifest))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// The fields of one CSV line as [`super::manifest::csv_row`] writes it.
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().expect("a field").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().expect("a field").push(c),
        }
    }
    out
}

/// Every row of the manifests, by the copy's file name: (its SHA-256, its fields).
fn rows_by_file(manifests: &[PathBuf]) -> HashMap<String, Vec<(String, Vec<String>)>> {
    let mut rows: HashMap<String, Vec<(String, Vec<String>)>> = HashMap::new();
    for manifest in manifests {
        let Ok(text) = std::fs::read_to_string(manifest) else {
            continue;
        };
        for line in text.split_terminator("\r\n").skip(1) {
            let f = fields(line);
            if let [.., file, sha] = f.as_slice() {
                let key = (file.clone(), sha.clone());
                rows.entry(key.0).or_default().push((key.1, f));
            }
        }
    }
    rows
}

/// Writes the manifest at `target` listing `copies` (each a copy's path and SHA-256, in
/// the order to list them) with their rows from `manifests`, the sheets counted on both
/// sides when `duplex`. A copy no manifest lists with its SHA-256 is an error naming it,
/// and left out. Returns the rows written.
pub fn merge(
    target: &Path,
    manifests: &[PathBuf],
    copies: &[(PathBuf, String)],
    duplex: bool,
) -> Result<(usize, Vec<Diagnostic>), Diagnostic> {
    let rows = rows_by_file(manifests);
    let mut file = AtomicFile::create(target)?;
    let failed = |e: std::io::Error| {
        Diagnostic::error(
            "mailed.manifest",
            format!("failed to write `{}`", target.display()),
        )
        .cause(e.to_string())
    };
    file.write_all(header_row().as_bytes()).map_err(failed)?;
    let mut written = 0;
    let mut missing = Vec::new();
    for (path, sha) in copies {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let row = rows
            .get(&name)
            .and_then(|found| found.iter().find(|(s, _)| s == sha));
        match row {
            Some((_, fields)) => {
                let mut fields: Vec<&str> = fields.iter().map(String::as_str).collect();
                let n = fields.len();
                let sheets = fields[n - 4].parse::<usize>().ok().map(|pages| {
                    if duplex {
                        pages.div_ceil(2)
                    } else {
                        pages
                    }
                    .to_string()
                });
                if let Some(sheets) = &sheets {
                    fields[n - 3] = sheets;
                }
                file.write_all(csv_row(&fields).as_bytes())
                    .map_err(failed)?;
                written += 1;
            }
            None => missing.push(
                Diagnostic::error(
                    "mailed.manifest",
                    format!(
                        "no mailing manifest beside `{}` lists it as it is",
                        path.display()
                    ),
                )
                .hint("render its case again into the folder (its run writes the manifest row); the copy is left out of the manifest"),
            ),
        }
    }
    file.commit()?;
    Ok((written, missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_back_into_its_fields() {
        let row = csv_row(&["CM1", "Martin Okafor, Esq.", "say \"hi\"", "", "x.pdf"]);
        let line = row.strip_suffix("\r\n").unwrap();
        assert_eq!(
            fields(line),
            ["CM1", "Martin Okafor, Esq.", "say \"hi\"", "", "x.pdf"]
        );
    }

    #[test]
    fn manifests_are_a_runs_or_a_shards() {
        assert!(is_manifest("mailing-manifest.csv"));
        assert!(is_manifest("mailing-manifest-2-of-3.csv"));
        assert!(!is_manifest("mailing-manifest-2-of-.csv"));
        assert!(!is_manifest("mailing-manifest-copy.csv"));
    }
}
