import Foundation
import HanCore
import HanExtract
import HanTestSupport
import Testing

/// `Corpus/generated/`: one report per table layout, written by `hanmine generate --seed 2026`,
/// with its gold tables. Extraction must give every gold cell exactly, and every check the gold
/// arithmetic allows must pass.
@Suite struct GeneratedCorpusTests {
    static let folder = TestPaths.corpus + "/generated"

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func everyLayoutIsThere() {
        for layout in ["cell-per-line", "tsv", "pdf", "glued", "pipe"] {
            #expect(Self.names.contains { $0.hasSuffix(layout) }, "no generated report in the \(layout) layout")
        }
    }

    @Test(arguments: names)
    func tablesReadBackExactly(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/\(name).txt")))
        let record = try Extractor().extract(contentsOf: bytes, path: "Corpus/generated/\(name).txt")
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.folder + "/gold/\(name).json")))
        let goldTables = try #require((gold as? [String: Any])?["tables"] as? [String: [String: [String: Any]]])
        let tables = try #require(record.tables, "\(name): no tables")
        let byName = ["proactive": tables.proactive, "applications": tables.applications, "review_litigation": tables.reviewLitigation]
        var wrong: [String] = []
        for (tableName, rows) in goldTables {
            for (row, cells) in rows {
                for (column, value) in cells {
                    let expected = (value as? NSNumber)?.doubleValue
                    let got = byName[tableName]??[row, column]
                    if expected != got { wrong.append("\(tableName).\(row).\(column): gold \(expected.map { "\($0)" } ?? "null"), got \(got.map { "\($0)" } ?? "null")") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(name): \(wrong.prefix(10).joined(separator: "; "))")
        #expect(!record.checks.contains { $0.ok == false }, "\(name): a consistent report fails a check")
        for cell in tables.longForm {
            if let span = cell.span, let value = cell.value?.value {
                #expect(span.end <= bytes.count, "\(name): span outside the text")
                let text = span.slice(bytes).filter { $0.isNumber || $0 == "." || $0 == "-" }
                #expect(Double(text) == value, "\(name): \(cell.table).\(cell.row).\(cell.column) span holds '\(span.slice(bytes))'")
            }
        }
    }
}
