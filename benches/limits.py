#!/usr/bin/env python3
"""Time and peak memory of `imr-letters check` on the size cases of the batch-safety work.

    python3 benches/limits.py                  # target/release/imr-letters, 3 runs a figure
    IMR_LETTERS=path/to/imr-letters python3 benches/limits.py
    RUNS=5 python3 benches/limits.py

Cases, written into a fresh temporary folder:
  long-line-N    one case whose summary is a single line of N misspelt words (N = 5,000,
                 10,000, 20,000: 65 to 260 KB), so that every warning points into that line;
  items-N        one case with N disputed items (N = 10,000, 40,000);
  misspelt-key-N one case with N items whose `decision` key is misspelt (N = 5,000, 20,000):
                 two errors an item, each pointing into a file of up to 1 MB;
  accept-N       one case with N `[[accept]]` tables that match nothing (N = 5,000, 20,000);
  dated-N        one case whose summary has N paragraphs with a date each (N = 5,000, 20,000);
  template-*     the seed case checked against template folders that never end or grow
                 without bound (nested `range` loops, a section printing the summary 100,000
                 times, a string doubled in a loop): each must be refused with a located error.
Each figure is the median wall-clock seconds and the largest peak resident set size of RUNS
runs, with the exit status and the first error line. Linear growth shows as the ratios the
script prints (time and memory of the larger size over the smaller one).
"""
import os, resource, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("IMR_LETTERS", str(ROOT / "target/release/imr-letters"))
RUNS = int(os.environ.get("RUNS", "3"))
MINIMAL = (ROOT / "tests/fixtures/cases/minimal.toml").read_text()
SUMMARY = '[summary]\ntext = """\n'


def long_line(n):
    words = " ".join(f"xqzv{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(n))
    return MINIMAL.replace(SUMMARY, SUMMARY + words + "\n", 1)


def many_items(n):
    head = MINIMAL[: MINIMAL.index("[[items]]")]
    item = ('[[items]]\nrequest = "Physical therapy 2x4, visit {k}"\ndecision = "upheld"\n'
            'rationale = """\nThe request for visit {k} is not medically necessary.\n"""\n\n')
    return head + "".join(item.format(k=k) for k in range(1, n + 1))


def misspelt_keys(n):
    item = '[[items]]\nrequest = "Visit {k}"\ndecison = "upheld"\nrationale = """\nNot needed.\n"""\n'
    return MINIMAL + "".join(item.format(k=k) for k in range(n))


def accepts(n):
    table = '[[accept]]\ncode = "spelling.unknown"\nfield = "items[{k}].rationale"\nreason = "x"\n\n'
    return MINIMAL + "".join(table.format(k=k) for k in range(1, n + 1))


def dated(n):
    paragraphs = "\n\n".join(f"The worker was seen on March {k % 28 + 1}, 2016, visit {k}."
                             for k in range(n))
    return MINIMAL.replace(SUMMARY, SUMMARY + paragraphs + "\n\n", 1)


TEMPLATES = {
    "template-nested-range": "{% for a in range(end=100000) %}{% for b in range(end=100000) %}"
                             "{% endfor %}{% endfor %}",
    "template-huge-output": "{% for a in range(end=100000) %}{{ summary }}{% endfor %}",
    "template-doubling": '{% set_global s = "xy" %}{% for a in range(end=64) %}'
                         "{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
}


def measure(args, cwd):
    """(median seconds, peak RSS MiB, exit status, first error line)"""
    times, peaks, status, first = [], [], None, ""
    for _ in range(RUNS):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.chdir(cwd)
            fd = os.open("stderr.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(fd, 2)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            # a runaway must not take the machine down: 8 GiB of address space, 120 s
            resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
            resource.setrlimit(resource.RLIMIT_CPU, (120, 120))
            os.execv(BIN, [BIN] + args)
        _, wait_status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        status = os.waitstatus_to_exitcode(wait_status)
        err = (Path(cwd) / "stderr.txt").read_text(errors="replace")
        first = next((l for l in err.splitlines() if l.startswith("error")), "")
    return statistics.median(times), max(peaks), status, first


def main():
    if not Path(BIN).exists():
        sys.exit(f"{BIN} not found: cargo build --release first, or set IMR_LETTERS")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in (5000, 10000, 20000):
            (tmp / f"long-line-{n}.toml").write_text(long_line(n))
        for n in (10000, 40000):
            (tmp / f"items-{n}.toml").write_text(many_items(n))
        for n in (5000, 20000):
            (tmp / f"misspelt-key-{n}.toml").write_text(misspelt_keys(n))
            (tmp / f"accept-{n}.toml").write_text(accepts(n))
            (tmp / f"dated-{n}.toml").write_text(dated(n))
        (tmp / "seed.toml").write_text((ROOT / "cases/seed-letter.toml").read_text())
        for name, text in TEMPLATES.items():
            (tmp / name).mkdir()
            (tmp / name / "summary.md").write_text(text + "\n")
        jobs = [(f"long-line-{n}", ["check", f"long-line-{n}.toml"]) for n in (5000, 10000, 20000)]
        jobs += [(f"items-{n}", ["check", f"items-{n}.toml"]) for n in (10000, 40000)]
        for kind in ("misspelt-key", "accept", "dated"):
            jobs += [(f"{kind}-{n}", ["check", f"{kind}-{n}.toml"]) for n in (5000, 20000)]
        jobs += [(name, ["check", "--templates", name, "seed.toml"]) for name in TEMPLATES]
        print(f"{BIN}, median of {RUNS} runs")
        print(f"{'case':24} {'bytes':>9} {'seconds':>8} {'peak MiB':>9} {'exit':>5}  first error")
        for name, args in jobs:
            case = tmp / args[-1]
            secs, mib, status, first = measure(args, tmp)
            rows[name] = (secs, mib)
            print(f"{name:24} {case.stat().st_size:>9} {secs:>8.2f} {mib:>9.1f} {status:>5}  {first[:70]}")
    pairs = (("long-line-5000", "long-line-20000"), ("items-10000", "items-40000"),
             ("misspelt-key-5000", "misspelt-key-20000"), ("accept-5000", "accept-20000"),
             ("dated-5000", "dated-20000"))
    for small, big in pairs:
        (ts, ms), (tb, mb) = rows[small], rows[big]
        print(f"{big} / {small}: time x{tb / ts:.1f}, memory x{mb / ms:.1f} (input x4)")


if __name__ == "__main__":
    main()
