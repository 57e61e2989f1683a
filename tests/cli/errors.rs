//! Bad input: each class of error names the file, the line and column, shows the line and
//! says what was expected; render exits 1 and writes nothing for that case.

use crate::support::{Scratch, minimal_with, run_in};

/// Renders a case text and returns stderr, checking that it failed and wrote nothing.
fn render_error(case: &str) -> String {
    let s = Scratch::new();
    s.write("bad.toml", case);
    let r = run_in(s.dir.path(), &["render", "bad.toml", "--out", "out"]);
    r.status(1);
    let written: Vec<_> = std::fs::read_dir(s.path("out"))
        .map(|d| d.collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "a failed case must leave no file");
    r.stderr
}

#[test]
fn malformed_toml() {
    let err = render_error(&minimal_with(
        "decision = \"upheld\"",
        "decision = \"upheld",
    ));
    assert!(err.contains("error: "), "{err}");
    assert!(err.contains("--> bad.toml:22:"), "{err}");
    assert!(err.contains("22 | decision = \"upheld"), "{err}");
}

#[test]
fn missing_key() {
    let err = render_error(&minimal_with(
        "rationale = \"\"\"\nThe request is not medically necessary.\n\"\"\"\n",
        "",
    ));
    assert!(err.contains("missing field `rationale`"), "{err}");
    assert!(err.contains("--> bad.toml:"), "{err}");
    assert!(
        err.contains("hint: `rationale` is the decision rationale"),
        "{err}"
    );
}

#[test]
fn unknown_key_with_suggestion() {
    let err = render_error(&minimal_with(
        "decision = \"upheld\"",
        "decison = \"upheld\"",
    ));
    assert!(err.contains("unknown field `decison`"), "{err}");
    assert!(err.contains("--> bad.toml:22:1"), "{err}");
    assert!(err.contains("hint: did you mean `decision`?"), "{err}");
}

#[test]
fn impossible_date() {
    let err = render_error(&minimal_with("injury = 2016-10-03", "injury = 2016-02-30"));
    assert!(
        err.contains("invalid date, expected day between 01 and 29"),
        "{err}"
    );
    assert!(err.contains("--> bad.toml:5:10"), "{err}");
    assert!(err.contains("5 | injury = 2016-02-30"), "{err}");
    assert!(err.contains("expected a real calendar date"), "{err}");
}

#[test]
fn dates_out_of_order() {
    let err = render_error(&minimal_with(
        "ur_denial = 2016-11-01",
        "ur_denial = 2016-09-01",
    ));
    assert!(
        err.contains("dates out of order: ur_denial (2016-09-01) is before injury (2016-10-03)"),
        "{err}"
    );
    assert!(err.contains("--> bad.toml:6:13"), "{err}");
    assert!(
        err.contains("expected a date on or after injury, 2016-10-03"),
        "{err}"
    );
    let err = render_error(&minimal_with(
        "decision = 2016-12-05",
        "decision = 2016-11-09",
    ));
    assert!(
        err.contains("decision (2016-11-09) is before assigned (2016-11-10)"),
        "{err}"
    );
}

#[test]
fn empty_rationale_and_empty_lists() {
    let err = render_error(&minimal_with(
        "rationale = \"\"\"\nThe request is not medically necessary.\n\"\"\"",
        "rationale = \"  \"",
    ));
    assert!(err.contains("items[1].rationale is empty"), "{err}");
    let err = render_error(&minimal_with(
        "specialties = [\"Family Practice\"]",
        "specialties = []",
    ));
    assert!(err.contains("reviewer.specialties is empty"), "{err}");
}

#[test]
fn case_number_that_cannot_name_a_file() {
    let err = render_error(&minimal_with("CM16-0000001", "../etc/passwd"));
    assert!(
        err.contains("case number `../etc/passwd` cannot name an output file"),
        "{err}"
    );
}

#[test]
fn several_errors_in_one_case_are_all_reported() {
    let case = minimal_with("ur_denial = 2016-11-01", "ur_denial = 2016-09-01").replacen(
        "specialties = [\"Family Practice\"]",
        "specialties = []",
        1,
    );
    let err = render_error(&case);
    assert!(
        err.contains("dates out of order") && err.contains("reviewer.specialties is empty"),
        "{err}"
    );
}

#[test]
fn not_utf8() {
    let s = Scratch::new();
    let mut bytes = minimal_with("40 year old", "40 year \u{e9}ld").into_bytes();
    let at = bytes.windows(2).position(|w| w == [0xc3, 0xa9]).unwrap();
    bytes[at] = 0xe9;
    bytes.remove(at + 1);
    std::fs::write(s.path("latin1.toml"), bytes).unwrap();
    let r = run_in(s.dir.path(), &["check", "latin1.toml"]);
    r.status(1)
        .stderr_has("the case file is not valid UTF-8")
        .stderr_has("--> latin1.toml:17:");
}

#[test]
fn a_bad_case_does_not_stop_the_others() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000011"));
    s.write(
        "in/b.toml",
        &minimal_with("decision = \"upheld\"", "decison = \"upheld\""),
    );
    s.write("in/c.toml", &minimal_with("CM16-0000001", "CM16-0000013"));
    let r = run_in(s.dir.path(), &["render", "in", "--out", "out"]);
    r.status(1)
        .stderr_has("in/b.toml")
        .stderr_has("rendered 2 of 3 cases");
    assert!(s.path("out/CM16-0000011.txt").is_file());
    assert!(s.path("out/CM16-0000013.txt").is_file());
}

#[test]
fn two_files_with_one_case_number_are_both_refused() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("40 year", "41 year"));
    s.write("in/b.toml", &minimal_with("40 year", "42 year"));
    let r = run_in(s.dir.path(), &["render", "in", "--out", "out"]);
    r.status(1)
        .stderr_has("case number `CM16-0000001` is in more than one file");
    assert!(!s.path("out/CM16-0000001.txt").exists());
}

#[test]
fn usage_errors_exit_2() {
    let s = Scratch::new();
    s.write("a.toml", &minimal_with("CM16-0000001", "CM16-0000021"));
    s.write("b.toml", &minimal_with("CM16-0000001", "CM16-0000022"));
    run_in(s.dir.path(), &["render", "a.toml", "b.toml"])
        .status(2)
        .stderr_has("2 cases need --out DIR");
    run_in(s.dir.path(), &["render", "missing.toml"])
        .status(2)
        .stderr_has("`missing.toml` does not exist");
    run_in(s.dir.path(), &["render", "a.toml", "--format", "docx"])
        .status(2)
        .stderr_has("invalid value 'docx' for '--format <FORMATS>'")
        .stderr_has("[possible values: text, pdf]");
    run_in(s.dir.path(), &["render", "a.toml", "--var", "wordng=2016"])
        .status(2)
        .stderr_has("unknown setting `wordng`");
    run_in(s.dir.path(), &["render", "a.toml", "--var", "wording=2017"])
        .status(2)
        .stderr_has("expected one of: seed, 2016");
    run_in(s.dir.path(), &["render", "a.toml", "--wrap", "wide"])
        .status(2)
        .stderr_has("`--wrap wide` is not a width");
}

#[test]
fn unwritable_output_folder_is_a_usage_error() {
    let s = Scratch::new();
    s.write("a.toml", &minimal_with("CM16-0000001", "CM16-0000031"));
    s.write("blocker", "a file where the folder should be");
    run_in(s.dir.path(), &["render", "a.toml", "--out", "blocker/out"])
        .status(2)
        .stderr_has("cannot write into output folder `blocker/out`");
}

#[test]
fn a_character_the_fonts_lack_names_the_field_and_points_at_it() {
    let err = render_error(&minimal_with(
        "request = \"Physical therapy 2x4\"",
        "request = \"Physical therapy \u{2713} 2x4\"",
    ));
    assert!(
        err.contains("`items[1].request` uses '\u{2713}' (U+2713), which font"),
        "{err}"
    );
    assert!(err.contains("--> bad.toml:21:29"), "{err}");
    // accented names, curly quotes, dashes, section and degree signs are all drawable
    let s = Scratch::new();
    s.write(
        "ok.toml",
        &minimal_with(
            "The injured worker is",
            "José Peña said \u{201c}30° at L5\u{2013}S1\u{201d} \u{2014} § 9792.",
        ),
    );
    run_in(
        s.dir.path(),
        &["render", "ok.toml", "--format", "pdf", "--out", "out"],
    )
    .success();
}

#[test]
fn a_missing_glyph_fails_its_case_only() {
    let s = Scratch::new();
    s.write(
        "cases/a-bad.toml",
        &minimal_with("Physical therapy", "Physical \u{2603} therapy"),
    );
    s.write(
        "cases/b-good.toml",
        &minimal_with("CM16-0000001", "CM16-0000002"),
    );
    let r = run_in(
        s.dir.path(),
        &["render", "cases", "--format", "pdf", "--out", "out"],
    );
    r.status(1).stderr_has("U+2603");
    assert!(s.path("out/CM16-0000002.pdf").exists());
    assert!(!s.path("out/CM16-0000001.pdf").exists());
}
