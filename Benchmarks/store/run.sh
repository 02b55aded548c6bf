#!/usr/bin/env bash
# The corpus store's benchmarks (issue 5): ingest of N generated reports against `hanmine
# extract` alone on the same reports, a second (idempotent) ingest, and `hanmine search`
# latency for 2-, 3- and 4-character words with a count check against a LIKE scan.
#
#   Benchmarks/store/run.sh [--count N] [--jobs J] [--reports DIR] [--hanmine BIN] [--keep]
#
#   --count N      reports to generate (default 100000) with `hanmine generate --count N`
#   --jobs J       --jobs for extract and ingest (default: all cores)
#   --reports DIR  reuse reports already generated (a folder of *.txt); skips generation
#   --hanmine BIN  a hanmine binary to measure; default: build release here
#                  (swift build -c release --scratch-path .build-bench-store)
#   --keep         keep the work folder (reports and store) for a later run
#   --extract-seconds S  reuse a measured `hanmine extract` time of these reports instead of
#                  measuring it again (it is printed as reused)
#   --baseline BIN another hanmine (e.g. main before a change): its ingest and search are timed in
#                  the same run, on the same reports and words, and the summary gives the ratios
#
# Prints a summary and writes it with the raw timings under Benchmarks/runs/<date>-<host>-store/.
# Exits non-zero when a search's documents differ from a LIKE scan of the same documents (the
# words are simplified Han and so are the generated texts: folding changes nothing there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=100000
jobs=""
reports=""
hanmine=""
keep=0
extract_reused=""
baseline=""
invocation="$0 $*"
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --reports) reports="$2"; shift 2 ;;
        --hanmine) hanmine="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --extract-seconds) extract_reused="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
work="${STORE_BENCH_DIR:-/tmp/hanmine-store-bench}"
mkdir -p "$work"
if [ -z "$hanmine" ]; then
    (cd "$root" && swift build -c release --scratch-path .build-bench-store >&2)
    hanmine="$root/.build-bench-store/release/hanmine"
fi
jobs="${jobs:-$(nproc)}"
if [ -z "$reports" ]; then
    reports="$work/generated-$count"
    if [ ! -d "$reports/raw" ]; then
        echo "generating $count reports into $reports" >&2
        "$hanmine" generate --count "$count" --out "$reports" >&2
    fi
    reports="$reports/raw"
fi
documents=$(find "$reports" -name '*.txt' | wc -l)
megabytes=$(du -sm "$reports" | cut -f1)
db="$work/store.sqlite"
rm -f "$db" "$db-wal" "$db-shm"

stamp="$(date -u +%Y-%m-%d-%H%M)-$(hostname -s)-store"
out="$root/Benchmarks/runs/$stamp"
mkdir -p "$out"
raw="$out/raw.csv"
echo "measure,value,unit" > "$raw"

seconds() { python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.3f}')" "$1" "$2"; }

sync
if [ -n "$extract_reused" ]; then
    extract_s="$extract_reused"
    echo "extract_seconds_reused,$extract_s,s" >> "$raw"
else
    echo "extract alone: $documents reports, --jobs $jobs" >&2
    start=$(date +%s%N)
    "$hanmine" extract "$reports" --jobs "$jobs" > /dev/null
    extract_s=$(seconds "$start" "$(date +%s%N)")
    echo "extract_seconds,$extract_s,s" >> "$raw"
fi

baseline_s=""
if [ -n "$baseline" ]; then
    echo "baseline ingest into a new store ($baseline)" >&2
    rm -f "$work/baseline.sqlite" "$work/baseline.sqlite-wal" "$work/baseline.sqlite-shm"
    start=$(date +%s%N)
    "$baseline" ingest "$reports" --db "$work/baseline.sqlite" --jobs "$jobs" --quiet
    baseline_s=$(seconds "$start" "$(date +%s%N)")
    echo "baseline_ingest_seconds,$baseline_s,s" >> "$raw"
fi

echo "ingest into a new store" >&2
start=$(date +%s%N)
"$hanmine" ingest "$reports" --db "$db" --jobs "$jobs" --quiet --timings 2> "$out/ingest-timings.txt"
ingest_s=$(seconds "$start" "$(date +%s%N)")
echo "ingest_seconds,$ingest_s,s" >> "$raw"
writer_cpu=$(sed -n 's/.*writer thread \([0-9.]*\) s CPU.*/\1/p' "$out/ingest-timings.txt")
process_cpu=$(sed -n 's/.*whole process \([0-9.]*\) s CPU.*/\1/p' "$out/ingest-timings.txt")
echo "ingest_writer_cpu_seconds,$writer_cpu,s" >> "$raw"
echo "ingest_process_cpu_seconds,$process_cpu,s" >> "$raw"

echo "ingest again (nothing changed)" >&2
start=$(date +%s%N)
"$hanmine" ingest "$reports" --db "$db" --jobs "$jobs" --quiet
again_s=$(seconds "$start" "$(date +%s%N)")
echo "reingest_seconds,$again_s,s" >> "$raw"

stored=$("$hanmine" query --db "$db" --format tsv "SELECT count(*) FROM documents" | tail -1)
size_mb=$(( $(stat -c %s "$db") / 1048576 ))
echo "documents_stored,$stored,documents" >> "$raw"
echo "store_size,$size_mb,MB" >> "$raw"

# Words of 2, 3 and 4 characters of the generated reports: template words in every report, and
# words (agency parts, 正当理由) in only some of them.
words2="公开 信息 行政 发布 资源 委员 纠正 科研 农业 时间"
words3="申请人 本年度 第三方 自然人 管理局 教育局 司法局 民政局 办公室 行政法"
words4="行政复议 行政诉讼 主动公开 政府信息 国家秘密 年度报告 人民政府 信息公开 公开申请 正当理由"
status=0
# Each search is a whole `hanmine search` process (start-up included), timed by wall clock and
# by CPU (user + system of the child): on a shared machine the CPU time is the steadier figure.
python3 - "$hanmine" "$db" "$out/search.csv" "$words2" "$words3" "$words4" "$baseline" "$work/baseline.sqlite" <<'PY' || status=1
import csv, resource, subprocess, sys, time
hanmine, db, path = sys.argv[1:4]
lists = {2: sys.argv[4].split(), 3: sys.argv[5].split(), 4: sys.argv[6].split()}
baseline, baseline_db = sys.argv[7], sys.argv[8]
def query(sql):
    out = subprocess.run([hanmine, "query", "--db", db, "--format", "tsv", sql], capture_output=True, text=True, check=True)
    return int(out.stdout.split("\n")[1])
status = 0
with open(path, "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["binary", "word", "characters", "run", "wall_ms", "cpu_ms", "hits_fts", "hits_like"])
    # The two binaries alternate word by word, so both see the same load.
    binaries = [("new", hanmine, db)] + ([("baseline", baseline, baseline_db)] if baseline else [])
    for length, words in lists.items():
        for word in words:
            for label, binary, store in binaries:
                for run in range(1, 6):
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    subprocess.run([binary, "search", word, "--db", store, "--limit", "20", "--format", "tsv"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    wall = (time.perf_counter() - start) * 1000
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
                    writer.writerow([label, word, length, run, f"{wall:.1f}", f"{cpu:.1f}", "", ""])
            fts = query(f"SELECT count(*) FROM grams WHERE grams MATCH '\"{word}\"'")
            like = query(f"SELECT count(*) FROM texts t JOIN documents d ON d.id = t.document_id WHERE d.is_current = 1 AND t.body LIKE '%{word}%'")
            writer.writerow(["new", word, length, "count", "", "", fts, like])
            if fts != like:
                print(f"FAIL: {word}: {fts} documents found but {like} documents contain it", file=sys.stderr)
                status = 1
sys.exit(status)
PY

python3 - "$out" "$documents" "$megabytes" "$jobs" "$extract_s" "$ingest_s" "$again_s" "$stored" "$size_mb" "$writer_cpu" "$process_cpu" "$(cat /proc/loadavg)" "$baseline_s" <<'PY'
import csv, sys, statistics
out, documents, megabytes, jobs, extract_s, ingest_s, again_s, stored, size_mb, writer_cpu, process_cpu, load, baseline_s = sys.argv[1:]
documents, stored = int(documents), int(stored)
extract_s, ingest_s, again_s = float(extract_s), float(ingest_s), float(again_s)
rows = list(csv.DictReader(open(f"{out}/search.csv")))
lines = [f"# Store benchmark: {documents} generated reports ({megabytes} MB), --jobs {jobs}", ""]
lines.append(f"- extract alone: {extract_s:.1f} s ({documents / extract_s:.0f} docs/s)")
lines.append(f"- ingest (new store): {ingest_s:.1f} s ({documents / ingest_s:.0f} docs/s); "
             f"ratio ingest / extract = {ingest_s / extract_s:.2f}; target < 300 s: {'PASS' if ingest_s < 300 else 'FAIL'}")
lines.append(f"- ingest CPU: {float(process_cpu):.0f} s for the process, of which the writer thread {float(writer_cpu):.0f} s "
             f"({1000 * float(writer_cpu) / documents:.2f} ms per document)")
if baseline_s:
    lines.append(f"- baseline ingest (same reports, same run): {float(baseline_s):.1f} s; ratio ingest / baseline ingest = {ingest_s / float(baseline_s):.2f}")
lines.append(f"- ingest again, nothing changed: {again_s:.1f} s")
lines.append(f"- stored documents: {stored}; store size {size_mb} MB")
lines.append(f"- load average at the end (other jobs on the machine): {load}")
lines.append("")
def p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]
lines.append("| binary | characters | searches | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms |")
lines.append("|---|---|---|---|---|---|---|")
labels = [l for l in ("new", "baseline") if any(r["binary"] == l for r in rows)]
for label in labels:
    for length in ("2", "3", "4"):
        runs = [r for r in rows if r["binary"] == label and r["characters"] == length and r["run"] != "count"]
        wall = [float(r["wall_ms"]) for r in runs]
        cpu = [float(r["cpu_ms"]) for r in runs]
        lines.append(f"| {label} | {length} | {len(runs)} | {statistics.median(wall):.0f} | {p95(wall):.0f} | {statistics.median(cpu):.0f} | {p95(cpu):.0f} |")
lines.append("")
for label in labels:
    runs = [r for r in rows if r["binary"] == label and r["run"] != "count"]
    wall = p95([float(r["wall_ms"]) for r in runs])
    cpu = p95([float(r["cpu_ms"]) for r in runs])
    lines.append(f"{label}: search p95 over all words (a whole process each, start-up included): wall {wall:.0f} ms, CPU {cpu:.0f} ms; "
                 f"target < 50 ms: {'PASS' if wall < 50 else 'FAIL'} (wall)")
lines.append("")
lines.append("| word | documents found (grams) | documents (LIKE) |")
lines.append("|---|---|---|")
for r in rows:
    if r["run"] == "count":
        lines.append(f"| {r['word']} | {r['hits_fts']} | {r['hits_like']} |")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
{
    echo "hanmine: $hanmine"
    echo "swift: $(swift --version 2>&1 | head -1)"
    echo "sqlite: $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')"
    echo "cores: $(nproc)"
    echo "command: $invocation"
    echo "reports: $reports ($documents files)"
} > "$out/README.md"
if [ "$keep" = 0 ] && [ -z "${STORE_BENCH_DIR:-}" ]; then rm -f "$db" "$db-wal" "$db-shm" "$work/baseline.sqlite" "$work/baseline.sqlite-wal" "$work/baseline.sqlite-shm"; fi
echo "results in $out" >&2
exit $status
