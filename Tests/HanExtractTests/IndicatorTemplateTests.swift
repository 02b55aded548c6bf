import HanCore
@testable import HanExtract
import Testing

/// The indicators read cells by the template's keys: a renamed key must fail here, not give
/// silently null indicators.
@Suite("Indicators name cells of the national templates")
struct IndicatorTemplateTests {
    @Test("every cell an indicator reads is a key of the 2021 or the 2019 template")
    func cellsExist() {
        var keys: Set<String> = []
        for row in TemplateLabels.proactive2021 + TemplateLabels.proactive2019 {
            for column in row.columns { keys.insert("proactive.\(row.key).\(column.key)") }
        }
        for row in TemplateLabels.applicationRowKeys {
            for column in TemplateLabels.applicantColumns { keys.insert("applications.\(row).\(column)") }
        }
        for group in TemplateLabels.reviewGroups {
            for part in TemplateLabels.reviewParts { keys.insert("review_litigation.\(group).\(part)") }
        }
        for cell in Indicators.cells { #expect(keys.contains(cell.description), "\(cell) is not a template cell") }
    }

    @Test("names are unique; indicators are grouped by table in Group order; rates have a denominator")
    func shape() {
        let names = Indicators.all.map(\.name)
        #expect(Set(names).count == names.count)
        let order = Indicators.all.map { Indicator.Group.allCases.firstIndex(of: $0.group) ?? -1 }
        let sorted = order.sorted()
        #expect(order == sorted)
        let rates = Indicators.all.filter { $0.name.hasSuffix("_rate") || $0.name.hasSuffix("_share") }
        #expect(rates.allSatisfy { $0.isRate })
        #expect(Indicators.all.filter { $0.name.hasPrefix("denied_") }.count == 8)
        #expect(Indicators.outcomeShares.allSatisfy { Indicators.named($0) != nil })
    }

    @Test("outcome shares add up to 1 when the handled sum holds; null and zero give notes, never NaN")
    func formulas() {
        var values: [String: Double] = [:]
        for (index, row) in TableTemplate.resultRows.enumerated() { values[row] = Double(index % 4) }
        values["handled_total"] = TableTemplate.resultRows.compactMap { values[$0] }.reduce(0, +)
        let cell = { (cell: IndicatorCell) in values[cell.row] }
        let shares = Indicators.outcomeShares.map { Indicators.named($0)!.evaluate(cell).value! }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        values["handled_total"] = 0
        let zero = Indicators.named("grant_rate")!.evaluate(cell)
        #expect(zero.value == nil)
        #expect(zero.note == "grant_rate: denominator applications.handled_total.total is 0")
        values["granted"] = nil
        #expect(Indicators.named("grant_rate")!.evaluate(cell).note == "grant_rate: blank applications.granted.total")
        #expect(Indicators.named("received")!.evaluate { _ in nil }.note == "received: blank applications.new_received.total, applications.carried_over.total")
    }
}
