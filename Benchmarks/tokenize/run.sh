#!/usr/bin/env bash
# The tokenizer benchmark of issue 2, in one run on one machine (see Benchmarks/README.md):
#   1. speed: MB/s of `hanmine tokenize --format text` with --jobs 1 (pinned to one core) and
#      --jobs 2, and of a plain ICU word-break loop in C (icu_loop.c, one core), on the same text;
#      ratios hanmine / C. Best of 3 runs (hyperfine when it can be had, else a loop).
#   2. memory: peak RSS of `hanmine tokenize` (default --jobs) on a large input (1 GB by default).
#   3. accuracy: word P/R/F1 on ../shared/segmentation (pku, msr) for hanmine, hanmine without
#      its built-in lexicon, and the C ICU loop alone. Skipped, saying so, when that folder is absent.
# Counts are asserted along the way: each large input is N copies of one unit, so its word count
# must be N times the unit's, and --jobs 2 must write exactly the bytes --jobs 1 writes.
#
# Usage: Benchmarks/tokenize/run.sh [--quick] [--commit REV] [--no-commit-dir] [--profile]
#   --quick          small inputs (8 MB speed text, 64 MB RSS input) to try the script out;
#                    results go to Benchmarks/out/runs/
#   --commit REV     measure hanmine as committed at REV (git archive into WORK/src, built there)
#                    instead of the working tree: for a tree others are editing
#   --no-commit-dir  write results under Benchmarks/out/ instead of Benchmarks/runs/
#   --profile        also `perf record -g` hanmine --jobs 1 on the speed text (perf-report.txt)
# Environment:
#   SPEED_MB (64), RSS_MB (1024)   input sizes in MB (10^6 bytes)
#   HANMINE_SHARED                 the shared folder (default: ../shared beside the repository)
#   SCRATCH                        SwiftPM scratch path of the release build (default .build)
#   HANMINE                        a hanmine binary to use instead of building one
#   WORK                           where the large inputs go (default Benchmarks/out/tokenize)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/Benchmarks/tokenize"
SHARED=${HANMINE_SHARED:-$(dirname "$ROOT")/shared}
SEGMENTATION="$SHARED/segmentation"
WORK=${WORK:-$ROOT/Benchmarks/out/tokenize}
SCRATCH=${SCRATCH:-.build}
SPEED_MB=${SPEED_MB:-64}
RSS_MB=${RSS_MB:-1024}
RUNS=3
QUICK=0 COMMIT_DIR=1 PROFILE=0 REV=""
ARGUMENTS="$*"
while [ $# -gt 0 ]; do
    argument=$1; shift
    case "$argument" in
        --commit) [ $# -gt 0 ] || { echo "run.sh: --commit needs a revision" >&2; exit 2; }; REV=$1; shift ;;
        --quick) QUICK=1; SPEED_MB=8; RSS_MB=64; COMMIT_DIR=0 ;;
        --no-commit-dir) COMMIT_DIR=0 ;;
        --profile) PROFILE=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $argument (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf '%s\n' "$*" >&2; }
fail() { say "run.sh: FAILED: $*"; exit 1; }

# --- Tools: install what a fresh Debian machine lacks -------------------------------------------
APT_UPDATED=0
apt_install() {
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then return 1; fi
    if [ "$APT_UPDATED" -eq 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}
require() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2 (for $1)"
    apt_install "$2" || fail "$1 is missing and apt-get could not install $2"
}
require gcc gcc
require python3 python3
require taskset util-linux
require pkg-config pkg-config
[ -x /usr/bin/time ] || { say "installing time (GNU time, for peak RSS)"; apt_install time || fail "GNU time (/usr/bin/time) is missing"; }
pkg-config --exists icu-uc icu-i18n 2>/dev/null || { say "installing libicu-dev"; apt_install libicu-dev || fail "libicu-dev is missing"; }
if ! command -v hyperfine >/dev/null 2>&1; then
    say "installing hyperfine (timing falls back to a loop without it)"
    apt_install hyperfine || say "hyperfine unavailable: timing with a loop of $RUNS runs"
fi
HYPERFINE=$(command -v hyperfine || true)

# --- Build ---------------------------------------------------------------------------------------
mkdir -p "$WORK"
SOURCE_TREE="$ROOT"
if [ -n "$REV" ]; then
    REV=$(git -C "$ROOT" rev-parse --short "$REV^{commit}") || fail "no commit $REV"
    # One tree for every revision: its .build (with the dependencies built) is reused.
    SOURCE_TREE="$WORK/src"
    mkdir -p "$SOURCE_TREE"
    find "$SOURCE_TREE" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
    git -C "$ROOT" archive "$REV" | tar -x -C "$SOURCE_TREE"
fi
TREE_NAME="the working tree"
[ "$SOURCE_TREE" = "$ROOT" ] || TREE_NAME="${SOURCE_TREE#$ROOT/}"
if [ -z "${HANMINE:-}" ]; then
    say "building hanmine (release, scratch path $SCRATCH, in $TREE_NAME)"
    (cd "$SOURCE_TREE" && swift build -c release --scratch-path "$SCRATCH" --product hanmine >&2)
    HANMINE="$(cd "$SOURCE_TREE" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/hanmine"
fi
[ -x "$HANMINE" ] || fail "no hanmine binary at $HANMINE"
ICU_LOOP="$WORK/icu_loop"
gcc -O2 -o "$ICU_LOOP" "$HERE/icu_loop.c" -licui18n -licuuc -licudata

# --- Inputs: repeated text, outside the repository's tracked files --------------------------------
SOURCES=()
while IFS= read -r file; do SOURCES+=("$file"); done < <(find "$SOURCE_TREE/Corpus" -name '*.txt' -type f 2>/dev/null | LC_ALL=C sort)
if [ -d "$SEGMENTATION" ]; then
    SOURCES+=("$SEGMENTATION/pku_test.utf8" "$SEGMENTATION/msr_test.utf8")
else
    say "NOTE: $SEGMENTATION is absent: the inputs are Corpus/ alone and the F1 part is skipped"
    say "      (set HANMINE_SHARED to the folder holding segmentation/ to include it)"
fi
UNIT="$WORK/unit.txt" SPEED="$WORK/speed.txt" BIG="$WORK/big.txt"
read -r SPEED_COPIES UNIT_BYTES SPEED_BYTES UNIT_SOURCES < <(python3 "$HERE/make_input.py" \
    --bytes $((SPEED_MB * 1000000)) --out "$SPEED" --unit "$UNIT" "${SOURCES[@]+"${SOURCES[@]}"}")
read -r BIG_COPIES _ BIG_BYTES _ < <(python3 "$HERE/make_input.py" \
    --bytes $((RSS_MB * 1000000)) --out "$BIG" "${SOURCES[@]+"${SOURCES[@]}"}")
say "unit: $UNIT_BYTES bytes from $UNIT_SOURCES; speed text: ${SPEED_COPIES}x = $SPEED_BYTES bytes; RSS input: ${BIG_COPIES}x = $BIG_BYTES bytes"

# --- Results folder ------------------------------------------------------------------------------
STAMP=$(date -u +%Y-%m-%d-%H%M)
MACHINE=$(hostname -s 2>/dev/null || uname -n)
if [ "$COMMIT_DIR" -eq 1 ]; then RESULTS="$ROOT/Benchmarks/runs/$STAMP-$MACHINE"; else RESULTS="$ROOT/Benchmarks/out/runs/$STAMP-$MACHINE"; fi
mkdir -p "$RESULTS"
RAW="$RESULTS/raw.csv"
echo "benchmark,run,seconds,input_bytes,mb_per_s,user_s,system_s,count" > "$RAW"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Counts (untimed): the unit's counts, and the large inputs must be copies of them -------------
read -r C_UNIT_WORDS C_UNIT_SEGMENTS < <("$ICU_LOOP" "$UNIT")
read -r C_SPEED_WORDS C_SPEED_SEGMENTS < <("$ICU_LOOP" "$SPEED")
[ "$C_SPEED_SEGMENTS" -eq $((C_UNIT_SEGMENTS * SPEED_COPIES)) ] \
    || fail "icu_loop found $C_SPEED_SEGMENTS segments in the speed text, expected $SPEED_COPIES x $C_UNIT_SEGMENTS"
H_UNIT_WORDS=$("$HANMINE" tokenize --format text --jobs 1 "$UNIT" | wc -w)
[ "$H_UNIT_WORDS" -gt 0 ] || fail "hanmine wrote no words for the unit text"
"$HANMINE" tokenize --format text --jobs 1 "$SPEED" > "$WORK/speed-jobs1.txt"
"$HANMINE" tokenize --format text --jobs 2 "$SPEED" > "$WORK/speed-jobs2.txt"
H_SPEED_WORDS=$(wc -w < "$WORK/speed-jobs1.txt")
H1_SUM=$(md5sum < "$WORK/speed-jobs1.txt" | cut -d' ' -f1)
H2_SUM=$(md5sum < "$WORK/speed-jobs2.txt" | cut -d' ' -f1)
rm -f "$WORK/speed-jobs1.txt" "$WORK/speed-jobs2.txt"
[ "$H_SPEED_WORDS" -eq $((H_UNIT_WORDS * SPEED_COPIES)) ] \
    || fail "hanmine --jobs 1 wrote $H_SPEED_WORDS words for the speed text, expected $SPEED_COPIES x $H_UNIT_WORDS"
[ "$H1_SUM" = "$H2_SUM" ] || fail "hanmine --jobs 2 output differs from --jobs 1 (md5 $H2_SUM vs $H1_SUM)"
say "counts: unit $H_UNIT_WORDS hanmine words, $C_UNIT_SEGMENTS ICU segments ($C_UNIT_WORDS with status >= 100); --jobs 1 and 2 outputs identical"

# --- Speed ---------------------------------------------------------------------------------------
# time_command NAME COUNT COMMAND: best of $RUNS wall-clock runs; one raw.csv row per run.
time_command() {
    local name=$1 count=$2 command=$3
    if [ -n "$HYPERFINE" ]; then
        "$HYPERFINE" --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/$name.json" \
            --command-name "$name" "$command" >&2
        python3 - "$WORK/$name.json" "$name" "$SPEED_BYTES" "$count" >> "$RAW" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
name, size, count = sys.argv[2], int(sys.argv[3]), sys.argv[4]
users = result.get("user_times") or [result["user"]] * len(result["times"])
systems = result.get("system_times") or [result["system"]] * len(result["times"])
for run, (seconds, user, system) in enumerate(zip(result["times"], users, systems), start=1):
    print(f"{name},{run},{seconds:.4f},{size},{size / 1e6 / seconds:.3f},{user:.3f},{system:.3f},{count}")
PY
    else
        bash -c "$command" # warm-up
        for run in $(seq 1 "$RUNS"); do
            /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" bash -c "$command"
            read -r seconds user system < "$WORK/time.txt"
            python3 -c "import sys; s=float(sys.argv[1]); print(f'$name,$run,{s:.4f},$SPEED_BYTES,{$SPEED_BYTES/1e6/s:.3f},$user,$system,$count')" "$seconds" >> "$RAW"
        done
    fi
}
CMD_C="taskset -c 0 '$ICU_LOOP' '$SPEED' > /dev/null"
CMD_H1="taskset -c 0 '$HANMINE' tokenize --format text --jobs 1 '$SPEED' > /dev/null"
CMD_H2="'$HANMINE' tokenize --format text --jobs 2 '$SPEED' > /dev/null"
say "timing: C ICU loop (1 core)";        time_command c-icu-loop "$C_SPEED_SEGMENTS" "$CMD_C"
say "timing: hanmine --jobs 1 (1 core)";  time_command hanmine-jobs1 "$H_SPEED_WORDS" "$CMD_H1"
say "timing: hanmine --jobs 2";           time_command hanmine-jobs2 "$H_SPEED_WORDS" "$CMD_H2"

# --- Peak RSS on the large input ------------------------------------------------------------------
say "peak RSS: hanmine tokenize (default --jobs) on $BIG_BYTES bytes"
BIG_WORDS=$( { /usr/bin/time -v -o "$WORK/rss.txt" "$HANMINE" tokenize --format text "$BIG" | wc -w; } )
RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/rss.txt")
RSS_SECONDS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/rss.txt")
[ "$BIG_WORDS" -eq $((H_UNIT_WORDS * BIG_COPIES)) ] \
    || fail "hanmine wrote $BIG_WORDS words for the RSS input, expected $BIG_COPIES x $H_UNIT_WORDS"
echo "hanmine-rss,1,$RSS_SECONDS,$BIG_BYTES,$(python3 -c "print(f'{$BIG_BYTES/1e6/$RSS_SECONDS:.3f}')"),,,${BIG_WORDS}" >> "$RAW"

# --- Accuracy ------------------------------------------------------------------------------------
F1_ROWS=()
if [ -d "$SEGMENTATION" ]; then
    for corpus in pku msr; do
        input="$SEGMENTATION/${corpus}_test.utf8" gold="$SEGMENTATION/${corpus}_test_gold.utf8"
        "$HANMINE" tokenize --format text --jobs 1 "$input" > "$WORK/$corpus-hanmine.txt"
        "$HANMINE" tokenize --format text --jobs 1 --no-builtin-lexicon "$input" > "$WORK/$corpus-hanmine-nolexicon.txt"
        "$ICU_LOOP" --segments "$input" > "$WORK/$corpus-icu.txt"
        for variant in hanmine hanmine-nolexicon icu; do
            F1_ROWS+=("$(python3 "$HERE/sighan_f1.py" "$gold" "$WORK/$corpus-$variant.txt" --label "$corpus:$variant")")
        done
    done
    for row in "${F1_ROWS[@]}"; do
        read -r label precision recall f1 gold_words predicted correct <<< "$row"
        echo "f1-$label,1,,,,,,$gold_words/$predicted/$correct p=$precision r=$recall f1=$f1" >> "$RAW"
    done
fi

PERF_NOTE=""
if [ "$PROFILE" -eq 1 ]; then
    if command -v perf >/dev/null 2>&1; then
        say "profiling hanmine --jobs 1 with perf record -g"
        perf record -g -o "$WORK/perf.data" -- "$HANMINE" tokenize --format text --jobs 1 "$SPEED" > /dev/null 2> "$WORK/perf-record.log"
        perf report -i "$WORK/perf.data" --stdio --no-children --percent-limit 1.5 --sort dso,symbol -g none \
            > "$WORK/perf-report.txt" 2>/dev/null
        perf report -i "$WORK/perf.data" --stdio --no-children --sort dso -g none > "$WORK/perf-dso.txt" 2>/dev/null
        { echo "# self time by shared object"; grep -E '^ +[0-9]' "$WORK/perf-dso.txt" | cut -c1-120
          echo; echo "# self time by symbol (>= 1.5%)"; grep -E '^ +[0-9]' "$WORK/perf-report.txt" | cut -c1-200
        } > "$RESULTS/perf-report.txt"
        PERF_NOTE="perf-report.txt: perf record -g of hanmine --jobs 1 on the speed text, self time by symbol (>= 1.5%)."
    else
        say "perf is not installed (apt-get install linux-perf): no profile"
    fi
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Summary -------------------------------------------------------------------------------------
python3 - "$RAW" "$RSS_KB" "$BIG_BYTES" "$RSS_SECONDS" "${F1_ROWS[@]+"${F1_ROWS[@]}"}" > "$RESULTS/summary" <<'PY'
import csv, sys
raw, rss_kb, big_bytes, rss_seconds, f1_rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5:]
best, cpu = {}, {}
for row in csv.DictReader(open(raw)):
    if row["seconds"] and row["benchmark"] in ("c-icu-loop", "hanmine-jobs1", "hanmine-jobs2"):
        name, seconds = row["benchmark"], float(row["seconds"])
        if name not in best or seconds < best[name][0]:
            best[name] = (seconds, float(row["mb_per_s"]), row["count"], int(row["input_bytes"]))
        cpu[name] = float(row["user_s"]) + float(row["system_s"])
c = best["c-icu-loop"][1]
c_cpu = best["c-icu-loop"][3] / 1e6 / cpu["c-icu-loop"]
print(f"speed: best of 3 on the same text ({best['c-icu-loop'][3] / 1e6:.1f} MB), wall clock, MB = 10^6 bytes;")
print("       cpu = mean user + system seconds of the runs, and MB per cpu second")
labels = {"c-icu-loop": ("C ICU word-break loop, 1 core", "segments"),
          "hanmine-jobs1": ("hanmine tokenize --jobs 1, 1 core", "words"),
          "hanmine-jobs2": ("hanmine tokenize --jobs 2", "words")}
for name, (label, unit) in labels.items():
    seconds, mbps, count, size = best[name]
    ratio = "" if name == "c-icu-loop" else f"{mbps / c:.2f}x C"
    per_cpu = size / 1e6 / cpu[name]
    print(f"  {label:34} {seconds:7.3f} s {mbps:6.2f} MB/s {ratio:>7}  | cpu {cpu[name]:6.2f} s {per_cpu:6.2f} MB/cpu-s  ({unit}: {count})")
cores = cpu["hanmine-jobs2"] / best["hanmine-jobs2"][0]
print(f"  --jobs 2 kept {cores:.2f} cores busy (mean cpu / best wall; below 2: the second core was busy elsewhere or idle in hanmine)")
one, two = best["hanmine-jobs1"][1] / c, best["hanmine-jobs2"][1] / c
one_cpu = best["hanmine-jobs1"][3] / 1e6 / cpu["hanmine-jobs1"] / c_cpu
print(f"ratios: 1 core {one:.2f}x (target >= 1.0), 2 cores {two:.2f}x (target >= 1.8); by cpu time, 1 core {one_cpu:.2f}x")
rss_mb = rss_kb * 1024 / 1e6
print(f"peak RSS: {rss_mb:.1f} MB ({rss_kb} KiB) on {big_bytes / 1e6:.0f} MB input, default --jobs, "
      f"{rss_seconds:.1f} s (target < 100 MB on 1 GB)")
if f1_rows:
    print("F1 (exact word spans; precision recall f1 gold/predicted/correct words):")
    for row in f1_rows:
        label, precision, recall, f1, gold, predicted, correct = row.split()
        print(f"  {label:24} P {precision}  R {recall}  F1 {f1}  ({gold}/{predicted}/{correct})")
    print("  targets: hanmine pku >= 0.84, msr >= 0.83")
else:
    print("F1: skipped, ../shared/segmentation is absent")
PY

# --- README of the run: exact commands and versions ------------------------------------------------
{
    echo "# Tokenizer benchmark run $STAMP on $MACHINE"
    echo
    echo "Produced by \`Benchmarks/tokenize/run.sh $ARGUMENTS\` (see Benchmarks/README.md for what each figure means)."
    echo "The inputs are repeated text: one unit (the files below, each ending with a line break) copied"
    echo "whole until the size is reached, so the figures are of that text, repeated."
    echo
    echo "## Summary"
    echo
    echo '```'
    cat "$RESULTS/summary"
    echo '```'
    echo
    echo "## Inputs"
    echo
    echo "- unit: $UNIT_BYTES bytes from: $UNIT_SOURCES"
    echo "- speed text: $SPEED_COPIES copies, $SPEED_BYTES bytes; RSS input: $BIG_COPIES copies, $BIG_BYTES bytes"
    echo "- counts asserted: the unit gives $H_UNIT_WORDS hanmine words and $C_UNIT_SEGMENTS ICU segments;"
    echo "  each large input gives exactly copies x those; --jobs 2 output is byte-identical to --jobs 1 (md5 $H1_SUM)"
    echo
    echo "## Commands (timed: wall clock, best of $RUNS, after one warm-up run)"
    echo
    echo '```'
    echo "gcc -O2 -o icu_loop Benchmarks/tokenize/icu_loop.c -licui18n -licuuc -licudata"
    echo "swift build -c release --scratch-path $SCRATCH --product hanmine   # in $TREE_NAME"
    echo "${CMD_C//$ROOT\//}"
    echo "${CMD_H1//$ROOT\//}"
    echo "${CMD_H2//$ROOT\//}"
    echo "/usr/bin/time -v hanmine tokenize --format text big.txt | wc -w      # peak RSS"
    echo "hanmine tokenize --format text --jobs 1 [--no-builtin-lexicon] SEG/{pku,msr}_test.utf8"
    echo "icu_loop --segments SEG/{pku,msr}_test.utf8"
    echo "python3 Benchmarks/tokenize/sighan_f1.py SEG/{pku,msr}_test_gold.utf8 OUTPUT"
    echo '```'
    echo
    if [ -n "$HYPERFINE" ]; then echo "timer: $("$HYPERFINE" --version)"; else echo "timer: a shell loop over /usr/bin/time"; fi
    echo "${PERF_NOTE}"
    echo
    echo "## Versions"
    echo
    if [ -n "$REV" ]; then
        echo "- HanMine: $REV as committed (built from git archive) — $(git -C "$ROOT" log -1 --format='%s (%cd)' --date=iso-strict "$REV")"
    else
        echo "- HanMine: working tree at $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift || echo ', with uncommitted changes in Sources/') — $(git -C "$ROOT" log -1 --format='%s (%cd)' --date=iso-strict)"
    fi
    echo "- $(swift --version 2>/dev/null | head -1)"
    echo "- ICU $(pkg-config --modversion icu-uc) (libicu-dev $(dpkg-query -W -f='${Version}' libicu-dev 2>/dev/null || echo '?'))"
    echo "- $(gcc --version | head -1)"
    echo "- $(python3 --version)"
    echo "- $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $(nproc) cores; $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- load average before / after: $LOAD_BEFORE / $LOAD_AFTER (the machine is shared: other work on the second core slows --jobs 2)"
    echo
    echo "Raw rows (one per run): raw.csv."
} > "$RESULTS/README.md"

cat "$RESULTS/summary"
say "results: ${RESULTS#$ROOT/}"
