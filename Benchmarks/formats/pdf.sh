#!/usr/bin/env bash
# Reading PDFs: `hanmine extract --jobs 1 FILE` as a whole process (start, poppler, layout, every
# field and table, JSON out) against `pdftotext -layout FILE` (poppler's own text dump, what a
# user would run first), on the same files, in the same run, pinned to one core.
#
#   Benchmarks/formats/pdf.sh [RUNS]          (from the package root; RUNS per file, default 20)
#
# Files: ../shared/corpus/orig/*.pdf when present (read in place, never copied into the project)
# and Corpus/pdf/*.pdf. Figures: pages per second of wall clock, from the median process time
# over RUNS runs of each file after one warm-up (and the median CPU time, user+sys, which a busy
# machine disturbs less), pages from `pdfinfo`; the ratio hanmine/pdftotext;
# and one `hanmine extract --jobs 1` over all the files at once (start-up paid once). Each run's
# record count is asserted. Needs poppler-utils (pdftotext, pdfinfo) and util-linux's taskset.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-20}"
scratch="${SCRATCH_PATH:-.build}"
command -v pdftotext >/dev/null || { echo "pdf.sh: pdftotext missing (apt-get install poppler-utils)"; exit 2; }

swift build -c release --scratch-path "$scratch" --product hanmine >/dev/null
bin="$scratch/release/hanmine"
files=$(ls ../shared/corpus/orig/*.pdf 2>/dev/null || true)
files="$files $(ls Corpus/pdf/*.pdf)"
echo "hanmine $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(swift --version 2>&1 | head -1)"
echo "$(pdftotext -v 2>&1 | head -1), $(nproc) cores, $(uname -r)"

python3 - "$bin" "$runs" $files <<'PY'
import resource, statistics, subprocess, sys, time
binary, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))

def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

cpu_medians = {}

def median_seconds(command, check=None):
    """Median wall seconds of a whole process; its median CPU seconds go to cpu_medians."""
    subprocess.run(["taskset", "-c", "0"] + command, capture_output=True)  # warm-up
    times, cpus = [], []
    for _ in range(runs):
        cpu = cpu_of_children()
        start = time.perf_counter()
        result = subprocess.run(["taskset", "-c", "0"] + command, capture_output=True)
        times.append(time.perf_counter() - start)
        cpus.append(cpu_of_children() - cpu)
        if check:
            check(result)
    cpu_medians[tuple(command)] = statistics.median(cpus)
    return statistics.median(times)

def one_record(result):
    lines = result.stdout.decode().strip().splitlines()
    assert len(lines) == 1, f"expected one record, got {len(lines)}: {result.stderr.decode()[:200]}"

total_pages = total_ours = total_theirs = total_ours_cpu = total_theirs_cpu = 0
print(f"{'file':<45} {'pages':>5} {'hanmine ms':>10} {'pages/s':>8} {'pdftotext ms':>12} {'pages/s':>8} {'ratio':>6}")
for path in files:
    n = pages(path)
    ours = median_seconds([binary, "extract", "--jobs", "1", path], one_record)
    theirs = median_seconds(["pdftotext", "-layout", path, "/dev/null"])
    ours_cpu = cpu_medians[(binary, "extract", "--jobs", "1", path)]
    theirs_cpu = cpu_medians[("pdftotext", "-layout", path, "/dev/null")]
    total_pages += n; total_ours += ours; total_theirs += theirs
    total_ours_cpu += ours_cpu; total_theirs_cpu += theirs_cpu
    print(f"{path[-45:]:<45} {n:>5} {ours*1000:>10.1f} {n/ours:>8.0f} {theirs*1000:>12.1f} {n/theirs:>8.0f} {theirs/ours:>6.2f}"
          f"   cpu ms {ours_cpu*1000:.1f} vs {theirs_cpu*1000:.1f}")
print(f"{'all files, one process each':<45} {total_pages:>5} {total_ours*1000:>10.1f} {total_pages/total_ours:>8.0f} "
      f"{total_theirs*1000:>12.1f} {total_pages/total_theirs:>8.0f} {total_theirs/total_ours:>6.2f}")
start = time.perf_counter()
result = subprocess.run(["taskset", "-c", "0", binary, "extract", "--jobs", "1"] + files, capture_output=True)
batch = time.perf_counter() - start
assert len(result.stdout.decode().strip().splitlines()) == len(files)
print(f"one hanmine process for all {len(files)} files: {batch*1000:.0f} ms, {total_pages/batch:.0f} pages/s")
print(f"by CPU time (user+sys): hanmine {total_pages/total_ours_cpu:.0f} pages/s, pdftotext {total_pages/total_theirs_cpu:.0f} pages/s, "
      f"ratio {total_theirs_cpu/total_ours_cpu:.2f}")
print("ratio = pdftotext time / hanmine time (above 1: hanmine is faster)")
PY
