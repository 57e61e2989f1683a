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

const ROLES: [&str; 5] = [
    "employee",
    "attorney",
    "requesting-provider",
    "claims-administrator",
    "employer",
];

/// Renders the bundled mailed case's packet with the example organization's settings.
fn render_packet(scratch: &Scratch, formats: &str) -> String {
    let out = scratch.path("packet");
    let out = out.to_str().unwrap().to_string();
    run(&[
        "render",
        root().join(PACKET).to_str().unwrap(),
        "--edition",
        "mailed",
        "--templates",
        root().join("examples/mailing").to_str().unwrap(),
        "--format",
        formats,
        "--out",
        &out,
    ])
    .success();
    out
}

#[test]
fn every_copy_matches_its_golden_text() {
    let scratch = Scratch::new();
    render_packet(&scratch, "text");
    let mut stale = Vec::new();
    for role in ROLES {
        let name = format!("CM17-0104417-{role}.txt");
        let actual = scratch.read(&format!("packet/{name}"));
        let golden = root().join("tests/golden/mailed").join(&name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        if std::fs::read_to_string(&golden).ok().as_deref() != Some(actual.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "differ from tests/golden/mailed (UPDATE_GOLDEN=1 rewrites): {stale:?}"
    );
    let entries = std::fs::read_dir(scratch.path("packet")).unwrap().count();
    assert_eq!(
        entries,
        ROLES.len() + 2,
        "a copy per recipient, the journal and the manifest"
    );
}

#[test]
fn each_copy_carries_its_own_last_day_and_the_others_in_its_cc_list() {
    let scratch = Scratch::new();
    render_packet(&scratch, "text");
    let attorney = scratch.read("packet/CM17-0104417-attorney.txt");
    assert!(
        attorney.contains("Monday, June 5, 2017"),
        "out of state: + 10 days"
    );
    assert!(!attorney.contains("Tuesday, May 30, 2017"));
    let provider = scratch.read("packet/CM17-0104417-requesting-provider.txt");
    assert!(
        provider.contains("Tuesday, May 30, 2017"),
        "Memorial Day rolled past"
    );
    let cc = provider.split("Copies to:").nth(1).unwrap();
    let cc = cc.split("PROOF OF SERVICE").next().unwrap();
    assert!(
        cc.contains("Martin Okafor") && !cc.contains("Helen Park"),
        "{cc}"
    );
    let employee = scratch.read("packet/CM17-0104417-employee.txt");
    assert!(employee.contains("24 de abril de 2017"));
    assert!(employee.contains("martes 30 de mayo de 2017"));
    assert!(
        employee.contains("CLINICAL CASE SUMMARY"),
        "the determination stays as written"
    );
}

#[test]
fn a_mailed_render_needs_the_organizations_settings() {
    let scratch = Scratch::new();
    let out = scratch.path("out");
    run(&[
        "render",
        root().join(PACKET).to_str().unwrap(),
        "--edition",
        "mailed",
        "--out",
        out.to_str().unwrap(),
    ])
    .status(2)
    .stderr_has("the mailed edition needs the settings `return_address`, `mailed_from`, `served_by`, `imr_unit_address`");
}

#[test]
fn an_address_line_too_wide_for_the_window_is_refused() {
    let scratch = Scratch::new();
    let text = std::fs::read_to_string(root().join(PACKET))
        .unwrap()
        .replace(
            "PO Box 24180",
            "Department of Workers' Compensation Claims, Northern California Region",
        );
    let case = scratch.write("wide.toml", &text);
    let out = scratch.path("out");
    run(&[
        "render",
        case.to_str().unwrap(),
        "--edition",
        "mailed",
        "--templates",
        root().join("examples/mailing").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .status(1)
    .stderr_has("claims administrator's address block")
    .stderr_has("does not fit the #10 envelope's window (63–315 pt across, 147–228 pt down)");
}

#[test]
fn the_manifest_lists_every_copy_and_the_print_file_follows_the_zip_codes() {
    let scratch = Scratch::new();
    let out = scratch.path("packet");
    let combined = scratch.path("print.pdf");
    run(&[
        "render",
        root().join(PACKET).to_str().unwrap(),
        "--edition",
        "mailed",
        "--templates",
        root().join("examples/mailing").to_str().unwrap(),
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        "--combine",
        combined.to_str().unwrap(),
        "--duplex",
    ])
    .success()
    .stderr_has("listed 5 mailed copies");
    let manifest = scratch.read("packet/mailing-manifest.csv");
    let rows: Vec<&str> = manifest.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(
        rows[0],
        "case,role,name,address_1,address_2,address_3,address_4,pages,sheets,file,sha256"
    );
    assert_eq!(rows.len(), 6, "{manifest}");
    let attorney = rows.iter().find(|r| r.contains(",attorney,")).unwrap();
    assert!(
        attorney.starts_with("CM17-0104417,attorney,\"Martin Okafor, Esq.\",Okafor & Lindqvist LLP,\"2200 Sunset Ridge Drive, Suite 410\",\"Reno, NV 89509\",,"),
        "{attorney}"
    );
    // every row's file is there with the SHA-256 the manifest gives
    for row in &rows[1..] {
        let fields: Vec<&str> = row.rsplitn(3, ',').collect();
        let (sha, file) = (fields[0], fields[1]);
        let bytes = std::fs::read(out.join(file)).unwrap();
        use sha2::Digest;
        let digest: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest, sha, "{file}");
    }
    // the print file: one bookmark per copy, Reno's 89509 first, Sacramento's 95824 last
    let pdf = std::fs::read(&combined).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let order: Vec<usize> = ROLES
        .iter()
        .map(|r| text.find(&format!("(CM17-0104417 {r})")).expect(r))
        .collect();
    let [employee, attorney, provider, administrator, employer] = order[..] else {
        unreachable!()
    };
    assert!(
        attorney < employee
            && employee < employer
            && employer < provider
            && provider < administrator
    );
}

#[test]
fn a_rerun_skips_current_copies_and_renders_a_case_whose_copy_is_gone() {
    let scratch = Scratch::new();
    let out = render_packet(&scratch, "pdf");
    let again = |expect: &str| {
        run(&[
            "render",
            root().join(PACKET).to_str().unwrap(),
            "--edition",
            "mailed",
            "--templates",
            root().join("examples/mailing").to_str().unwrap(),
            "--format",
            "pdf",
            "--out",
            &out,
        ])
        .success()
        .stderr_has(expect)
        .stderr_has("listed 5 mailed copies");
    };
    let manifest = scratch.read("packet/mailing-manifest.csv");
    again("rendered 0 of 1 case, 1 skipped");
    assert_eq!(
        scratch.read("packet/mailing-manifest.csv"),
        manifest,
        "a skipped case is listed as rendered"
    );
    std::fs::remove_file(scratch.path("packet/CM17-0104417-employer.pdf")).unwrap();
    again("rendered 1 of 1 case, 0 skipped");
    assert!(scratch.path("packet/CM17-0104417-employer.pdf").is_file());
}
