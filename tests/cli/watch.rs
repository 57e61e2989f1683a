//! `watch`: a running watcher re-renders when a template or the case changes (in place, or
//! by an editor's write-and-rename), keeps the last good letter when an edit breaks it and
//! says where, and stops on Ctrl-C (SIGINT) leaving only whole letters.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Scratch, root};

/// A watcher running in a scratch folder, its stderr collected.
struct Watching {
    child: Child,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let child = Command::new(env!("CARGO_BIN_EXE_imr-letters"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start watch");
        Watching { child }
    }

    /// Sends SIGINT, as Ctrl-C does, and returns the exit status and everything printed.
    fn stop(mut self) -> (i32, String) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let status = self.child.wait().unwrap().code().unwrap_or(-1);
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status, stderr)
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Waits (up to a minute, however loaded the machine) until `check` holds.
fn wait_until(what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn text_of(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn edits_to_a_template_and_the_case_give_new_letters_and_a_broken_edit_keeps_the_last() {
    let s = Scratch::new();
    let case = std::fs::read_to_string(root().join("cases/seed-letter.toml")).unwrap();
    s.write("case.toml", &case);
    let summary = include_str!("../../templates/summary.md");
    s.write("tpl/summary.md", summary);
    let out = s.path("letter.txt");
    let w = Watching::start(
        s.dir.path(),
        &[
            "case.toml",
            "--templates",
            "tpl",
            "--format",
            "text",
            "--out",
            "letter.txt",
        ],
    );
    wait_until("the first letter", || {
        text_of(&out).contains("CLINICAL CASE SUMMARY")
    });

    // a template edited in place
    s.write(
        "tpl/summary.md",
        &summary.replace("CLINICAL CASE SUMMARY", "CASE SUMMARY, EDITED"),
    );
    wait_until("the template edit", || {
        text_of(&out).contains("CASE SUMMARY, EDITED")
    });

    // a broken edit: the letter stays as it was
    s.write("tpl/summary.md", &format!("{summary}\n{{{{ broken"));
    std::thread::sleep(Duration::from_secs(2));
    assert!(text_of(&out).contains("CASE SUMMARY, EDITED"));

    // the case saved the way vim and JetBrains save: a new file renamed over the old one
    s.write("tpl/summary.md", summary);
    s.write(
        "case.new",
        &case.replace("Family Practice", "Orthopedic Surgery"),
    );
    std::fs::rename(s.path("case.new"), s.path("case.toml")).unwrap();
    wait_until("the case edit", || {
        text_of(&out).contains("Orthopedic Surgery")
    });
    let letter = text_of(&out);
    assert!(letter.contains("CLINICAL CASE SUMMARY"), "{letter}");

    let (status, stderr) = w.stop();
    assert_eq!(status, 0, "{stderr}");
    // the broken template was reported where it is broken
    assert!(stderr.contains("--> tpl/summary.md:"), "{stderr}");
    assert!(
        stderr.contains("nothing written; the last good letters are kept"),
        "{stderr}"
    );
    assert!(
        stderr.contains("stopped; the last good letters are in place"),
        "{stderr}"
    );
    let left: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn a_file_it_did_not_write_is_not_replaced_without_force() {
    let s = Scratch::new();
    s.write(
        "case.toml",
        &std::fs::read_to_string(root().join("cases/seed-letter.toml")).unwrap(),
    );
    s.write("notes.pdf", "my own notes");
    let r = crate::support::run_in(s.dir.path(), &["watch", "case.toml", "--out", "notes.pdf"]);
    r.status(2)
        .stderr_has("`notes.pdf` exists and was not written by imr-letters");
    assert_eq!(s.read("notes.pdf"), "my own notes");
}

#[test]
fn a_tree_watched_with_recursive_renders_a_case_added_to_a_new_subfolder() {
    let s = Scratch::new();
    let case = std::fs::read_to_string(crate::support::fixture("cases/minimal.toml")).unwrap();
    s.write("tree/a.toml", &case);
    let w = Watching::start(
        s.dir.path(),
        &["tree", "-r", "--format", "text", "--out", "tree/letters"],
    );
    wait_until("the first letter", || {
        s.path("tree/letters/a.txt").is_file()
    });
    s.write(
        "tree/2017/march/b.toml",
        &case.replace("CM16-0000001", "CM16-0000002"),
    );
    wait_until("the new case's letter", || {
        s.path("tree/letters/b.txt").is_file()
    });
    // an edit of that case, deep in the tree, is seen too
    s.write(
        "tree/2017/march/b.toml",
        &case
            .replace("CM16-0000001", "CM16-0000002")
            .replace("Family Practice", "Orthopedic Surgery"),
    );
    wait_until("the edit", || {
        text_of(&s.path("tree/letters/b.txt")).contains("Orthopedic Surgery")
    });
    let (status, stderr) = w.stop();
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("wrote 2 letters"), "{stderr}");
}
