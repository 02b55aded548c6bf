import Foundation
import HanCore
import Testing
@testable import HanExtract

/// `table_quality`: what a record's tables came to, counted from the cells the reader returned.
@Suite("Table quality summary")
struct TableQualityTests {
    static let expectedLayouts: [ReportGenerator.Layout: Set<TableLayout>] = [
        .cellPerLine: [.cellPerLine], .tsv: [.tsv], .pdf: [.pdfColumns, .pdfRows], .glued: [.glued], .pipe: [.markdown],
    ]

    @Test("generated reports: every cell read, blanks counted, checks counted, the layout named")
    func generatedReportsAreComplete() throws {
        let generator = ReportGenerator(seed: 41)
        for index in 0..<40 {
            let report = generator.report(index: index)
            let result = TableExtraction.extract(TableRoundTripTests.document(report.text), profile: report.profile)
            let quality = try #require(result.quality)
            // A report printing one （六）其他处理 row has no sub-rows: their null cells are not its cells.
            let single = !report.text.contains("逾期不补正")
            let gold = report.tables.longForm.filter {
                !(single && ($0.row == "other_no_correction" || $0.row == "other_no_fee"))
            }
            let location = "report \(index) (\(report.layout.rawValue))"
            #expect(quality.cells == gold.count, "\(location)")
            #expect(quality.read == gold.count && quality.isComplete, "\(location): \(quality)")
            #expect(quality.blank == gold.count { $0.value == nil }, "\(location)")
            #expect(quality.ambiguous == 0, "\(location)")
            #expect(quality.checksPassed == result.checks.count { $0.ok == true })
            #expect(quality.checksFailed == 0 && quality.checksUnevaluable == result.checks.count { $0.ok == nil })
            #expect(Self.expectedLayouts[report.layout]!.contains(quality.layout), "\(location): \(quality.layout)")
        }
    }

    @Test("a row that is not printed leaves its cells null with a warning; the report is not complete")
    func missingRowIsUnread() throws {
        let report = ReportGenerator(seed: 5, layouts: [.tsv]).report(index: 0)
        // Drop the 本年新收 row: its seven cells are neither read nor ambiguous.
        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.filter { !$0.hasPrefix("一、本年新收") }.joined(separator: "\n")
        #expect(text != report.text)
        let result = TableExtraction.extract(TableRoundTripTests.document(text), profile: report.profile)
        let quality = try #require(result.quality)
        #expect(quality.cells == report.tables.longForm.count - (report.text.contains("逾期不补正") ? 0 : 14))
        #expect(quality.read <= quality.cells - 7 && !quality.isComplete, "\(quality)")
        #expect(result.tables?.applications?.rows.first?.cells.allSatisfy { $0.value == nil } == true)
        #expect(result.warnings.contains {
            ($0.code == "table.row_missing" || $0.code == "cell.ambiguous") && $0.message.contains("new_received")
        })
    }

    @Test("a report without any table: every template cell unread, layout none")
    func noTables() throws {
        let text = "某县教育局2023年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息12条。\n"
        let result = TableExtraction.extract(TableRoundTripTests.document(text), profile: .govDisclosure2021)
        let quality = try #require(result.quality)
        #expect(quality == TableQuality(layout: .none, cells: 200, read: 0, blank: 0, ambiguous: 0, checksPassed: 0,
                                        checksFailed: 0, checksUnevaluable: result.checks.count))
        #expect(TableExtraction.extract(TableRoundTripTests.document(text), profile: .generic).quality == nil)
    }

    @Test("the record carries table_quality in SPEC's keys, null for a generic document")
    func recordKeys() throws {
        let report = ReportGenerator(seed: 8, layouts: [.cellPerLine]).report(index: 0)
        let record = try ExtractFixture.extract(report.text)
        let quality = try #require(record.tableQuality)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any]
        let encoded = try #require(object?["table_quality"] as? [String: Any])
        #expect(encoded["layout"] as? String == "cell-per-line")
        #expect(encoded.keys.sorted() == ["ambiguous", "blank", "cells", "checks_failed", "checks_passed",
                                          "checks_unevaluable", "layout", "read"])
        #expect(encoded["read"] as? Int == quality.read && encoded["checks_passed"] as? Int == quality.checksPassed)
        let decoded = try JSONDecoder().decode(Record.self, from: JSONEncoder().encode(record))
        #expect(decoded.tableQuality == quality)
        let generic = try ExtractFixture.extract("某市2023年政府工作报告\n过去一年，全市经济运行稳中有进。\n")
        #expect(generic.tableQuality == nil)
        let genericObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(generic)) as? [String: Any]
        #expect(genericObject?["table_quality"] is NSNull)
    }
}

@Suite("Tables from a grid of cells")
struct GridTableTests {
    @Test("grid tables get the template's checks and a grid quality summary; a null not printed blank is unread")
    func gridResult() throws {
        let report = ReportGenerator(seed: 19, layouts: [.tsv]).report(index: 0)
        let blank = Set(report.tables.longForm.filter { $0.value == nil }.map { "\($0.table).\($0.row).\($0.column)" })
        let result = TableExtraction.result(grid: report.tables, profile: report.profile, blank: blank)
        let text = TableExtraction.extract(TableRoundTripTests.document(report.text), profile: report.profile)
        #expect(result.checks == text.checks)
        let quality = try #require(result.quality)
        #expect(quality.layout == .grid && quality.blank == blank.count)
        // A single （六）其他处理 row: the grid has the two absent sub-rows as blank, so every cell counts.
        #expect(quality.read == quality.cells && quality.isComplete)
        var damaged = report.tables
        damaged.applications?.rows[2].cells[0].value = nil
        let unread = TableExtraction.result(grid: damaged, profile: report.profile, blank: blank)
        #expect(unread.quality?.isComplete == false)
        #expect(unread.checks.first { $0.rule == "applications.handled_sum.natural_person" }?.ok == nil)
    }
}
