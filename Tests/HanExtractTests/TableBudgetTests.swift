import HanCore
import Testing
@testable import HanExtract

/// Every search of the table reader has a budget: past it the cells are null with `cell.budget`,
/// never a long wait (a glued run of 20,000 digits once took 18 s).
@Suite("Table reader budgets")
struct TableBudgetTests {
    static func document(_ text: String) -> Document { TableRoundTripTests.document(text) }

    @Test("glued row of 20,000 digits: the row is null with cell.budget, the rest of the table is read")
    func gluedRowOf20000Digits() throws {
        let report = ReportGenerator(seed: 12, layouts: [.glued]).report(index: 0)
        var text = report.text
        let label = "二、上年结转政府信息公开申请数量"
        let start = try #require(text.range(of: label)).upperBound
        let end = try #require(text[start...].firstIndex { !$0.isNumber && $0 != " " })
        let digits = String((0..<20_000).map { Character(String($0 % 7)) })
        text.replaceSubrange(start..<end, with: digits)
        let result = TableExtraction.extract(Self.document(text), profile: report.profile)
        let row = try #require(result.tables?.applications?.rows.first { $0.name == "carried_over" })
        #expect(row.cells.allSatisfy { $0.value == nil })
        #expect(result.warnings.contains { $0.code == "cell.budget" && $0.message.contains("carried_over") })
        let quality = try #require(result.quality)
        #expect(quality.ambiguous >= 7 && !quality.isComplete)
        // Every other row is as generated.
        let gold = report.tables.applications!
        for goldRow in gold.rows where goldRow.name != "carried_over" {
            let read = result.tables?.applications?.rows.first { $0.name == goldRow.name }
            for cell in goldRow.cells where cell.value != nil {
                let got = read?.cells.first { $0.column == cell.column }?.value
                #expect(got == nil || got == cell.value, "\(goldRow.name).\(cell.column): \(String(describing: got))")
            }
        }
    }

    @Test("the digit search stops at its budget: a run too long for its cells costs no search at all")
    func splitterWork() {
        let long = Array(String(repeating: "1234567890", count: 2_000).utf8)
        var splitter = DigitSplitter(text: long, kinds: Array(repeating: .count, count: 7), sumGroups: [0..<7])
        let none = splitter.split([0..<long.count])
        #expect(none.truncated && none.overBudget && none.splits.isEmpty && none.work == 0)
        // The longest run the cells can hold: the search is bounded by its budget.
        let holdable = Array(long.prefix(7 * DigitSplitter.maxCellBytes))
        splitter = DigitSplitter(text: holdable, kinds: Array(repeating: .count, count: 7), sumGroups: [])
        splitter.nodeLimit = 5_000
        splitter.splitLimit = .max
        let bounded = splitter.split([0..<holdable.count])
        #expect(bounded.truncated && bounded.overBudget)
        #expect(bounded.work <= splitter.nodeLimit + 1)
    }
}
