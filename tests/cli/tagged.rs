//! Tagged, archival and protected PDFs through the binary: the bundled cases with every
//! piece of furniture on pass the structural checks of `tagged_check` in each mode; the
//! checks fail on a copy with the ParentTree dropped or a line untagged; an untagged
//! letter has no structure; a protected letter carries the published letters'
//! encryption and is the same file on every run and thread.
//!
//! `.ci/run` also runs the ignored test on folders of rendered letters
//! (`IMR_LETTERS_TAGGED_PDFS=DIR...`, colon-separated).

use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Document, Object};

use crate::support::{Scratch, fixture, root, run};
use crate::tagged_check::check;

/// Renders every bundled case with the logo, watermark, footer and running header on,
/// with `extra` arguments; returns the PDFs, in name order.
fn render_bundled(out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let logo = fixture("logo.png");
    let logo = format!("logo={}", logo.display());
    let mut args = vec![
        "render",
        "cases",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        "--draft",
        "--var",
        &logo,
        "--var",
        "logo_alt=Logo of the review organization",
        "--var",
        "footer=Page {page} of {pages}",
        "--var",
        "running_header=Case {case_number}",
    ];
    args.extend_from_slice(extra);
    run(&args).success();
    pdfs_in(out)
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

fn assert_tagged(pdf: &Path) {
    let bytes = std::fs::read(pdf).unwrap();
    if let Err(problems) = check(&bytes) {
        panic!("{}: {}", pdf.display(), problems.join("\n"));
    }
}

/// How many cases `cases/` bundles.
fn bundled_cases() -> usize {
    std::fs::read_dir(root().join("cases"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count()
}

#[test]
fn bundled_letters_are_tagged_in_every_mode() {
    for mode in [&[][..], &["--pdf-standard", "a-2b"], &["--protect"]] {
        let s = Scratch::new();
        let pdfs = render_bundled(&s.path("out"), mode);
        assert_eq!(pdfs.len(), bundled_cases(), "{mode:?}");
        for pdf in &pdfs {
            assert_tagged(pdf);
        }
    }
}

#[test]
fn letters_with_a_letterhead_read_it_first_and_are_tagged() {
    let s = Scratch::new();
    let templates = root().join("tests/fixtures/letterhead");
    let out = s.path("out");
    run(&[
        "render",
        "cases",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        "--draft",
        "--templates",
        templates.to_str().unwrap(),
    ])
    .success();
    for pdf in pdfs_in(&out) {
        assert_tagged(&pdf);
        // the letterhead's logo is a figure with the letterhead's own alternative text,
        // and its lines a paragraph read before the letter
        let doc = Document::load(&pdf).unwrap();
        let figure = doc.objects.values().find_map(|o| {
            let d = o.as_dict().ok()?;
            (d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
                .then(|| lopdf::decode_text_string(d.get(b"Alt").ok()?).ok())
                .flatten()
        });
        assert_eq!(figure.as_deref(), Some("Review organization logo"));
    }
}

#[test]
fn a_paragraph_across_a_page_break_is_one_element_on_both_pages() {
    let s = Scratch::new();
    let pdfs = render_bundled(&s.path("out"), &[]);
    let long = pdfs
        .iter()
        .find(|p| p.ends_with("CM17-0100003.pdf"))
        .unwrap();
    let doc = Document::load(long).unwrap();
    // a marked-content reference names the page a continued paragraph goes on to
    let continued = doc.objects.values().any(|o| {
        o.as_dict().is_ok_and(|d| {
            d.get(b"S").and_then(Object::as_name).ok() == Some(b"P")
                && d.get(b"K").and_then(Object::as_array).is_ok_and(|k| {
                    k.iter().any(|kid| {
                        kid.as_dict().is_ok_and(|m| {
                            m.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR")
                        })
                    })
                })
        })
    });
    assert!(continued, "no paragraph goes on to the next page");
    let summary = check(&std::fs::read(long).unwrap()).unwrap();
    assert_eq!(summary.pages, 4);
    assert!(summary.mcids > summary.pages * 10, "{summary:?}");
}

/// A copy of `bytes` with the first heading or paragraph mark on page 1 removed.
fn untag_a_line(bytes: &[u8]) -> Vec<u8> {
    let mut doc = Document::load_mem(bytes).unwrap();
    let page = doc.get_pages()[&1];
    let mut content = Content::decode(&doc.get_page_content(page)).unwrap();
    let ops = &mut content.operations;
    let start = ops
        .iter()
        .position(|op| {
            op.operator == "BDC" && op.operands.first().and_then(|t| t.as_name().ok()) == Some(b"P")
        })
        .expect("a paragraph mark");
    let end = start
        + ops[start..]
            .iter()
            .position(|op| op.operator == "EMC")
            .unwrap();
    ops.remove(end);
    ops.remove(start);
    doc.change_page_content(page, content.encode().unwrap())
        .unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A copy of `bytes` whose structure tree has no ParentTree.
fn drop_parent_tree(bytes: &[u8]) -> Vec<u8> {
    let mut doc = Document::load_mem(bytes).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    doc.get_object_mut(root)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .remove(b"ParentTree");
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn the_checks_fail_on_a_broken_copy() {
    let s = Scratch::new();
    let pdfs = render_bundled(&s.path("out"), &[]);
    let bytes = std::fs::read(&pdfs[0]).unwrap();
    check(&bytes).unwrap();
    let untagged = check(&untag_a_line(&bytes)).unwrap_err().join("\n");
    assert!(
        untagged.contains("is neither tagged nor an artifact"),
        "{untagged}"
    );
    let orphaned = check(&drop_parent_tree(&bytes)).unwrap_err().join("\n");
    assert!(
        orphaned.contains("StructTreeRoot: no /ParentTree"),
        "{orphaned}"
    );
    assert!(orphaned.contains("no ParentTree entry"), "{orphaned}");
}

#[test]
fn an_untagged_letter_has_no_structure() {
    let s = Scratch::new();
    let pdfs = render_bundled(&s.path("out"), &["--pdf-standard", "none"]);
    let bytes = std::fs::read(&pdfs[0]).unwrap();
    let problems = check(&bytes).unwrap_err().join("\n");
    assert!(
        problems.contains("catalog: no /StructTreeRoot"),
        "{problems}"
    );
    assert!(!bytes.windows(3).any(|w| w == b"BDC"));
}

#[test]
fn a_protected_letter_has_the_published_permissions_and_the_same_bytes_on_any_thread() {
    let s = Scratch::new();
    let one = render_bundled(&s.path("one"), &["--protect", "-j", "1"]);
    let two = render_bundled(&s.path("two"), &["--protect", "-j", "2"]);
    for (a, b) in one.iter().zip(&two) {
        let bytes = std::fs::read(a).unwrap();
        assert!(
            bytes == std::fs::read(b).unwrap(),
            "{} differs",
            a.display()
        );
        let text = String::from_utf8_lossy(&bytes);
        for needle in ["/V 4", "/R 4", "/P -1340", "/CFM/AESV2", "/StmF/StdCF"] {
            assert!(
                text.replace(' ', "").contains(&needle.replace(' ', "")),
                "{}: no {needle}",
                a.display()
            );
        }
    }
    // readable with no password, and not the same bytes as the plain letter
    let plain = render_bundled(&s.path("plain"), &[]);
    assert_ne!(
        std::fs::read(&plain[0]).unwrap(),
        std::fs::read(&one[0]).unwrap()
    );
}

#[test]
#[ignore = "run by .ci/run on folders of rendered letters"]
fn every_pdf_in_the_folders_is_tagged() {
    let dirs = std::env::var("IMR_LETTERS_TAGGED_PDFS").expect("IMR_LETTERS_TAGGED_PDFS=DIR:DIR");
    let mut failed = Vec::new();
    let mut count = 0;
    for dir in dirs.split(':').map(|d| root().join(d)) {
        for pdf in pdfs_in(&dir) {
            count += 1;
            if let Err(problems) = check(&std::fs::read(&pdf).unwrap()) {
                failed.push(format!("{}: {}", pdf.display(), problems.join("; ")));
            }
        }
    }
    println!(
        "tagged: {}/{count} letters pass the structural checks",
        count - failed.len()
    );
    assert!(count > 0, "no PDFs in {dirs}");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_print_file_of_protected_letters_says_it_is_not_tagged() {
    let s = Scratch::new();
    let all = s.path("all.pdf");
    render_bundled(
        &s.path("out"),
        &["--protect", "--combine", all.to_str().unwrap()],
    );
    let doc = Document::load(&all).unwrap();
    // every page of the letters, read from their encrypted files
    let plain: usize = render_bundled(&s.path("plain"), &[])
        .iter()
        .map(|pdf| Document::load(pdf).unwrap().get_pages().len())
        .sum();
    assert!(plain > bundled_cases());
    assert_eq!(doc.get_pages().len(), plain);
    assert!(doc.trailer.get(b"Encrypt").is_err());
    assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_err());
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let subject = lopdf::decode_text_string(info.get(b"Subject").unwrap()).unwrap();
    assert_eq!(subject, imr_letters::batch::combine::NOT_TAGGED);
    assert!(subject.contains("Not tagged"));
}
