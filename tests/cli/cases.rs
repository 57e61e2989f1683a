//! Every example in `cases/` renders, and its text matches the reviewed golden copy in
//! `tests/golden/` (set UPDATE_GOLDEN=1 to rewrite them after a deliberate change).

use crate::support::{Scratch, root, run};

fn bundled_cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(root().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    cases.sort();
    assert!(
        !cases.is_empty(),
        "cases/ should hold the seed case and examples"
    );
    cases
}

#[test]
fn every_bundled_case_checks_and_renders() {
    let scratch = Scratch::new();
    let out = scratch.path("out");
    let out = out.to_str().unwrap();
    run(&["check", "cases"]).success();
    run(&["render", "cases", "--out", out]).success();
    for case in bundled_cases() {
        let text = std::fs::read_to_string(root().join("cases").join(&case)).unwrap();
        let number = text
            .lines()
            .find_map(|l| l.strip_prefix("case_number = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{case} has no case_number line"));
        let letter = scratch.read(&format!("out/{number}.txt"));
        assert!(
            letter.contains("HOW THE IMR FINAL DETERMINATION WAS MADE"),
            "{case}"
        );
        assert!(
            letter.contains(number),
            "{case}: the header table names the case"
        );
    }
}

#[test]
fn bundled_cases_match_their_golden_text() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for case in bundled_cases() {
        let r = run(&["render", &format!("cases/{case}")]);
        r.success();
        let golden = root()
            .join("tests/golden")
            .join(case.replace(".toml", ".txt"));
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &r.stdout).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == r.stdout => {}
            Ok(_) => stale.push(format!("{case}: output differs from {}", golden.display())),
            Err(_) => stale.push(format!("{case}: no golden file {}", golden.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n(rerun with UPDATE_GOLDEN=1 after checking the change)",
        stale.join("\n")
    );
}

#[test]
fn seed_case_prints_the_seed_letters_item() {
    let r = run(&["render", "cases/seed-letter.toml"]);
    r.success()
        .stdout_has("Whole body bone scan:  Upheld")
        .stdout_has("The Claims Administrator did not base their decision on the")
        .stdout_has("State(s) of Licensure: California, North Carolina");
    assert!(
        r.stdout.contains('\u{c}'),
        "a two-page letter has a form feed"
    );
}

#[test]
fn bundled_markup_lookalikes_print_as_written() {
    let r = run(&["render", "cases/all-overturned.toml", "--wrap", "none"]);
    r.success();
    for literal in [
        "**worse at night**, {{ cannot kneel }}, <b>locks twice a week</b>.",
        "The record documents: 1. locking and catching twice a week; - a positive McMurray",
        "; > a complex tear of the posterior horn",
        "Post-operative physical therapy #12 was the original request.",
    ] {
        assert!(
            r.stdout.contains(literal),
            "missing {literal:?}:\n{}",
            r.stdout
        );
    }
    assert_eq!(r.stdout.matches(":  Overturned").count(), 3);
    assert!(!r.stdout.contains("Upheld"));
}

#[test]
fn the_long_bundled_letter_splits_paragraphs_across_four_pages() {
    let r = run(&["render", "cases/long-letter.toml"]);
    r.success();
    let pages: Vec<&str> = r.stdout.split('\u{c}').collect();
    assert_eq!(pages.len(), 4, "{}", r.stdout);
    for (i, page) in pages.iter().enumerate() {
        let lines = page.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(lines <= 46, "page {} holds {lines} lines", i + 1);
    }
}
