//! imr-letters: California workers' compensation Independent Medical Review (IMR) Final
//! Determination letters, from case files and templates to plain text and PDF.
//!
//! A letter goes through one pipeline, a module per step, with plain data between them:
//!
//! 1. [`case`] reads a TOML case file (the facts: dates, reviewer credentials, summary,
//!    the disputed items) into a [`case::Case`], every unknown key or mistyped value named
//!    at once, and models every string of it once ([`case::fields`]) for the checks.
//! 2. [`template`] renders each letter section's Tera template (built-in, or overridden
//!    from a template folder) against the case, producing the letter markup. All fixed
//!    wording lives in the templates; case text is escaped so it is never markup.
//! 3. [`markup`] parses that markup (a strict Markdown subset) into a
//!    [`markup::Document`]: headings, paragraphs with bold runs, line breaks, the table.
//! 4. [`layout`] measures the text with the real fonts' metrics, breaks lines and pages as
//!    the printed letters do, and returns [`layout::Pages`] of positioned lines.
//! 5. [`export`] turns pages into bytes (plain text, or PDF with subset embedded fonts),
//!    with no file I/O.
//! 6. [`batch`] finds the case files, renders them in parallel as a stream, writes files
//!    atomically, keeps going past a bad case, skips cases whose outputs are current, and
//!    writes the run's report and combined print file.
//!
//! [`letter`] ties steps 1–5 together for one case: its vet step ([`letter::vet`]) runs the
//! case format's rules, the [`check`]s (dates in the text, spelling, party names,
//! contradictions, characters the letter cannot print), the templates and the markup, and
//! `check` runs exactly that for every case, so a case `check` passes is one `render`
//! writes; `render` then lays out and writes. [`diagnostic`] is the one error type every
//! step reports with, with one table of codes; [`cli`] holds the commands (`watch` re-runs
//! the pipeline as files change); [`sample`] writes synthetic cases for benchmarks;
//! [`profile`] times the stages when asked.

// Every step reports with the one rich Diagnostic (location, labels, causes, hints);
// errors are rare, so it is returned by value rather than boxed.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod case;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod export;
pub mod layout;
pub mod letter;
pub mod mailed;
pub mod markup;
pub mod profile;
pub mod sample;
pub mod template;
