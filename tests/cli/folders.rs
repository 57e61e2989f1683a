//! Folders of case files: `--recursive` reads a whole tree (every case once, in a fixed
//! order, with the bytes of rendering each file alone), never loops on a symlinked folder,
//! and keeps shards, `--name` and resuming working; without it, subfolders are named.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Scratch, run_in};

/// Every file in a folder (not the journals), by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| !n.starts_with(".imr-letters-state"))
        .map(|(n, p)| (n, std::fs::read(p).unwrap()))
        .collect()
}

/// Six sample cases spread over a tree: two at the top, the others in subfolders at
/// depths one and two. Returns the case files' paths.
fn tree(s: &Scratch) -> Vec<String> {
    run_in(s.dir.path(), &["sample", "--count", "6", "--out", "flat"]).success();
    let mut names: Vec<String> = files(&s.path("flat")).into_keys().collect();
    names.sort();
    let places = ["tree", "tree", "tree/a", "tree/a/deep", "tree/b", "tree/b"];
    let mut paths = Vec::new();
    for (name, place) in names.iter().zip(places) {
        std::fs::create_dir_all(s.path(place)).unwrap();
        let to = format!("{place}/{name}");
        std::fs::rename(s.path(&format!("flat/{name}")), s.path(&to)).unwrap();
        paths.push(to);
    }
    paths
}

#[test]
fn recursive_renders_the_whole_tree_as_each_file_alone() {
    let s = Scratch::new();
    let paths = tree(&s);
    let r = run_in(
        s.dir.path(),
        &[
            "render", "-r", "tree", "--format", "text,pdf", "--out", "all",
        ],
    );
    r.success();
    assert!(
        r.stderr.starts_with("rendered 6 of 6 cases"),
        "{}",
        r.stderr
    );
    for path in &paths {
        run_in(
            s.dir.path(),
            &["render", path, "--format", "text,pdf", "--out", "single"],
        )
        .success();
    }
    let all = files(&s.path("all"));
    assert_eq!(all.len(), 12);
    assert!(all == files(&s.path("single")), "a tree's letters differ");

    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "--recursive",
            "tree",
            "--format",
            "text,pdf",
            "--out",
            "all",
        ],
    );
    assert!(r.success().stderr.contains("0 failed"), "{}", r.stderr);
    assert!(
        r.stderr.contains(" 6 skipped"),
        "a rerun resumes: {}",
        r.stderr
    );
}

#[test]
fn recursive_reads_the_tree_in_folder_then_name_order() {
    let s = Scratch::new();
    let paths = tree(&s);
    let r = run_in(
        s.dir.path(),
        &["render", "-r", "tree", "--out", "out", "--report", "r.json"],
    );
    r.success();
    let report: serde_json::Value = serde_json::from_str(&s.read("r.json")).unwrap();
    let inputs: Vec<&str> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["input"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = paths.iter().map(String::as_str).collect();
    expected.sort_by_key(|p| {
        let p = Path::new(p);
        (
            p.parent().unwrap().to_path_buf(),
            p.file_name().unwrap().to_owned(),
        )
    });
    assert_eq!(inputs, expected);
}

#[test]
fn a_symlink_loop_in_a_tree_is_named_and_never_followed() {
    let s = Scratch::new();
    tree(&s);
    std::os::unix::fs::symlink("..", s.path("tree/b/up")).unwrap();
    std::os::unix::fs::symlink(".", s.path("tree/a/here")).unwrap();
    let r = run_in(s.dir.path(), &["render", "-r", "tree", "--out", "out"]);
    r.success();
    assert!(
        r.stderr.contains(
            "warning: 2 symlinked folders in `tree` are not followed: `tree/a/here`, `tree/b/up`"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("rendered 6 of 6 cases"), "{}", r.stderr);
    // a folder named on the command line is read, once however it is reached
    let r = run_in(
        s.dir.path(),
        &["check", "-r", "tree", "tree/b/up", "tree/a/here"],
    );
    r.success();
    assert!(r.stderr.contains("checked 6 cases"), "{}", r.stderr);
}

#[test]
fn shards_of_a_tree_make_the_folder_of_one_run() {
    let s = Scratch::new();
    tree(&s);
    run_in(s.dir.path(), &["render", "-r", "tree", "--out", "one"]).success();
    let mut total = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let r = run_in(
            s.dir.path(),
            &["render", "-r", "tree", "--out", "shards", "--shard", &shard],
        );
        r.success();
        total += r
            .stderr
            .split(" of ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap();
    }
    assert_eq!(total, 6);
    assert!(files(&s.path("one")) == files(&s.path("shards")));
}

#[test]
fn names_from_fields_work_across_a_tree() {
    let s = Scratch::new();
    tree(&s);
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            "-r",
            "tree",
            "--out",
            "out",
            "--name",
            "{decision_year}-{case_number}",
        ],
    );
    r.success();
    let names = files(&s.path("out"));
    assert_eq!(names.len(), 6);
    assert!(
        names
            .keys()
            .all(|n| n.starts_with("20") && n.ends_with(".txt")),
        "{names:?}"
    );
}

#[test]
fn subfolders_without_cases_give_no_warning() {
    let s = Scratch::new();
    // an empty subfolder, or one of other files, says nothing
    std::fs::create_dir_all(s.path("flat/empty")).unwrap();
    s.write("flat/notes/readme.txt", "not a case\n");
    s.write("flat/notes/deeper/list.csv", "a,b\n");
    std::fs::copy(
        crate::support::fixture("cases/minimal.toml"),
        s.path("flat/one.toml"),
    )
    .unwrap();
    let r = run_in(s.dir.path(), &["check", "flat"]);
    r.success();
    assert_eq!(r.stderr, "checked 1 case: 0 errors, 0 warnings\n");
}
