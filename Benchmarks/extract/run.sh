#!/usr/bin/env bash
# Full extraction (`hanmine extract`, every field incl. tables and checks, JSON Lines out) on
# one core, on reports like the seed, against JioNLP's nine extractors on the same documents.
#
#   Benchmarks/extract/run.sh [COPIES]        (from the package root)
#
# Documents: ../shared/corpus/raw (45 real reports, read in place, never copied into the
# project) when present, else Corpus/reports; replicated COPIES times (default 20) into a
# temporary folder so the run lasts long enough to time. The figure is documents per CPU
# second of the hanmine process (user+sys, startup included) with --jobs 1; wall time is shown
# too (it suffers when other processes share the cores). The record count is asserted, so a
# run that drops documents fails instead of looking fast.
#
# JioNLP: set JIONLP_PYTHON to a python with jionlp installed (e.g. a venv:
#   python3 -m venv /tmp/jio && /tmp/jio/bin/pip install jionlp; JIONLP_PYTHON=/tmp/jio/bin/python),
# otherwise the baseline is skipped and said so.
set -euo pipefail
cd "$(dirname "$0")/../.."
copies="${1:-20}"
scratch="${SCRATCH_PATH:-.build}"

source_folder=../shared/corpus/raw
[ -d "$source_folder" ] || source_folder=Corpus/reports
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$copies"); do
  mkdir -p "$work/c$i"
  cp "$source_folder"/*.txt "$work/c$i/"
done
docs=$(find "$work" -name '*.txt' | wc -l)
bytes=$(cat "$work"/c1/*.txt | wc -c)

swift build -c release --scratch-path "$scratch" --product hanmine >/dev/null
bin="$scratch/release/hanmine"
echo "hanmine $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(swift --version 2>&1 | head -1)"
echo "documents: $docs ($copies copies of $source_folder, $bytes bytes a copy)"

"$bin" extract --jobs 1 "$work" > /dev/null   # warm the page cache
/usr/bin/time -f "%U %S %e" -o "$work/time" "$bin" extract --jobs 1 "$work" > "$work/out.jsonl"
read -r user sys wall < "$work/time"
records=$(wc -l < "$work/out.jsonl")
if [ "$records" -ne "$docs" ]; then echo "FAIL: $records records for $docs documents"; exit 1; fi
hanmine_rate=$(python3 -c "print(f'{$docs / ($user + $sys):.0f}')")
echo "hanmine extract --jobs 1: $records records, cpu ${user}s user + ${sys}s sys, wall ${wall}s -> $hanmine_rate docs/s (cpu)"

if [ -n "${JIONLP_PYTHON:-}" ] && "$JIONLP_PYTHON" -c "import jionlp" 2>/dev/null; then
  jio_copies=$(( copies < 2 ? 1 : 2 ))
  rm -rf "$work/jio" && mkdir -p "$work/jio"
  for i in $(seq 1 "$jio_copies"); do cp -r "$work/c$i" "$work/jio/"; done
  line=$("$JIONLP_PYTHON" Benchmarks/extract/jionlp_baseline.py "$work/jio" 2>/dev/null | tail -1)
  echo "$line"
  jio_rate=$(echo "$line" | sed -n 's/.*docs_per_second=\([0-9.]*\).*/\1/p')
  python3 -c "print(f'ratio hanmine/jionlp: {$hanmine_rate / $jio_rate:.0f}x')"
else
  echo "jionlp: not installed (set JIONLP_PYTHON), baseline skipped"
fi
