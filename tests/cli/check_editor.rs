//! Editor and shell support: the JSON Schema of the case format (committed beside the
//! bundled cases, which name it in a `#:schema` line), shell completions and the man page
//! (committed as `man/imr-letters.1`; `UPDATE_GOLDEN=1 cargo test` rewrites both files).

use crate::support::{root, run};

/// Compares a committed file with what the binary prints, or rewrites it.
fn committed_equals(rel: &str, printed: &str) {
    let path = root().join(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, printed).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == printed,
        "{rel} is out of date: rerun with UPDATE_GOLDEN=1 after checking the change"
    );
}

#[test]
fn the_committed_schema_is_what_the_binary_prints() {
    let r = run(&["schema"]);
    r.success();
    committed_equals("cases/case.schema.json", &r.stdout);
    let schema: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        ["case_number", "dates", "reviewer", "summary", "items"]
    );
    let defs = &schema["definitions"];
    for table in [
        "Dates",
        "Reviewer",
        "Summary",
        "Item",
        "GuidelineBasis",
        "MtusPart",
        "Modified",
        "Parties",
        "Party",
    ] {
        assert_eq!(defs[table]["additionalProperties"], false, "{table}");
    }
    assert_eq!(defs["CalendarDate"]["format"], "date");
    let decisions: Vec<&serde_json::Value> = defs["Decision"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["const"])
        .collect();
    assert_eq!(decisions, ["upheld", "overturned"]);
    assert!(!r.stdout.contains("null"), "TOML has no null");
}

#[test]
fn every_bundled_case_names_the_schema() {
    for entry in std::fs::read_dir(root().join("cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("#:schema ./case.schema.json\n"),
                "{} lacks the #:schema line",
                path.display()
            );
        }
    }
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _imr__letters"),
        ("zsh", "#compdef imr-letters"),
        ("fish", "complete -c imr-letters"),
    ] {
        let r = run(&["completions", shell]);
        r.success().stdout_has(marker).stdout_has("deny-warnings");
    }
    run(&["completions", "tcsh"]).status(2);
}

#[test]
fn the_committed_man_pages_are_what_the_binary_prints() {
    let r = run(&["man"]);
    r.success()
        .stdout_has(".TH imr-letters 1")
        .stdout_has("imr\\-letters\\-check(1)");
    committed_equals("man/imr-letters.1", &r.stdout);
    let mut expected = vec!["imr-letters.1".to_string()];
    for page in [
        "render",
        "check",
        "watch",
        "templates",
        "templates-list",
        "templates-export",
        "schema",
        "completions",
        "man",
        "sample",
        "combine",
    ] {
        let r = run(&["man", page]);
        r.success().stdout_has(&format!(".TH imr-letters-{page} 1"));
        let file = format!("imr-letters-{page}.1");
        committed_equals(&format!("man/{file}"), &r.stdout);
        expected.push(file);
    }
    run(&["man", "check"]).stdout_has("deny\\-warnings");
    let mut committed: Vec<String> = std::fs::read_dir(root().join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    expected.sort();
    assert_eq!(
        committed, expected,
        "man/ holds exactly the generated pages"
    );
    run(&["man", "nope"])
        .status(2)
        .stderr_has("no manual page `imr-letters-nope.1`");
}

#[test]
fn the_readme_lists_every_diagnostic_code() {
    let r = run(&["check", "--list-codes"]);
    r.success();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (start, end) = ("<!-- codes -->\n", "<!-- /codes -->");
    let from = readme.find(start).expect("the README has a codes table") + start.len();
    let to = readme[from..].find(end).expect("the codes table ends") + from;
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let updated = format!("{}{}{}", &readme[..from], r.stdout, &readme[to..]);
        std::fs::write(root().join("README.md"), updated).unwrap();
        return;
    }
    assert!(
        readme[from..to] == r.stdout,
        "the README's codes table differs from `check --list-codes`: rerun with UPDATE_GOLDEN=1"
    );
}
