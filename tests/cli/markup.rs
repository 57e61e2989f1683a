//! Case text is data: markup and template syntax in a case print exactly as written.

use crate::support::run;

#[test]
fn markup_and_template_syntax_in_case_text_print_as_written() {
    let r = run(&[
        "render",
        "tests/fixtures/cases/injection.toml",
        "--wrap",
        "none",
    ]);
    r.success();
    for expected in [
        "# not a heading {{ case_number }} {% if x %} **not bold** <b>not html</b> &amp; | a | b |",
        "1. not a list",
        "- not a bullet",
        "> not a quote",
        "not code `not code` [not](a link) ![not](an image) \\ backslash *x* _y_ ~~z~~",
        "Naproxen 550mg #60:  Overturned",
        "Decision rationale: 1. First point.  Two spaces kept.",
        "- Second point: {{ x }} and {# y #}.",
        "Certification(s)/Specialty: Physical Medicine & Rehabilitation",
    ] {
        assert!(
            r.stdout.lines().any(|l| l == expected),
            "no line {expected:?} in:\n{}",
            r.stdout
        );
    }
    r.stdout_has("Decision based on Non-MTUS Citation <i>ODG</i> *Pain* #1.");
}

#[test]
fn markup_looking_text_keeps_its_place_in_printed_lines() {
    // Printed with the real line breaks, the same text still appears unaltered.
    let r = run(&["render", "tests/fixtures/cases/injection.toml"]);
    r.success()
        .stdout_has("Naproxen 550mg #60:  Overturned")
        .stdout_has("<b>not html</b> &amp;");
}
