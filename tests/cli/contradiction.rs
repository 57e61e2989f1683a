//! The contradiction check measured on rationales written for it
//! (tests/fixtures/contradiction/): each case is one item whose rationale concludes in one
//! of the ways the letters do ("is not recommended", "is non-certified", "medical
//! necessity has not been established", "is denied", "is approved", ...). `against-*`
//! cases conclude against their decision, `agrees-*` cases with it. The check must find
//! at least the recall measured when the set was written, and no false error.

use std::collections::BTreeSet;

use crate::support::{fixture, run};

/// Contradictions found on the set when it was written: 20 of 20.
const RECALL_FLOOR: usize = 20;

#[test]
fn the_contradiction_check_keeps_its_recall_and_makes_no_false_error() {
    let dir = fixture("contradiction");
    let r = run(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let records: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let flagged: BTreeSet<String> = records
        .iter()
        .filter(|d| d["code"] == "case.decision-contradiction")
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            file.rsplit('/').next().unwrap().to_string()
        })
        .collect();
    let mut against = Vec::new();
    let mut agrees = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("against-") {
            against.push(name);
        } else if name.starts_with("agrees-") {
            agrees.push(name);
        }
    }
    assert!(against.len() >= 20 && agrees.len() >= 10, "the set shrank");
    let found = against.iter().filter(|n| flagged.contains(*n)).count();
    let missed: Vec<&String> = against.iter().filter(|n| !flagged.contains(*n)).collect();
    let false_errors: Vec<&String> = agrees.iter().filter(|n| flagged.contains(*n)).collect();
    assert!(
        found >= RECALL_FLOOR,
        "recall {found} of {} (floor {RECALL_FLOOR}); missed {missed:?}",
        against.len()
    );
    assert!(false_errors.is_empty(), "false errors: {false_errors:?}");
    // Nothing else is wrong with these cases: the set measures this check alone.
    let others: Vec<&serde_json::Value> = records
        .iter()
        .filter(|d| d["severity"] == "error" && d["code"] != "case.decision-contradiction")
        .collect();
    assert!(others.is_empty(), "{others:?}");
}
