//! Scenarios: one folder per input a user might give, under `tests/scenarios/<area>/<name>/`,
//! holding the files the command reads, a `scenario.toml` with the command line and the
//! exit status, and the whole expected stderr (`stderr.txt`) and, when it matters, stdout
//! (`stdout.txt`); a `[then]` table runs a second command on the same inputs (`render`
//! after `check`), compared with `then.stderr.txt` and `then.stdout.txt`. Every scenario
//! is run in a scratch copy of its folder and its outputs are compared whole, the scratch
//! path redacted as `[ROOT]` and timings as `[TIME]`, so an extra error, a lost hint or a
//! changed order fails. `UPDATE_GOLDEN=1 cargo test` rewrites the expected files (read the
//! diff before committing it). See tests/README.md.

use std::path::{Path, PathBuf};

use crate::support::{Scratch, redact, root, run_in};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    /// The arguments after `imr-letters`.
    args: Vec<String>,
    /// The expected exit status.
    status: i32,
    /// Files the run must not leave behind (checked after it), relative to the folder.
    #[serde(default)]
    absent: Vec<String>,
    /// Files the run must leave (a batch writes the good cases beside a bad one).
    #[serde(default)]
    written: Vec<String>,
    /// A second command run on the same inputs after the first (`render` after `check`),
    /// its outputs compared with `then.stderr.txt` and `then.stdout.txt`.
    then: Option<Then>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Then {
    args: Vec<String>,
    status: i32,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    written: Vec<String>,
}

fn scenario_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.join("scenario.toml").is_file() {
            out.push(p);
        } else if p.is_dir() {
            scenario_dirs(&p, out);
        }
    }
}

/// Copies a folder's files (not the scenario's own) into the scratch folder.
fn copy_inputs(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if matches!(
            name.as_str(),
            "scenario.toml" | "stderr.txt" | "stdout.txt" | "then.stderr.txt" | "then.stdout.txt"
        ) {
            continue;
        }
        if p.is_dir() {
            std::fs::create_dir_all(to.join(&name)).unwrap();
            copy_inputs(&p, &to.join(&name));
        } else {
            std::fs::copy(&p, to.join(&name)).unwrap();
        }
    }
}

/// Compares one output with its expected file, or rewrites the file.
fn compare(dir: &Path, file: &str, actual: &str, failures: &mut Vec<String>) {
    let path = dir.join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{}: {file} differs\n--- expected\n{expected}--- actual\n{actual}---",
            dir.strip_prefix(root()).unwrap_or(dir).display()
        ));
    }
}

/// Runs every scenario and reports every one that differs.
#[test]
fn every_scenario_prints_what_it_should() {
    let mut dirs = Vec::new();
    scenario_dirs(&root().join("tests/scenarios"), &mut dirs);
    assert!(!dirs.is_empty(), "no scenarios found");
    let mut failures = Vec::new();
    for dir in &dirs {
        let text = std::fs::read_to_string(dir.join("scenario.toml")).unwrap();
        let scenario: Scenario =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let s = Scratch::new();
        copy_inputs(dir, s.dir.path());
        let name = dir
            .strip_prefix(root())
            .unwrap_or(dir)
            .display()
            .to_string();
        let mut runs = vec![(
            "",
            scenario.args,
            scenario.status,
            scenario.absent,
            scenario.written,
        )];
        if let Some(then) = scenario.then {
            runs.push(("then.", then.args, then.status, then.absent, then.written));
        }
        for (prefix, args, status, absent, written) in runs {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let r = run_in(s.dir.path(), &args);
            if r.status != status {
                failures.push(format!(
                    "{name}: `{}` exit status {} (expected {status})\nstderr:\n{}",
                    args.join(" "),
                    r.status,
                    r.stderr
                ));
            }
            let stderr = format!("{prefix}stderr.txt");
            compare(
                dir,
                &stderr,
                &redact(&r.stderr, s.dir.path()),
                &mut failures,
            );
            let stdout = format!("{prefix}stdout.txt");
            if dir.join(&stdout).exists() {
                compare(
                    dir,
                    &stdout,
                    &redact(&r.stdout, s.dir.path()),
                    &mut failures,
                );
            }
            for file in &absent {
                if s.path(file).exists() {
                    failures.push(format!("{name}: `{file}` was written"));
                }
            }
            for file in &written {
                if !s.path(file).is_file() {
                    failures.push(format!("{name}: `{file}` was not written"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios differ (UPDATE_GOLDEN=1 rewrites them):\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}
