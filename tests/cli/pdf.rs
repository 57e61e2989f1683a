//! The PDF writer through the binary: `--format pdf` and `text,pdf`, identical files on
//! every run, and the words `pdftotext` reads back equal to the text letter's (when
//! poppler's `pdftotext` is installed; otherwise that check is skipped and says why).

use std::path::Path;
use std::process::Command;

use crate::support::{Scratch, fixture, minimal_with, root, run, run_in};

/// Characters beyond ASCII that real letters use.
const SPECIAL: &str = "José Peña’s “knee” — § 9792.24.2, 90° flexion";

/// Renders `case` as text and PDF into `out`; returns the two files' paths.
fn render_both(case: &Path, out: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    run(&[
        "render",
        case.to_str().unwrap(),
        "--format",
        "text,pdf",
        "--out",
        out.to_str().unwrap(),
    ])
    .success();
    let mut pdf = None;
    let mut txt = None;
    for entry in std::fs::read_dir(out).unwrap() {
        let p = entry.unwrap().path();
        match p.extension().and_then(|e| e.to_str()) {
            Some("pdf") => pdf = Some(p),
            Some("txt") => txt = Some(p),
            _ => {}
        }
    }
    (txt.expect("a .txt file"), pdf.expect("a .pdf file"))
}

/// The words `pdftotext -layout` reads from a PDF, or `None` when it is not installed.
fn pdftotext_words(pdf: &Path) -> Option<Vec<String>> {
    let out = match Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "skipping the pdftotext check: cannot run pdftotext ({e}); install poppler-utils"
            );
            return None;
        }
    };
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(words(&String::from_utf8(out.stdout).unwrap()))
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[track_caller]
fn assert_pdf_text_is_the_text_letter(case: &Path) {
    let scratch = Scratch::new();
    let (txt, pdf) = render_both(case, &scratch.path("out"));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{} is not a PDF",
        pdf.display()
    );
    let Some(from_pdf) = pdftotext_words(&pdf) else {
        return;
    };
    let from_text = words(&std::fs::read_to_string(&txt).unwrap());
    assert_eq!(
        from_pdf,
        from_text,
        "the words of {} differ from the text letter",
        case.display()
    );
}

#[test]
fn pdf_words_equal_the_text_letters_words() {
    assert_pdf_text_is_the_text_letter(&fixture("cases/minimal.toml"));
    assert_pdf_text_is_the_text_letter(&root().join("cases/seed-letter.toml"));
}

#[test]
fn accents_quotes_dashes_and_signs_extract_from_the_pdf() {
    let scratch = Scratch::new();
    let case = scratch.write(
        "special.toml",
        &minimal_with(
            "The injured worker is a 40 year old male",
            &format!("{SPECIAL}. The injured worker is a 40 year old male"),
        ),
    );
    assert_pdf_text_is_the_text_letter(&case);
    let (_, pdf) = render_both(&case, &scratch.path("again"));
    if let Some(found) = pdftotext_words(&pdf) {
        let found = found.join(" ");
        assert!(
            found.contains(SPECIAL),
            "{SPECIAL:?} not extracted:\n{found}"
        );
    }
}

#[test]
fn the_same_case_gives_the_same_pdf_bytes() {
    let scratch = Scratch::new();
    let out = scratch.path("a");
    run(&[
        "render",
        "cases/seed-letter.toml",
        "tests/fixtures/cases/minimal.toml",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ])
    .success();
    let once = std::fs::read(out.join("CM15-0071844.pdf")).unwrap();
    // Alone in its process, and to stdout.
    let r = Command::new(env!("CARGO_BIN_EXE_imr-letters"))
        .args(["render", "cases/seed-letter.toml", "--format", "pdf"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(
        r.stdout == once,
        "the seed letter's PDF differs between runs"
    );
    assert!(
        once.len() < 100_000,
        "{} bytes: fonts not subset?",
        once.len()
    );
}

#[test]
fn pdf_is_a_format_name() {
    run(&["render", "cases/seed-letter.toml", "--format", "word"])
        .status(2)
        .stderr_has("text, pdf");
}

/// The PDF's `/CreationDate`, read with lopdf.
fn creation_date(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let dict = doc.get_dictionary(info).unwrap();
    String::from_utf8_lossy(dict.get(b"CreationDate").unwrap().as_str().unwrap()).into_owned()
}

#[test]
fn the_pdf_date_is_the_decision_date_or_source_date_epoch() {
    let s = Scratch::new();
    let case = root().join("cases/seed-letter.toml");
    let case = case.to_str().unwrap();
    let args = |out: &'static str| ["render", case, "--format", "pdf", "--out", out];
    crate::support::run_with_env(s.dir.path(), &args("a"), &[]).success();
    assert_eq!(
        creation_date(&s.path("a/CM15-0071844.pdf")),
        "D:20150428000000+00'00'"
    );
    crate::support::run_with_env(
        s.dir.path(),
        &args("b"),
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    )
    .success();
    assert_eq!(
        creation_date(&s.path("b/CM15-0071844.pdf")),
        "D:20231114221320+00'00'"
    );
    crate::support::run_with_env(s.dir.path(), &args("c"), &[("SOURCE_DATE_EPOCH", "soon")])
        .status(2)
        .stderr_has("SOURCE_DATE_EPOCH=soon is not a moment");
}

#[test]
fn a_pdf_goes_to_stdout_only_when_it_is_not_a_terminal() {
    // Run the binary with stdout on a pseudo-terminal (Python's pty module).
    let script = "import pty, sys\nsys.exit(pty.spawn(sys.argv[1:]) >> 8)";
    let bin = env!("CARGO_BIN_EXE_imr-letters");
    let out = match Command::new("python3")
        .args([
            "-c",
            script,
            bin,
            "render",
            "cases/seed-letter.toml",
            "--format",
            "pdf",
        ])
        .current_dir(root())
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipping the terminal check: cannot run python3 ({e})");
            return;
        }
    };
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(shown.contains("a PDF is not for a terminal"), "{shown}");
    assert!(shown.contains("--out DIR"), "{shown}");
    assert!(!shown.contains("%PDF"), "{shown}");
}

/// The parties' names and numbers are in no PDF's metadata or bookmarks, even with files
/// named after them (`--name {employee}`) and combined into one print file.
#[test]
fn no_party_data_in_the_metadata_or_bookmarks_of_any_pdf() {
    let s = Scratch::new();
    for n in 1..=2 {
        s.write(
            &format!("in/c{n}.toml"),
            &format!(
                "{}\n[parties]\nclaim_number = \"WC-77-{n}{n}{n}{n}\"\nadj_number = \"ADJ765432{n}\"\nemployee = {{ name = \"Jane Q. Zyxwerk{n}\" }}\n",
                minimal_with("CM16-0000001", &format!("CM16-000000{n}"))
            ),
        );
    }
    run_in(
        s.dir.path(),
        &[
            "render",
            "in",
            "--format",
            "pdf",
            "--out",
            "out",
            "--name",
            "{employee}",
            "--combine",
            "all.pdf",
        ],
    )
    .success();
    let mut pdfs = vec![s.path("all.pdf")];
    pdfs.extend((1..=2).map(|n| s.path(&format!("out/Jane Q. Zyxwerk{n}.pdf"))));
    for pdf in &pdfs {
        let doc = lopdf::Document::load(pdf).unwrap();
        let mut strings = Vec::new();
        for (_, object) in doc.objects.iter() {
            if let Ok(dict) = object.as_dict() {
                for (_, value) in dict.iter() {
                    if let Ok(text) = lopdf::decode_text_string(value) {
                        strings.push(text);
                    }
                }
            }
        }
        assert!(
            strings.iter().any(|t| t.starts_with("CM16-000000") || t.contains("IMR Final Determination CM16")),
            "{}: no title or bookmark read: {strings:?}",
            pdf.display()
        );
        for text in &strings {
            for secret in ["Zyxwerk", "WC-77", "ADJ765432"] {
                assert!(!text.contains(secret), "{}: {text:?}", pdf.display());
            }
        }
    }
}
