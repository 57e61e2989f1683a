//! The mailed edition: what it adds to the case format changes nothing in the public
//! letter, and the public letter of a case with every party prints none of them.

use crate::support::{Scratch, root, run};

const PACKET: &str = "cases/mailed-packet.toml";

/// The bundled mailed case with everything only the mailed edition reads taken out:
/// `[parties]`, `[[documents_reviewed]]` and `dates.mailed`.
fn without_mailed_fields(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with('[') {
            skipping = line == "[parties]" || line == "[[documents_reviewed]]";
        }
        if !skipping && !line.starts_with("mailed = ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_mailed_fields_change_nothing_in_the_public_letter() {
    let scratch = Scratch::new();
    let full = std::fs::read_to_string(root().join(PACKET)).unwrap();
    let bare = without_mailed_fields(&full);
    for gone in ["[parties]", "mailed = ", "[[documents_reviewed]]"] {
        let has = |text: &str| text.lines().any(|l| l.starts_with(gone));
        assert!(has(&full) && !has(&bare), "{gone}");
    }
    let full_path = scratch.write("full/case.toml", &full);
    let bare_path = scratch.write("bare/case.toml", &bare);
    for (case, out) in [(&full_path, "full/out"), (&bare_path, "bare/out")] {
        let out = scratch.path(out);
        run(&[
            "render",
            case.to_str().unwrap(),
            "--format",
            "text,pdf",
            "--out",
            out.to_str().unwrap(),
        ])
        .success();
    }
    for ext in ["txt", "pdf"] {
        let name = format!("CM17-0104417.{ext}");
        let a = std::fs::read(scratch.path(&format!("full/out/{name}"))).unwrap();
        let b = std::fs::read(scratch.path(&format!("bare/out/{name}"))).unwrap();
        assert!(a == b, "{name} differs when the case has parties");
    }
}
