#!/usr/bin/env python3
"""CI: every PDF the binary makes from the given case folders passes `qpdf --check`, embeds
only subset fonts (`pdffonts`), and reads back (`pdftotext`) as the same words as the text
letter made in the same run. Usage: pdf_check.py BIN CASES_DIR [--var K=V]... [--arg ARG]...
(repeatable folders after BIN; --arg passes one more argument to render, e.g. --arg --protect).
Prints one line per folder and the failures; exits 1 on any failure."""
import subprocess, sys, tempfile, os, re


def words(text):
    return text.split()


def check_folder(bin_, folder, var, extra):
    failures = []
    with tempfile.TemporaryDirectory() as out:
        args = [bin_, "render", folder, "--format", "text,pdf", "--out", out] + extra
        for v in var:
            args += ["--var", v]
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode != 0:
            return 0, [f"{folder}: render failed: {r.stderr.strip()[-400:]}"]
        pdfs = sorted(f for f in os.listdir(out) if f.endswith(".pdf"))
        for name in pdfs:
            pdf = os.path.join(out, name)
            q = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
            if q.returncode != 0:
                failures.append(f"{name}: qpdf --check: {q.stdout.strip()[-300:]}")
            fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
            rows = fonts.splitlines()[2:]
            if not rows:
                failures.append(f"{name}: pdffonts lists no font")
            for row in rows:
                # name type encoding emb sub uni object ID (the type may hold spaces)
                cols = row.split()
                emb, sub = cols[-5], cols[-4]
                if emb != "yes" or sub != "yes" or not re.match(r"^[A-Z]{6}\+", cols[0]):
                    failures.append(f"{name}: font not an embedded subset: {row}")
            pdf_text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"],
                                      capture_output=True, text=True).stdout
            txt = open(os.path.join(out, name[:-4] + ".txt"), encoding="utf-8").read()
            if words(pdf_text) != words(txt):
                a, b = words(pdf_text), words(txt)
                i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                failures.append(f"{name}: pdftotext words differ at word {i}: {a[i:i+4]} vs {b[i:i+4]}")
        return len(pdfs), failures


def main():
    bin_ = sys.argv[1]
    var, extra, folders = [], [], []
    rest = sys.argv[2:]
    while rest:
        a = rest.pop(0)
        if a == "--var":
            var.append(rest.pop(0))
        elif a == "--arg":
            extra.append(rest.pop(0))
        else:
            folders.append(a)
    bad = 0
    for folder in folders:
        n, failures = check_folder(bin_, folder, var, extra)
        ok = n - len({f.split(":")[0] for f in failures})
        mode = f" ({' '.join(extra)})" if extra else ""
        print(f"pdf: {folder}{mode}: {ok}/{n} PDFs pass qpdf --check, subset fonts, pdftotext words")
        for f in failures[:20]:
            print("   ", f)
        bad += len(failures) + (n == 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
