// swift-tools-version:6.1
//
// HanMine's benchmarks: a package of their own (swift-collections and swift-nio do the same), so
// the library's manifest carries no benchmark dependency and `swift test` in the root never
// builds ordo-one/benchmark (about 4.5 minutes from clean).
//
// Run: `cd Benchmarks && swift package benchmark` (see README.md). The whole-program figures
// (hanmine against a C ICU loop, peak RSS, F1) come from `tokenize/run.sh`, not from here.
import PackageDescription

let package = Package(
    name: "HanMineBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "HanMine", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TokenizerBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HanCore", package: "HanMine"),
                .product(name: "HanText", package: "HanMine"),
                .product(name: "HanSegment", package: "HanMine"),
            ],
            path: "Benchmarks/TokenizerBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
