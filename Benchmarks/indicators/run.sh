#!/usr/bin/env bash
# Indicators on a large store (issue 12): `hanmine indicators --by year` must answer in < 2 s on
# 100,000 generated reports. Measures each grouping, the filters, the per-report listing, plot
# and report, against the baseline a user without HanMine's indicator table would run: the same
# grant rate by year pivoted from `cells` in one SQL statement (`hanmine query`).
#
#   Benchmarks/indicators/run.sh [--count N] [--reports DIR] [--db STORE] [--hanmine BIN] [--repeat R]
#
#   --count N      reports to generate when neither --reports nor --db is given (default 100000)
#   --reports DIR  generated reports (`hanmine generate --out DIR`: DIR/raw) to ingest
#   --db STORE     an ingested store to reuse (skips generation and ingest)
#   --hanmine BIN  the binary (default: .build/release/hanmine, built if missing)
#   --repeat R     runs of each command; the summary gives the median and the slowest (default 5)
#
# Writes Benchmarks/runs/<date>-<host>-indicators/{summary.md,raw.csv}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=100000
reports=""
db=""
hanmine=""
repeat=5
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --reports) reports="$2"; shift 2 ;;
        --db) db="$2"; shift 2 ;;
        --hanmine) hanmine="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$hanmine" ]; then
    hanmine="$root/.build/release/hanmine"
    [ -x "$hanmine" ] || (cd "$root" && swift build -c release >&2)
fi
work="${INDICATORS_BENCH_DIR:-/tmp/hanmine-indicators-bench}"
mkdir -p "$work"
stamp="$(date -u +%Y-%m-%d-%H%M)-$(hostname -s)-indicators"
out="$root/Benchmarks/runs/$stamp"
mkdir -p "$out"
raw="$out/raw.csv"
echo "measure,run,seconds" > "$raw"
seconds() { python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.3f}')" "$1" "$2"; }

ingest_line="reused store $db"
if [ -z "$db" ]; then
    if [ -z "$reports" ]; then
        reports="$work/generated-$count"
        [ -d "$reports/raw" ] || "$hanmine" generate --count "$count" --out "$reports" >&2
    fi
    db="$work/store.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    start=$(date +%s%N)
    "$hanmine" ingest "$reports/raw" --db "$db" --quiet || true
    ingest_s=$(seconds "$start" "$(date +%s%N)")
    echo "ingest,1,$ingest_s" >> "$raw"
    ingest_line="ingest of $reports/raw: $ingest_s s"
fi
documents=$("$hanmine" query "SELECT count(*) FROM current_documents" --db "$db" --format tsv | tail -1)
with_tables=$("$hanmine" query "SELECT count(*) FROM indicator_cells i JOIN current_documents d ON d.id = i.document_id" --db "$db" --format tsv | tail -1)
agencies=$("$hanmine" query "SELECT count(DISTINCT agency) FROM current_documents" --db "$db" --format tsv | tail -1)

baseline_sql="SELECT d.year, SUM(x.g + x.p) * 1.0 / SUM(x.h) AS grant_rate FROM (
  SELECT c.document_id,
         MAX(CASE WHEN k.row_name = 'granted' THEN c.value END) AS g,
         MAX(CASE WHEN k.row_name = 'partly_granted' THEN c.value END) AS p,
         MAX(CASE WHEN k.row_name = 'handled_total' THEN c.value END) AS h
  FROM cells c JOIN cell_keys k ON k.id = c.key_id
  WHERE k.table_name = 'applications' AND k.column_name = 'total'
  GROUP BY c.document_id) x JOIN current_documents d ON d.id = x.document_id
WHERE x.g IS NOT NULL AND x.p IS NOT NULL AND x.h IS NOT NULL GROUP BY d.year ORDER BY d.year"

measure() {
    local name="$1"; shift
    for run in $(seq 1 "$repeat"); do
        local start end
        start=$(date +%s%N)
        "$@" > "$work/$name.out"
        end=$(date +%s%N)
        echo "$name,$run,$(seconds "$start" "$end")" >> "$raw"
    done
}
measure by_year "$hanmine" indicators --by year --db "$db" --format tsv
measure by_year_grant_rate "$hanmine" indicators --by year --indicator grant_rate --db "$db" --format tsv
measure by_agency_year "$hanmine" indicators --by agency,year --change --db "$db" --format tsv
measure by_agency "$hanmine" indicators --by agency --db "$db" --format tsv
measure by_year_complete "$hanmine" indicators --by year --complete --db "$db" --format tsv
measure by_year_checked "$hanmine" indicators --by year --checked --db "$db" --format tsv
measure per_report "$hanmine" indicators --db "$db" --format tsv
measure plot_year "$hanmine" plot grant_rate --by year --db "$db" --out "$work/plot.svg"
measure baseline_pivot_grant_rate "$hanmine" query "$baseline_sql" --db "$db" --format tsv
rm -rf "$work/site"
start=$(date +%s%N)
"$hanmine" report --out "$work/site" --db "$db" 2> /dev/null
echo "report,1,$(seconds "$start" "$(date +%s%N)")" >> "$raw"

# The baseline and HanMine must agree on the grant rate of every year.
python3 - "$work/by_year_grant_rate.out" "$work/baseline_pivot_grant_rate.out" <<'PY'
import sys
def rows(path):
    lines = open(path).read().split("\n")
    header = lines[0].split("\t")
    out = {}
    for line in lines[1:]:
        if not line: continue
        fields = dict(zip(header, line.split("\t")))
        if fields["grant_rate"]: out[fields["year"]] = float(fields["grant_rate"])
    return out
ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
bad = [y for y in theirs if abs(ours.get(y, -1) - theirs[y]) > 1e-12]
if bad or set(ours) != set(theirs):
    sys.exit(f"grant_rate by year differs from the pivot over cells: years {bad or sorted(set(ours) ^ set(theirs))}")
PY

python3 - "$raw" "$out/summary.md" "$documents" "$with_tables" "$agencies" "$ingest_line" "$(uptime)" <<'PY'
import csv, statistics, sys
raw, summary, documents, tables, agencies, ingest, load = sys.argv[1:8]
runs = {}
for row in csv.DictReader(open(raw)):
    runs.setdefault(row["measure"], []).append(float(row["seconds"]))
baseline = statistics.median(runs["baseline_pivot_grant_rate"])
ours = statistics.median(runs["by_year_grant_rate"])
lines = [f"# Indicators on {int(documents):,} reports ({int(tables):,} with tables, {int(agencies):,} agencies)", "",
         f"- {ingest}", "",
         "| command | median s | slowest s | runs |", "|---|---|---|---|"]
for name, values in runs.items():
    if name == "ingest": continue
    lines.append(f"| {name} | {statistics.median(values):.3f} | {max(values):.3f} | {len(values)} |")
by_year = max(runs["by_year"])
lines += ["", f"- `hanmine indicators --by year` (every indicator), slowest run: {by_year:.3f} s; target < 2 s: {'PASS' if by_year < 2 else 'FAIL'}",
          f"- grant_rate by year: {ours:.3f} s from `indicator_cells` against {baseline:.3f} s pivoting `cells` in SQL "
          f"(the same values): {baseline / ours:.1f}x faster",
          f"- load at the end: {load.strip()}"]
open(summary, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
