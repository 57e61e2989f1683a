#!/usr/bin/env bash
# Batch throughput, memory and profile of `imr-letters render`.
#
#   benches/batch.sh                 # everything below, 3 runs per figure
#   RUNS=5 benches/batch.sh          # more runs per figure (the median is reported)
#   BENCH_DIR=/dev/shm/b benches/batch.sh   # where the inputs go (default /tmp/imr-letters-bench)
#   OUT_DIR=/dev/shm/out benches/batch.sh   # where the letters go (default: BENCH_DIR)
#   SKIP_MEMORY=1 benches/batch.sh   # throughput and profile only
#   SKIP_PEER=1 benches/batch.sh     # without the Typst peer
#   SKIP_THROUGHPUT=1 SKIP_PROFILE=1 benches/batch.sh   # the peer comparison alone
#   SHORT_MODES=1 benches/batch.sh   # against the peer: tagged and untagged, Typst tags off
#
# Workloads: 10,000 `imr-letters sample` cases (seed 1), and the 194 reference cases in
# ../shared/reference/cases copied 10 times under distinct case numbers (rendered with
# --var wording=2016, as their letters were). Each is rendered as PDF and as text with one
# thread (-j 1) and with every core, --force into an emptied folder, alternating the
# configurations run by run; letters/s is cases / wall-clock seconds of the whole process
# (start-up included), the median of RUNS runs. Every run writes into a folder of its own
# after a `sync`, and the folders are removed at the end, so no run pays for writing back
# or deleting another's files. Peak memory is the maximum resident set
# size (/usr/bin/time) of a text run and of a PDF run over 1,000 and over 100,000 sample
# cases (all cores). The profile is one -j 1 run per workload with
# IMR_LETTERS_PROFILE=1.
#
# The peer: the same 1,940 reference letters as PDF through Typst (../shared/bench/peer-typst,
# one reused Compiler per process; its setup.sh installs it), one process against -j 1 and
# one process per core against every core, with imr-letters in each PDF mode (tagged, the
# default; untagged; PDF/A-2b; protected) and Typst with its tags off and on, all in turn
# run by run; the bytes are the mean size of a letter, the ratios of the medians of this
# one sitting against Typst with its tags off (its fastest).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/imr-letters-bench}
OUT_DIR=${OUT_DIR:-$BENCH_DIR}
REFERENCE=${REFERENCE:-../shared/reference/cases}
PEER=${PEER:-../shared/bench/peer-typst}
VENV=${VENV:-/opt/bench-venv}
CORES=$(nproc)
BIN=target/release/imr-letters

cargo build --release --quiet
mkdir -p "$BENCH_DIR"

# Inputs (made once; kept between runs of the script).
if [ ! -d "$BENCH_DIR/sample-10k" ]; then
  "$BIN" sample --count 10000 --seed 1 --out "$BENCH_DIR/sample-10k" 2>/dev/null
fi
if [ ! -d "$BENCH_DIR/reference-x10" ] && [ -d "$REFERENCE" ]; then
  mkdir -p "$BENCH_DIR/reference-x10"
  for copy in 0 1 2 3 4 5 6 7 8 9; do
    for f in "$REFERENCE"/*.toml; do
      # CM16-0213037 -> CM06-0213037, CM17-… -> CM07-…: distinct numbers, the real shape.
      sed -E "s/^case_number = \"CM1([0-9])-/case_number = \"CM${copy}\\1-/" "$f" \
        > "$BENCH_DIR/reference-x10/$copy-$(basename "$f")"
    done
  done
fi

# One timed run into a new folder: sets SECS and RSS (KiB).
RUN=0
timed() {
  RUN=$((RUN + 1))
  local out="$OUT_DIR/out-$RUN"
  rm -rf "$out"
  sync
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$BENCH_DIR/rss" "$BIN" render "$@" --out "$out" --force 2>/dev/null
  end=$(date +%s.%N)
  SECS=$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')
  RSS=$(cat "$BENCH_DIR/rss")
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "# imr-letters batch benchmark — $(date -u +%Y-%m-%d), $CORES cores, $(uname -m)"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| workload | format | threads | letters/s (median of $RUNS) | runs (s) |"
echo "|---|---|---:|---:|---|"
for work in sample-10k reference-x10; do
  dir="$BENCH_DIR/$work"
  [ -d "$dir" ] && [ -z "${SKIP_THROUGHPUT:-}" ] || continue
  n=$(find "$dir" -name '*.toml' | wc -l)
  extra=()
  [ "$work" = reference-x10 ] && extra=(--var wording=2016)
  declare -A times=()
  for run in $(seq "$RUNS"); do
    for format in pdf text; do
      for jobs in 1 "$CORES"; do
        timed "$dir" --format "$format" -j "$jobs" "${extra[@]}"
        times[$format-$jobs]+="$SECS "
      done
    done
  done
  for format in pdf text; do
    for jobs in 1 "$CORES"; do
      runs=${times[$format-$jobs]}
      med=$(echo "$runs" | tr ' ' '\n' | grep . | median)
      printf "| %s (%d cases) | %s | %s | %.0f | %s|\n" "$work" "$n" "$format" "$jobs" \
        "$(awk -v n="$n" -v t="$med" 'BEGIN {print n / t}')" "$(for t in $runs; do printf '%.2f ' "$t"; done)"
    done
  done
  unset times
done

if [ -z "${SKIP_MEMORY:-}" ]; then
  echo
  echo "| peak memory | cases | max RSS |"
  echo "|---|---:|---:|"
  for count in 1000 100000; do
    [ -d "$BENCH_DIR/sample-$count" ] ||
      "$BIN" sample --count "$count" --seed 2 --out "$BENCH_DIR/sample-$count" 2>/dev/null
  done
  for spec in text:1000 text:100000 pdf:1000 pdf:100000; do
    format=${spec%:*}; count=${spec#*:}
    timed "$BENCH_DIR/sample-$count" --format "$format"
    printf "| %s, all cores | %d | %.1f MiB (%.1f s) |\n" "$format" "$count" "$(awk -v r="$RSS" 'BEGIN {print r / 1024}')" "$SECS"
  done
fi

# Mean bytes of the PDFs in a folder.
mean_bytes() { find "$1" -name '*.pdf' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/NR}'; }

if [ -z "${SKIP_PEER:-}" ] && [ -d "$BENCH_DIR/reference-x10" ] && [ -f "$PEER/typst_batch.py" ] &&
  VENV=$VENV bash "$PEER/setup.sh" >&2; then
  dir="$BENCH_DIR/reference-x10"
  n=$(find "$dir" -name '*.toml' | wc -l)
  # imr-letters in each PDF mode and the peer with its tags off and on, run by run in turn
  modes=("tagged (default, ua-1)" "untagged (--pdf-standard none)" "PDF/A-2b (--pdf-standard a-2b)" "protected (--protect)")
  mode_args=("" "--pdf-standard none" "--pdf-standard a-2b" "--protect")
  peers=("Typst (tags off)" "Typst (--tags)")
  peer_args=("" "--tags")
  if [ -n "${SHORT_MODES:-}" ]; then
    modes=("${modes[@]:0:2}"); mode_args=("${mode_args[@]:0:2}")
    peers=("${peers[0]}"); peer_args=("")
  fi
  declare -A times=() bytes=()
  for run in $(seq "$RUNS"); do
    for jobs in 1 "$CORES"; do
      for m in "${!modes[@]}"; do
        # shellcheck disable=SC2086
        timed "$dir" --format pdf -j "$jobs" --var wording=2016 ${mode_args[$m]}
        times[ours$m-$jobs]+="$SECS "
        bytes[ours$m]=$(mean_bytes "$OUT_DIR/out-$RUN")
        rm -rf "$OUT_DIR/out-$RUN"
      done
      for p in "${!peers[@]}"; do
        out="$OUT_DIR/peer-$run-$jobs"
        rm -rf "$out"
        sync
        start=$(date +%s.%N)
        # shellcheck disable=SC2086
        "$VENV/bin/python" "$PEER/typst_batch.py" "$dir" "$out" --procs "$jobs" --wording 2016 ${peer_args[$p]} >/dev/null
        end=$(date +%s.%N)
        times[peer$p-$jobs]+="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}') "
        bytes[peer$p]=$(mean_bytes "$out")
        rm -rf "$out"
      done
    done
  done
  med() { echo "${times[$1]}" | tr ' ' '\n' | grep . | median; }
  echo
  echo "| $n reference letters as PDF | bytes/letter | letters/s, 1 process/thread | letters/s, $CORES | × Typst (tags off), 1 | × Typst (tags off), $CORES |"
  echo "|---|---:|---:|---:|---:|---:|"
  base1=$(med peer0-1); baseN=$(med "peer0-$CORES")
  for m in "${!modes[@]}"; do
    a=$(med "ours$m-1"); b=$(med "ours$m-$CORES")
    awk -v name="imr-letters, ${modes[$m]}" -v size="${bytes[ours$m]}" -v n="$n" -v a="$a" -v b="$b" -v p="$base1" -v q="$baseN" \
      'BEGIN {printf "| %s | %d | %.0f | %.0f | %.1fx | %.1fx |\n", name, size, n / a, n / b, p / a, q / b}'
  done
  for p in "${!peers[@]}"; do
    a=$(med "peer$p-1"); b=$(med "peer$p-$CORES")
    awk -v name="${peers[$p]}" -v size="${bytes[peer$p]}" -v n="$n" -v a="$a" -v b="$b" -v p="$base1" -v q="$baseN" \
      'BEGIN {printf "| %s | %d | %.0f | %.0f | %.1fx | %.1fx |\n", name, size, n / a, n / b, p / a, q / b}'
  done
  unset times bytes
fi

echo
for work in sample-10k reference-x10; do
  dir="$BENCH_DIR/$work"
  [ -d "$dir" ] && [ -z "${SKIP_PROFILE:-}" ] || continue
  extra=()
  [ "$work" = reference-x10 ] && extra=(--var wording=2016)
  for format in pdf text; do
    echo "## profile: $work, $format, -j 1"
    out="$OUT_DIR/profile"
    rm -rf "$out"
    sync
    IMR_LETTERS_PROFILE=1 "$BIN" render "$dir" --format "$format" -j 1 --out "$out" --force "${extra[@]}" 2>&1 |
      sed -n '/^profile/,$p'
    if [ "$format" = pdf ]; then
      find "$out" -name '*.pdf' -printf '%s\n' |
        awk '{s+=$1} END {printf "  PDF size: %.0f bytes per letter (mean of %d)\n", s/NR, NR}'
    fi
  done
done
rm -rf "$OUT_DIR"/out-* "$OUT_DIR/profile"
