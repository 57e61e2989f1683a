//! `imr-letters sample`: synthetic cases that are the same for a seed, valid, render, and
//! cover the format's features.

use crate::support::{Scratch, run_in};

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sample_cases_are_deterministic_valid_and_varied() {
    let s = Scratch::new();
    run_in(
        s.dir.path(),
        &["sample", "--count", "200", "--out", "a", "--seed", "5"],
    )
    .success()
    .stderr_has("wrote 200 sample cases to a (seed 5)");
    run_in(
        s.dir.path(),
        &["sample", "--count", "20", "--out", "b", "--seed", "5"],
    )
    .success();
    run_in(
        s.dir.path(),
        &["sample", "--count", "20", "--out", "c", "--seed", "6"],
    )
    .success();
    let a = files(&s.path("a"));
    let b = files(&s.path("b"));
    assert_eq!(a.len(), 200);
    for case in &b {
        assert!(a.contains(case), "{} differs between runs", case.0);
    }
    let c = files(&s.path("c"));
    assert!(
        c.iter().all(|case| !b.contains(case)),
        "another seed, other cases"
    );

    run_in(s.dir.path(), &["check", "a"])
        .success()
        .stderr_has("checked 200 cases: 0 errors, 0 warnings");
    run_in(
        s.dir.path(),
        &["render", "a", "--format", "text,pdf", "--out", "letters"],
    )
    .success()
    .stderr_has("rendered 200 of 200 cases");

    let texts: Vec<String> = a
        .iter()
        .map(|(_, t)| String::from_utf8(t.clone()).unwrap())
        .collect();
    for feature in [
        "priority = \"expedited\"",
        "opioid_taper_advisory = \"patient\"",
        "opioid_taper_advisory = \"injured worker\"",
        "[items.modified]",
        "non_mtus = ",
        "mtus = [",
        "\ntext = \"The",
        "\nheading = ",
        "[parties]",
        "decision = \"overturned\"",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(feature)),
            "no sample case has {feature:?}"
        );
    }
    let items: Vec<usize> = texts
        .iter()
        .map(|t| t.matches("[[items]]").count())
        .collect();
    assert_eq!(items.iter().min(), Some(&1));
    assert!(*items.iter().max().unwrap() >= 10, "{items:?}");
    assert!(items.iter().all(|n| *n <= 21));
    let pages: Vec<usize> = std::fs::read_dir(s.path("letters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap().matches('\u{c}').count() + 1)
        .collect();
    assert!(pages.contains(&2));
    assert!(pages.iter().any(|p| *p >= 5), "{pages:?}");
    assert!(pages.iter().all(|p| *p <= 12), "{pages:?}");
}

#[test]
fn sample_needs_a_count() {
    let s = Scratch::new();
    run_in(s.dir.path(), &["sample", "--count", "0", "--out", "a"])
        .status(2)
        .stderr_has("`--count 0` is out of range");
    assert!(!s.path("a").exists());
}
