//! Every example in `cases/` renders, and its text letter and what its PDF holds (fonts
//! and text) match the reviewed golden copies in `tests/golden/` (set UPDATE_GOLDEN=1 to
//! rewrite them after a deliberate change).

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

/// A bundled case's number, from its `case_number` line.
fn case_number(case: &str) -> String {
    let text = std::fs::read_to_string(root().join("cases").join(case)).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("case_number = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{case} has no case_number line"))
        .to_string()
}

#[test]
fn every_bundled_case_checks_and_renders() {
    let scratch = Scratch::new();
    let out = scratch.path("out");
    let out = out.to_str().unwrap();
    run(&["check", "cases"]).success();
    run(&["render", "cases", "--out", out]).success();
    for case in bundled_cases() {
        let number = &case_number(&case);
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

/// Compares `actual` with the golden file `name` (or rewrites it under UPDATE_GOLDEN);
/// a difference is added to `stale`.
pub fn against_golden(name: &str, actual: &str, stale: &mut Vec<String>) {
    let golden = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(&golden) {
        Ok(expected) if expected == actual => {}
        Ok(_) => stale.push(format!("output differs from {}", golden.display())),
        Err(_) => stale.push(format!("no golden file {}", golden.display())),
    }
}

pub fn assert_fresh(stale: &[String]) {
    assert!(
        stale.is_empty(),
        "{}\n(rerun with UPDATE_GOLDEN=1 after checking the change)",
        stale.join("\n")
    );
}

#[test]
fn bundled_cases_match_their_golden_text() {
    let mut stale = Vec::new();
    for case in bundled_cases() {
        let r = run(&["render", &format!("cases/{case}")]);
        r.success();
        against_golden(&case.replace(".toml", ".txt"), &r.stdout, &mut stale);
    }
    assert_fresh(&stale);
}

/// Guards the PDF writer (and any printpdf upgrade): per bundled case, the pages, every
/// font (subset name, the glyphs it maps, its program's size) and each page's text as a
/// reader extracts it through the `/ToUnicode` maps.
#[test]
fn bundled_cases_match_their_golden_pdf_fonts_and_text() {
    let scratch = Scratch::new();
    let out = scratch.path("out");
    run(&[
        "render",
        "cases",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ])
    .success();
    let mut stale = Vec::new();
    for case in bundled_cases() {
        let bytes = std::fs::read(out.join(format!("{}.pdf", case_number(&case)))).unwrap();
        against_golden(
            &case.replace(".toml", ".pdf.txt"),
            &pdf_summary(&bytes),
            &mut stale,
        );
    }
    assert_fresh(&stale);
}

/// What a PDF letter holds, as text: its fonts and each page's extracted text.
pub fn pdf_summary(bytes: &[u8]) -> String {
    use lopdf::{Document, Object};
    let doc = Document::load_mem(bytes).expect("a PDF lopdf reads");
    let mut out = String::new();
    let pages = doc.get_pages();
    out += &format!("pages: {}\n", pages.len());
    let mut fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has_type(b"Font") && d.get(b"DescendantFonts").is_ok())
        .map(|d| {
            let name = String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap());
            let descendant = match d.get(b"DescendantFonts").unwrap() {
                Object::Array(a) => doc.dereference(&a[0]).unwrap().1.as_dict().unwrap(),
                other => panic!("DescendantFonts is {other:?}"),
            };
            let widths = match descendant.get(b"W") {
                Ok(Object::Array(w)) => w
                    .iter()
                    .filter_map(|o| o.as_array().ok())
                    .map(Vec::len)
                    .sum::<usize>(),
                _ => 0,
            };
            let descriptor = doc
                .dereference(descendant.get(b"FontDescriptor").unwrap())
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            let program = doc
                .dereference(descriptor.get(b"FontFile2").unwrap())
                .unwrap()
                .1
                .as_stream()
                .unwrap();
            let length = program.dict.get(b"Length1").unwrap().as_i64().unwrap();
            format!(
                "font: {name} {}, {widths} glyph widths, program {length} bytes\n",
                String::from_utf8_lossy(descendant.get(b"Subtype").unwrap().as_name().unwrap())
            )
        })
        .collect();
    fonts.sort();
    out.extend(fonts);
    for number in pages.keys() {
        out += &format!("--- page {number}\n");
        out += &doc.extract_text(&[*number]).expect("text extracts");
    }
    out
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
