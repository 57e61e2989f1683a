//! A batch killed part-way, of public letters or of mailed copies: no file under a final
//! name is partial (the report, the print file and the mailing manifest included), and a
//! rerun renders what is missing, removes what the killed run left, and ends with the very
//! bytes of an uninterrupted run.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Scratch, files, run_in, wait_for_letters};

const CASES: usize = 1500;

#[test]
fn a_killed_batch_leaves_whole_files_and_a_rerun_finishes_it() {
    let s = Scratch::new();
    let count = CASES.to_string();
    run_in(s.dir.path(), &["sample", "--count", &count, "--out", "in"]).success();
    run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--format",
            "text,pdf",
            "--out",
            "whole",
            "--combine",
            "whole.pdf",
        ],
    )
    .success();
    let whole = files(&s.path("whole"));
    assert_eq!(whole.len(), 2 * CASES);

    let mut child = Command::new(env!("CARGO_BIN_EXE_imr-letters"))
        .args([
            "render", "in", "--format", "text,pdf", "--out", "out", "-j", "2",
        ])
        .args(["--report", "report.json", "--combine", "print.pdf"])
        .current_dir(s.dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_letters(&mut child, &s.path("out"), 60);
    child.kill().unwrap();
    child.wait().unwrap();

    let killed = files(&s.path("out"));
    let finals: Vec<&String> = killed.keys().filter(|n| !n.starts_with('.')).collect();
    assert!(
        finals.len() < 2 * CASES,
        "killed after the last letter: nothing was interrupted"
    );
    for name in &finals {
        assert!(
            killed[*name] == whole[*name],
            "{name} under its final name differs from the whole run's"
        );
    }

    // the report and the print file of a killed run never appear half-written
    assert!(!s.path("report.json").exists() && !s.path("print.pdf").exists());
    let left_over = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .count()
    };
    assert!(
        left_over(s.dir.path()) > 0,
        "the killed run left no temporary files"
    );
    let r = run_in(
        s.dir.path(),
        &["render", "in", "--format", "text,pdf", "--out", "out"],
    );
    r.success();
    assert!(
        !r.stderr.contains(" 0 skipped"),
        "the rerun resumed nothing: {}",
        r.stderr
    );
    let after = files(&s.path("out"));
    assert!(
        after.keys().all(|n| !n.ends_with(".partial")),
        "temporary files left: {:?}",
        after
            .keys()
            .filter(|n| n.ends_with(".partial"))
            .collect::<Vec<_>>()
    );
    assert!(
        after == whole,
        "the resumed folder differs from the whole run"
    );
    let r = run_in(
        s.dir.path(),
        &["render", "in", "--format", "text,pdf", "--out", "out"],
    )
    .success()
    .stderr
    .clone();
    assert!(r.contains(&format!("{CASES} skipped")), "{r}");
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--format",
            "pdf",
            "--out",
            "out",
            "--report",
            "report.json",
            "--combine",
            "print.pdf",
        ],
    );
    r.success();
    assert_eq!(
        left_over(s.dir.path()),
        0,
        "the killed run's temporary report and print file"
    );
    assert!(
        std::fs::read(s.path("print.pdf")).unwrap() == std::fs::read(s.path("whole.pdf")).unwrap(),
        "the print file of the resumed folder differs from the whole run's"
    );
    let report = s.read("report.json");
    assert_eq!(report.matches("\"status\":\"skipped\"").count(), CASES);
}

const MAILED_CASES: usize = 30;

/// A mailed run killed part-way: its copies, manifest, report and print file each whole or
/// absent, and the rerun removes every temporary file it left (the copies' and the
/// manifest's too) and ends with the uninterrupted run's bytes.
#[test]
fn a_killed_mailed_batch_leaves_whole_files_and_a_rerun_finishes_it() {
    let s = Scratch::new();
    let packet =
        std::fs::read_to_string(crate::support::root().join("cases/mailed-packet.toml")).unwrap();
    for i in 0..MAILED_CASES {
        let number = format!("CM17-{:07}", 2_000_000 + i);
        let text = packet
            .replace("CM17-0104417", &number)
            .replace("93722", &format!("{}", 90_000 + 97 * i));
        s.write(&format!("in/{number}.toml"), &text);
    }
    let templates = crate::support::root().join("examples/mailing");
    let templates = templates.to_str().unwrap();
    let args = |out: &'static str, report: &'static str, print: &'static str| {
        let mut args = vec!["render", "in", "--edition", "mailed", "--templates"];
        args.extend([templates, "--format", "pdf", "--out", out]);
        args.extend(["--report", report, "--combine", print]);
        args
    };
    run_in(s.dir.path(), &args("whole", "whole.json", "whole.pdf")).success();
    let whole = files(&s.path("whole"));
    assert_eq!(
        whole.len(),
        5 * MAILED_CASES + 1,
        "the copies and the manifest"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_imr-letters"))
        .args(args("out", "report.json", "print.pdf"))
        .args(["-j", "2"])
        .current_dir(s.dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_letters(&mut child, &s.path("out"), 25);
    child.kill().unwrap();
    child.wait().unwrap();
    let killed = files(&s.path("out"));
    let finals: Vec<&String> = killed.keys().filter(|n| !n.starts_with('.')).collect();
    assert!(finals.len() < 5 * MAILED_CASES, "nothing was interrupted");
    for name in &finals {
        assert!(
            killed[*name] == whole[*name],
            "{name} differs from the whole run's"
        );
    }
    assert!(
        !s.path("out/mailing-manifest.csv").exists(),
        "a manifest of a killed run"
    );
    assert!(killed.contains_key(&format!(".mailing-manifest.csv.{}.partial", child.id())));

    run_in(s.dir.path(), &args("out", "report.json", "print.pdf")).success();
    let after = files(&s.path("out"));
    let left: Vec<&String> = after.keys().filter(|n| n.ends_with(".partial")).collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    assert!(
        !std::fs::read_dir(s.dir.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")),
        "the killed run's temporary report or print file"
    );
    assert!(
        after == whole,
        "the resumed folder differs from the whole run"
    );
    assert!(
        std::fs::read(s.path("print.pdf")).unwrap() == std::fs::read(s.path("whole.pdf")).unwrap(),
        "the print file of the resumed folder differs from the whole run's"
    );
}
