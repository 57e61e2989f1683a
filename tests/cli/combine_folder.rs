//! `imr-letters combine DIR`: the print file and the report of a folder rendered by
//! several shards, made without rendering again, byte for byte the ones a single run's
//! `--combine` and `--report` write, for the public letters and for mailed copies.

use crate::support::{Run, Scratch, root, run_in};

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

/// A report's text with the output folder's name replaced, so two folders' reports compare.
fn report_of(s: &Scratch, file: &str, folder: &str) -> String {
    s.read(file).replace(&format!("\"{folder}/"), "\"DIR/")
}

#[test]
fn combine_reports_a_folder_three_shards_rendered_as_one_run_does() {
    let s = Scratch::new();
    sample(&s, "in", 9);
    let one = [
        "in", "--format", "text,pdf", "--out", "one", "--report", "one.json",
    ];
    render(&s, &one).success();
    for k in ["1/3", "2/3", "3/3"] {
        let args = ["in", "--format", "text,pdf", "--out", "three", "--shard", k];
        render(&s, &args).success();
    }
    // a report alone, without a print file
    run_in(
        s.dir.path(),
        &["combine", "three", "--report", "three.json"],
    )
    .success()
    .stderr_has("reported 9 cases (9 rendered, 0 failed) of three in three.json");
    assert!(!s.path("three.pdf").exists());
    let report = report_of(&s, "three.json", "three");
    assert_eq!(report, report_of(&s, "one.json", "one"));
    assert!(report.contains("\"input\":\"in/CM11-0000001.toml\",\"status\":\"rendered\""));
    // a letter that is not the one recorded fails its case, named, and the rest is listed
    std::fs::write(s.path("three/CM11-0000001.txt"), b"edited").unwrap();
    run_in(
        s.dir.path(),
        &["combine", "three", "--report", "three.json"],
    )
    .status(1)
    .stderr_has("`three/CM11-0000001.txt` is not the file the journal records")
    .stderr_has("reported 9 cases (8 rendered, 1 failed)");
    let report = s.read("three.json");
    assert!(
        report.contains("{\"input\":\"in/CM11-0000001.toml\",\"status\":\"failed\",\"pages\":null,\"outputs\":[],\"errors\":[{\"severity\":\"error\",\"code\":\"combine.read\""),
        "{report}"
    );
    assert!(
        report.contains(
            "\"summary\": {\"cases\": 9, \"rendered\": 8, \"skipped\": 0, \"failed\": 1}"
        )
    );
}

#[test]
fn combine_refuses_to_write_over_what_it_must_keep() {
    let s = Scratch::new();
    sample(&s, "in", 2);
    render(&s, &["in", "--format", "pdf", "--out", "out"]).success();
    s.write("notes.json", "mine\n");
    s.write("notes.pdf", "mine\n");
    for (flag, file) in [("--report", "notes.json"), ("--out", "notes.pdf")] {
        run_in(s.dir.path(), &["combine", "out", flag, file])
            .status(2)
            .stderr_has(&format!(
                "`{file}` exists and imr-letters did not write it; {flag} would replace it"
            ));
        assert_eq!(s.read(file), "mine\n");
    }
    run_in(
        s.dir.path(),
        &["combine", "out", "--report", "r.json", "--out", "r.json"],
    )
    .status(2)
    .stderr_has("`--report r.json` names the same file as --out");
    run_in(
        s.dir.path(),
        &["combine", "out", "--report", "out/.imr-letters-state.jsonl"],
    )
    .status(2)
    .stderr_has("the output folder's resume journal");
    // its own files it writes again; another's with --force
    run_in(
        s.dir.path(),
        &["combine", "out", "--out", "p.pdf", "--report", "r.json"],
    )
    .success();
    run_in(
        s.dir.path(),
        &["combine", "out", "--out", "p.pdf", "--report", "r.json"],
    )
    .success();
    run_in(
        s.dir.path(),
        &["combine", "out", "--report", "notes.json", "--force"],
    )
    .success();
    assert!(
        s.read("notes.json")
            .starts_with("{\"tool\": \"imr-letters ")
    );
    run_in(s.dir.path(), &["combine", "out"])
        .status(2)
        .stderr_has("--out <FILE.pdf>");
}

/// Four copies of the bundled mailed case, their ZIP codes spread so that the mailing
/// order interleaves the cases.
fn mailed_cases(s: &Scratch) {
    let packet = std::fs::read_to_string(root().join("cases/mailed-packet.toml")).unwrap();
    for i in 1..=4 {
        let text = packet
            .replace("CM17-0104417", &format!("CM17-010441{i}"))
            .replace("93722", &format!("937{}", 10 + 7 * i))
            .replace("95824", &format!("9{}", 5830 - 3 * i));
        s.write(&format!("mi/CM17-010441{i}.toml"), &text);
    }
}

fn mailed(s: &Scratch, args: &[&str]) -> Run {
    let templates = root().join("examples/mailing");
    let mut all = vec![
        "--edition",
        "mailed",
        "--templates",
        templates.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    render(s, &all)
}

#[test]
fn combine_prints_mailed_copies_of_shards_in_mailing_order_as_one_run_does() {
    let s = Scratch::new();
    mailed_cases(&s);
    let one = [
        "mi",
        "--format",
        "pdf",
        "--out",
        "one",
        "--combine",
        "one.pdf",
    ];
    mailed(
        &s,
        &[&one[..], &["--report", "one.json", "--duplex"]].concat(),
    )
    .success();
    for k in ["1/3", "2/3", "3/3"] {
        mailed(
            &s,
            &["mi", "--format", "pdf", "--out", "three", "--shard", k],
        )
        .success();
    }
    run_in(
        s.dir.path(),
        &[
            "combine",
            "three",
            "--out",
            "three.pdf",
            "--report",
            "three.json",
            "--duplex",
        ],
    )
    .success()
    .stderr_has("combined 20 mailed copies");
    assert!(
        std::fs::read(s.path("three.pdf")).unwrap() == std::fs::read(s.path("one.pdf")).unwrap(),
        "the print file of three mailed shards differs from one run's"
    );
    assert_eq!(
        report_of(&s, "three.json", "three"),
        report_of(&s, "one.json", "one")
    );
    // one manifest of the shards' manifests, the single run's byte for byte
    // (the sheets counted as the single run's, printed on both sides)
    let args = ["combine", "three", "--manifest", "three.csv", "--duplex"];
    run_in(s.dir.path(), &args)
        .success()
        .stderr_has("listed 20 mailed copies from three in three.csv");
    assert_eq!(s.read("three.csv"), s.read("one/mailing-manifest.csv"));
    run_in(
        s.dir.path(),
        &[
            "combine",
            "three",
            "--manifest",
            "three/mailing-manifest-1-of-3.csv",
        ],
    )
    .status(2)
    .stderr_has("the mailing manifest of `three`");
    // each shard keeps its own manifest: none overwrote another's
    let rows: usize = ["1-of-3", "2-of-3", "3-of-3"]
        .iter()
        .map(|k| {
            s.read(&format!("three/mailing-manifest-{k}.csv"))
                .lines()
                .count()
                - 1
        })
        .sum();
    assert_eq!(rows, 20);

    // public letters beside the copies: one edition a print file, said so
    render(&s, &["mi", "--format", "pdf", "--out", "three"]).success();
    run_in(s.dir.path(), &["combine", "three", "--out", "both.pdf"])
        .status(2)
        .stderr_has("`three` holds public letters of 4 cases and mailed copies of 4 cases")
        .stderr_has("pass --edition public or --edition mailed");
    assert!(!s.path("both.pdf").exists());
    run_in(
        s.dir.path(),
        &[
            "combine",
            "three",
            "--out",
            "three.pdf",
            "--edition",
            "mailed",
            "--duplex",
        ],
    )
    .success();
    assert!(
        std::fs::read(s.path("three.pdf")).unwrap() == std::fs::read(s.path("one.pdf")).unwrap()
    );
    run_in(
        s.dir.path(),
        &[
            "combine",
            "three",
            "--out",
            "public.pdf",
            "--edition",
            "public",
        ],
    )
    .success()
    .stderr_has("combined 4 letters");
    run_in(
        s.dir.path(),
        &[
            "combine",
            "three",
            "--manifest",
            "public.csv",
            "--edition",
            "public",
        ],
    )
    .status(2)
    .stderr_has("--manifest lists mailed copies, and `three` holds public letters");
}

#[test]
fn a_folder_of_text_letters_makes_no_print_file_and_says_why() {
    let s = Scratch::new();
    sample(&s, "in", 2);
    render(&s, &["in", "--format", "text", "--out", "out"]).success();
    run_in(s.dir.path(), &["combine", "out", "--out", "print.pdf"])
        .status(1)
        .stderr_has("no PDF letters recorded in `out`: `print.pdf` is not written")
        .stderr_has("render --format pdf");
    assert!(!s.path("print.pdf").exists());
}
