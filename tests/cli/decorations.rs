//! Page furniture from the settings: footer, running header, `--draft` watermark and the
//! logo. Off in the built-in settings; each one on by a setting, and a bad value refused.

use std::process::Command;

use crate::support::{Scratch, run, run_in};

/// Renders a bundled case as PDF into `out` inside the scratch folder, with one setting.
fn render_pdf(s: &Scratch, case: &str, out: &str, var: &str) -> crate::support::Run {
    let case = crate::support::root().join("cases").join(case);
    run_in(
        s.dir.path(),
        &[
            "render",
            case.to_str().unwrap(),
            "--format",
            "pdf",
            "--out",
            out,
            "--var",
            var,
        ],
    )
}

fn pages_of(text: &str) -> Vec<&str> {
    text.split('\u{c}').collect()
}

#[test]
fn footer_and_running_header_follow_their_patterns() {
    let r = run(&[
        "render",
        "cases/long-letter.toml",
        "--var",
        "footer=Page {page} of {pages}",
        "--var",
        "running_header=Case {case_number}",
    ]);
    r.success();
    let pages = pages_of(&r.stdout);
    assert_eq!(pages.len(), 4);
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of 4", i + 1);
        assert_eq!(
            page.trim_end().lines().last().map(str::trim),
            Some(footer.as_str())
        );
        let first = page.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(
            first.trim() == "Case CM17-0100003",
            i > 0,
            "page {}: {first}",
            i + 1
        );
    }
    // the furniture sits in the margins: the body's page breaks do not move
    let plain = run(&["render", "cases/long-letter.toml"]);
    let body = |t: &str| -> Vec<usize> {
        pages_of(t)
            .iter()
            .map(|p| p.lines().filter(|l| !l.trim().is_empty()).count())
            .collect()
    };
    let with: Vec<usize> = body(&r.stdout)
        .iter()
        .enumerate()
        .map(|(i, n)| n - 1 - usize::from(i > 0))
        .collect();
    assert_eq!(with, body(&plain.stdout));
}

#[test]
fn an_unknown_placeholder_is_a_configuration_error() {
    run(&[
        "render",
        "cases/seed-letter.toml",
        "--var",
        "footer=Page {page} of {total}",
    ])
    .status(2)
    .stderr_has("bad value for setting `footer`")
    .stderr_has("`{total}` is not a placeholder")
    .stderr_has("{page}, {pages} and {case_number}");
}

#[test]
fn draft_marks_every_page_of_the_pdf_and_nothing_else() {
    let s = Scratch::new();
    let case = crate::support::root().join("cases/long-letter.toml");
    let case = case.to_str().unwrap();
    run_in(
        s.dir.path(),
        &["render", case, "--format", "text,pdf", "--out", "plain"],
    )
    .success();
    run_in(
        s.dir.path(),
        &[
            "render", case, "--format", "text,pdf", "--out", "draft", "--draft",
        ],
    )
    .success();
    assert_eq!(
        s.read("plain/CM17-0100003.txt"),
        s.read("draft/CM17-0100003.txt"),
        "the watermark is not text of the letter"
    );
    let plain = std::fs::read(s.path("plain/CM17-0100003.pdf")).unwrap();
    let draft = std::fs::read(s.path("draft/CM17-0100003.pdf")).unwrap();
    assert_ne!(plain, draft);
    // every page of the draft, and none of the plain letter, fills grey text turned
    // across the page before its own text
    let turned = |bytes: &[u8]| -> Vec<bool> {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        doc.get_pages()
            .values()
            .map(|id| {
                let content = String::from_utf8_lossy(&doc.get_page_content(*id)).into_owned();
                content.contains("0.85 0.85 0.85 rg\nBT\n")
                    && content
                        .lines()
                        .any(|l| l.ends_with(" Tm") && !l.starts_with("1 0 0 1 "))
            })
            .collect()
    };
    assert_eq!(turned(&draft), [true; 4]);
    assert_eq!(turned(&plain), [false; 4]);
}

/// A small RGBA PNG, 40 x 10 pixels.
fn logo_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 40, 10);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..400u32)
        .flat_map(|i| [(i % 256) as u8, 40, 120, 200])
        .collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn the_logo_setting_draws_an_image_on_page_one() {
    let s = Scratch::new();
    std::fs::write(s.path("logo.png"), logo_png()).unwrap();
    render_pdf(&s, "long-letter.toml", "out", "logo=logo.png").success();
    let pdf = s.path("out/CM17-0100003.pdf");
    if let Ok(out) = Command::new("pdfimages").arg("-list").arg(&pdf).output() {
        let list = String::from_utf8_lossy(&out.stdout);
        let rows: Vec<&str> = list.lines().skip(2).collect();
        // the image and its alpha mask, both on page 1
        assert_eq!(rows.len(), 2, "{list}");
        assert!(
            rows.iter()
                .all(|r| r.split_whitespace().next() == Some("1")),
            "{list}"
        );
        assert!(rows[0].split_whitespace().nth(3) == Some("40"), "{list}");
    }
    // the same inputs give the same bytes
    render_pdf(&s, "long-letter.toml", "again", "logo=logo.png").success();
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        std::fs::read(s.path("again/CM17-0100003.pdf")).unwrap()
    );
}

#[test]
fn a_logo_that_is_not_an_image_is_refused() {
    let s = Scratch::new();
    s.write("logo.png", "not a picture");
    let case = crate::support::root().join("cases/seed-letter.toml");
    run_in(
        s.dir.path(),
        &["render", case.to_str().unwrap(), "--var", "logo=logo.png"],
    )
    .status(2)
    .stderr_has("cannot use logo `logo.png` (setting `logo`)")
    .stderr_has("neither a PNG nor a JPEG");
}

#[test]
fn page_size_a4_sets_the_paper_and_keeps_the_margins() {
    let s = Scratch::new();
    render_pdf(&s, "seed-letter.toml", "out", "page_size=a4").success();
    let doc = lopdf::Document::load(s.path("out/CM15-0071844.pdf")).unwrap();
    for id in doc.get_pages().values() {
        let page = doc.get_dictionary(*id).unwrap();
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert_eq!(media, [0.0, 0.0, 595.276, 841.89]);
    }
}
