//! Batches into a folder: threads that do not change a byte, resume, the report, output
//! names, shards and the leftovers of a killed run.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::support::{Run, Scratch, fixture, minimal_with, run_in};

/// Writes `count` sample cases into `dir` under the scratch folder.
fn sample(s: &Scratch, dir: &str, count: usize) {
    let n = count.to_string();
    run_in(
        s.dir.path(),
        &["sample", "--count", &n, "--out", dir, "--seed", "11"],
    )
    .success();
}

fn render(s: &Scratch, args: &[&str]) -> Run {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    run_in(s.dir.path(), &all)
}

/// Every file of a folder but the journals, by name.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = every_file(dir);
    files.retain(|n, _| !n.starts_with(".imr-letters-state"));
    files
}

/// Every file of a folder, the resume journal included, by name.
fn every_file(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .map(|(n, p)| (n, std::fs::read(p).unwrap()))
        .collect()
}

#[test]
fn one_thread_and_many_write_the_same_bytes() {
    let s = Scratch::new();
    sample(&s, "in", 24);
    for (out, jobs) in [("one", "1"), ("two", "2"), ("four", "4")] {
        render(
            &s,
            &["in", "--format", "text,pdf", "--out", out, "-j", jobs],
        )
        .success()
        .stderr_has("rendered 24 of 24 cases, 0 skipped, 0 failed (48 files");
    }
    let one = outputs(&s.path("one"));
    assert_eq!(one.len(), 48);
    assert!(one == outputs(&s.path("two")), "-j 2 differs from -j 1");
    assert!(one == outputs(&s.path("four")), "-j 4 differs from -j 1");
    // Regression: the resume journal was appended as workers finished; it follows the
    // order of the cases now, so the whole folder is the same.
    let one = every_file(&s.path("one"));
    assert_eq!(one.len(), 49, "the letters and the journal");
    assert!(one == every_file(&s.path("two")), "-j 2 differs from -j 1");
    assert!(one == every_file(&s.path("four")), "-j 4 differs from -j 1");
}

#[test]
fn a_rerun_renders_only_what_changed() {
    let s = Scratch::new();
    sample(&s, "in", 6);
    let args = ["in", "--format", "text,pdf", "--out", "out"];
    render(&s, &args)
        .success()
        .stderr_has("rendered 6 of 6 cases, 0 skipped");
    render(&s, &args)
        .success()
        .stderr_has("rendered 0 of 6 cases, 6 skipped");

    // One case file changes: only it is rendered.
    let first = std::fs::read_dir(s.path("in"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&first).unwrap();
    text.push_str("\n# reviewed again\n");
    std::fs::write(&first, text).unwrap();
    render(&s, &args)
        .success()
        .stderr_has("rendered 1 of 6 cases, 5 skipped");

    // A deleted output is written again.
    let pdf = outputs(&s.path("out"))
        .into_keys()
        .find(|n| n.ends_with(".pdf"))
        .unwrap();
    std::fs::remove_file(s.path("out").join(&pdf)).unwrap();
    render(&s, &args)
        .success()
        .stderr_has("rendered 1 of 6 cases, 5 skipped");

    // Another setting, another template folder or --wrap: every case.
    let mut with_var = args.to_vec();
    with_var.extend(["--var", "wording=2016"]);
    render(&s, &with_var)
        .success()
        .stderr_has("rendered 6 of 6 cases");
    render(&s, &with_var)
        .success()
        .stderr_has("rendered 0 of 6 cases, 6 skipped");
    s.write("tpl/settings.toml", "organization_short = \"MAX\"\n");
    let mut with_templates = with_var.clone();
    with_templates.extend(["--templates", "tpl"]);
    render(&s, &with_templates)
        .success()
        .stderr_has("rendered 6 of 6 cases");
    render(&s, &["in", "--out", "out", "--wrap", "70"])
        .success()
        .stderr_has("rendered 6 of 6");

    // --force renders everything.
    let mut forced = args.to_vec();
    forced.push("--force");
    render(&s, &args)
        .success()
        .stderr_has("rendered 6 of 6 cases");
    render(&s, &forced)
        .success()
        .stderr_has("rendered 6 of 6 cases, 0 skipped");
}

#[test]
fn the_report_has_a_record_per_case_in_input_order() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000101"));
    s.write(
        "in/b.toml",
        &minimal_with("decision = \"upheld\"", "decision = \"maybe\""),
    );
    s.write("in/c.toml", &minimal_with("CM16-0000001", "CM16-0000103"));
    let args = [
        "in", "--format", "text,pdf", "--out", "out", "--report", "r.json",
    ];
    render(&s, &args).status(1);
    let report: serde_json::Value = serde_json::from_str(&s.read("r.json")).unwrap();
    let cases = report["cases"].as_array().unwrap();
    let inputs: Vec<&str> = cases.iter().map(|c| c["input"].as_str().unwrap()).collect();
    assert_eq!(inputs, ["in/a.toml", "in/b.toml", "in/c.toml"]);
    let status: Vec<&str> = cases
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["rendered", "failed", "rendered"]);
    assert_eq!(report["summary"]["rendered"], 2);
    assert_eq!(report["summary"]["failed"], 1);

    let bad = &cases[1];
    assert!(bad["outputs"].as_array().unwrap().is_empty());
    assert!(bad["pages"].is_null());
    let error = &bad["errors"][0];
    assert_eq!(error["file"], "in/b.toml");
    assert_eq!(error["line"], 22);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("`items[1].decision`"),
        "{error}"
    );

    let mut recorded = Vec::new();
    for case in [&cases[0], &cases[2]] {
        assert_eq!(case["pages"], 1);
        for output in case["outputs"].as_array().unwrap() {
            let bytes = std::fs::read(s.path(output["path"].as_str().unwrap())).unwrap();
            assert_eq!(output["bytes"], bytes.len());
            let sha: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(output["sha256"], sha.as_str());
            recorded.push(sha);
        }
    }
    assert_eq!(recorded.len(), 4, "text and pdf for both good cases");

    // A rerun reports the skipped cases with the same files.
    render(&s, &args).status(1);
    let again: serde_json::Value = serde_json::from_str(&s.read("r.json")).unwrap();
    assert_eq!(again["cases"][0]["status"], "skipped");
    assert_eq!(again["cases"][0]["outputs"], cases[0]["outputs"]);
    assert_eq!(again["cases"][0]["pages"], 1);
    assert_eq!(again["summary"]["skipped"], 2);
}

#[test]
fn name_patterns_name_files_and_refuse_what_they_cannot() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000201"));
    s.write(
        "in/b.toml",
        &format!(
            "{}\n[parties]\nemployee = {{ name = \"Ana / Lopez\" }}\n",
            minimal_with("CM16-0000001", "CM16-0000202")
        ),
    );
    render(
        &s,
        &[
            "in",
            "--out",
            "dated",
            "--name",
            "{case_number}-{decision_date}",
        ],
    )
    .success();
    assert!(s.path("dated/CM16-0000201-2016-12-05.txt").is_file());
    assert!(s.path("dated/CM16-0000202-2016-12-05.txt").is_file());

    // An unknown field stops the run before anything is written.
    render(&s, &["in", "--out", "bad", "--name", "{case_no}"])
        .status(2)
        .stderr_has("unknown field `{case_no}`")
        .stderr_has("the fields are: case_number");
    assert!(!s.path("bad").exists());

    // Two cases with one name: both refused, nothing written under it.
    render(&s, &["in", "--out", "same", "--name", "{decision_year}"])
        .status(1)
        .stderr_has("`in/a.toml` gets the output name `2016`, as `in/b.toml` too")
        .stderr_has("`in/b.toml` gets the output name `2016`, as `in/a.toml` too");
    assert!(outputs(&s.path("same")).is_empty());

    // A field the case lacks fails that case only; values are made safe.
    render(&s, &["in", "--out", "people", "--name", "{employee}"])
        .status(1)
        .stderr_has("case file `in/a.toml` has no value for `{employee}`")
        .stderr_has("rendered 1 of 2 cases");
    assert!(s.path("people/Ana _ Lopez.txt").is_file());
}

#[test]
fn shards_split_the_cases_between_runs_into_one_folder() {
    let s = Scratch::new();
    sample(&s, "in", 30);
    let mut rendered = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let r = render(&s, &["in", "--out", "out", "--shard", &shard]);
        r.success();
        let count: usize = r
            .stderr
            .split("rendered ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(count > 0 && count < 30, "shard {shard} rendered {count}");
        rendered += count;
    }
    assert_eq!(rendered, 30, "every case in exactly one shard");
    assert_eq!(outputs(&s.path("out")).len(), 30);
    // An unsharded run sees every shard's journal.
    render(&s, &["in", "--out", "out"])
        .success()
        .stderr_has("rendered 0 of 30 cases, 30 skipped");
    render(&s, &["in", "--out", "out", "--shard", "4/3"])
        .status(2)
        .stderr_has("`--shard 4/3` is not a shard");
}

#[test]
fn leftovers_of_a_killed_run_are_removed_when_they_are_ours() {
    let s = Scratch::new();
    let case = fixture("cases/minimal.toml");
    s.write("out/.CM16-0000001.txt.4242.partial", "half a letter");
    s.write("out/.CM16-9999999.txt.4242.partial", "another run's letter");
    render(&s, &[case.to_str().unwrap(), "--out", "out"]).success();
    assert!(!s.path("out/.CM16-0000001.txt.4242.partial").exists());
    assert!(s.path("out/.CM16-9999999.txt.4242.partial").exists());
    assert!(s.read("out/CM16-0000001.txt").starts_with("Case Number:"));
}

#[test]
fn batch_flags_need_an_output_folder() {
    let case = fixture("cases/minimal.toml");
    let s = Scratch::new();
    render(&s, &[case.to_str().unwrap(), "--report", "r.json"])
        .status(2)
        .stderr_has("--report needs --out DIR");
    render(&s, &[case.to_str().unwrap(), "--out", "o", "-j", "0"])
        .status(2)
        .stderr_has("at least one thread");
}

#[test]
fn combine_writes_every_letter_in_order_with_bookmarks_and_duplex_blanks() {
    let s = Scratch::new();
    sample(&s, "in", 12);
    let args = |out: &'static str, jobs: &'static str| {
        vec![
            "in",
            "--format",
            "pdf",
            "--out",
            out,
            "--combine",
            "all.pdf",
            "--duplex",
            "-j",
            jobs,
        ]
    };
    render(&s, &args("one", "1"))
        .success()
        .stderr_has("combined 12 letters");
    let once = std::fs::read(s.path("all.pdf")).unwrap();
    render(&s, &args("two", "2")).success();
    assert!(
        std::fs::read(s.path("all.pdf")).unwrap() == once,
        "-j 2 differs"
    );
    // A rerun skips every letter and reads them back: the same file.
    render(&s, &args("two", "2"))
        .success()
        .stderr_has("12 skipped");
    assert!(
        std::fs::read(s.path("all.pdf")).unwrap() == once,
        "rerun differs"
    );

    let doc = lopdf::Document::load_mem(&once).unwrap();
    let pages = doc.get_pages();
    let page_number: BTreeMap<lopdf::ObjectId, u32> =
        pages.iter().map(|(n, id)| (*id, *n)).collect();
    let mut letters = outputs(&s.path("one"));
    letters.retain(|n, _| n.ends_with(".pdf"));
    let mut expected_pages = 0;
    let mut starts = Vec::new();
    for bytes in letters.values() {
        let n = lopdf::Document::load_mem(bytes).unwrap().get_pages().len();
        starts.push(expected_pages as u32 + 1);
        expected_pages += n + n % 2;
    }
    assert_eq!(
        pages.len(),
        expected_pages,
        "letters plus a blank after odd ones"
    );

    // One bookmark per letter, titled by its file, pointing at its first page.
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut at = outlines.get(b"First").unwrap().as_reference().ok();
    let mut seen = Vec::new();
    while let Some(id) = at {
        let mark = doc.get_dictionary(id).unwrap();
        let title = String::from_utf8(mark.get(b"Title").unwrap().as_str().unwrap().to_vec());
        let dest = mark.get(b"Dest").unwrap().as_array().unwrap();
        seen.push((
            title.unwrap(),
            page_number[&dest[0].as_reference().unwrap()],
        ));
        at = mark.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    let names: Vec<String> = letters
        .keys()
        .map(|n| n.trim_end_matches(".pdf").to_string())
        .collect();
    assert_eq!(seen.iter().map(|s| s.0.clone()).collect::<Vec<_>>(), names);
    assert_eq!(seen.iter().map(|s| s.1).collect::<Vec<_>>(), starts);
    assert!(
        starts.iter().all(|p| p % 2 == 1),
        "every letter starts on a front page"
    );

    // Shared font subsets are written once: smaller than the letters together.
    let total: usize = letters.values().map(Vec::len).sum();
    assert!(once.len() < total, "{} >= {total}", once.len());
}

#[test]
fn combine_needs_pdf_and_a_case_cannot_take_its_name() {
    let s = Scratch::new();
    s.write("in/a.toml", &minimal_with("CM16-0000001", "CM16-0000301"));
    s.write("in/b.toml", &minimal_with("CM16-0000001", "CM16-0000302"));
    render(&s, &["in", "--out", "out", "--combine", "all.pdf"])
        .status(2)
        .stderr_has("--combine needs the pdf format");
    render(
        &s,
        &[
            "in",
            "--format",
            "pdf",
            "--out",
            "out",
            "--combine",
            "out/CM16-0000301.pdf",
        ],
    )
    .status(2)
    .stderr_has("case file `in/a.toml` would be written over the run's own CM16-0000301.pdf");
    assert!(
        std::fs::read_dir(s.path("out")).unwrap().next().is_none(),
        "a usage error writes nothing"
    );
}

#[test]
fn the_profile_says_where_the_time_went() {
    let s = Scratch::new();
    sample(&s, "in", 3);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_imr-letters"))
        .args(["render", "in", "--format", "pdf", "--out", "out", "-j", "1"])
        .env("IMR_LETTERS_PROFILE", "1")
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for stage in [
        "templates (Tera)",
        "layout",
        "compression (zlib)",
        "µs/letter",
    ] {
        assert!(stderr.contains(stage), "no {stage:?} in:\n{stderr}");
    }
    let quiet = render(&s, &["in", "--format", "pdf", "--out", "out2"]);
    assert!(!quiet.stderr.contains("profile"), "{}", quiet.stderr);
}
