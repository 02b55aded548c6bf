#!/usr/bin/env bash
# What the statistical tables add to extraction, per document (issue 4: under 20%).
#
#   Benchmarks/tables/run.sh [--generated N] [--faults] [FOLDER ...]
#
# Builds, in release, a throwaway package beside this script's temp folder that links the
# library sources (HanCore, HanText, HanSegment, CICU, HanExtract: no network dependency) with
# TablesBench/main.swift, then times every document of FOLDERs (default: ../shared/corpus/raw
# when present) and N generated reports (default 2000): the whole extraction, and the table
# reader alone on the same prepared document. Also counts the generated reports whose cells do
# not read back exactly through the extractor's own document (layout repair included) and
# exits non-zero when there are any. Results: Benchmarks/tables/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${TABLES_BENCH_DIR:-/tmp/hanmine-tables-bench}"
mkdir -p "$work/Sources/TablesBench"
for module in CICU HanCore HanText HanSegment HanExtract; do
    ln -sfn "$root/Sources/$module" "$work/Sources/$module"
done
ln -sfn "$here/TablesBench/main.swift" "$work/Sources/TablesBench/main.swift"
cat > "$work/Package.swift" <<'MANIFEST'
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "TablesBench",
    targets: [
        .target(name: "CICU", linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
        .target(name: "HanCore"),
        .target(name: "HanText", dependencies: ["HanCore", "CICU"]),
        .target(name: "HanSegment", dependencies: ["HanCore", "HanText", "CICU"]),
        .target(name: "HanExtract", dependencies: ["HanCore", "HanText", "HanSegment", "CICU"]),
        .executableTarget(name: "TablesBench", dependencies: ["HanCore", "HanExtract"]),
    ]
)
MANIFEST
args=("$@")
has_folder=0
for a in "${args[@]}"; do [ -d "$a" ] && has_folder=1; done
if [ $has_folder -eq 0 ] && [ -d "$root/../shared/corpus/raw" ]; then args+=("$root/../shared/corpus/raw"); fi
(cd "$work" && swift build -c release --product TablesBench 2>&1 | tail -1)
echo "machine: $(nproc) cores; swift: $(swift --version 2>&1 | head -1)"
"$work/.build/release/TablesBench" "${args[@]}"
