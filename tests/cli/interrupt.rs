//! Ctrl-C during a batch: the run stops handing out cases, ends with what it wrote and how
//! to resume (exit 130), leaves no partial or temporary file, writes no report or print
//! file; a second Ctrl-C quits at once, still with every file under a final name whole;
//! and the same command again finishes the folder with the bytes of a run never stopped.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{Scratch, files, letters_in, run_in, wait_for_letters};

const CASES: usize = 200;

const RUN: [&str; 11] = [
    "render",
    "in",
    "--format",
    "pdf",
    "--out",
    "out",
    "-j",
    "2",
    "--report",
    "r.json",
    "--combine",
];

/// Starts the run, sends `signals` SIGINTs once some letters are written (the second a
/// moment after the first), and returns its exit status and stderr.
fn interrupt(s: &Scratch, signals: usize) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imr-letters"))
        .args(RUN)
        .arg("print.pdf")
        .current_dir(s.dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_letters(&mut child, &s.path("out"), 10);
    for k in 0..signals {
        if k > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
        let sent = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Checks what an interrupted run left in `out`, then finishes it with the same command.
/// After a second Ctrl-C temporary files may be left (`temporary`): the rerun removes them.
fn left_whole_and_resumed(
    s: &Scratch,
    whole: &BTreeMap<String, Vec<u8>>,
    print: &[u8],
    temporary: bool,
) {
    let stopped: BTreeMap<String, Vec<u8>> = files(&s.path("out"))
        .into_iter()
        .filter(|(n, _)| !(temporary && n.ends_with(".partial")))
        .collect();
    assert!(stopped.len() < CASES, "interrupted after the last letter");
    for (name, bytes) in &stopped {
        assert!(!name.starts_with('.'), "a temporary file is left: {name}");
        assert!(
            whole.get(name) == Some(bytes),
            "{name} differs from the uninterrupted run's"
        );
    }
    assert!(!s.path("r.json").exists() && !s.path("print.pdf").exists());
    let r = run_in(s.dir.path(), &[&RUN[..], &["print.pdf"]].concat());
    r.success();
    let skipped = format!(" {} skipped", stopped.len());
    assert!(r.stderr.contains(&skipped), "{}", r.stderr);
    assert!(
        files(&s.path("out")) == *whole,
        "the finished folder differs"
    );
    assert!(std::fs::read(s.path("print.pdf")).unwrap() == print);
    let report = s.read("r.json");
    assert_eq!(
        report.matches("\"status\":\"skipped\"").count(),
        stopped.len()
    );
    assert_eq!(
        report.matches("\"status\":\"rendered\"").count(),
        CASES - stopped.len()
    );
}

#[test]
fn ctrl_c_stops_a_batch_cleanly_and_the_same_command_finishes_it() {
    let s = Scratch::new();
    let count = CASES.to_string();
    run_in(s.dir.path(), &["sample", "--count", &count, "--out", "in"]).success();
    run_in(s.dir.path(), &[&RUN[..], &["whole.pdf"]].concat()).success();
    let whole = files(&s.path("out"));
    assert_eq!(whole.len(), CASES);
    let print = std::fs::read(s.path("whole.pdf")).unwrap();
    std::fs::remove_dir_all(s.path("out")).unwrap();
    std::fs::remove_file(s.path("r.json")).unwrap();

    let (status, stderr) = interrupt(&s, 1);
    assert_eq!(status, Some(130), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let written = letters_in(&s.path("out"));
    let head = format!(
        "interrupted: {written} letters written ({written} files in out), 0 current and skipped, 0 failed; {} cases not started or abandoned",
        CASES - written
    );
    assert_eq!(
        lines,
        [
            "",
            "Ctrl-C: letting the cases in flight finish (Ctrl-C again to quit at once)",
            head.as_str(),
            "not written: the report `r.json` and the print file `print.pdf` (only a run that ends writes them)",
            "to finish, run the same command again: the letters already written are skipped",
        ]
    );
    left_whole_and_resumed(&s, &whole, &print, false);

    // twice: out at once, every file under a final name whole, and the next run
    // removes the temporary files and finishes
    std::fs::remove_dir_all(s.path("out")).unwrap();
    std::fs::remove_file(s.path("r.json")).unwrap();
    std::fs::remove_file(s.path("print.pdf")).unwrap();
    let (status, stderr) = interrupt(&s, 2);
    assert_eq!(status, Some(130), "{stderr}");
    left_whole_and_resumed(&s, &whole, &print, true);
}
