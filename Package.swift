// swift-tools-version:6.1
//
// HanMine: a toolkit that mines Chinese government reports.
//
// Module map (arrows point at the dependency):
//
//   hanmine (CLI, the only importer of ArgumentParser)
//     └─ HanPrint, HanStore, HanExtract, HanSegment, HanText
//          └─ HanCore (vocabulary: Span, Token, the SPEC record)
//   HanChart (charts as SVG and Unicode bars) depends on nothing; HanReport (indicator charts,
//   the static report site) on HanCore, HanStore and HanChart.
//   CICU is the only target that includes ICU headers; its public header exposes no ICU type.
//   CLibXML is the only target that includes libxml2 headers (CLibXML2 is the system library
//   it compiles against); its public header exposes no libxml2 type. HanDocument reads HTML,
//   DOCX and PDF into canonical text and table grids (HanCore types).
//   CPoppler is the only target that includes poppler (C++ behind a plain C header); HanPDF
//   lays a PDF's words out into canonical text and grids for HanDocument.
//   HanStore is the only target that talks to SQLite (through GRDB, and CSQLiteGuard for the
//   variadic sqlite3_db_config that locks down the connection `query` runs user SQL on).
import PackageDescription

let package = Package(
    name: "HanMine",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hanmine", targets: ["hanmine"]),
        .library(name: "HanCore", targets: ["HanCore"]),
        .library(name: "HanText", targets: ["HanText"]),
        .library(name: "HanSegment", targets: ["HanSegment"]),
        .library(name: "HanExtract", targets: ["HanExtract"]),
        .library(name: "HanStore", targets: ["HanStore"]),
        .library(name: "HanPrint", targets: ["HanPrint"]),
        .library(name: "HanDocument", targets: ["HanDocument"]),
        .library(name: "HanPDF", targets: ["HanPDF"]),
        // The random-SQL generator and test helpers, for the fuzz package in Tests/Fuzz.
        .library(name: "HanTestSupport", targets: ["HanTestSupport"]),
        .library(name: "HanChart", targets: ["HanChart"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "CSQLiteGuard", linkerSettings: [.linkedLibrary("sqlite3")]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CLibXML", dependencies: ["CLibXML2"], linkerSettings: [.linkedLibrary("z")]),
        .target(name: "CPoppler", linkerSettings: [.linkedLibrary("poppler-cpp")]),
        .target(name: "HanCore"),
        .target(name: "HanPDF", dependencies: ["HanCore", "CPoppler"]),
        .target(name: "HanText", dependencies: ["HanCore", "CICU"]),
        .target(name: "HanSegment", dependencies: ["HanCore", "HanText", "CICU"]),
        .target(name: "HanExtract", dependencies: ["HanCore", "HanText", "HanSegment", "CICU"]),
        .target(name: "HanStore", dependencies: ["HanCore", "HanText", "HanSegment", "CSQLiteGuard", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "HanPrint", dependencies: ["HanCore"]),
        .target(name: "HanDocument", dependencies: ["HanCore", "HanText", "CLibXML", "HanPDF", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "HanChart"),
        .target(name: "HanReport", dependencies: ["HanCore", "HanStore", "HanChart"]),
        .executableTarget(
            name: "hanmine",
            dependencies: [
                "CICU", "HanCore", "HanText", "HanSegment", "HanExtract", "HanStore", "HanPrint", "HanDocument", "HanChart",
                "HanReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "HanTestSupport", dependencies: ["HanCore", "HanText", "HanSegment"], path: "Tests/HanTestSupport"),
        .testTarget(name: "HanCoreTests", dependencies: ["HanCore", "HanTestSupport"]),
        .testTarget(name: "HanTextTests", dependencies: ["HanText", "HanTestSupport"]),
        .testTarget(name: "HanSegmentTests", dependencies: ["HanSegment", "HanText", "HanTestSupport"]),
        .testTarget(name: "HanCLITests", dependencies: ["HanTestSupport"]),
        .testTarget(name: "HanStoreTests", dependencies: ["HanStore", "HanExtract", "HanTestSupport", "CICU"]),
        .testTarget(name: "HanExtractTests", dependencies: ["HanExtract", "HanText", "HanTestSupport"]),
        .testTarget(name: "HanPDFTests", dependencies: ["HanPDF", "HanDocument", "HanExtract", "HanTestSupport"]),
        .testTarget(name: "HanDocumentTests", dependencies: ["HanDocument", "HanExtract", "HanTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "HanChartTests", dependencies: ["HanChart", "HanReport", "HanCore", "HanStore", "HanExtract", "HanTestSupport"]),
    ]
)
