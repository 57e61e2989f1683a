//! Privacy by construction, proved on the outputs: a case given every kind of party data
//! (names, addresses, claim and ADJ numbers, a documents-reviewed list, a date of mailing)
//! prints none of it in its public letter, text or PDF (content or metadata), and a
//! reviewer's name cannot even be written in a case file. The bundled cases are checked
//! here; `.ci/run` sets `IMR_PRIVACY_CASES=../shared/reference/cases` to check every
//! reference case too.

use crate::support::{Scratch, root, run, run_in};

/// The invented party data added to a case that has none, every string of which must stay
/// out of the public letter.
const PARTIES: &str = r#"
[parties]
claim_number = "QZ-7734-0091"
adj_number = "ADJ99887766"
employee = { name = "Quintessa Vargheese", address = ["8841 Zephyrine Lane", "Yreka, CA 96097"], region = "CA" }
attorney = { name = "Barnaby Thistlewood", address = ["Thistlewood Xylander LLP", "77 Quillfeather Court", "Boise, ID 83702"], region = "US" }
requesting_provider = { name = "Dr. Ottoline Marchbanks", address = ["Marchbanks Wyvern Clinic", "19 Nettlecombe Road", "Eureka, CA 95501"], region = "CA" }
claims_administrator = { name = "Vexillum Claims Trust", address = ["PO Box 771234", "Modesto, CA 95352"], region = "CA" }
employer = { name = "Quorndon Pickle Works", address = ["3 Quorndon Way", "Ukiah, CA 95482"], region = "CA" }

[[documents_reviewed]]
title = "Zephyrine vocational appraisal memoranda"
author = "Wyvern Ergonomics Bureau"
dates = "02/29/2000 - 03/01/2000"
"#;

/// Every string of [`PARTIES`] a letter could print.
const SECRETS: &[&str] = &[
    "QZ-7734-0091",
    "ADJ99887766",
    "Quintessa",
    "Vargheese",
    "Zephyrine",
    "Yreka",
    "96097",
    "Thistlewood",
    "Xylander",
    "Quillfeather",
    "83702",
    "Ottoline",
    "Marchbanks",
    "Wyvern",
    "Nettlecombe",
    "Vexillum",
    "771234",
    "Quorndon",
    "Pickle Works",
    "Ergonomics Bureau",
    "02/29/2000",
];

/// A case with party data: its own when it has some, else [`PARTIES`] and a date of
/// mailing three days after the decision. Returns the text and the strings to look for.
fn with_parties(text: &str) -> (String, Vec<String>) {
    let mut secrets: Vec<String> = SECRETS.iter().map(|s| s.to_string()).collect();
    if text.lines().any(|l| l == "[parties]") {
        // the case's own: every quoted value in and after [parties] that is not shared
        // with the printed part of the file
        let (printed, parties) = text.split_at(text.find("\n[parties]").unwrap());
        secrets = parties
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                s.len() >= 5
                    && !printed.contains(*s)
                    && !public_dates(printed).iter().any(|d| d == s)
            })
            .map(str::to_string)
            .collect();
        for line in text.lines() {
            if let Some(date) = line.strip_prefix("mailed = ") {
                let (y, rest) = date.split_at(4);
                let (m, d) = (&rest[1..3], &rest[4..6]);
                secrets.push(format!("{m}/{d}/{y}"));
            }
        }
        return (text.to_string(), secrets);
    }
    let mut out = String::new();
    let mut mailed = None;
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
        if let Some(date) = line.trim().strip_prefix("decision = ")
            && mailed.is_none()
        {
            let next = three_days_later(date.trim());
            out.push_str(&format!("mailed = {next}\n"));
            mailed = Some(next);
        }
    }
    out.push_str(PARTIES);
    if let Some(m) = mailed {
        let (y, mo, d) = (&m[..4], &m[5..7], &m[8..10]);
        secrets.push(format!("{mo}/{d}/{y}"));
    }
    (out, secrets)
}

/// The dates the public letter prints (its `[dates]` as MM/DD/YYYY): a document's date
/// may be one of them.
fn public_dates(printed: &str) -> Vec<String> {
    printed
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(_, v)| v.trim())
        .filter(|v| v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-')
        .map(|v| format!("{}/{}/{}", &v[5..7], &v[8..10], &v[..4]))
        .collect()
}

/// `YYYY-MM-DD` plus three days (a decision's date: never near a year's end in the corpus,
/// and counted exactly anyway).
fn three_days_later(date: &str) -> String {
    let y: i32 = date[..4].parse().unwrap();
    let m: u32 = date[5..7].parse().unwrap();
    let d: u32 = date[8..10].parse().unwrap();
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let (mut y, mut m, mut d) = (y, m, d + 3);
    if d > days[(m - 1) as usize] {
        d -= days[(m - 1) as usize];
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn no_party_string_reaches_a_public_letter() {
    let folder = std::env::var("IMR_PRIVACY_CASES").unwrap_or_else(|_| "cases".into());
    let folder = root().join(folder);
    let scratch = Scratch::new();
    let mut secrets_of = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    for name in &names {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        let (with, secrets) = with_parties(&text);
        assert!(!secrets.is_empty(), "{name}");
        scratch.write(&format!("in/{name}"), &with);
        let number = with
            .lines()
            .find_map(|l| l.strip_prefix("case_number = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap()
            .to_string();
        secrets_of.push((number, secrets));
    }
    let mut args = vec!["render", "in", "--format", "text,pdf", "--out", "out"];
    if folder.ends_with("reference/cases") {
        args.extend(["--var", "wording=2016"]);
    }
    run_in(&scratch.path(""), &args).success();
    let mut leaks = Vec::new();
    for (number, secrets) in &secrets_of {
        for ext in ["txt", "pdf"] {
            let bytes = std::fs::read(scratch.path(&format!("out/{number}.{ext}"))).unwrap();
            // the text is the PDF's content line for line; the PDF's own bytes hold its
            // metadata (Info, bookmarks) as plain strings
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            if ext == "pdf" {
                let title = format!("imr final determination {}", number.to_lowercase());
                assert!(
                    text.contains(&title),
                    "{number}: the metadata is searchable"
                );
            }
            for s in secrets {
                if text.contains(&s.to_lowercase()) {
                    leaks.push(format!("{number}.{ext}: {s}"));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "party data in public letters: {leaks:?}");
    assert_eq!(secrets_of.len(), names.len());
}

#[test]
fn a_reviewers_name_cannot_be_written_in_a_case() {
    let scratch = Scratch::new();
    let text = std::fs::read_to_string(root().join("tests/fixtures/cases/minimal.toml"))
        .unwrap()
        .replace("[reviewer]\n", "[reviewer]\nname = \"Dr. Reviewer\"\n");
    let case = scratch.write("named.toml", &text);
    run(&["check", case.to_str().unwrap()])
        .status(1)
        .stderr_has("unknown field `name`, expected one of `licensure`, `specialties`");
}
