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

    /// The first lines where `expected` and `actual` differ, with two lines of context.
    static func lineDiff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? (a.count != b.count ? min(a.count, b.count) : nil)
        else { return "" }
        let range = max(0, first - 2)..<(first + 6)
        var out = "first difference at line \(first + 1):\n--- golden\n"
        for i in range where i < a.count { out += "\(i == first ? ">" : " ") \(a[i])\n" }
        out += "+++ extracted\n"
        for i in range where i < b.count { out += "\(i == first ? ">" : " ") \(b[i])\n" }
        return out
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
        if ProcessInfo.processInfo.environment["HANMINE_RECORD"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.goldens, withIntermediateDirectories: true)
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            Issue.record("recorded \(goldenPath); run again without HANMINE_RECORD to compare")
            return
        }
        guard let expected = try? String(contentsOfFile: goldenPath, encoding: .utf8) else {
            Issue.record("no golden at \(goldenPath); record it with HANMINE_RECORD=1")
            return
        }
        #expect(expected == actual, "\(name) differs from its golden:\n\(Self.lineDiff(expected, actual))")
    }
}
