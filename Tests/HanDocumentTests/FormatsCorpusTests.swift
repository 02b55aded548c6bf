import Foundation
import HanCore
import HanDocument
import HanExtract
import HanTestSupport
import Testing

/// Made-up reports written as Word-style HTML and as DOCX read back with every cell exact, and
/// the real HTML originals of `../shared/corpus/orig` read to their gold.
@Suite("formats: generated and real originals")
struct FormatsCorpusTests {
    static func wrongCells(_ tables: Tables?, _ gold: Tables) -> [String] {
        var wrong: [String] = []
        let pairs: [(String, Table?, Table?)] = [("proactive", tables?.proactive, gold.proactive),
                                                 ("applications", tables?.applications, gold.applications),
                                                 ("review_litigation", tables?.reviewLitigation, gold.reviewLitigation)]
        for (name, got, expected) in pairs {
            for row in expected?.rows ?? [] {
                for cell in row.cells where got?[row.name, cell.column] != cell.value {
                    wrong.append("\(name).\(row.name).\(cell.column): gold \(cell.value.map { "\($0)" } ?? "null"), got \(got?[row.name, cell.column].map { "\($0)" } ?? "null")")
                }
            }
        }
        return wrong
    }

    enum Written: String, CaseIterable { case html, docx }

    @Test("generated reports as HTML and DOCX: every cell exact, tables read from the grids, spans slice the canonical text",
          arguments: Written.allCases)
    func generatedReports(_ format: Written) throws {
        let generator = ReportGenerator(seed: 41, layouts: [.tsv])
        let extractor = try Extractor()
        let loader = DocumentLoader()
        for index in 0..<24 {
            let report = generator.report(index: index)
            let markup = MarkupDocument(tabSeparated: report.text)
            let bytes = format == .html ? Array(markup.wordHTML(seed: UInt64(index)).utf8) : try markup.docx()
            let document = try loader.load(bytes, name: "r.\(format.rawValue)")
            #expect(document.format.rawValue == format.rawValue)
            #expect(document.grids.count >= 6, "report \(index): \(document.grids.count) grids")
            let record = extractor.extract(canonical: document, original: bytes, path: "r")
            let wrong = Self.wrongCells(record.tables, report.tables)
            #expect(wrong.isEmpty, "report \(index) (\(format)): \(wrong.prefix(5).joined(separator: "; "))")
            #expect(!record.warnings.contains { $0.code == "cell.ambiguous" })
            for cell in record.tables?.longForm ?? [] {
                guard let span = cell.span, let value = cell.value?.value else { continue }
                let printed = span.slice(document.text)
                #expect(Double(printed.filter { $0.isNumber || $0 == "." || $0 == "-" }) == value, "report \(index): \(cell.row).\(cell.column) span holds '\(printed)'")
            }
        }
    }

    static let orig = TestPaths.shared + "/corpus/orig"
    static let origPages: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: orig)) ?? []
        return files.filter { $0.hasSuffix(".html") }.sorted()
    }()

    @Test("real HTML originals: every gold cell right, none ambiguous", .enabled(if: !origPages.isEmpty), arguments: origPages)
    func realOriginal(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.orig + "/" + name)))
        let document = try DocumentLoader().load(bytes, name: name)
        let record = try Extractor().extract(canonical: document, original: bytes, path: name)
        let goldPath = TestPaths.shared + "/corpus/gold/tables/" + name.replacingOccurrences(of: ".html", with: ".json")
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: goldPath))) as? [String: Any]
        let goldTables = try #require(gold?["tables"] as? [String: [String: [String: Any]]])
        let byName = ["proactive": record.tables?.proactive, "applications": record.tables?.applications,
                      "review_litigation": record.tables?.reviewLitigation]
        var wrong: [String] = []
        for (table, rows) in goldTables {
            for (row, cells) in rows {
                for (column, value) in cells where (value as? NSNumber)?.doubleValue != byName[table]??[row, column] {
                    wrong.append("\(table).\(row).\(column)")
                }
            }
        }
        #expect(wrong.isEmpty, "\(name): \(wrong.prefix(8).joined(separator: ", "))")
        #expect(!record.warnings.contains { $0.code == "cell.ambiguous" }, "\(name)")
    }
}
