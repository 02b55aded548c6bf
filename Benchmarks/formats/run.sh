#!/usr/bin/env bash
# Reading originals: `hanmine extract --jobs 1` (sniff, decode, read the format, every field and
# table) on Word-made HTML pages and on DOCX files, each against what a user would otherwise run
# first on the same files, in the same run, on one core.
#
#   Benchmarks/formats/run.sh [COPIES] [DOCX_COUNT]        (from the package root)
#
# HTML: the real Word-made pages of ../shared/corpus/orig (136–367 KB, read in place, never
# copied into the project) when present, else generated pages (`generate --format html`),
# replicated COPIES times (default 20). Baseline: `xmllint --html --noout` run once per page as
# a whole process (libxml2 parsing alone, no text, no extraction).
# DOCX: DOCX_COUNT generated reports (default 1000, `generate --format docx`). Baseline:
# `unzip -p FILE word/document.xml | xmllint --noout -` per file (unzip and parse alone).
# Figures are documents per CPU second of the processes (user+sys, startup included); the
# record count is asserted and every generated report's cells are scored against its gold.
set -euo pipefail
cd "$(dirname "$0")/../.."
copies="${1:-20}"
docx_count="${2:-1000}"
scratch="${SCRATCH_PATH:-.build}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --scratch-path "$scratch" --product hanmine >/dev/null
bin="$scratch/release/hanmine"
echo "hanmine $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(swift --version 2>&1 | head -1), $(xmllint --version 2>&1 | head -1)"

cpu() {  # cpu seconds (user+sys) of a command, its stdout to $work/out
  /usr/bin/time -f "%U %S" -o "$work/time" "$@" > "$work/out"
  read -r user sys < "$work/time"
  python3 -c "print($user + $sys)"
}

# --- HTML
source_folder=../shared/corpus/orig
if ! ls "$source_folder"/*.html >/dev/null 2>&1; then
  "$bin" generate --count 20 --out "$work/gen-html" --format html >/dev/null
  source_folder="$work/gen-html/raw"
fi
for i in $(seq 1 "$copies"); do mkdir -p "$work/html/c$i"; cp "$source_folder"/*.html "$work/html/c$i/"; done
pages=$(find "$work/html" -name '*.html' | wc -l)
kb=$(du -k -c "$work/html/c1"/*.html | tail -1 | cut -f1)
echo "html: $pages pages ($copies copies of $source_folder, $kb KB a copy)"
"$bin" extract --jobs 1 "$work/html" > /dev/null
t=$(cpu "$bin" extract --jobs 1 "$work/html")
records=$(wc -l < "$work/out")
[ "$records" -eq "$pages" ] || { echo "FAIL: $records records for $pages pages"; exit 1; }
hanmine_html=$(python3 -c "print(f'{$pages / $t:.0f}')")
echo "  hanmine extract --jobs 1: ${t}s cpu -> $hanmine_html pages/s"
cat > "$work/xmllint-all.sh" <<'SH'
for f in "$@"; do xmllint --html --noout "$f" 2>/dev/null || true; done
SH
t=$(cpu bash "$work/xmllint-all.sh" $(find "$work/html" -name '*.html'))
xmllint_html=$(python3 -c "print(f'{$pages / $t:.0f}')")
echo "  xmllint --html --noout, one process a page: ${t}s cpu -> $xmllint_html pages/s"
python3 -c "print(f'  ratio hanmine/xmllint: {$hanmine_html / $xmllint_html:.2f}')"

# --- DOCX
"$bin" generate --count "$docx_count" --out "$work/docx" --format docx >/dev/null
"$bin" extract --jobs 1 "$work/docx/raw" > /dev/null
t=$(cpu "$bin" extract --jobs 1 "$work/docx/raw")
cp "$work/out" "$work/docx.jsonl"
records=$(wc -l < "$work/docx.jsonl")
[ "$records" -eq "$docx_count" ] || { echo "FAIL: $records records for $docx_count files"; exit 1; }
hanmine_docx=$(python3 -c "print(f'{$docx_count / $t:.0f}')")
echo "docx: $docx_count generated reports"
echo "  hanmine extract --jobs 1: ${t}s cpu -> $hanmine_docx docs/s"
if [ -x ../shared/tools/score.py ] || [ -f ../shared/tools/score.py ]; then
  echo "  $(python3 ../shared/tools/score.py --records "$work/docx.jsonl" --gold "$work/docx/gold" | tail -1 | cut -d';' -f1-3)"
fi
if command -v unzip >/dev/null; then
  cat > "$work/unzip-all.sh" <<'SH'
for f in "$@"; do unzip -p "$f" word/document.xml | xmllint --noout - 2>/dev/null || true; done
SH
  t=$(cpu bash "$work/unzip-all.sh" "$work"/docx/raw/*.docx)
  base_docx=$(python3 -c "print(f'{$docx_count / $t:.0f}')")
  echo "  unzip -p | xmllint --noout, per file: ${t}s cpu -> $base_docx docs/s"
  python3 -c "print(f'  ratio hanmine/baseline: {$hanmine_docx / $base_docx:.2f}')"
else
  echo "  unzip not installed: DOCX baseline skipped"
fi
