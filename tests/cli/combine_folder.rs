//! `imr-letters combine DIR`: the print file of a folder rendered by several shards, made
//! without rendering again, byte for byte the one a single run's `--combine` writes.

use crate::support::{Run, Scratch, run_in};

fn sample(s: &Scratch, dir: &str, count: usize) {
    let count = count.to_string();
    run_in(s.dir.path(), &["sample", "--count", &count, "--out", dir]).success();
}

fn render(s: &Scratch, args: &[&str]) -> Run {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    run_in(s.dir.path(), &all)
}

#[test]
fn combine_makes_the_print_file_of_a_folder_three_shards_rendered() {
    let s = Scratch::new();
    sample(&s, "in", 12);
    render(
        &s,
        &[
            "in",
            "--format",
            "pdf",
            "--out",
            "one",
            "--combine",
            "one.pdf",
        ],
    )
    .success();
    for k in ["1/3", "2/3", "3/3"] {
        render(
            &s,
            &["in", "--format", "pdf", "--out", "three", "--shard", k],
        )
        .success();
    }
    let r = run_in(s.dir.path(), &["combine", "three", "--out", "three.pdf"]);
    r.success().stderr_has("combined 12 letters");
    assert!(
        std::fs::read(s.path("three.pdf")).unwrap() == std::fs::read(s.path("one.pdf")).unwrap(),
        "the print file of three shards differs from one run's"
    );
    // never over a letter, and a letter that is not the one recorded is left out
    run_in(
        s.dir.path(),
        &["combine", "three", "--out", "three/CM11-0000001.pdf"],
    )
    .status(2);
    std::fs::write(s.path("three/CM11-0000001.pdf"), b"%PDF-1.4 not this").unwrap();
    run_in(s.dir.path(), &["combine", "three", "--out", "two.pdf"])
        .status(1)
        .stderr_has("`three/CM11-0000001.pdf` is not the file the journal records")
        .stderr_has("combined 11 letters");
}
