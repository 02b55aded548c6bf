import GRDB
import HanCore

/// What `hanmine indicators` (and the plots and the report) ask the store for.
public struct IndicatorQuery: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        /// One row per current document with tables.
        case document
        case year
        case agency
        case agencyYear = "agency,year"
    }

    public var grouping: Grouping
    public var indicators: [Indicator]
    /// Only these agencies (exact names) / years; empty: all.
    public var agencies: [String] = []
    public var years: [Int] = []
    /// Only reports whose every table cell was read (blank cells printed as blank count as read).
    public var complete = false
    /// `complete`, and no failed check.
    public var checked = false
    /// Add `<name>_change` per indicator: the difference from the previous year's value (of the
    /// same agency with `agency,year`); NULL when that year has no row or either value is NULL.
    public var change = false
    /// Every indicator rests on the same reports: those printing the cells of all the asked
    /// indicators (so outcome shares of a group add up to 1 where the reports' sums hold).
    public var sameReports = false

    public init(grouping: Grouping, indicators: [Indicator] = Indicators.all) {
        self.grouping = grouping
        self.indicators = indicators
    }
}

/// Rows ready to print: column names and values.
public struct IndicatorTable: Sendable {
    public var columns: [String]
    public var rows: [[StoreValue]]

    public init(columns: [String], rows: [[StoreValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The rows where `column` reads `value`, without that column.
    public func rows(where column: String, is value: String) -> IndicatorTable {
        guard let index = columns.firstIndex(of: column) else { return self }
        var kept = columns
        kept.remove(at: index)
        return IndicatorTable(columns: kept, rows: rows.filter { $0[index].description == value }.map { row in
            var row = row
            row.remove(at: index)
            return row
        })
    }

    /// The value of `column` in `row`, as a Double when it is a number.
    public func number(_ row: [StoreValue], _ column: String) -> Double? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        switch row[index] {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        default: return nil
        }
    }

    public func text(_ row: [StoreValue], _ column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        switch row[index] {
        case .null: return nil
        default: return row[index].description
        }
    }
}

extension CorpusStore {
    /// The indicators of the current documents, per document or aggregated.
    ///
    /// An aggregate is a ratio of sums: Σ numerators / Σ denominators over the group's reports
    /// that print every cell the indicator needs (a count: Σ numerators), never a mean of the
    /// reports' ratios. `reports` counts the group's reports with tables; `notes` says when an
    /// indicator rests on fewer, or has no denominator.
    public func indicators(_ query: IndicatorQuery) throws(HanError) -> IndicatorTable {
        var conditions = ["d.is_current = 1"]
        var arguments: [StoreValue] = []
        if !query.agencies.isEmpty {
            conditions.append("d.agency IN (\(query.agencies.map { _ in "?" }.joined(separator: ", ")))")
            arguments += query.agencies.map(StoreValue.text)
        }
        if !query.years.isEmpty {
            conditions.append("d.year IN (\(query.years.map { _ in "?" }.joined(separator: ", ")))")
            arguments += query.years.map { .integer(Int64($0)) }
        }
        if query.complete || query.checked { conditions.append(Self.completeCondition) }
        if query.checked { conditions.append("NOT EXISTS (SELECT 1 FROM checks c WHERE c.document_id = d.id AND c.ok = 0)") }
        let filter = conditions.joined(separator: " AND ")
        let plans = query.indicators.map(Plan.init)
        let groups = Indicator.Group.allCases
        let columns = groups.map { "i." + IndicatorSQL.hasColumn($0) } + Indicators.cells.map { "i." + $0.storeColumn }

        if query.grouping == .document {
            let lookup = Dictionary(uniqueKeysWithValues: Indicators.cells.enumerated().map { ($1.storeColumn, $0) })
            var rows: [[StoreValue]] = []
            try scan("""
                SELECT d.id, d.path, d.agency, d.year, \(columns.joined(separator: ", "))
                FROM indicator_cells i JOIN documents d ON d.id = i.document_id
                WHERE \(filter) ORDER BY d.agency, d.year, d.path
                """, arguments: arguments, keys: 4) { keys, has, cells in
                var notes: [String] = []
                var values: [StoreValue] = []
                for plan in plans {
                    values.append((has[plan.group] ? plan.value(cells) : nil).map(StoreValue.real) ?? .null)
                }
                // Notes in `Indicators.evaluate`'s order: by table, a missing table once.
                for (index, group) in groups.enumerated() where plans.contains(where: { $0.group == index }) {
                    guard has[index] else {
                        notes.append("no \(group.rawValue) table")
                        continue
                    }
                    for (position, plan) in plans.enumerated() where plan.group == index && values[position].isNull {
                        if let note = query.indicators[position].evaluate({ cells[lookup[$0.storeColumn]!] }).note { notes.append(note) }
                    }
                }
                rows.append(keys + values + [notes.isEmpty ? .null : .text(notes.joined(separator: "; "))])
            }
            return IndicatorTable(columns: ["document_id", "path", "agency", "year"] + query.indicators.map(\.name) + ["notes"], rows: rows)
        }

        let keys: [String]
        switch query.grouping {
        case .year: keys = ["year"]
        case .agency: keys = ["agency"]
        case .agencyYear, .document: keys = ["agency", "year"]
        }
        // One scan; the sums per group in Swift (SQLite evaluating ~100 CASE expressions per
        // row was the slow part, and 80,000 agencies made a GROUP BY of them slower still).
        var order: [[StoreValue]] = []
        var sums: [[StoreValue]: Sums] = [:]
        try scan("""
            SELECT \(keys.map { "d." + $0 }.joined(separator: ", ")), \(columns.joined(separator: ", "))
            FROM indicator_cells i JOIN documents d ON d.id = i.document_id
            WHERE \(filter)
            """, arguments: arguments, keys: keys.count) { key, has, cells in
            if sums[key] == nil {
                order.append(key)
                sums[key] = Sums(count: plans.count)
            }
            sums[key]!.add(plans, has: has, cells: cells, sameReports: query.sameReports)
        }
        order.sort { Self.precedes($0, $1) }
        var columnsOut = keys + ["reports"]
        for indicator in query.indicators {
            columnsOut.append(indicator.name)
            if query.change { columnsOut.append(indicator.name + "_change") }
        }
        columnsOut.append("notes")

        var values: [[Double?]] = []
        var rows: [[StoreValue]] = []
        for key in order {
            let group = sums[key]!
            var notes: [String] = []
            var rowValues: [Double?] = []
            for (index, indicator) in query.indicators.enumerated() {
                let rested = group.reports[index]
                var value: Double? = rested > 0 ? group.numerators[index] : nil
                if indicator.isRate {
                    if rested > 0, group.denominators[index] != 0 {
                        value = group.numerators[index] / group.denominators[index]
                    } else {
                        value = nil
                        if rested > 0 { notes.append("\(indicator.name): denominator is 0 in every report") }
                    }
                }
                if rested < group.total {
                    notes.append("\(indicator.name): \(rested) of \(group.total) reports (the others leave a cell blank or lack the table)")
                }
                rowValues.append(value)
            }
            values.append(rowValues)
            rows.append(key + [.integer(Int64(group.total))] + rowValues.map { $0.map(StoreValue.real) ?? .null }
                        + [notes.isEmpty ? .null : .text(notes.joined(separator: "; "))])
        }
        if query.change {
            rows = Self.withChanges(rows, values: values, keys: keys, indicators: query.indicators.count)
        }
        return IndicatorTable(columns: columnsOut, rows: rows)
    }

    /// An indicator compiled against the columns `scan` reads: cell positions, not names.
    struct Plan {
        let group: Int
        let numerator: [(index: Int, nilIsZero: Bool)]
        let denominator: [(index: Int, nilIsZero: Bool)]
        let required: [Int]

        init(_ indicator: Indicator) {
            let position = Dictionary(uniqueKeysWithValues: Indicators.cells.enumerated().map { ($1.storeColumn, $0) })
            group = Indicator.Group.allCases.firstIndex(of: indicator.group)!
            numerator = indicator.numerator.map { (position[$0.storeColumn]!, $0.nilIsZero) }
            denominator = indicator.denominator.map { (position[$0.storeColumn]!, $0.nilIsZero) }
            required = indicator.cells.filter { !$0.nilIsZero }.map { position[$0.storeColumn]! }
        }

        func printed(_ cells: [Double?]) -> Bool { required.allSatisfy { cells[$0] != nil } }

        static func sum(_ terms: [(index: Int, nilIsZero: Bool)], _ cells: [Double?]) -> Double {
            terms.reduce(0) { $0 + (cells[$1.index] ?? 0) }
        }

        /// `Indicator.evaluate`'s value (the note aside), on positions.
        func value(_ cells: [Double?]) -> Double? {
            guard printed(cells) else { return nil }
            let top = Self.sum(numerator, cells)
            guard !denominator.isEmpty else { return top }
            let bottom = Self.sum(denominator, cells)
            return bottom == 0 ? nil : top / bottom
        }
    }

    /// The sums of one group: per indicator, Σ numerators and Σ denominators over the reports
    /// printing its cells (a 0 denominator adds 0 to both), and how many those are.
    struct Sums {
        var total = 0
        var numerators: [Double]
        var denominators: [Double]
        var reports: [Int]

        init(count: Int) {
            numerators = Array(repeating: 0, count: count)
            denominators = numerators
            reports = Array(repeating: 0, count: count)
        }

        mutating func add(_ plans: [Plan], has: [Bool], cells: [Double?], sameReports: Bool) {
            total += 1
            let all = !sameReports || plans.allSatisfy { has[$0.group] && $0.printed(cells) }
            for (index, plan) in plans.enumerated() where all && has[plan.group] && plan.printed(cells) {
                numerators[index] += Plan.sum(plan.numerator, cells)
                denominators[index] += Plan.sum(plan.denominator, cells)
                reports[index] += 1
            }
        }
    }

    /// Runs `sql` (the key columns first, then the table flags, then `Indicators.cells`) and
    /// hands each row's keys, flags and cells to `body`.
    func scan(_ sql: String, arguments: [StoreValue], keys: Int,
              _ body: ([StoreValue], [Bool], [Double?]) throws -> Void) throws(HanError) {
        let flags = Indicator.Group.allCases.count
        let cellCount = Indicators.cells.count
        try read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
            var cells = [Double?](repeating: nil, count: cellCount)
            var has = [Bool](repeating: false, count: flags)
            while let row = try rows.next() {
                let key = (0..<keys).map { StoreValue(row[$0] as DatabaseValue) }
                for index in 0..<flags { has[index] = (row[keys + index] as Int?) == 1 }
                for index in 0..<cellCount { cells[index] = row[keys + flags + index] as Double? }
                try body(key, has, cells)
            }
        }
    }

    /// SQL's order of keys: NULL first, then numbers, then text by bytes.
    static func precedes(_ left: [StoreValue], _ right: [StoreValue]) -> Bool {
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.null, _): return true
            case (_, .null): return false
            case (.integer(let x), .integer(let y)): return x < y
            case (.text(let x), .text(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
            default: return a.description < b.description
            }
        }
        return false
    }

    /// Inserts `<name>_change` after each indicator: value − the previous year's value of the
    /// same group (agency with agency,year; the whole corpus with year).
    static func withChanges(_ rows: [[StoreValue]], values: [[Double?]], keys: [String], indicators: Int) -> [[StoreValue]] {
        let yearIndex = keys.firstIndex(of: "year")
        func groupKey(_ row: [StoreValue]) -> String { keys.indices.filter { $0 != yearIndex }.map { row[$0].description }.joined(separator: "\u{1F}") }
        var index: [String: Int] = [:]
        for (position, row) in rows.enumerated() {
            if let yearIndex, case .integer(let year) = row[yearIndex] { index[groupKey(row) + "\u{1F}\(year)"] = position }
        }
        return rows.enumerated().map { position, row in
            var previous: Int?
            if let yearIndex, case .integer(let year) = row[yearIndex] { previous = index[groupKey(row) + "\u{1F}\(year - 1)"] }
            var out = Array(row[0...keys.count])
            for column in 0..<indicators {
                out.append(row[keys.count + 1 + column])
                if let previous, let now = values[position][column], let before = values[previous][column] {
                    out.append(.real(now - before))
                } else {
                    out.append(.null)
                }
            }
            out.append(row[row.count - 1])
            return out
        }
    }

    /// SQL true for a document whose every table cell was read (`table_quality`: read = cells;
    /// blank cells printed as blank count as read). Documents stored before schema v5 have no
    /// row and count as not complete.
    static let completeCondition = "EXISTS (SELECT 1 FROM table_quality q WHERE q.document_id = d.id AND q.read = q.cells)"

    /// Facts about the current corpus for a summary: documents, with tables, agencies, years.
    public func corpusSummary() throws(HanError) -> IndicatorTable {
        let (columns, rows) = try fetchAll("""
            SELECT count(*) AS documents,
                   count(i.document_id) AS with_tables,
                   count(DISTINCT d.agency) AS agencies,
                   min(d.year) AS first_year, max(d.year) AS last_year,
                   (SELECT count(DISTINCT c.document_id) FROM checks c JOIN documents x ON x.id = c.document_id
                     WHERE c.ok = 0 AND x.is_current = 1) AS failing_checks
            FROM documents d LEFT JOIN indicator_cells i ON i.document_id = d.id
            WHERE d.is_current = 1
            """)
        return IndicatorTable(columns: columns, rows: rows)
    }
}
