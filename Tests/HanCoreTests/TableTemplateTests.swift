import HanCore
import Testing

@Suite("Table templates")
struct TableTemplateTests {
    @Test("SPEC's cell counts: 200 cells on the 2021 template, 212 on the 2019 one; 25 × 7 and 3 × 5")
    func cellCounts() {
        let t2021 = TableTemplate.template2021, t2019 = TableTemplate.template2019
        #expect(t2021.tables.reduce(0) { $0 + $1.cellCount } == 200)
        #expect(t2019.tables.reduce(0) { $0 + $1.cellCount } == 212)
        #expect(t2021.applications.rows.count == 25 && t2021.applications.rows.allSatisfy { $0.columns.count == 7 })
        #expect(t2021.reviewLitigation.cellCount == 15)
        #expect(TableTemplate.forProfile(.govDisclosure2019)?.proactive.row("procurement") != nil)
        #expect(TableTemplate.forProfile(.generic) == nil && TableTemplate.forProfile(.govDisclosureLegacy) == nil)
    }

    @Test("every rule names rows and columns of its table; keys are unique", arguments: [TableTemplate.template2021, .template2019])
    func rulesNameTheirTable(_ template: TableTemplate) throws {
        for table in template.tables {
            #expect(Set(table.rows.map(\.key)).count == table.rows.count, "\(table.name): duplicate row")
            for row in table.rows { #expect(Set(row.columns.map(\.key)).count == row.columns.count, "\(table.name).\(row.key)") }
        }
        for rule in template.rules {
            let table = try #require(template.table(rule.table))
            let rows = Set(table.rows.map(\.key)), columns = Set(table.rows.flatMap(\.columns).map(\.key))
            switch rule.kind {
            case .rowSum(let named, let parts, let total):
                #expect(Set(named).isSubset(of: rows) && Set(parts + [total]).isSubset(of: columns), "\(rule.name)")
            case .columnSum(let parts, let total, let sumColumns):
                #expect(Set(parts + [total]).isSubset(of: rows) && Set(sumColumns).isSubset(of: columns), "\(rule.name)")
            case .balance(let left, let right, let sumColumns):
                #expect(Set(left + right).isSubset(of: rows) && Set(sumColumns).isSubset(of: columns), "\(rule.name)")
            }
        }
        // 25 row sums, 7 handled sums, 7 balances, 3 group sums: SPEC's 42 checks.
        let checks = template.rules.reduce(0) { count, rule in
            switch rule.kind {
            case .rowSum(let rows, _, _): count + rows.count
            case .columnSum(_, _, let columns), .balance(_, _, let columns): count + columns.count
            }
        }
        #expect(checks == 42)
    }
}
