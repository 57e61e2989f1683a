//! `check --templates DIR` beyond the whole stderr the scenarios hold
//! (tests/scenarios/templates): an override exported by another version is flagged as
//! possibly stale.

use crate::support::{Scratch, run_in};

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
