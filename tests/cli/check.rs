//! `check` on case files beyond the whole stderr the scenarios hold
//! (tests/scenarios/check): the bundled and fixture cases' findings at their place,
//! `--format json`, `--deny-warnings`, and `render` refusing a case with errors while
//! printing its warnings, in case order, with the same word lists.

use crate::support::{Scratch, fixture, minimal_with, run, run_in};

#[test]
fn seed_case_reports_the_3015_date_and_the_misspelt_diagnosis_at_their_place() {
    let r = run(&["check", "cases/seed-letter.toml"]);
    r.status(0)
        .stderr_has("warning: `March 3, 3015` in summary.text is after the decision date")
        .stderr_has("--> cases/seed-letter.toml:27:77 (summary.text)")
        .stderr_has("read as March 3, 3015, after the decision date April 28, 2015")
        .stderr_has("warning: unknown word `osteomyeltis` in items[1].rationale")
        .stderr_has("--> cases/seed-letter.toml:42:35 (items[1].rationale)")
        .stderr_has("did you mean `osteomyelitis`")
        .stderr_has("checked 1 case: 0 errors, 2 warnings");
    let caret_line = r
        .stderr
        .lines()
        .find(|l| l.contains("^^^^^^^^^^^^ not in the dictionary"))
        .expect("a caret line under the word");
    let source_line = r
        .stderr
        .lines()
        .find(|l| l.starts_with("42 | "))
        .expect("the source line");
    assert_eq!(
        caret_line.find('^'),
        source_line.find("osteomyeltis"),
        "{source_line}\n{caret_line}"
    );
}

#[test]
fn dates_in_the_text_after_the_decision_before_1900_before_the_injury_or_impossible() {
    let r = run(&["check", "tests/fixtures/check/dates.toml"]);
    r.status(0)
        .stderr_has("`March 3, 3015` in summary.text is after the decision date")
        .stderr_has("--> tests/fixtures/check/dates.toml:18:1 (summary.text)")
        .stderr_has("`2/30/2016` in summary.text is not a real date")
        .stderr_has("February 2016 has 29 days")
        .stderr_has("--> tests/fixtures/check/dates.toml:18:48")
        .stderr_has("`Mar 3, 1899` in summary.text is before 1900")
        .stderr_has("`5/3/98` in summary.text is before the date of injury")
        .stderr_has("--> tests/fixtures/check/dates.toml:20:26")
        .stderr_has("`June 20216` in summary.text is not a real date")
        .stderr_has("the year 20216 has 5 digits")
        .stderr_has("`12/20/2016` in items[1].rationale is after the decision date")
        .stderr_has("--> tests/fixtures/check/dates.toml:27:24")
        .stderr_has("checked 1 case: 0 errors, 6 warnings");
    // The dates inside the case's own span, the dose, the pain score: nothing said.
    for quiet in ["10-03-2016", "11/8/16", "2016-11-20", "6-8/10", "10/325"] {
        assert!(!r.stderr.contains(&format!("`{quiet}`")), "{quiet}");
    }
}

#[test]
fn positions_survive_escapes_and_line_continuations() {
    let r = run(&["check", "tests/fixtures/check/escapes.toml"]);
    r.status(0)
        .stderr_has("unknown word `osteomyeltis` in items[1].rationale")
        .stderr_has("--> tests/fixtures/check/escapes.toml:24:14")
        .stderr_has("`12/20/2016` in items[1].rationale is after the decision date")
        .stderr_has("--> tests/fixtures/check/escapes.toml:24:38")
        // `café` written as `caf\u00e9`: the caret covers the escape.
        .stderr_has("--> tests/fixtures/check/escapes.toml:17:33")
        .stderr_has("^^^^^^^^^ not in the dictionary");
}

#[test]
fn json_records_carry_place_field_and_hints() {
    let r = run(&["check", "cases/seed-letter.toml", "--format", "json"]);
    r.status(0);
    let records: serde_json::Value = serde_json::from_str(&r.stdout).expect("a JSON array");
    let records = records.as_array().expect("an array");
    assert_eq!(records.len(), 2, "{}", r.stdout);
    let date = &records[0];
    assert_eq!(date["severity"], "warning");
    assert_eq!(date["code"], "text.date-after-decision");
    assert_eq!(date["file"], "cases/seed-letter.toml");
    assert_eq!(
        (date["line"].as_u64(), date["column"].as_u64()),
        (Some(27), Some(77))
    );
    assert_eq!(
        (date["end_line"].as_u64(), date["end_column"].as_u64()),
        (Some(27), Some(90))
    );
    assert_eq!(date["field"], "summary.text");
    let word = &records[1];
    assert_eq!(word["code"], "text.spelling");
    assert!(word["hints"][0].as_str().unwrap().contains("osteomyelitis"));
    assert_eq!(r.stdout.lines().count(), 4, "one record a line");
}

#[test]
fn deny_warnings_turns_warnings_into_a_failing_status() {
    run(&["check", "cases/seed-letter.toml", "--deny-warnings"]).status(1);
    run(&["check", "cases/features.toml", "--deny-warnings"]).status(0);
}

#[test]
fn render_refuses_a_case_with_errors_and_prints_warnings_of_the_others() {
    let s = Scratch::new();
    s.write(
        "bad.toml",
        &minimal_with(
            "The request is not medically necessary.",
            "The request is medically necessary.",
        ),
    );
    run_in(s.dir.path(), &["render", "bad.toml"])
        .status(1)
        .stderr_has("items[1] is upheld but its rationale concludes medically necessary");
    let r = run(&["render", &fixture("check/dates.toml").display().to_string()]);
    r.success()
        .stderr_has("`March 3, 3015` in summary.text is after the decision date")
        .stdout_has("Physical therapy 2x4:  Upheld");
}

#[test]
fn render_takes_the_same_word_lists_as_check() {
    let s = crate::support::Scratch::new();
    s.write("words.txt", "osteomyeltis\n");
    let case = crate::support::root().join("cases/seed-letter.toml");
    let case = case.to_str().unwrap();
    crate::support::run_in(s.dir.path(), &["render", case])
        .success()
        .stderr_has("unknown word `osteomyeltis`");
    let r = crate::support::run_in(s.dir.path(), &["render", case, "--words", "words.txt"]);
    r.success();
    assert!(!r.stderr.contains("osteomyeltis"), "{}", r.stderr);
    assert!(
        r.stderr.contains("March 3, 3015"),
        "the other checks still run"
    );
    crate::support::run_in(s.dir.path(), &["render", case, "--words", "nope.txt"])
        .status(2)
        .stderr_has("failed to read word list `nope.txt`");
}

/// Regression: with several threads, the warnings of the cases a batch renders came out
/// in the order the workers finished them; they come out in the order of the cases.
#[test]
fn render_prints_warnings_in_the_order_of_the_cases_whatever_the_threads() {
    let s = crate::support::Scratch::new();
    let seed = std::fs::read_to_string(crate::support::root().join("cases/seed-letter.toml"))
        .unwrap()
        .replace("osteomyeltis", "osteomyelitis");
    let tag = |i: usize| -> String {
        let a = char::from(b'a' + (i / 26) as u8);
        let b = char::from(b'a' + (i % 26) as u8);
        format!("blorf{a}{b}")
    };
    for i in 0..40 {
        let case = seed
            .replace("CM15-0071844", &format!("CM15-{:07}", 1000 + i))
            .replace("lumbar", &format!("lumbar {}", tag(i)));
        s.write(&format!("in/{i:02}.toml"), &case);
    }
    let expected: Vec<String> = (0..40).map(tag).collect();
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = format!("out-{jobs}");
        let r = crate::support::run_in(
            s.dir.path(),
            &[
                "render", "in", "--out", &out, "--format", "text", "-j", jobs,
            ],
        );
        r.success();
        let mut seen: Vec<String> = Vec::new();
        for word in r.stderr.split('`').filter(|w| w.starts_with("blorf")) {
            if seen.last().map(String::as_str) != Some(word) {
                seen.push(word.to_string());
            }
        }
        assert_eq!(seen, expected, "-j {jobs}");
        let messages: String = r
            .stderr
            .lines()
            .filter(|l| !l.starts_with("rendered "))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(&out, "OUT");
        outputs.push(messages);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn no_warnings_hides_warnings_but_counts_them_and_the_report_lists_them() {
    let s = crate::support::Scratch::new();
    let seed =
        std::fs::read_to_string(crate::support::root().join("cases/seed-letter.toml")).unwrap();
    s.write("in/a.toml", &seed);
    s.write(
        "in/b.toml",
        &minimal_with(
            "The request is not medically necessary.",
            "The request is medically necessary.",
        ),
    );
    let args = ["render", "in", "--out", "out", "--report", "r.json"];
    let shown = crate::support::run_in(s.dir.path(), &args);
    shown
        .status(1)
        .stderr_has("unknown word `osteomyeltis`")
        .stderr_has("2 warnings in 1 rendered case (above)");
    let mut quiet = args.to_vec();
    quiet.extend(["--no-warnings", "--force"]);
    let hidden = crate::support::run_in(s.dir.path(), &quiet);
    hidden
        .status(1)
        .stderr_has("items[1] is upheld but its rationale concludes medically necessary")
        .stderr_has("2 warnings in 1 rendered case (not shown: --no-warnings");
    assert!(!hidden.stderr.contains("osteomyeltis"), "{}", hidden.stderr);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(s.path("r.json")).unwrap()).unwrap();
    let cases = report["cases"].as_array().unwrap();
    let warnings = cases[0]["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{report:#}");
    assert!(
        warnings
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains("osteomyeltis"))
    );
    assert_eq!(warnings[0]["file"], "in/a.toml");
    assert!(cases[0]["errors"].as_array().unwrap().is_empty());
    assert_eq!(cases[1]["status"], "failed");
    assert_eq!(cases[1]["errors"].as_array().unwrap().len(), 1);
}
