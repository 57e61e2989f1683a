//! One regression test per bug fixed: each reproduces the input that once went wrong.

// ---- Batches: never lose a file (issue 11) -------------------------------------------

use crate::support::{Scratch, minimal_with, run_in};

fn two_cases(s: &Scratch) {
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000401"));
    s.write("in/b.toml", &minimal_with("CM16-0000001", "CM16-0000402"));
}

#[test]
fn combine_onto_a_case_file_is_refused_and_the_case_kept() {
    let s = Scratch::new();
    two_cases(&s);
    let before = s.read("in/a.toml");
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--format",
            "pdf",
            "--out",
            "out",
            "--combine",
            "in/a.toml",
        ],
    );
    r.status(2)
        .stderr_has("would overwrite case file `in/a.toml`");
    assert_eq!(s.read("in/a.toml"), before);
    assert!(!s.path("out/CM16-0000401.pdf").exists(), "nothing rendered");
}

#[test]
fn report_onto_the_journal_or_the_print_file_is_refused() {
    let s = Scratch::new();
    two_cases(&s);
    run_in(s.dir.path(), &["render", "in", "--out", "out"]).success();
    let journal = s.read("out/.imr-letters-state.jsonl");
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--out",
            "out",
            "--report",
            "out/.imr-letters-state.jsonl",
        ],
    );
    r.status(2).stderr_has("the output folder's resume journal");
    assert_eq!(s.read("out/.imr-letters-state.jsonl"), journal);
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--format",
            "pdf",
            "--out",
            "o2",
            "--report",
            "x",
            "--combine",
            "x",
        ],
    );
    r.status(2)
        .stderr_has("`--combine x` names the same file as --report");
    assert!(!s.path("x").exists() && !s.path("o2/CM16-0000401.pdf").exists());
}

#[test]
fn combine_onto_a_letter_of_an_earlier_run_is_refused() {
    let s = Scratch::new();
    two_cases(&s);
    run_in(
        s.dir.path(),
        &["render", "in", "--format", "pdf", "--out", "out"],
    )
    .success();
    let letter = std::fs::read(s.path("out/CM16-0000401.pdf")).unwrap();
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--format",
            "pdf",
            "--out",
            "out",
            "--combine",
            "out/CM16-0000401.pdf",
        ],
    );
    r.status(2);
    assert_eq!(
        std::fs::read(s.path("out/CM16-0000401.pdf")).unwrap(),
        letter
    );
}

#[test]
fn a_file_imr_letters_did_not_write_is_not_replaced_without_force() {
    let s = Scratch::new();
    two_cases(&s);
    s.write("out/CM16-0000401.txt", "precious\n");
    let r = run_in(s.dir.path(), &["render", "in", "--out", "out"]);
    r.status(1)
        .stderr_has("`out/CM16-0000401.txt` exists and imr-letters did not write it")
        .stderr_has("rendered 1 of 2 cases");
    assert_eq!(s.read("out/CM16-0000401.txt"), "precious\n");
    run_in(s.dir.path(), &["render", "in", "--out", "out", "--force"]).success();
    assert!(s.read("out/CM16-0000401.txt").contains("CM16-0000401"));
}

#[test]
fn sample_does_not_write_over_existing_files_without_force() {
    let s = Scratch::new();
    run_in(s.dir.path(), &["sample", "--count", "2", "--out", "in"]).success();
    let name = std::fs::read_dir(s.path("in"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let rel = format!("in/{}", name.to_string_lossy());
    std::fs::remove_dir_all(s.path("in")).unwrap();
    s.write(&rel, "mine\n");
    run_in(s.dir.path(), &["sample", "--count", "2", "--out", "in"])
        .status(2)
        .stderr_has("1 of the 2 case files exist");
    assert_eq!(s.read(&rel), "mine\n");
    run_in(
        s.dir.path(),
        &["sample", "--count", "2", "--out", "in", "--force"],
    )
    .success();
    assert_ne!(s.read(&rel), "mine\n");
}

#[test]
fn a_cut_journal_line_does_not_swallow_the_next_record() {
    let s = Scratch::new();
    two_cases(&s);
    run_in(s.dir.path(), &["render", "in/a.toml", "--out", "out"]).success();
    let journal = s.path("out/.imr-letters-state.jsonl");
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str("{\"output\":\"CM16-00004");
    std::fs::write(&journal, text).unwrap();
    run_in(s.dir.path(), &["render", "in", "--out", "out"]).success();
    let r = run_in(s.dir.path(), &["render", "in", "--out", "out"]);
    r.success().stderr_has("0 of 2 cases, 2 skipped");
}

#[test]
fn a_rerun_does_not_skip_a_letter_whose_file_is_not_the_one_recorded() {
    let s = Scratch::new();
    two_cases(&s);
    run_in(s.dir.path(), &["render", "in", "--out", "out"]).success();
    let letter = s.read("out/CM16-0000401.txt");
    // the same size, other bytes (another shard's letter, an edit)
    let changed = letter.replacen("CM16-0000401", "CM16-0000499", 1);
    assert_eq!(changed.len(), letter.len());
    std::fs::write(s.path("out/CM16-0000401.txt"), &changed).unwrap();
    run_in(s.dir.path(), &["render", "in", "--out", "out"])
        .success()
        .stderr_has("rendered 1 of 2 cases, 1 skipped");
    assert_eq!(s.read("out/CM16-0000401.txt"), letter);
}

#[test]
fn the_journal_is_not_written_through_a_symlink() {
    let s = Scratch::new();
    two_cases(&s);
    s.write("elsewhere.txt", "keep\n");
    std::fs::create_dir_all(s.path("out")).unwrap();
    std::os::unix::fs::symlink(
        s.path("elsewhere.txt"),
        s.path("out/.imr-letters-state.jsonl"),
    )
    .unwrap();
    run_in(s.dir.path(), &["render", "in", "--out", "out"]).stderr_has("not written through");
    assert_eq!(s.read("elsewhere.txt"), "keep\n");
}

// ---- end of the batch block (issue 11) ------------------------------------------------
