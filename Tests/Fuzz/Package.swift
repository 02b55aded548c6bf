// swift-tools-version:6.1
//
// libFuzzer harnesses for the extractor and the HTML, DOCX and PDF readers, in a package of its own so the root manifest carries
// no sanitizer flags. It depends on the root package by path.
//
// Build and run for ten minutes (from this folder):
//
//   swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
//   mkdir -p /tmp/extract-fuzz-corpus && cp ../../Corpus/reports/*.txt /tmp/extract-fuzz-corpus/
//   .build/release/ExtractFuzzer /tmp/extract-fuzz-corpus -max_total_time=600 -timeout=10 -rss_limit_mb=2048
//
// The readers (seeds: generated reports as HTML / DOCX; see the README's "Fuzzing"):
//
//   .build/release/HTMLFuzzer /tmp/html-fuzz-corpus -max_total_time=600 -timeout=10 -rss_limit_mb=2048
//   .build/release/DOCXFuzzer /tmp/docx-fuzz-corpus -max_total_time=600 -timeout=10 -rss_limit_mb=2048
//   .build/release/PDFFuzzer /tmp/pdf-fuzz-corpus -max_total_time=600 -timeout=10 -rss_limit_mb=2048 -max_len=200000
// The query lockdown's harness (random SQL against a copy of a store built from Corpus/reports):
//
//   mkdir -p /tmp/query-fuzz-corpus
//   .build/release/QueryFuzzer /tmp/query-fuzz-corpus -max_total_time=600 -timeout=10 -rss_limit_mb=4096 -max_len=512
//
// The seed corpus (the made-up reports) is mutated by libFuzzer; every input is also fed once
// more with report structure spliced around it. A crash, a span that does not slice the
// original, or an input that takes more than 10 s (-timeout) stops the run with the input saved.
import PackageDescription

let package = Package(
    name: "HanMineFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "HanMine", path: "../.."),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .executableTarget(
            name: "QueryFuzzer",
            dependencies: [
                .product(name: "HanStore", package: "HanMine"),
                .product(name: "HanExtract", package: "HanMine"),
                .product(name: "HanCore", package: "HanMine"),
                .product(name: "HanText", package: "HanMine"),
                .product(name: "HanTestSupport", package: "HanMine"),
            ]
        ),
        .executableTarget(
            name: "ExtractFuzzer",
            dependencies: [
                .product(name: "HanExtract", package: "HanMine"),
                .product(name: "HanCore", package: "HanMine"),
                .product(name: "HanText", package: "HanMine"),
            ]
        ),
        .target(
            name: "DocumentFuzzSupport",
            dependencies: [
                .product(name: "HanDocument", package: "HanMine"),
                .product(name: "HanExtract", package: "HanMine"),
                .product(name: "HanCore", package: "HanMine"),
            ]
        ),
        .executableTarget(
            name: "HTMLFuzzer",
            dependencies: ["DocumentFuzzSupport", .product(name: "HanDocument", package: "HanMine"), .product(name: "HanCore", package: "HanMine")]
        ),
        .executableTarget(
            name: "DOCXFuzzer",
            dependencies: [
                "DocumentFuzzSupport", .product(name: "HanDocument", package: "HanMine"), .product(name: "HanCore", package: "HanMine"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "PDFFuzzer",
            dependencies: ["DocumentFuzzSupport", .product(name: "HanDocument", package: "HanMine"), .product(name: "HanCore", package: "HanMine")]
        ),
    ]
)
