//! Page furniture as templates: a letterhead with the logo and several lines on page 1
//! (the letter below it), a running header and a two-line footer from their templates,
//! with the page number, page count and case number; compared whole with golden copies,
//! and listed, exported and overridden like the other templates.

use crate::cases::{against_golden, assert_fresh, pdf_summary};
use crate::support::{Scratch, root, run, run_in};

/// The example design in tests/fixtures/letterhead, rendered for a bundled case.
fn render_with_letterhead(s: &Scratch, case: &str) -> (String, Vec<u8>) {
    let templates = root().join("tests/fixtures/letterhead");
    let out = s.path("out");
    run(&[
        "render",
        root().join("cases").join(case).to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "--format",
        "text,pdf",
        "--out",
        out.to_str().unwrap(),
    ])
    .success();
    let number = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let pdf = std::fs::read(&number).unwrap();
    let text = std::fs::read_to_string(number.with_extension("txt")).unwrap();
    (text, pdf)
}

/// How many images each page of a PDF draws.
fn images_per_page(pdf: &[u8]) -> Vec<usize> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let content = doc.get_page_content(*id);
            let ops = lopdf::content::Content::decode(&content)
                .unwrap()
                .operations;
            ops.iter().filter(|op| op.operator == "Do").count()
        })
        .collect()
}

#[test]
fn a_letterhead_running_header_and_footer_from_templates_match_their_golden_copies() {
    let mut stale = Vec::new();
    for case in ["long-letter.toml", "seed-letter.toml"] {
        let s = Scratch::new();
        let (text, pdf) = render_with_letterhead(&s, case);
        let name = case.trim_end_matches(".toml");
        against_golden(&format!("letterhead/{name}.txt"), &text, &mut stale);
        against_golden(
            &format!("letterhead/{name}.pdf.txt"),
            &pdf_summary(&pdf),
            &mut stale,
        );
        let images = images_per_page(&pdf);
        assert_eq!(
            images[0], 1,
            "{case}: the logo is drawn once, in the letterhead"
        );
        assert!(images[1..].iter().all(|n| *n == 0), "{case}: {images:?}");
    }
    assert_fresh(&stale);
}

#[test]
fn the_letter_starts_below_the_letterhead_on_page_one_only() {
    let s = Scratch::new();
    let (with, _) = render_with_letterhead(&s, "long-letter.toml");
    let plain = run(&[
        "render",
        root().join("cases/long-letter.toml").to_str().unwrap(),
    ]);
    let plain = plain.success().stdout.clone();
    let first = |t: &str| t.split('\u{c}').next().unwrap().to_string();
    // the letterhead's four lines and a blank line stand above the header table
    let page1 = first(&with);
    let lines: Vec<&str> = page1.lines().collect();
    assert_eq!(lines[0].trim(), "MAXIMUS Federal Services");
    assert_eq!(lines[4], "");
    assert!(lines[5].starts_with("Case Number:"), "{page1}");
    // page 1 holds fewer lines of the letter than without a letterhead
    let body = |t: &str| {
        t.lines()
            .filter(|l| {
                !l.trim().is_empty()
                    && !l.contains("Page ")
                    && !l.contains("Final Determination Letter for")
            })
            .count()
    };
    assert!(body(&page1) - 4 < body(&first(&plain)), "{page1}");
    // pages 2 and on open with the running header, as the template words it
    for (i, page) in with.split('\u{c}').enumerate().skip(1) {
        let top = page.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert!(
            top.trim().ends_with(&format!("| Page {} of 4", i + 1)),
            "page {}: {top}",
            i + 1
        );
    }
}

#[test]
fn furniture_templates_are_listed_exported_and_overridden() {
    let s = Scratch::new();
    let list = run_in(s.dir.path(), &["templates", "list"])
        .success()
        .stdout
        .clone();
    for file in ["letterhead.md", "running-header.md", "footer.md"] {
        let line = list
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("{list}"));
        assert!(line.contains("furniture"), "{line}");
    }
    run_in(s.dir.path(), &["templates", "export", "tpl"]).success();
    for file in ["letterhead.md", "running-header.md", "footer.md"] {
        assert!(
            s.path(&format!("tpl/{file}")).is_file(),
            "{file} not exported"
        );
    }
    // the exported built-ins still follow the old settings
    let case = root().join("cases/long-letter.toml");
    let case = case.to_str().unwrap();
    let footer = "--var=footer=Page {page} of {pages}";
    let builtin = run_in(s.dir.path(), &["render", case, footer])
        .success()
        .stdout
        .clone();
    let exported = run_in(
        s.dir.path(),
        &["render", case, footer, "--templates", "tpl"],
    );
    assert_eq!(builtin, exported.success().stdout);
    assert!(builtin.contains("Page 4 of 4"), "{builtin}");
    // an override of one furniture template changes that, and only that
    s.write(
        "tpl/footer.md",
        "{{ case_number }}: {{ page }}/{{ pages }}\n",
    );
    let custom = run_in(
        s.dir.path(),
        &["render", case, footer, "--templates", "tpl"],
    );
    let custom = custom.success().stdout.clone();
    assert!(custom.contains("CM17-0100003: 4/4"), "{custom}");
    assert!(!custom.contains("Page 4 of 4"), "{custom}");
    assert_eq!(custom.lines().count(), builtin.lines().count());
    for (a, b) in builtin.lines().zip(custom.lines()).filter(|(a, b)| a != b) {
        assert!(
            a.trim().starts_with("Page ") && b.trim().starts_with("CM17-0100003: "),
            "only the footers differ: {a:?} / {b:?}"
        );
    }
}
