//! The mailing manifest: one CSV row per mailed copy, in case order, for a print shop or a
//! mail house to import (`DIR/mailing-manifest.csv`): the case, the recipient's role, name
//! and address lines, the copy's pages and sheets, its file and the file's SHA-256. And the
//! order copies are printed in for mailing: by the recipient's ZIP code (the last five
//! digits written on the address's last line; an address without one, abroad, after all
//! others), then in case and recipient order.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Role;
use super::recipients::MAX_ADDRESS_LINES;
use sha2::{Digest, Sha256};

use crate::batch::{AtomicFile, CaseOutcome, Shard};
use crate::case::load_case;
use crate::diagnostic::Diagnostic;

/// The manifest's file name in the output folder.
pub const FILE: &str = "mailing-manifest.csv";

/// The manifest's file name for a run, or for a shard of it, which lists its own share
/// (`mailing-manifest-2-of-3.csv`), so shards rendering into one folder keep each other's.
pub fn file_name(shard: Option<Shard>) -> String {
    match shard {
        Some(s) => format!("mailing-manifest-{}-of-{}.csv", s.index, s.count),
        None => FILE.to_string(),
    }
}

/// A copy's place in the mailing order, and its PDF.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrintCopy {
    /// The ZIP code, or `~` (after every digit) when the address has none.
    pub zip: String,
    /// The copy's position in the manifest (case order, then recipient order).
    pub row: usize,
    pub path: PathBuf,
}

/// The manifest being written, row by row.
pub struct Manifest {
    file: AtomicFile,
    duplex: bool,
    rows: usize,
    /// The bytes written and their hash, for the journal's record.
    bytes: u64,
    hash: Sha256,
}

impl Manifest {
    /// Starts the manifest at `path` (it appears when finished); `duplex`: sheets are
    /// printed on both sides.
    pub fn create(path: &Path, duplex: bool) -> Result<Manifest, Diagnostic> {
        let mut manifest = Manifest {
            file: AtomicFile::create(path)?,
            duplex,
            rows: 0,
            bytes: 0,
            hash: Sha256::new(),
        };
        manifest.put(&header_row())?;
        Ok(manifest)
    }

    fn put(&mut self, row: &str) -> Result<(), Diagnostic> {
        self.hash.update(row.as_bytes());
        self.bytes += row.len() as u64;
        self.file
            .write_all(row.as_bytes())
            .map_err(|e| failed(&self.file, e))
    }

    /// Adds a case's copies (its PDFs, or its text files when no PDF is written); returns
    /// each with its place in the mailing order.
    pub fn add(&mut self, outcome: &CaseOutcome) -> Result<Vec<PrintCopy>, Diagnostic> {
        let pdf = outcome
            .outputs
            .iter()
            .any(|o| has_extension(&o.path, "pdf"));
        let ext = if pdf { "pdf" } else { "txt" };
        let copies: Vec<_> = outcome
            .outputs
            .iter()
            .filter(|o| has_extension(&o.path, ext))
            .collect();
        if copies.is_empty() {
            return Ok(Vec::new());
        }
        let case = load_case(&outcome.input).map_err(|found| {
            Diagnostic::error(
                "mailed.manifest",
                format!(
                    "case file `{}` could not be read again for the mailing manifest",
                    outcome.input.display()
                ),
            )
            .cause(found.render())
        })?;
        let parties = case.case.parties.clone().unwrap_or_default();
        let mut out = Vec::with_capacity(copies.len());
        for output in copies {
            let stem = output
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(role) = Role::ALL
                .into_iter()
                .find(|r| stem.ends_with(&format!("-{}", r.key())))
            else {
                continue;
            };
            let Some(party) = role.party(&parties) else {
                continue;
            };
            let name = crate::case::text::one_line(party.name.get_ref());
            let address: Vec<String> = party
                .address
                .iter()
                .map(|l| crate::case::text::one_line(l))
                .collect();
            let pages = output.pages;
            let sheets = if self.duplex {
                pages.div_ceil(2)
            } else {
                pages
            };
            let file_name = output
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (pages, sheets) = (pages.to_string(), sheets.to_string());
            let mut fields: Vec<&str> = vec![case.case_number(), role.key(), &name];
            for n in 0..MAX_ADDRESS_LINES {
                fields.push(address.get(n).map_or("", String::as_str));
            }
            fields.extend([pages.as_str(), &sheets, &file_name, &output.sha256]);
            self.put(&csv_row(&fields))?;
            out.push(PrintCopy {
                zip: zip_code(&address).unwrap_or_else(|| "~".into()),
                row: self.rows,
                path: output.path.clone(),
            });
            self.rows += 1;
        }
        Ok(out)
    }

    /// Records the finished manifest in the journal of the run (`shard`'s) and renames it
    /// into place, so the next run knows imr-letters wrote it; returns its row count.
    pub fn finish(self, shard: Option<Shard>) -> Result<usize, Diagnostic> {
        let target = self.file.target().to_path_buf();
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or(FILE);
        let sha = crate::batch::hex(&self.hash.clone().finalize());
        let recorded = crate::batch::record_run_output(dir, shard, name, self.bytes, sha);
        let rows = self.rows;
        self.file.commit()?;
        recorded.map(|()| rows)
    }
}

/// The manifest's first line, naming its columns.
pub fn header_row() -> String {
    let mut header = vec!["case", "role", "name"];
    let lines: Vec<String> = (1..=MAX_ADDRESS_LINES)
        .map(|n| format!("address_{n}"))
        .collect();
    header.extend(lines.iter().map(String::as_str));
    header.extend(["pages", "sheets", "file", "sha256"]);
    csv_row(&header)
}

fn failed(file: &AtomicFile, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "mailed.manifest",
        format!("failed to write `{}`", file.target().display()),
    )
    .cause(e.to_string())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

/// One CSV line (RFC 4180): a field with a comma, a quote or a line break is quoted, its
/// quotes doubled; lines end with CRLF.
pub fn csv_row(fields: &[&str]) -> String {
    let mut out = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
    out
}

/// The ZIP code of the address of the recipient of a case's copy for `role`, if it has one.
pub fn copy_zip(parties: Option<&crate::case::Parties>, role: Role) -> Option<String> {
    let party = role.party(parties?)?;
    let address: Vec<String> = party
        .address
        .iter()
        .map(|l| crate::case::text::one_line(l))
        .collect();
    zip_code(&address)
}

/// The ZIP code of a US address: the last group of five digits on its last line.
pub fn zip_code(address: &[String]) -> Option<String> {
    let last = address.last()?;
    let bytes = last.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 5 {
                found = Some(last[start..i].to_string());
            }
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(
            csv_row(&["CM1", "Martin Okafor, Esq.", "say \"hi\"", ""]),
            "CM1,\"Martin Okafor, Esq.\",\"say \"\"hi\"\"\",\r\n"
        );
    }

    #[test]
    fn zip_codes_come_from_the_last_line() {
        let a = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        assert_eq!(
            zip_code(&a(&["12 Oak St", "Fresno, CA 93722"])),
            Some("93722".into())
        );
        assert_eq!(
            zip_code(&a(&["PO Box 24180", "Sacramento, CA 95824-0180"])),
            Some("95824".into())
        );
        assert_eq!(zip_code(&a(&["10 Rue X", "75001 Paris", "France"])), None);
    }
}
