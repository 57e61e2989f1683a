#!/usr/bin/env python3
"""Latency of `imr-letters watch`: from a saved template to the new PDF on disk.

    python3 benches/watch.py                 # 20 edits, release build, seed letter as PDF
    EDITS=50 python3 benches/watch.py        # more edits
    BIN=target/debug/imr-letters python3 benches/watch.py

A watcher runs on cases/seed-letter.toml with a template folder (the built-ins, exported).
Each edit rewrites summary.md with a new heading, as an editor's save does, and the clock
stops when the PDF on disk is no longer the one before the edit (read every millisecond;
the PDF is renamed into place whole, so a read sees the old letter or the new one, and the
new heading makes a new letter). Between edits the watcher is given 300 ms to be idle.
Prints every latency and the median, in ms.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(os.environ.get("BIN", os.path.join(ROOT, "target/release/imr-letters")))
EDITS = int(os.environ.get("EDITS", "20"))




def main():
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} is missing: cargo build --release")
    with tempfile.TemporaryDirectory() as work:
        tpl = os.path.join(work, "tpl")
        subprocess.run([BIN, "templates", "export", tpl], check=True, capture_output=True)
        summary = os.path.join(tpl, "summary.md")
        original = open(summary).read()
        out = os.path.join(work, "letter.pdf")
        case = os.path.join(ROOT, "cases/seed-letter.toml")
        watcher = subprocess.Popen(
            [BIN, "watch", case, "--templates", tpl, "--out", out],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
        try:
            deadline = time.monotonic() + 30
            while not os.path.exists(out):
                if time.monotonic() > deadline:
                    sys.exit("no first letter")
                time.sleep(0.01)
            latencies = []
            for i in range(EDITS):
                time.sleep(0.3)
                before = open(out, "rb").read()
                heading = f"SUMMARY EDIT {i:03d}"
                start = time.monotonic()
                with open(summary, "w") as f:
                    f.write(original.replace("CLINICAL CASE SUMMARY", heading))
                while True:
                    try:
                        now = open(out, "rb").read()
                    except FileNotFoundError:
                        now = before
                    if now != before:
                        break
                    if time.monotonic() - start > 10:
                        sys.exit(f"edit {i}: no new letter within 10 s")
                    time.sleep(0.001)
                latencies.append((time.monotonic() - start) * 1000)
            for i, ms in enumerate(latencies):
                print(f"edit {i + 1:2d}: {ms:6.1f} ms")
            print(f"median of {EDITS} edits: {statistics.median(latencies):.1f} ms "
                  f"(min {min(latencies):.1f}, max {max(latencies):.1f})")
        finally:
            watcher.terminate()
            watcher.wait()


if __name__ == "__main__":
    main()
