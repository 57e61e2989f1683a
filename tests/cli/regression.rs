//! One test per bug fixed, each named for the bug and saying how it showed, so it cannot
//! come back unnoticed. The scenarios (tests/scenarios) hold the whole outputs; these
//! hold what the fix is about.

use crate::support::{Run, Scratch, minimal_with, run_in};

/// `check` on the minimal case with `from` replaced by `to`.
fn check_with(from: &str, to: &str) -> Run {
    let s = Scratch::new();
    s.write("case.toml", &minimal_with(from, to));
    run_in(s.dir.path(), &["check", "case.toml"])
}

/// A raw ESC in a case file reached the terminal in the echoed source line (the rest of
/// the report printed in red); so did a BEL or ESC given with `--var`.
#[test]
fn control_characters_echoed_from_a_file_never_reach_the_terminal() {
    let s = Scratch::new();
    s.write(
        "case.toml",
        &minimal_with("sustained an", "sustained an\u{1b}[31m"),
    );
    let r = run_in(s.dir.path(), &["check", "case.toml"]);
    r.status(1).stderr_has("sustained an\u{241b}[31m");
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    let r = run_in(
        s.dir.path(),
        &["check", "case.toml", "--var", "organization=MAX\u{7}IMUS"],
    );
    r.status(2).stderr_has("organization=MAX\u{2407}IMUS");
    assert!(!r.stderr.contains('\u{7}'), "{:?}", r.stderr);
}

/// A year below zero (or past 65535) was refused with serde's "invalid value: integer
/// `-2004`, expected u16", naming no field.
#[test]
fn a_year_out_of_range_names_its_field_and_value() {
    check_with(
            "rationale = \"\"\"",
            "claims_administrator = { mtus = [{ guideline = \"Low Back Complaints\", year = -2004 }] }\nrationale = \"\"\"",
        )
        .status(1)
        .stderr_has(
            "`items[1].claims_administrator.mtus[1].year` must be a whole number from 0 to 65535",
        )
        .stderr_has("found -2004")
        .stderr_has("(items[1].claims_administrator.mtus[1].year)");
}

/// The employee's surname in capitals ("MRI FOR J. WORKER" in a heading) passed the
/// parties check, which matched a surname only as written.
#[test]
fn a_surname_in_capitals_is_a_party_named() {
    let s = Scratch::new();
    let case = minimal_with(
        "decision = \"upheld\"",
        "heading = \"MRI for J. WORKER\"\ndecision = \"upheld\"",
    );
    s.write(
        "case.toml",
        &format!("{case}\n[parties]\nemployee = {{ name = \"Jane Q. Worker\" }}\n"),
    );
    let r = run_in(s.dir.path(), &["check", "case.toml"]);
    r.status(1)
        .stderr_has("error: the employee's surname appears in items[1].heading");
    // Written in lower case ("The injured worker is ...") it is a word, not a name.
    assert_eq!(
        r.stderr.matches("surname appears").count(),
        1,
        "{}",
        r.stderr
    );
}

/// A header template whose first row had more cells than its `|---|` row made no table:
/// `check` passed and the letter printed the rows as one paragraph of bars.
#[test]
fn table_rows_that_make_no_table_are_refused() {
    let s = Scratch::new();
    s.write("case.toml", &minimal_with("", ""));
    let header = std::fs::read_to_string(crate::support::root().join("templates/header.md"))
        .unwrap()
        .replacen("| | |\n", "| | | | extra |\n", 1);
    s.write("tpl/header.md", &header);
    for command in ["check", "render"] {
        run_in(s.dir.path(), &[command, "case.toml", "--templates", "tpl"])
            .status(1)
            .stderr_has("error: section `header.md` produced a table row of 6 cells over a `|---|` row of 4");
    }
}

/// `table_columns` too narrow for the words of the header table (20 pt a column) passed
/// `check`, and the letter printed the table one letter a line.
#[test]
fn table_columns_too_narrow_for_their_words_are_refused() {
    let s = Scratch::new();
    s.write("case.toml", &minimal_with("", ""));
    for command in ["check", "render"] {
        run_in(
            s.dir.path(),
            &[command, "case.toml", "--var", "table_columns=60,149.52,60,123.96"],
        )
        .status(1)
        .stderr_has("error: setting `table_columns` makes column 1 of the header table too narrow for `Assigned:`")
        .stderr_has("hint: widen column 3 to at least 71.2 pt");
    }
    run_in(
        s.dir.path(),
        &[
            "check",
            "case.toml",
            "--var",
            "table_columns=64.5,149.52,71.2,123.96",
        ],
    )
    .success();
}

/// An overturned item whose rationale ended "Consequently, the request is denied." passed
/// the contradiction check, which did not read "denied" as a ruling.
#[test]
fn a_rationale_ending_the_request_is_denied_contradicts_overturned() {
    let s = Scratch::new();
    s.write(
        "case.toml",
        &minimal_with("decision = \"upheld\"", "decision = \"overturned\"").replace(
            "The request is not medically necessary.",
            "There are no red flags. Consequently, the request is denied.",
        ),
    );
    run_in(s.dir.path(), &["check", "case.toml"])
        .status(1)
        .stderr_has(
            "error: items[1] is overturned but its rationale concludes not medically necessary",
        );
}

/// A misspelt required key (`decison`) made the case unreadable: its errors hid every
/// other finding of the file (dates out of order, unknown words).
#[test]
fn a_misspelt_required_key_hides_no_other_finding() {
    let s = Scratch::new();
    s.write(
        "case.toml",
        &minimal_with("decision = \"upheld\"", "decison = \"upheld\"")
            .replace("ur_denial = 2016-11-01", "ur_denial = 2016-09-01")
            .replace("sustained an", "sustianed an"),
    );
    let r = run_in(s.dir.path(), &["check", "case.toml"]);
    r.status(1)
        .stderr_has("error: unknown field `decison`")
        .stderr_has("did you mean `decision`?")
        .stderr_has("error: dates out of order: ur_denial (2016-09-01) is before injury")
        .stderr_has("warning: unknown word `sustianed` in summary.text");
    assert!(
        !r.stderr.contains("missing field `decision`"),
        "{}",
        r.stderr
    );
}

/// A word cut by a soft hyphen or a combining grapheme joiner ("indus\u{AD}trial") gave,
/// besides the error at the character, a spelling warning for each half.
#[test]
fn a_word_cut_by_an_invisible_character_is_no_misspelling() {
    let r = check_with("industrial injury", "indus\u{ad}trial in\u{34f}jury");
    r.status(1)
        .stderr_has("soft hyphen (U+00AD) here")
        .stderr_has("combining grapheme joiner (U+034F) here");
    assert!(!r.stderr.contains("unknown word"), "{}", r.stderr);
}

/// An invisible character the fonts lack (a word joiner) was reported twice: as an
/// invisible character and as a glyph the font cannot draw.
#[test]
fn an_invisible_character_is_reported_once() {
    let r = check_with("Physical therapy", "Physical\u{2060} therapy");
    r.status(1).stderr_has("word joiner (U+2060) here");
    assert_eq!(r.stderr.matches("U+2060").count(), 2, "{}", r.stderr);
    assert!(!r.stderr.contains("cannot draw"), "{}", r.stderr);
}

/// A field of invisible characters only (`guideline = "\u{200B}"`) was reported empty,
/// then again as "a line of invisible characters ... prints as an empty paragraph".
#[test]
fn an_empty_field_is_not_also_an_empty_paragraph() {
    let r = check_with(
        "rationale = \"\"\"",
        "expert_reviewer = { mtus = [{ guideline = \"\u{200b}\u{a0}\", year = 2009 }] }\nrationale = \"\"\"",
    );
    r.status(1)
        .stderr_has("error: items[1].expert_reviewer.mtus[1].guideline is empty");
    assert!(!r.stderr.contains("empty paragraph"), "{}", r.stderr);
}

/// A control character written into a TOML string as it is (a raw form feed) gave the
/// TOML reader's "invalid multi-line basic string, expected `\`, characters".
#[test]
fn a_raw_control_character_in_a_case_file_is_named() {
    check_with("sustained an", "sustained an\u{c}")
        .status(1)
        .stderr_has("error: a control character, form feed (U+000C), in the case file")
        .stderr_has("--> case.toml:17:58");
}

/// An `[[accept]]` with a misspelt code, or the code of an error, said only "matches no
/// warning of this case" and that the text may have changed.
#[test]
fn an_acceptance_of_no_code_or_of_an_error_says_so() {
    let s = Scratch::new();
    s.write(
        "case.toml",
        &format!(
            "{}\n[[accept]]\ncode = \"text.date-befor-injury\"\nreason = \"r\"\n\n[[accept]]\ncode = \"case.date-order\"\nreason = \"r\"\n",
            minimal_with("", "")
        ),
    );
    run_in(s.dir.path(), &["check", "case.toml"])
        .status(0)
        .stderr_has("accept[1] names `text.date-befor-injury`, which is no code of imr-letters")
        .stderr_has("did you mean `text.date-before-injury`?")
        .stderr_has("an error cannot be accepted: correct the case");
}

// ---- Batches: never lose a file (issue 11) -------------------------------------------

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

#[test]
fn one_case_number_in_two_shards_is_caught_by_both() {
    let s = Scratch::new();
    // a.toml falls in share 2 of 2, b.toml in share 1 (SHA-256 of the name)
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000411"));
    s.write(
        "in/b.toml",
        &minimal_with("CM16-0000001", "CM16-0000411").replace("standard", "expedited"),
    );
    for (k, this, other) in [("1/2", "b", "a"), ("2/2", "a", "b")] {
        run_in(
            s.dir.path(),
            &["render", "in", "--out", "out", "--shard", k],
        )
        .status(1)
        .stderr_has(&format!(
            "case number `CM16-0000411` of `in/{this}.toml` is also in `in/{other}.toml`"
        ));
    }
    assert!(!s.path("out/CM16-0000411.txt").exists());
}

#[test]
fn a_name_pattern_many_cases_share_is_one_usage_error() {
    let s = Scratch::new();
    run_in(s.dir.path(), &["sample", "--count", "40", "--out", "in"]).success();
    let r = run_in(
        s.dir.path(),
        &["render", "in", "--out", "out", "--name", "{priority}"],
    );
    r.status(2)
        .stderr_has("40 case files share")
        .stderr_has("nothing was rendered");
    assert!(r.stderr.len() < 2000, "{} bytes of stderr", r.stderr.len());
    assert!(!s.path("out").exists() || std::fs::read_dir(s.path("out")).unwrap().count() == 0);
}

#[test]
fn a_file_size_limit_fails_the_cases_it_stops_and_kills_nothing() {
    let s = Scratch::new();
    two_cases(&s);
    // 8 KB: the text letters fit, the PDFs do not
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 8; exec '{}' render in --format text,pdf --out out",
            env!("CARGO_BIN_EXE_imr-letters")
        ))
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(stderr.contains("rendered 0 of 2 cases"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(s.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "partial files left: {left:?}");
}

/// `check … 2>&1 | head -1` closed stderr under the run, and the next message panicked
/// (exit 101); the run now ends with its own status, and a file name holding ESC prints as
/// marks.
#[test]
fn a_closed_stderr_ends_the_run_with_its_own_status() {
    let s = Scratch::new();
    two_cases(&s);
    s.write("in/bad.toml", "case_number = 1\n");
    for (args, status) in [
        (&["check", "in"][..], 1),
        (&["render", "in", "--out", "out", "--format", "text"], 1),
        (&["sample", "--count", "2", "--out", "samples"], 0),
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_imr-letters"))
            .args(args)
            .current_dir(s.dir.path())
            .stderr(writer)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(status), "{args:?}");
    }
    let escaped = "o\u{1b}[1m";
    let r = run_in(
        s.dir.path(),
        &["render", "in/a.toml", "--format", "text", "--out", escaped],
    );
    assert!(!r.stderr.contains('\u{1b}'), "{}", r.stderr);
    r.stderr_has("o\u{241b}[1m");
}

#[test]
fn writing_to_a_closed_stdout_is_an_error() {
    let s = Scratch::new();
    two_cases(&s);
    for args in [
        &["render", "in/a.toml"][..],
        &["schema"],
        &["completions", "bash"],
        &["check", "in/a.toml", "--format", "json"],
        &["templates", "list"],
        &["man"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_imr-letters"))
            .args(args)
            .current_dir(s.dir.path())
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("failed to write to stdout"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn inputs_that_are_not_regular_files_are_each_reported_and_the_rest_rendered() {
    use std::os::unix::ffi::OsStrExt;
    let s = Scratch::new();
    two_cases(&s);
    let fifo = s.path("in/x.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink(s.path("nowhere"), s.path("in/dangling.toml")).unwrap();
    std::fs::create_dir(s.path("in/dir.toml")).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"bad\xff.toml");
    std::fs::write(
        s.path("in").join(odd),
        minimal_with("CM16-0000001", "CM16-0000409"),
    )
    .unwrap();
    let r = run_in(s.dir.path(), &["render", "in", "--out", "out"]);
    r.status(1)
        .stderr_has("`in/x.toml` is a FIFO, not a case file")
        .stderr_has("`in/dangling.toml` is a symlink to nothing, not a case file")
        .stderr_has("`in/dir.toml` is a folder, not a case file")
        .stderr_has("is not UTF-8")
        .stderr_has("rendered 2 of 2 cases");
    run_in(
        s.dir.path(),
        &["render", "/dev/null", "in/a.toml", "--out", "o2"],
    )
    .status(1)
    .stderr_has("`/dev/null` is a device, not a case file")
    .stderr_has("rendered 1 of 1 case");
}

#[test]
fn a_font_or_word_list_at_a_device_is_refused_at_once() {
    let s = Scratch::new();
    two_cases(&s);
    run_in(
        s.dir.path(),
        &["render", "in/a.toml", "--var", "body_font=/dev/zero"],
    )
    .status(2)
    .stderr_has("failed to read font `/dev/zero`")
    .stderr_has("a device, not a regular file");
    run_in(
        s.dir.path(),
        &["check", "in/a.toml", "--words", "/dev/zero"],
    )
    .status(2)
    .stderr_has("a device, not a regular file");
}

#[test]
fn too_many_threads_is_a_usage_error() {
    let s = Scratch::new();
    two_cases(&s);
    run_in(
        s.dir.path(),
        &["render", "in", "--out", "out", "-j", "100000"],
    )
    .status(2)
    .stderr_has("`-j 100000` is too many threads");
    assert!(!s.path("out").exists());
}

#[test]
fn a_long_line_with_many_misspellings_prints_only_excerpts_of_it() {
    let s = Scratch::new();
    let words: Vec<String> = (0..2000).map(|i| format!("xqzv{}", i % 26 + 10)).collect();
    let line = words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{w}{}", char::from(b'a' + (i % 26) as u8)))
        .collect::<Vec<_>>()
        .join(" ");
    s.write(
        "long.toml",
        &minimal_with(
            "[summary]\ntext = \"\"\"\n",
            &format!("[summary]\ntext = \"\"\"\n{line}\n"),
        ),
    );
    let r = run_in(s.dir.path(), &["check", "long.toml"]);
    r.stderr_has("warnings");
    let longest = r.stderr.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "a printed line of {longest} characters");
}

#[test]
fn bash_completes_past_the_first_word() {
    let s = Scratch::new();
    let script = run_in(s.dir.path(), &["completions", "bash"])
        .success()
        .stdout
        .clone();
    s.write("complete.bash", &script);
    let probe = r#"source ./complete.bash
try() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _imr__letters imr-letters "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; echo "${COMPREPLY[*]}"; }
try imr-letters ren
try imr-letters render --form
try imr-letters templates ex
try imr-letters check --deny"#;
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(probe)
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(
        lines,
        ["render", "--format", "export", "--deny-warnings"],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_man_page_has_exit_status_environment_examples_and_the_version() {
    for entry in std::fs::read_dir(crate::support::root().join("man")).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap();
        for section in [
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH EXAMPLES",
            ".SH VERSION",
        ] {
            assert!(page.contains(section), "{} lacks {section}", path.display());
        }
        assert!(
            page.contains(env!("CARGO_PKG_VERSION")),
            "{}",
            path.display()
        );
    }
}

// ---- end of the batch block (issue 11) ------------------------------------------------

// ---- The mailed edition's files, combine DIR (issue 11) --------------------------------

/// `render --edition mailed` of the bundled packet into `out`, with `more` arguments.
fn render_mailed(s: &Scratch, more: &[&str]) -> crate::support::Run {
    let case = crate::support::root().join("cases/mailed-packet.toml");
    let templates = crate::support::root().join("examples/mailing");
    let mut args = vec![
        "render",
        case.to_str().unwrap(),
        "--edition",
        "mailed",
        "--templates",
        templates.to_str().unwrap(),
        "--format",
        "pdf",
        "--out",
        "out",
    ];
    args.extend_from_slice(more);
    run_in(s.dir.path(), &args)
}

/// A killed mailed run left its copies' temporary files (`.<name>-<role>.pdf.<pid>.partial`)
/// and the manifest's for good: the next run removed only those of `<name>.<ext>`.
#[test]
fn a_killed_mailed_runs_temporary_copies_and_manifest_are_removed() {
    let s = Scratch::new();
    for left in [
        "out/.CM17-0104417-employee.pdf.4242.partial",
        "out/.mailing-manifest.csv.4242.partial",
        "out/.print.pdf.4242.partial",
        "out/.report.json.4242.partial",
        "out/.CM99-0000001.pdf.4242.partial",
    ] {
        s.write(left, "cut short");
    }
    render_mailed(
        &s,
        &["--combine", "out/print.pdf", "--report", "out/report.json"],
    )
    .success();
    let mut left: Vec<String> = std::fs::read_dir(s.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    left.sort();
    // another run's temporary file (a case this run does not render) is kept
    assert_eq!(left, [".CM99-0000001.pdf.4242.partial"]);
}

/// The mailing manifest was renamed over whatever `out/mailing-manifest.csv` was: a file
/// imr-letters did not write, or one the run reads (a word list).
#[test]
fn the_mailing_manifest_is_not_written_over_a_file_imr_letters_did_not_write() {
    let s = Scratch::new();
    s.write("out/mailing-manifest.csv", "my own list\n");
    render_mailed(&s, &[])
        .status(2)
        .stderr_has("`out/mailing-manifest.csv` exists and imr-letters did not write it; the mailing manifest would replace it");
    assert_eq!(s.read("out/mailing-manifest.csv"), "my own list\n");
    assert!(
        !s.path("out/CM17-0104417-employee.pdf").exists(),
        "nothing rendered"
    );
    render_mailed(&s, &["--words", "out/mailing-manifest.csv", "--force"])
        .status(2)
        .stderr_has("the mailing manifest `out/mailing-manifest.csv` would overwrite `out/mailing-manifest.csv`, which the run reads");
    render_mailed(&s, &["--force"]).success();
    assert!(
        s.read("out/mailing-manifest.csv")
            .starts_with("case,role,name,")
    );
    // its own manifest (the journal records it) is written again without --force
    std::fs::remove_file(s.path("out/CM17-0104417-employee.pdf")).unwrap();
    render_mailed(&s, &[])
        .success()
        .stderr_has("listed 5 mailed copies in out/mailing-manifest.csv");
}

/// Shards of a mailed run into one folder each wrote `mailing-manifest.csv`, the last
/// replacing the others' rows with its own share.
#[test]
fn shards_of_a_mailed_run_keep_each_others_manifest() {
    let s = Scratch::new();
    for k in ["1/2", "2/2"] {
        render_mailed(&s, &["--shard", k]).success();
    }
    let rows = |k: &str| {
        let text = s.read(&format!("out/mailing-manifest-{k}-of-2.csv"));
        text.lines().count() - 1
    };
    assert_eq!(rows("1") + rows("2"), 5);
    assert!(!s.path("out/mailing-manifest.csv").exists());
}

/// `render --report` and `--combine` were renamed over any file of their names, one that
/// imr-letters did not write included.
#[test]
fn the_report_and_print_file_are_not_written_over_a_file_imr_letters_did_not_write() {
    let s = Scratch::new();
    two_cases(&s);
    s.write("notes.json", "mine\n");
    s.write("print.pdf", "%PDF-1.7 mine\n");
    let args = ["render", "in", "--format", "pdf", "--out", "out"];
    for (flag, file) in [("--report", "notes.json"), ("--combine", "print.pdf")] {
        run_in(s.dir.path(), &[&args[..], &[flag, file]].concat())
            .status(2)
            .stderr_has(&format!(
                "`{file}` exists and imr-letters did not write it; {flag} would replace it"
            ));
    }
    assert_eq!(s.read("notes.json"), "mine\n");
    assert_eq!(s.read("print.pdf"), "%PDF-1.7 mine\n");
    assert!(!s.path("out/CM16-0000401.pdf").exists(), "nothing rendered");
    // with --force; then, being imr-letters', they are written again without it
    let own = ["--report", "notes.json", "--combine", "print.pdf"];
    run_in(s.dir.path(), &[&args[..], &own, &["--force"]].concat()).success();
    run_in(s.dir.path(), &[&args[..], &own].concat()).success();
}

/// `combine DIR` of a mailed folder printed the copies in file name order (each case's
/// copies together), not in mailing order by ZIP code as `render --combine` does.
#[test]
fn combine_prints_a_mailed_folder_in_mailing_order() {
    let s = Scratch::new();
    render_mailed(&s, &["--combine", "one.pdf"]).success();
    run_in(s.dir.path(), &["combine", "out", "--out", "again.pdf"]).success();
    assert!(
        std::fs::read(s.path("again.pdf")).unwrap() == std::fs::read(s.path("one.pdf")).unwrap()
    );
}

// ---- end of the mailed files block (issue 11) -----------------------------------------

// ---- Folders, the closing summary (issue 11, brief A) ----------------------------------

/// `render tree` rendered the one case directly in `tree` and skipped the two in its
/// subfolders without a word.
#[test]
fn a_folder_whose_subfolders_hold_cases_says_they_are_not_read() {
    let s = Scratch::new();
    s.write("tree/a.toml", &minimal_with("CM16-0000001", "CM16-0000601"));
    s.write(
        "tree/x/b.toml",
        &minimal_with("CM16-0000001", "CM16-0000602"),
    );
    s.write(
        "tree/x/y/c.toml",
        &minimal_with("CM16-0000001", "CM16-0000603"),
    );
    run_in(s.dir.path(), &["render", "tree", "--out", "out"])
        .success()
        .stderr_has("warning: 2 case files in 2 subfolders of `tree` are not read")
        .stderr_has("add --recursive (-r)")
        .stderr_has("rendered 1 of 1 case");
    run_in(s.dir.path(), &["render", "-r", "tree", "--out", "out"])
        .success()
        .stderr_has("rendered 2 of 3 cases, 1 skipped");
    assert!(s.path("out/CM16-0000603.txt").is_file());
}

/// A run with failures ended on its counts: the failed cases had to be found again among
/// the messages above.
#[test]
fn a_run_with_failures_ends_with_the_failed_cases() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000611"));
    s.write(
        "in/b.toml",
        &minimal_with("CM16-0000001", "CM16-0000612").replace("\"upheld\"", "\"maybe\""),
    );
    let r = run_in(s.dir.path(), &["render", "in", "--out", "out"]);
    r.status(1);
    assert!(
        r.stderr.ends_with("1 case failed:\n  in/b.toml\n"),
        "{}",
        r.stderr
    );
}
