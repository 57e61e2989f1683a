//! `check` on case files: each check reports at the exact line and column, all problems
//! come out in one pass, `--format json`, `--words`, `--deny-warnings`, exit statuses, and
//! `render` refusing a case with errors while printing its warnings.

use crate::support::{Run, Scratch, fixture, minimal_with, run, run_in};

/// Checks one case text written to `case.toml` in a scratch folder.
fn check_text(case: &str, extra: &[&str]) -> Run {
    let s = Scratch::new();
    s.write("case.toml", case);
    let mut args = vec!["check", "case.toml"];
    args.extend_from_slice(extra);
    run_in(s.dir.path(), &args)
}

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
fn spelling_knows_medicine_dosages_levels_and_abbreviations() {
    let case = minimal_with(
        "who sustained an industrial injury on 10-03-2016.",
        "who sustained an industrial injury on 10-03-2016. MRI showed L5-S1 and C5-6\n\
         radiculopathy; Naproxen 550mg #60, Norco 10/325 and Flexeril per ODG, MTUS and ACOEM;\n\
         TENS unit, physical therapy 2x4, non-steroidal anti-inflammatories, Spurling's test.",
    );
    let r = check_text(&case, &[]);
    r.status(0)
        .stderr_has("checked 1 case: 0 errors, 0 warnings");
}

#[test]
fn a_project_word_list_adds_words_and_a_missing_one_is_a_usage_error() {
    let case = minimal_with(
        "40 year old male",
        "40 year old male machinist at Frobnicorp",
    );
    let s = Scratch::new();
    s.write("case.toml", &case);
    s.write("words.txt", "# our words\nFrobnicorp\n");
    run_in(s.dir.path(), &["check", "case.toml"])
        .status(0)
        .stderr_has("unknown word `Frobnicorp` in summary.text")
        .stderr_has("add it to a word list given with --words FILE");
    run_in(
        s.dir.path(),
        &["check", "case.toml", "--words", "words.txt"],
    )
    .status(0)
    .stderr_has("0 warnings");
    run_in(s.dir.path(), &["check", "case.toml", "--words", "nope.txt"])
        .status(2)
        .stderr_has("failed to read word list `nope.txt`");
}

#[test]
fn a_case_number_not_shaped_like_an_imr_number_is_a_warning() {
    let r = check_text(&minimal_with("CM16-0000001", "case-17"), &[]);
    r.status(0)
        .stderr_has("warning: case number `case-17` is not shaped like an IMR case number")
        .stderr_has("--> case.toml:2:15 (case_number)")
        .stderr_has("expected CM, two digits, a hyphen and seven digits");
}

#[test]
fn a_party_named_in_the_printed_text_is_an_error() {
    let case = minimal_with(
        "40 year old male",
        "40 year old male, Mr. John Q. Public, claim 05-123456,",
    ) + "\n[parties]\nclaim_number = \"05-123456\"\nemployee = { name = \"John Q. Public\" }\n";
    let r = check_text(&case, &[]);
    r.status(1)
        .stderr_has("error: the employee's name appears in summary.text")
        .stderr_has("--> case.toml:17:47")
        .stderr_has("error: the claim number appears in summary.text")
        .stderr_has("--> case.toml:17:69")
        .stderr_has("the public letter must not name the parties");
}

#[test]
fn one_case_number_in_two_files_is_an_error_in_both() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("40 year", "41 year"));
    s.write("in/b.toml", &minimal_with("40 year", "42 year"));
    run_in(s.dir.path(), &["check", "in"])
        .status(1)
        .stderr_has("error: case number `CM16-0000001` is also in `in/b.toml`")
        .stderr_has("--> in/a.toml:2:15 (case_number)")
        .stderr_has("error: case number `CM16-0000001` is also in `in/a.toml`")
        .stderr_has("--> in/b.toml:2:15 (case_number)");
}

#[test]
fn a_rationale_concluding_against_its_decision_is_an_error() {
    let upheld = minimal_with(
        "The request is not medically necessary.",
        "Therefore the request is medically necessary.",
    );
    check_text(&upheld, &[])
        .status(1)
        .stderr_has("error: items[1] is upheld but its rationale concludes medically necessary")
        .stderr_has("--> case.toml:24:26 (items[1].rationale)")
        .stderr_has("upheld means the request is not medically necessary");
    let overturned = minimal_with("decision = \"upheld\"", "decision = \"overturned\"");
    check_text(&overturned, &[])
        .status(1)
        .stderr_has("items[1] is overturned but its rationale concludes not medically necessary")
        .stderr_has("--> case.toml:24:16");
    // Agreeing, or only conditional: nothing to say.
    let agreeing = minimal_with(
        "The request is not medically necessary.",
        "It would be medically necessary if pain persisted. It is not medically necessary.",
    );
    check_text(&agreeing, &[])
        .status(0)
        .stderr_has("0 errors, 0 warnings");
}

#[test]
fn empty_paragraphs_are_warnings() {
    let case = minimal_with(
        "on 10-03-2016.\n",
        "on 10-03-2016.\n\n\n\nA second paragraph.\n\n\u{a0}\n\nA third.\n",
    );
    check_text(&case, &[])
        .status(0)
        .stderr_has("warning: 3 blank lines in a row in summary.text")
        .stderr_has("--> case.toml:18:1 (summary.text)")
        .stderr_has("warning: a line of invisible characters in summary.text")
        .stderr_has("--> case.toml:23:1");
}

#[test]
fn every_problem_comes_out_in_one_pass_with_the_format_rules() {
    let case = minimal_with("ur_denial = 2016-11-01", "ur_denial = 2016-09-01")
        .replacen("40 year old male", "40 year old mael", 1)
        .replacen(
            "The request is not medically necessary.",
            "Seen 3/3/3016. The request is medically necessary.",
            1,
        );
    check_text(&case, &[])
        .status(1)
        .stderr_has("dates out of order: ur_denial")
        .stderr_has("unknown word `mael`")
        .stderr_has("`3/3/3016` in items[1].rationale is after the decision date")
        .stderr_has("items[1] is upheld but its rationale concludes medically necessary")
        .stderr_has("checked 1 case: 2 errors, 2 warnings");
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
