#!/usr/bin/env python3
"""CI: every reference letter (REFERENCE, with --var wording=2016) and every bundled letter
(cases/, with the logo, the watermark, a running header and a footer on; and again with the
letterhead design of tests/fixtures/letterhead; and the mailed copies of cases/mailed-packet.toml)
validated by the
`page` validator (the Python package page-validation, pinned in .ci/run) in each PDF mode:

  ua-1 (the default)      PDF/UA-1
  --pdf-standard a-2b     PDF/UA-1 and PDF/A-2b
  --protect               PDF/UA-1, and `qpdf --show-encryption` shows R 4, AESv2 for
                          streams, strings and files, P -1340: printing (high resolution
                          too) and extraction for accessibility allowed, nothing else

The letters are left in OUT/<mode>-<folder>/ for the structural checks (`cargo test --test
cli every_pdf -- --ignored`). Usage: pdf_standards.py BIN REFERENCE OUT. Run with the
venv's python. Prints one line per mode and folder and the failures; exits 1 on any."""
import os, subprocess, sys

import page

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODES = {
    "ua-1": ([], ["ua1"]),
    "a-2b": (["--pdf-standard", "a-2b"], ["ua1", "2b"]),
    "protect": (["--protect"], ["ua1"]),
}
# what qpdf --show-encryption must print for a protected letter
ENCRYPTION = [
    "R = 4",
    "P = -1340",
    "User password = ",
    "extract for accessibility: allowed",
    "extract for any purpose: not allowed",
    "print low resolution: allowed",
    "print high resolution: allowed",
    "modify document assembly: not allowed",
    "modify forms: not allowed",
    "modify annotations: not allowed",
    "modify other: not allowed",
    "stream encryption method: AESv2",
    "string encryption method: AESv2",
    "file encryption method: AESv2",
]


def folders(reference):
    logo = os.path.join(ROOT, "tests", "fixtures", "logo.png")
    furniture = ["--draft", "--var", f"logo={logo}", "--var", "logo_alt=Logo of the review organization",
                 "--var", "footer=Page {page} of {pages}", "--var", "running_header=Case {case_number}"]
    letterhead = ["--draft", "--templates", os.path.join(ROOT, "tests", "fixtures", "letterhead")]
    return {
        "reference": (reference, ["--var", "wording=2016"]),
        "bundled": (os.path.join(ROOT, "cases"), furniture),
        "letterhead": (os.path.join(ROOT, "cases"), letterhead),
        "mailed": (os.path.join(ROOT, "cases", "mailed-packet.toml"),
                   ["--edition", "mailed", "--templates", os.path.join(ROOT, "examples", "mailing")]),
    }


def main():
    bin_, reference, out = sys.argv[1:4]
    bad = 0
    for mode, (mode_args, profiles) in MODES.items():
        for name, (folder, args) in folders(reference).items():
            target = os.path.join(out, f"{mode}-{name}")
            r = subprocess.run([bin_, "render", folder, "--format", "pdf", "--out", target, "--force",
                                "--no-warnings"] + args + mode_args, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"standards: {mode} {name}: render failed: {r.stderr.strip()[-400:]}")
                bad += 1
                continue
            pdfs = sorted(f for f in os.listdir(target) if f.endswith(".pdf"))
            failures = []
            for pdf in pdfs:
                path = os.path.join(target, pdf)
                for profile in profiles:
                    result = page.validate_pdf(path, profile=profile)
                    if not result.is_compliant:
                        rules = "; ".join(f"{f.rule_id}: {f.message}" for f in result.failures[:4])
                        failures.append(f"{pdf}: page {profile}: {rules}")
                if mode == "protect":
                    shown = subprocess.run(["qpdf", "--show-encryption", path],
                                           capture_output=True, text=True).stdout
                    lines = [l.strip() for l in shown.splitlines()]
                    missing = [e for e in ENCRYPTION if e.strip() not in lines]
                    if missing:
                        failures.append(f"{pdf}: qpdf --show-encryption lacks {missing}")
            ok = len(pdfs) - len({f.split(":")[0] for f in failures})
            checked = " + ".join(f"page {p}" for p in profiles)
            if mode == "protect":
                checked += " + qpdf --show-encryption (R4, AESv2, P -1340)"
            print(f"standards: {mode} {name}: {ok}/{len(pdfs)} letters pass {checked}")
            for f in failures[:10]:
                print("   ", f)
            bad += len(failures) + (len(pdfs) == 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
