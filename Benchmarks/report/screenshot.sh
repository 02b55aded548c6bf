#!/usr/bin/env bash
# Renders `hanmine report`'s index.html in headless Chromium to a PNG, the way a person sees it,
# and fails when the picture is blank (one colour) or Chromium cannot load the page.
# Not a CI step: it needs Debian's chromium, a CJK font and Pillow
# (apt-get install chromium fonts-noto-cjk python3-pil).
#
#   Benchmarks/report/screenshot.sh [--db STORE] [--hanmine BIN] [--out PNG] [--height PX]
#
#   --db STORE    a corpus store to report on; default: ingest Corpus/ (made-up reports) into a
#                 temporary store
#   --hanmine BIN the binary; default .build/release/hanmine, else .build/debug/hanmine
#   --out PNG     where the picture goes (default: Benchmarks/report/report.png)
#   --height PX   the window's height, i.e. how much of the page the picture shows (default 2200)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
db=""
hanmine=""
out="$here/report.png"
height=2200
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db="$2"; shift 2 ;;
        --hanmine) hanmine="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --height) height="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$hanmine" ]; then
    hanmine="$root/.build/release/hanmine"
    [ -x "$hanmine" ] || hanmine="$root/.build/debug/hanmine"
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "no chromium on PATH (apt-get install chromium fonts-noto-cjk)" >&2
    exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$db" ]; then
    db="$work/corpus.sqlite"
    "$hanmine" ingest "$root/Corpus/generated" "$root/Corpus/reports" --db "$db" --quiet
fi
"$hanmine" report --out "$work/site" --db "$db"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1000,"$height" --screenshot="$work/page.png" "file://$work/site/index.html" 2> "$work/chromium.log" \
    || { cat "$work/chromium.log" >&2; exit 1; }
[ -s "$work/page.png" ] || { echo "chromium wrote no picture" >&2; cat "$work/chromium.log" >&2; exit 1; }
# A blank page is one colour; a rendered one has text, lines and chart colours. Kept small for
# the repository: the page has few colours, so a 64-colour palette PNG loses nothing visible.
/usr/bin/python3 - "$work/page.png" "$out" <<'PY'
import sys
from PIL import Image
page = Image.open(sys.argv[1]).convert("RGB")
colours = len(page.getcolors(1 << 24) or [])
print(f"rendered {sys.argv[2]}: {page.width}x{page.height}, {colours} colours")
if colours < 16:
    sys.exit(f"the page rendered (nearly) blank: {colours} colours")
page.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(sys.argv[2], optimize=True)
PY
