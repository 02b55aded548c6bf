import Foundation
import HanCore
import HanDocument
import HanExtract
import HanTestSupport
import Testing

/// Real PDF layouts: the LibreOffice prints of generated reports in `Corpus/pdf/` (made by
/// `Corpus/pdf/make-pdfs.py`) and, where `../shared` is present, the dev corpus's original PDF.
@Suite struct PDFCorpusTests {
    static let folder = TestPaths.corpus + "/pdf"
    /// The prints whose every cell must come back exactly.
    static let exact = ["libreoffice-000006", "libreoffice-000007"]
    /// A print where LibreOffice wrapped five-digit numbers in narrow columns and cut labels at a
    /// page break: cells may be missing (null), never wrong.
    static let neverWrong = ["libreoffice-000000"]

    /// Gold cells that differ from the record's: (cell, gold, got).
    static func differences(pdf: String, gold: String) throws -> (wrong: [String], missing: [String], record: Record) {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: pdf)))
        let canonical = try DocumentLoader().load(bytes, name: pdf)
        let record = try Extractor().extract(canonical: canonical, original: bytes, path: pdf)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: gold)))
        let goldTables = try #require((json as? [String: Any])?["tables"] as? [String: [String: [String: Any]]])
        let tables = try #require(record.tables, "\(pdf): no tables")
        let byName = ["proactive": tables.proactive, "applications": tables.applications, "review_litigation": tables.reviewLitigation]
        var wrong: [String] = [], missing: [String] = []
        for (tableName, rows) in goldTables {
            for (row, cells) in rows {
                for (column, value) in cells {
                    let expected = (value as? NSNumber)?.doubleValue
                    let got = byName[tableName]??[row, column]
                    guard expected != got else { continue }
                    let line = "\(tableName).\(row).\(column): gold \(expected.map { "\($0)" } ?? "null"), got \(got.map { "\($0)" } ?? "null")"
                    if got == nil { missing.append(line) } else { wrong.append(line) }
                }
            }
        }
        return (wrong, missing, record)
    }

    /// Every cell's span slices the canonical text to the cell's own text.
    static func spansHold(_ canonical: CanonicalDocument) -> Bool {
        canonical.grids.allSatisfy { grid in
            grid.rows.allSatisfy { $0.count == grid.columnCount } && grid.rows.allSatisfy { row in
                row.allSatisfy { $0.span.end <= canonical.text.count && !canonical.text[$0.span.start..<$0.span.end].contains(0x09) }
            }
        }
    }

    @Test(arguments: exact)
    func libreOfficePrintReadsBackExactly(_ name: String) throws {
        let result = try Self.differences(pdf: Self.folder + "/\(name).pdf", gold: Self.folder + "/gold/tables/\(name).json")
        #expect(result.wrong.isEmpty && result.missing.isEmpty, "\(name): \((result.wrong + result.missing).prefix(10))")
        #expect(!result.record.checks.contains { $0.ok == false }, "\(name): a consistent report fails a check")
        #expect(result.record.source.format == .pdf)
    }

    @Test(arguments: neverWrong)
    func libreOfficePrintIsNeverWrong(_ name: String) throws {
        let result = try Self.differences(pdf: Self.folder + "/\(name).pdf", gold: Self.folder + "/gold/tables/\(name).json")
        #expect(result.wrong.isEmpty, "\(name): \(result.wrong.prefix(10))")
    }

    @Test(arguments: exact + neverWrong)
    func gridSpansSliceTheCanonicalText(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/\(name).pdf")))
        let canonical = try DocumentLoader().load(bytes, name: name)
        #expect(canonical.grids.count >= 3, "\(name): the report's tables")
        #expect(Self.spansHold(canonical))
        #expect(!canonical.text.isEmpty && canonical.text.last == 0x0A)
        #expect(!String(decoding: canonical.text, as: UTF8.self).contains("\n\n"), "no blank lines")
    }

    static let devPDF = TestPaths.shared + "/corpus/orig/0001.pdf"

    @Test("the dev corpus's PDF: every table cell right, none missing", .enabled(if: fileExists(devPDF)))
    func devCorpusPDF() throws {
        let result = try Self.differences(pdf: Self.devPDF, gold: TestPaths.shared + "/corpus/gold/tables/0001.json")
        #expect(result.wrong.isEmpty && result.missing.isEmpty, "\((result.wrong + result.missing).prefix(10))")
        #expect(!result.record.warnings.contains { $0.code == "cell.ambiguous" })
    }
}
