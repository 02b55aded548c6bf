import Foundation
import HanCore
import HanTestSupport
import HanText
import Testing
@testable import HanExtract

/// A golden record per made-up report in `Corpus/reports/`: `Corpus/golden/NAME.json` holds the
/// record as pretty JSON with sorted keys. A difference prints the first differing lines of both.
///
/// Re-record with `HANMINE_RECORD=1 swift test --filter CorpusGoldenTests`: the goldens are
/// rewritten and the test fails, so a recording run is never mistaken for a passing one.
@Suite("Corpus golden records")
struct CorpusGoldenTests {
    static let reports = TestPaths.corpus + "/reports"
    static let goldens = TestPaths.corpus + "/golden"

    static func render(_ record: Record) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var record = record
        record.source.path = "Corpus/reports/" + (record.source.path.split(separator: "/").last.map(String.init) ?? "")
        return String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
    }

    static let names: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }()

    @Test("there are made-up reports covering the hard cases")
    func corpusPresent() {
        #expect(Self.names.count >= 5, "Corpus/reports has \(Self.names.count) reports")
    }

    @Test("each report's record equals its golden", arguments: CorpusGoldenTests.names)
    func golden(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.reports + "/" + name)))
        let extractor = try Extractor()
        let record = try extractor.extract(contentsOf: bytes, path: name)
        let decoded = try DocumentReader.decodeAll(bytes, options: .default)
        checkSpans(record, original: decoded.text)
        let actual = try Self.render(record)
        let goldenPath = Self.goldens + "/" + name.replacingOccurrences(of: ".txt", with: ".json")
        try assertGolden(actual, path: goldenPath)
    }
}
