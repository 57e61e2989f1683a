//! `check --templates DIR`: every template compiles, each letter section renders against
//! the cases given (or the built-in sample case), undefined variables and filter errors
//! are reported at the template's own file and line, and an override exported by another
//! version is flagged as possibly stale.

use crate::support::{Scratch, fixture, run_in};

fn minimal() -> String {
    fixture("cases/minimal.toml").display().to_string()
}

#[test]
fn an_undefined_variable_is_reported_at_the_template_line_without_any_case() {
    let s = Scratch::new();
    s.write(
        "tpl/summary.md",
        "# CLINICAL CASE SUMMARY\n\n{{ summry }}\n",
    );
    run_in(s.dir.path(), &["check", "--templates", "tpl"])
        .status(1)
        .stderr_has(
            "error: failed to render section `summary.md`: Variable `summry` is not defined",
        )
        .stderr_has("--> tpl/summary.md:3:4")
        .stderr_has("3 | {{ summry }}")
        .stderr_has("while rendering case `built-in sample case`")
        .stderr_has("checked 0 cases and the template folder: 1 error, 0 warnings");
}

#[test]
fn a_failing_filter_is_reported_once_for_all_the_cases_that_show_it() {
    let s = Scratch::new();
    s.write(
        "tpl/determination.md",
        "Decided on {{ dates.decision | date(format=\"%Q\") }}.\n",
    );
    let seed = crate::support::root().join("cases/seed-letter.toml");
    let r = run_in(
        s.dir.path(),
        &[
            "check",
            &minimal(),
            &seed.display().to_string(),
            "--templates",
            "tpl",
        ],
    );
    r.status(1)
        .stderr_has("unknown date format `%Q`")
        .stderr_has("--> tpl/determination.md:1:32")
        .stderr_has("and 1 more case");
    assert_eq!(
        r.stderr.matches("unknown date format").count(),
        1,
        "{}",
        r.stderr
    );
}

#[test]
fn every_template_that_does_not_compile_is_reported_and_the_others_still_render() {
    let s = Scratch::new();
    s.write("tpl/item.md", "{% if %}\n");
    s.write("tpl/summary.md", "{{ oops \n");
    s.write("tpl/header.md", "{{ case_numbr }}\n");
    run_in(s.dir.path(), &["check", &minimal(), "--templates", "tpl"])
        .status(1)
        .stderr_has("--> tpl/item.md:1:7")
        .stderr_has("--> tpl/summary.md:1:4")
        .stderr_has("Variable `case_numbr` is not defined")
        .stderr_has("--> tpl/header.md:1:4")
        .stderr_has("checked 1 case and the template folder: 3 errors, 0 warnings");
}

#[test]
fn an_override_exported_by_another_version_is_flagged_as_stale() {
    let s = Scratch::new();
    run_in(s.dir.path(), &["templates", "export", "tpl"]).success();
    run_in(s.dir.path(), &["check", "--templates", "tpl"])
        .status(0)
        .stderr_has("0 errors, 0 warnings");
    let item = s.read("tpl/item-line.md");
    let stamp = format!("imr-letters {} built-in", env!("CARGO_PKG_VERSION"));
    s.write(
        "tpl/item-line.md",
        &item
            .replacen(&stamp, "imr-letters 0.0.1 built-in", 1)
            .replacen("{{ item.request }}", "{{ item.requested }}", 1),
    );
    let r = run_in(s.dir.path(), &["check", "--templates", "tpl"]);
    r.status(1)
        .stderr_has(&format!(
            "warning: `tpl/item-line.md` was exported from imr-letters 0.0.1; this is {}",
            env!("CARGO_PKG_VERSION")
        ))
        .stderr_has("--> tpl/item-line.md:1:17")
        .stderr_has("the override may be stale")
        .stderr_has("Field `requested` is not defined")
        .stderr_has("--> tpl/item-line.md:7:199")
        .stderr_has(
            "this override was exported from another version of imr-letters and may be stale",
        );
}

#[test]
fn a_bad_setting_is_still_a_usage_error() {
    let s = Scratch::new();
    run_in(
        s.dir.path(),
        &["check", &minimal(), "--var", "wording=2017"],
    )
    .status(2)
    .stderr_has("expected one of: seed, 2016");
}
