import Foundation
import HanCore
import HanStore
import HanTestSupport
import Testing

/// The `indicators` view and `CorpusStore.indicators` against the formulas of `Indicators.all`
/// evaluated in Swift, on made-up tables (blanks, zero denominators, a single 其他处理 row).
@Suite("Indicators in the store")
struct IndicatorStoreTests {
    /// Made-up tables with every cell any indicator reads: values from a seeded generator,
    /// some cells blank, some denominators 0, the （六） sub-rows left out now and then.
    static func tables(seed: UInt64) -> Tables {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next(_ bound: UInt64) -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state % bound
        }
        let singleOther = next(4) == 0
        let zeroHandled = next(5) == 0
        func value(_ cell: IndicatorCell) -> Double? {
            if singleOther, cell.nilIsZero { return nil }
            if zeroHandled, cell.table == "applications" { return 0 }
            if next(12) == 0 { return nil }
            return cell.row == "fees" ? Double(next(100_000)) / 10 : Double(next(40))
        }
        var tables = Tables()
        for group in Indicator.Group.allCases where next(8) != 0 {
            var rows: [TableRow] = []
            for cell in Indicators.cells where cell.table == group.rawValue {
                let item = TableCell(column: cell.column, value: value(cell))
                if let index = rows.firstIndex(where: { $0.name == cell.row }) {
                    rows[index].cells.append(item)
                } else {
                    rows.append(TableRow(name: cell.row, cells: [item]))
                }
            }
            let table = Table(rows: rows)
            switch group {
            case .applications: tables.applications = table
            case .reviewLitigation: tables.reviewLitigation = table
            case .proactive: tables.proactive = table
            }
        }
        return tables
    }

    static func item(_ index: Int, tables: Tables?, agency: String, year: Int, failing: Bool = false, ambiguous: Bool = false) -> IngestItem {
        let text = "某机关\(index)政府信息公开工作年度报告\n"
        var record = Record(source: Source(path: "/made-up/\(index).txt", sha256: StoreFixtures.sha256(text), bytes: text.utf8.count,
                                           encoding: "UTF-8"))
        record.profile = .govDisclosure2021
        record.agency = agency
        record.year = year
        record.tables = tables
        if failing { record.checks = [Check(rule: "applications.balance.total", ok: false, detail: "1 = 2")] }
        if let tables {
            let cells = tables.longForm.count
            record.tableQuality = TableQuality(layout: .tsv, cells: cells, read: ambiguous ? cells - 1 : cells, blank: 0,
                                               ambiguous: ambiguous ? 1 : 0)
        }
        return .document(StoredDocument(path: record.source.path, sha256: record.source.sha256, record: record, text: Array(text.utf8)))
    }

    static func values(_ row: [StoreValue], from start: Int, count: Int) -> [Double?] {
        (start..<(start + count)).map { index -> Double? in
            switch row[index] {
            case .integer(let number): return Double(number)
            case .real(let number): return number
            default: return nil
            }
        }
    }

    @Test("the view gives every indicator and note the Swift formulas give, on 300 made-up reports")
    func viewEqualsFormulas() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let all = (0..<300).map { Self.tables(seed: UInt64($0) + 1) }
        _ = try store.write(all.enumerated().map { Self.item($0.offset, tables: $0.element, agency: "甲局", year: 2020) })
        let names = Indicators.all.map(\.name)
        let rows = try store.fetchAll("""
            SELECT \(names.joined(separator: ", ")), notes FROM indicators ORDER BY document_id
            """).rows
        #expect(rows.count == all.count)
        var nulls = 0
        for (tables, row) in zip(all, rows) {
            let expected = tables.indicators
            let stored = Self.values(row, from: 0, count: names.count)
            #expect(stored == expected.values)
            #expect(row[names.count] == (expected.notes.map(StoreValue.text) ?? .null))
            nulls += stored.filter { $0 == nil }.count
        }
        // The per-report rows of `hanmine indicators` (computed in Swift) equal the view's.
        let listed = try store.indicators(IndicatorQuery(grouping: .document))
        let viewRows = try store.fetchAll("SELECT document_id, \(names.joined(separator: ", ")), notes FROM indicators").rows
        let byID = Dictionary(uniqueKeysWithValues: viewRows.map { ($0[0], Array($0.dropFirst())) })
        #expect(listed.rows.count == viewRows.count)
        for row in listed.rows {
            let fromView = byID[row[0]] ?? []
            #expect(Self.values(row, from: 4, count: names.count) == Self.values(fromView, from: 0, count: names.count))
            #expect(row.last == fromView.last)
        }
        // The made-up tables do exercise the null paths.
        #expect(nulls > 100)
        let zero = try store.fetchAll("SELECT count(*) FROM indicators WHERE notes LIKE '%grant_rate: denominator applications.handled_total.total is 0%'")
        #expect(zero.rows.first?.first != .integer(0))
    }

    @Test("a single （六）其他处理 row: other_rate counts other_other, the missing sub-rows as 0")
    func singleOtherRow() throws {
        var tables = Tables()
        let rows = Indicators.cells.filter { $0.table == "applications" && !$0.nilIsZero }
        tables.applications = Table(rows: rows.map { cell in
            TableRow(name: cell.row, cells: [TableCell(column: "total", value: cell.row == "handled_total" ? 10 : cell.row == "other_other" ? 4 : 0)])
        })
        let value = Indicators.named("other_rate")!.evaluate { tables.table($0.table)?[$0.row, $0.column] }
        #expect(value == IndicatorValue(value: 0.4))
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([Self.item(0, tables: tables, agency: "甲局", year: 2021)])
        #expect(try store.fetchAll("SELECT other_rate FROM indicators").rows == [[.real(0.4)]])
    }

    @Test("aggregates are ratios of sums, with reports, notes, filters and year-on-year change")
    func aggregates() throws {
        func applications(granted: Double, handled: Double) -> Tables {
            let cells = Indicators.cells.filter { $0.table == "applications" }
            return Tables(applications: Table(rows: cells.map { cell in
                let value: Double = cell.row == "granted" ? granted : cell.row == "handled_total" ? handled : 0
                return TableRow(name: cell.row, cells: [TableCell(column: "total", value: value)])
            }))
        }
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([
            Self.item(0, tables: applications(granted: 1, handled: 1), agency: "甲局", year: 2021),
            Self.item(1, tables: applications(granted: 0, handled: 9), agency: "甲局", year: 2021),
            Self.item(2, tables: applications(granted: 3, handled: 4), agency: "甲局", year: 2022, ambiguous: true),
            Self.item(3, tables: applications(granted: 2, handled: 0), agency: "乙局", year: 2022, failing: true),
            Self.item(4, tables: nil, agency: "乙局", year: 2022),
        ])
        var query = IndicatorQuery(grouping: .agencyYear, indicators: [Indicators.named("grant_rate")!, Indicators.named("handled")!])
        query.change = true
        let table = try store.indicators(query)
        #expect(table.columns == ["agency", "year", "reports", "grant_rate", "grant_rate_change", "handled", "handled_change", "notes"])
        // 乙局 2022: one report, denominator 0 → null with a note; 甲局 2021: (1 + 0) / (1 + 9), not the mean (1 + 0) / 2.
        #expect(table.rows.map { $0.map(\.description) } == [
            ["乙局", "2022", "1", "", "", "0", "", "grant_rate: denominator is 0 in every report"],
            ["甲局", "2021", "2", "0.1", "", "10", "", ""],
            ["甲局", "2022", "1", "0.75", String(0.75 - 0.1), "4", "-6", ""],
        ])
        var complete = IndicatorQuery(grouping: .year, indicators: [Indicators.named("handled")!])
        complete.complete = true
        #expect(try store.indicators(complete).rows.map { $0.map(\.description) } == [["2021", "2", "10", ""], ["2022", "1", "0", ""]])
        complete.checked = true
        #expect(try store.indicators(complete).rows.map { $0.map(\.description) } == [["2021", "2", "10", ""]])
        var one = IndicatorQuery(grouping: .document, indicators: [Indicators.named("grant_rate")!])
        one.agencies = ["乙局"]
        #expect(try store.indicators(one).rows.map { $0.map(\.description) } == [
            ["4", "/made-up/3.txt", "乙局", "2022", "", "grant_rate: denominator applications.handled_total.total is 0"],
        ])
    }

    @Test("sameReports: the outcome shares rest on the same reports and add up to 1, blanks and all")
    func outcomeSharesAddUp() throws {
        let outcomes = Indicators.outcomeShares.compactMap(Indicators.named)
        let resultCells = Set(outcomes.flatMap(\.numerator))
        var items: [IngestItem] = []
        for index in 0..<60 {
            var total = 0.0
            var rows: [TableRow] = []
            for cell in Indicators.cells where cell.table == "applications" && cell.row != "handled_total" {
                let value = Double((index * 7 + cell.row.utf8.count) % 10)
                if resultCells.contains(cell) { total += value }
                // Every fifth report leaves one result cell blank (its count still in the total).
                let blank = index % 5 == 0 && cell.row == "denied_inquiry"
                rows.append(TableRow(name: cell.row, cells: [TableCell(column: "total", value: blank ? nil : value)]))
            }
            rows.append(TableRow(name: "handled_total", cells: [TableCell(column: "total", value: total)]))
            items.append(Self.item(index, tables: Tables(applications: Table(rows: rows)), agency: "甲局", year: 2020 + index % 3))
        }
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write(items)
        var query = IndicatorQuery(grouping: .year, indicators: outcomes)
        query.sameReports = true
        let table = try store.indicators(query)
        #expect(table.rows.count == 3)
        for row in table.rows {
            let sum = outcomes.compactMap { table.number(row, $0.name) }.reduce(0, +)
            #expect(abs(sum - 1) < 1e-12)
            #expect(table.text(row, "notes")?.contains("16 of 20 reports") == true)
        }
    }

    @Test("a store of an older schema gets the indicators of the documents it holds")
    func migrationBackfills() throws {
        let directory = try makeTemporaryDirectory("indicator-migration")
        defer { removeDirectory(directory) }
        let old = directory + "/previous.sqlite"
        try FileManager.default.copyItem(atPath: StoreCompatibilityTests.fixture(version: StoreSchema.currentVersion - 1), toPath: old)
        let migrated = try CorpusStore(path: old, mode: .readOnly)
        let fresh = try CorpusStore(path: directory + "/fresh.sqlite", mode: .readWrite)
        _ = try fresh.write(StoreCompatibilityTests.fixtureItems())
        let sql = "SELECT d.path, v.* FROM indicators v JOIN documents d ON d.id = v.document_id ORDER BY d.path"
        let expected = try fresh.fetchAll(sql)
        #expect(expected.rows.count == 3)
        #expect(try migrated.fetchAll(sql).rows == expected.rows)
    }
}
