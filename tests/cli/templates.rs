//! Template folders: overriding and extending built-ins, settings, listing and exporting.

use crate::support::{Scratch, fixture, run, run_in};

fn minimal() -> String {
    fixture("cases/minimal.toml").to_str().unwrap().to_string()
}

#[test]
fn overriding_one_section_keeps_the_built_ins_for_the_rest() {
    let s = Scratch::new();
    s.write(
        "tpl/determination.md",
        "# HOW THIS WAS DECIDED\n\nAn independent physician reviewed the file.\n",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.success()
        .stdout_has("HOW THIS WAS DECIDED")
        .stdout_has("An independent physician reviewed the file.")
        .stdout_has("CLINICAL CASE SUMMARY")
        .stdout_has("Physical therapy 2x4:  Upheld");
    assert!(
        !r.stdout
            .contains("HOW THE IMR FINAL DETERMINATION WAS MADE")
    );
}

#[test]
fn an_override_can_extend_the_built_in_it_replaces() {
    let s = Scratch::new();
    s.write(
        "tpl/determination.md",
        "{% extends \"builtin/determination.md\" %}\n{% block credentials %}The reviewer is board certified in {{ reviewer.specialties | join(sep=\", \") }}.{% endblock credentials %}\n",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.success()
        .stdout_has("HOW THE IMR FINAL DETERMINATION WAS MADE")
        .stdout_has("MAXIMUS Federal Services sent the complete case file")
        .stdout_has("The reviewer is board certified in Family Practice.");
    assert!(!r.stdout.contains("State(s) of Licensure"));
}

#[test]
fn overriding_a_part_changes_every_place_it_is_included() {
    let s = Scratch::new();
    s.write(
        "tpl/guideline.md",
        "No guideline was cited by the {{ who }}.",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.success()
        .stdout_has(
            "Claims Administrator guideline: No guideline was cited by the Claims Administrator.",
        )
        .stdout_has("MAXIMUS guideline: No guideline was cited by the Expert Reviewer.");
}

#[test]
fn a_stray_file_in_the_folder_is_a_warning() {
    let s = Scratch::new();
    s.write("tpl/determinaton.md", "typo in the name");
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.success()
        .stderr_has("warning: `tpl/determinaton.md` matches no template and is ignored")
        .stderr_has("determination.md");
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let s = Scratch::new();
    s.write(
        "tpl/summary.md",
        "# CLINICAL CASE SUMMARY\n\n{% for p in summary %}\n{{ p }\n{% endfor %}\n",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.status(2)
        .stderr_has("failed to compile the templates")
        .stderr_has("--> tpl/summary.md:4:");
}

#[test]
fn an_undefined_variable_names_the_template_line_and_case() {
    let s = Scratch::new();
    s.write(
        "tpl/summary.md",
        "# CLINICAL CASE SUMMARY\n\nAge: {{ claimant.age }}\n",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.status(1)
        .stderr_has("failed to render section `summary.md`")
        .stderr_has("--> tpl/summary.md:3:")
        .stderr_has("minimal.toml");
}

#[test]
fn a_template_that_produces_unsupported_markup_is_refused() {
    let s = Scratch::new();
    s.write(
        "tpl/summary.md",
        "# CLINICAL CASE SUMMARY\n\n- a bullet from the template\n",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.status(1)
        .stderr_has("section `summary.md` produced a list")
        .stderr_has("tpl/summary.md");
}

#[test]
fn settings_come_from_the_folder_and_from_var() {
    let s = Scratch::new();
    s.write(
        "tpl/settings.toml",
        "organization = \"Acme Review Services\"\norganization_short = \"ACME\"\n",
    );
    let r = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    r.success()
        .stdout_has("Acme Review Services sent the complete case file")
        .stdout_has("ACME guideline:");
    let r = run_in(
        s.dir.path(),
        &[
            "render",
            &minimal(),
            "--templates",
            "tpl",
            "--var",
            "organization_short=Acme",
        ],
    );
    r.success().stdout_has("Acme guideline:");
    s.write("tpl/settings.toml", "organisation = \"x\"\n");
    run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"])
        .status(2)
        .stderr_has("unknown setting `organisation`")
        .stderr_has("--> tpl/settings.toml:1:1");
}

#[test]
fn the_wording_setting_switches_the_non_mtus_sentence() {
    let seed = run(&["render", "cases/seed-letter.toml", "--wrap", "none"]);
    seed.success().stdout_has("The Claims Administrator did not base their decision on the MTUS. Decision based on Non-MTUS Citation");
    let later = run(&[
        "render",
        "cases/seed-letter.toml",
        "--wrap",
        "none",
        "--var",
        "wording=2016",
    ]);
    later.success().stdout_has(
        "The Claims Administrator based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation",
    );
}

#[test]
fn list_shows_where_each_template_comes_from() {
    let s = Scratch::new();
    s.write("tpl/item.md", "{% extends \"builtin/item.md\" %}");
    let r = run_in(s.dir.path(), &["templates", "list", "--templates", "tpl"]);
    r.success()
        .stdout_has("tpl/item.md")
        .stdout_has("header.md");
    let item_line = r.stdout.lines().find(|l| l.starts_with("item.md")).unwrap();
    assert!(item_line.contains("tpl/item.md"), "{item_line}");
    let header_line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("header.md"))
        .unwrap();
    assert!(header_line.contains("built-in"), "{header_line}");
    r.stdout_has("wording").stdout_has("\"seed\"");
}

#[test]
fn export_writes_stamped_built_ins_that_render_the_same_letter() {
    let s = Scratch::new();
    run_in(s.dir.path(), &["templates", "export", "tpl"]).success();
    let item = s.read("tpl/item.md");
    assert!(item.starts_with(&format!(
        "{{#- imr-letters {} built-in template item.md",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(s.read("tpl/settings.toml").contains("# wording = \"seed\""));
    let builtin = run_in(s.dir.path(), &["render", &minimal()]);
    let exported = run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"]);
    assert_eq!(builtin.stdout, exported.success().stdout);
    assert!(
        exported.stderr.is_empty(),
        "no warnings for an exported folder: {}",
        exported.stderr
    );
    run_in(s.dir.path(), &["templates", "export", "tpl"])
        .status(2)
        .stderr_has("--force");
    run_in(s.dir.path(), &["templates", "export", "tpl", "--force"]).success();
}

#[test]
fn an_override_that_is_a_symlink_is_followed_and_a_dangling_one_refused() {
    let s = Scratch::new();
    s.write(
        "shared/summary.md",
        "# CLINICAL CASE SUMMARY\n\nThe summary the offices share.\n",
    );
    std::fs::create_dir_all(s.path("tpl")).unwrap();
    std::os::unix::fs::symlink("../shared/summary.md", s.path("tpl/summary.md")).unwrap();
    for command in ["check", "render"] {
        let r = run_in(s.dir.path(), &[command, &minimal(), "--templates", "tpl"]);
        r.success();
        assert!(!r.stderr.contains("warning:"), "{}", r.stderr);
    }
    run_in(s.dir.path(), &["render", &minimal(), "--templates", "tpl"])
        .stdout_has("The summary the offices share.");
    std::os::unix::fs::symlink("../shared/gone.md", s.path("tpl/issues.md")).unwrap();
    for command in ["check", "render"] {
        run_in(s.dir.path(), &[command, &minimal(), "--templates", "tpl"])
            .status(2)
            .stderr_has("failed to read template `tpl/issues.md`");
    }
}
