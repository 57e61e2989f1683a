//! One case of a batch: through the pipeline ([`Renderer::render`]) to files in the output
//! folder (recorded in the journal), or, when its outputs are current, listed from the
//! journal.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::naming::NameFacts;
use super::output::write_pending;
use super::scan::name_key;
use super::{Batch, CaseOutcome, CaseStatus, OutputFile, state};
use crate::case::case_from_bytes;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::letter::Rendered;
use crate::mailed::Role;
use crate::profile::{Stage, time};

impl Batch<'_> {
    /// The fingerprint each of the run's outputs of a case (its file's bytes) must carry
    /// to be current, in the order of the writers.
    pub(super) fn fingerprints(&self, run: &[u8; 32], case_bytes: &[u8]) -> Vec<String> {
        let digest = state::case_digest(case_bytes);
        self.writers
            .iter()
            .map(|w| state::output_fingerprint(run, &digest, &w.fingerprint()))
            .collect()
    }

    /// A case whose outputs are current: listed from the journal when details are wanted.
    pub(super) fn skip(
        &self,
        input: PathBuf,
        key: u32,
        run: &[u8; 32],
        state: &state::State,
    ) -> CaseOutcome {
        let mut outcome = CaseOutcome {
            input,
            status: CaseStatus::Skipped,
            outputs: Vec::new(),
            pages: 0,
            problems: Diagnostics::default(),
            accepted: Vec::new(),
            journal: Vec::new(),
            pending: Vec::new(),
        };
        if !self.details {
            return outcome;
        }
        let listed = std::fs::read(&outcome.input).ok().and_then(|bytes| {
            let fps = self.fingerprints(run, &bytes);
            let facts = NameFacts::read(String::from_utf8(bytes).ok()?)?;
            let name = self.names.name_from(&outcome.input, &facts).ok()?;
            let mut files = Vec::new();
            for (file, w) in self.output_files(&name, &facts) {
                let record = state.current(&file, &fps[w])?;
                files.push((self.out.join(&file), record.clone(), w));
            }
            Some(files)
        });
        match listed {
            Some(files) => {
                let mailed = self.checks.mailing.is_some();
                for (path, record, w) in files {
                    // a letter's pages; a mailed case's, every copy's together
                    if !mailed {
                        outcome.pages = record.pages;
                    } else if w == 0 {
                        outcome.pages += record.pages;
                    }
                    outcome.outputs.push(OutputFile {
                        path,
                        bytes: record.bytes,
                        sha256: record.sha256,
                        pages: record.pages,
                    });
                }
                outcome
            }
            // Changed since the scan: render it after all.
            None => self.render(outcome.input, key, run),
        }
    }

    /// Reads, renders and writes one case.
    pub(super) fn render(&self, input: PathBuf, key: u32, run: &[u8; 32]) -> CaseOutcome {
        match self.try_render(&input, key, run) {
            Ok(outcome) => outcome,
            Err(problems) => CaseOutcome::failed(input, problems),
        }
    }

    fn try_render(
        &self,
        input: &Path,
        key: u32,
        run: &[u8; 32],
    ) -> Result<CaseOutcome, Diagnostics> {
        let bytes = time(Stage::Read, || read_case(input))?;
        let fingerprints = self.fingerprints(run, &bytes);
        let case = time(Stage::Parse, || case_from_bytes(input, bytes))?;
        let name = self.names.name(&case)?;
        // The scan saw another name (or none): the file changed since, and the check
        // for shared names did not see this one.
        if name_key(&name) != key {
            return Err(Diagnostic::error(
                "batch.changed",
                format!("case file `{}` changed during the run", input.display()),
            )
            .hint("render it again")
            .into());
        }
        let Rendered {
            files,
            pages,
            warnings,
            accepted,
            copies,
        } = self.renderer.render(&case, self.writers, &self.checks)?;
        // a letter's files are `<name>.<ext>`; a mailed copy's `<name>-<role>.<ext>`
        // (file, bytes, fingerprint, pages, the copy's role and ZIP code)
        type Named = (
            String,
            Vec<u8>,
            String,
            usize,
            Option<(Role, Option<String>)>,
        );
        let mut named: Vec<Named> = files
            .into_iter()
            .zip(fingerprints.iter().cloned())
            .map(|((ext, bytes), fp)| (format!("{name}.{ext}"), bytes, fp, pages, None))
            .collect();
        for copy in copies {
            let role = copy.role;
            // the copy's place in the mailing order, recorded for `combine DIR`
            let zip = crate::mailed::manifest::copy_zip(case.case.parties.as_ref(), role);
            named.extend(
                copy.files
                    .into_iter()
                    .zip(fingerprints.iter().cloned())
                    .map(|((ext, bytes), fp)| {
                        let file = format!("{name}-{}.{ext}", role.key());
                        (file, bytes, fp, copy.pages, Some((role, zip.clone())))
                    }),
            );
        }
        let recorded_input = input.display().to_string();
        let mut outputs = Vec::with_capacity(named.len());
        let mut records = Vec::with_capacity(named.len());
        let mut pending = Vec::with_capacity(named.len());
        for (file, bytes, fingerprint, pages, copy) in named {
            let path = self.out.join(&file);
            let written = time(Stage::Write, || {
                write_pending(&path, &bytes).map(|p| (p, state::hex(&Sha256::digest(&bytes))))
            });
            let sha256 = match written {
                Ok((file, sha256)) => {
                    pending.push(file);
                    sha256
                }
                Err(d) => {
                    let mut problems = warnings;
                    problems.push(d);
                    return Err(problems);
                }
            };
            records.push(state::Record {
                output: file,
                fingerprint,
                sha256: sha256.clone(),
                bytes: bytes.len() as u64,
                pages,
                input: Some(recorded_input.clone()),
                role: copy.as_ref().map(|(role, _)| role.key().to_string()),
                zip: copy.and_then(|(_, zip)| zip),
            });
            outputs.push(OutputFile {
                path,
                bytes: bytes.len() as u64,
                sha256,
                pages,
            });
        }
        Ok(CaseOutcome {
            input: input.to_path_buf(),
            status: CaseStatus::Rendered,
            outputs,
            pages,
            problems: warnings,
            accepted,
            journal: records,
            pending,
        })
    }
}

fn read_case(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    crate::diagnostic::read::read_regular(path, crate::diagnostic::read::TEXT_LIMIT).map_err(|e| {
        Diagnostic::error(
            "case.read",
            format!("failed to read case file `{}`", path.display()),
        )
        .cause(e.to_string())
    })
}
