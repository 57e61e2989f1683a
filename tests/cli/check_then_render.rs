//! `check` and `render` agree on every case the project holds: the fixtures
//! (tests/fixtures), the bundled cases (cases/) and the inputs of every scenario
//! (tests/scenarios, with the template folder, `--var`, `--words` and `--deny-warnings`
//! the scenario gives). A case `check` passes is one `render` writes, every letter of it;
//! a case `render` refuses is one `check` reported, with the same code at the same place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{Scratch, root, run_in};

/// The flags `check` and `render` share, as a scenario gives them.
const SHARED: &[&str] = &["--templates", "--var", "--words"];

/// Every case file under `dir`, with the folder to run in and the shared flags.
fn cases_in(dir: &Path, flags: &[String], out: &mut Vec<(PathBuf, Vec<String>)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_str().unwrap();
        if p.is_dir() {
            cases_in(&p, flags, out);
        } else if name.ends_with(".toml") && name != "scenario.toml" && name != "settings.toml" {
            out.push((p, flags.to_vec()));
        }
    }
}

/// The shared flags of a scenario's first command.
fn scenario_flags(scenario: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(scenario).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let args: Vec<String> = value["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let mut flags = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if SHARED.contains(&args[i].as_str()) && i + 1 < args.len() {
            flags.extend([args[i].clone(), args[i + 1].clone()]);
            i += 1;
        } else if args[i] == "--deny-warnings" {
            flags.push(args[i].clone());
        }
        i += 1;
    }
    flags
}

fn every_case() -> Vec<(PathBuf, Vec<String>)> {
    let mut out = Vec::new();
    cases_in(&root().join("tests/fixtures"), &[], &mut out);
    cases_in(&root().join("cases"), &[], &mut out);
    let mut scenarios = Vec::new();
    collect_scenarios(&root().join("tests/scenarios"), &mut scenarios);
    for dir in scenarios {
        let flags = scenario_flags(&dir.join("scenario.toml"));
        let mut inputs = Vec::new();
        cases_in(&dir, &flags, &mut inputs);
        // a template folder's files are no cases
        inputs.retain(|(p, _)| p.parent() == Some(dir.as_path()));
        out.extend(inputs);
    }
    out
}

fn collect_scenarios(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.join("scenario.toml").is_file() {
            out.push(p);
        } else if p.is_dir() {
            collect_scenarios(&p, out);
        }
    }
}

/// An error as both commands' JSON records give it: code, file, line, column.
type Place = (String, String, u64, u64);

fn place(d: &serde_json::Value) -> Place {
    (
        d["code"].as_str().unwrap_or("").to_string(),
        d["file"].as_str().unwrap_or("").to_string(),
        d["line"].as_u64().unwrap_or(0),
        d["column"].as_u64().unwrap_or(0),
    )
}

/// The errors of a human-readable stderr: each message with its `file:line:column`.
fn refused_at(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(message) = line.strip_prefix("error: ") {
            let at = lines
                .get(i + 1)
                .and_then(|l| l.trim_start().strip_prefix("--> "))
                .map(|l| l.split(' ').next().unwrap_or("").to_string())
                .unwrap_or_default();
            out.push((message.to_string(), at));
        }
    }
    out
}

/// What one case showed: its disagreements, and whether check passed and render refused.
struct Agreement {
    failures: Vec<String>,
    clean: bool,
    refused: bool,
}

fn agree(path: &Path, flags: &[String]) -> Agreement {
    let mut failures = Vec::new();
    let cwd = path.parent().unwrap();
    let file = path.file_name().unwrap().to_str().unwrap();
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let name = path.strip_prefix(root()).unwrap().display().to_string();
    let mut check = vec!["check", file, "--format", "json"];
    check.extend(&flags);
    let c = run_in(cwd, &check);
    let s = Scratch::new();
    let out = s.path("out");
    let report = s.path("report.json");
    let mut render = vec!["render", file, "--format", "text,pdf"];
    render.extend(["--out", out.to_str().unwrap()]);
    render.extend(["--report", report.to_str().unwrap()]);
    render.extend(&flags);
    let r = run_in(cwd, &render);
    if c.status == 2 || r.status == 2 {
        // A run's configuration refused before any case: both refuse it alike, or `check`
        // (which reads every template of a broken folder where `render` stops at the
        // first) reported each error `render` gave, at its place.
        let first = |t: &str| t.lines().next().unwrap_or("").to_string();
        let agree = if c.status == 2 {
            r.status == 2 && first(&c.stderr) == first(&r.stderr)
        } else {
            let checked: Vec<serde_json::Value> =
                serde_json::from_str(&c.stdout).unwrap_or_default();
            let reported: BTreeSet<(String, String)> = checked
                .iter()
                .filter(|d| d["severity"] == "error")
                .map(|d| {
                    let at = d["file"].as_str().map_or(String::new(), |f| {
                        format!("{f}:{}:{}", d["line"], d["column"])
                    });
                    (d["message"].as_str().unwrap_or("").to_string(), at)
                })
                .collect();
            r.status == 2
                && c.status == 1
                && refused_at(&r.stderr).iter().all(|e| reported.contains(e))
        };
        if !agree {
            failures.push(format!(
                "{name}: check {} `{}`, render {} `{}`",
                c.status,
                first(&c.stderr),
                r.status,
                first(&r.stderr)
            ));
        }
        return Agreement {
            failures,
            clean: false,
            refused: true,
        };
    }
    let checked: Vec<serde_json::Value> =
        serde_json::from_str(&c.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
    let reported: BTreeSet<Place> = checked
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(place)
        .collect();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let case = &report["cases"][0];
    if c.status == 0 {
        let outputs = case["outputs"].as_array().map_or(&[][..], Vec::as_slice);
        let written = outputs.len() == 2
            && outputs
                .iter()
                .all(|o| Path::new(o["path"].as_str().unwrap()).is_file());
        if r.status != 0 || case["status"] != "rendered" || !written {
            failures.push(format!(
                "{name}: check passed, render {} wrote {} files\n{}",
                r.status,
                outputs.len(),
                r.stderr
            ));
        }
    }
    if r.status != 0 {
        if c.status != 1 {
            failures.push(format!("{name}: render refused, check exited {}", c.status));
        }
        for e in case["errors"].as_array().unwrap() {
            if !reported.contains(&place(e)) {
                failures.push(format!(
                    "{name}: render's {:?} is not among check's errors {reported:?}",
                    place(e)
                ));
            }
        }
    }
    Agreement {
        failures,
        clean: c.status == 0,
        refused: r.status != 0,
    }
}

#[test]
fn a_case_check_passes_is_written_and_one_render_refuses_was_reported() {
    let cases = every_case();
    assert!(cases.len() > 60, "only {} cases found", cases.len());
    // Four at a time: most of a run is starting the binary and reading the fonts.
    let results: Vec<Agreement> = std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(cases.len().div_ceil(4))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(path, flags)| agree(path, flags))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let failures: Vec<&String> = results.iter().flat_map(|a| &a.failures).collect();
    let clean = results.iter().filter(|a| a.clean).count();
    let refused = results.iter().filter(|a| a.refused).count();
    assert!(
        failures.is_empty(),
        "{} disagreements over {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        clean > 20 && refused > 20,
        "{clean} clean, {refused} refused"
    );
}
