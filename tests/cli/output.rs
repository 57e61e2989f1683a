//! The plain-text writer: printed lines and pages, re-wrapping, stdout and files.

use crate::support::{Scratch, fixture, minimal_with, run, run_in};

#[test]
fn one_case_without_out_goes_to_stdout() {
    let r = run(&["render", "tests/fixtures/cases/minimal.toml"]);
    r.success()
        .stdout_has("Case Number:")
        .stdout_has("CM16-0000001")
        .stdout_has("Physical therapy 2x4:  Upheld");
    assert!(r.stderr.is_empty(), "nothing on stderr: {}", r.stderr);
}

#[test]
fn header_table_is_aligned_columns() {
    let r = run(&["render", "tests/fixtures/cases/minimal.toml"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "Case Number:          CM16-0000001");
    assert_eq!(
        lines[1],
        "Date Assigned:        11/10/2016                      Date of Injury:     10/03/2016"
    );
    assert_eq!(
        lines[3],
        "Priority:             Standard                        Application         11/07/2016"
    );
    assert_eq!(
        lines[4],
        "                                                      Received:"
    );
}

#[test]
fn printed_lines_are_broken_at_the_measure_and_pages_by_form_feeds() {
    let r = run(&["render", "cases/seed-letter.toml"]);
    r.success();
    assert_eq!(
        r.stdout.matches('\u{c}').count(),
        1,
        "the seed letter runs to two pages"
    );
    let longest = r.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        (90..=105).contains(&longest),
        "6.5 in of 12 pt Times is about 95 characters, got {longest}"
    );
}

#[test]
fn wrap_n_rewraps_and_wrap_none_writes_one_line_per_paragraph() {
    let r = run(&["render", "cases/seed-letter.toml", "--wrap", "60"]);
    r.success();
    assert!(!r.stdout.contains('\u{c}'), "re-wrapped text has no pages");
    let body: Vec<&str> = r.stdout.lines().skip(6).collect();
    assert!(body.iter().all(|l| l.chars().count() <= 60), "{}", r.stdout);
    assert!(body.iter().any(|l| l.chars().count() > 50));

    let r = run(&["render", "cases/seed-letter.toml", "--wrap", "none"]);
    r.success();
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("Decision rationale:"))
        .unwrap();
    assert!(
        line.ends_with("deemed not medically necessary."),
        "the whole paragraph on one line: {line}"
    );
}

#[test]
fn out_writes_one_file_per_case_named_by_case_number() {
    let s = Scratch::new();
    let case = fixture("cases/minimal.toml");
    run_in(
        s.dir.path(),
        &["render", case.to_str().unwrap(), "--out", "letters/today"],
    )
    .success();
    let text = s.read("letters/today/CM16-0000001.txt");
    assert!(text.starts_with("Case Number:"));
    let leftovers: Vec<_> = std::fs::read_dir(s.path("letters/today"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".imr-letters-state.jsonl")
        .collect();
    assert_eq!(
        leftovers,
        vec!["CM16-0000001.txt".to_string()],
        "no temporary files left"
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    let s = Scratch::new();
    s.write("c.toml", &minimal_with("40 year", "40 year"));
    let a = run_in(s.dir.path(), &["render", "c.toml"]);
    let b = run_in(s.dir.path(), &["render", "c.toml"]);
    assert_eq!(a.stdout, b.stdout);
}
