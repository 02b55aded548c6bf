import HanCore

/// Settles table 3 rows that admit several readings (glued digits cut several ways, a blank
/// cell a converter dropped that may have stood in any column), using the arithmetic that ties
/// rows together: the result rows add up to （七）总计 in every column, and new + carried over =
/// handled + carried forward. One row's cut is often fixed only by the column sums with other
/// rows (`270020130` is 27,0,0,2,0,1,30 because the 商业企业 column totals 0).
///
/// Every combination of the readings is scored by the column checks it fails; those that fail
/// the fewest win. Rows of one linked block (a page fragment whose
/// dropped column is one choice for all its rows) change reading together. A cell on which the
/// winners disagree stays unknown: the reader never picks between two readings the document
/// allows.
enum ApplicationsSolver {
    typealias Slot = TableAssembler.Slot

    /// The template's column rules on table 3, as row indices: the sum of rows and the balance.
    static let columnSum: (parts: [Int], total: Int) = {
        for rule in TableTemplate.rules where rule.table == "applications" {
            if case .columnSum(let parts, let total, _) = rule.kind {
                return (parts.map(TemplateLabels.applicationIndex), TemplateLabels.applicationIndex(total))
            }
        }
        return ([], 0)
    }()
    static let balance: (left: [Int], right: [Int]) = {
        for rule in TableTemplate.rules where rule.table == "applications" {
            if case .balance(let left, let right, _) = rule.kind {
                return (left.map(TemplateLabels.applicationIndex), right.map(TemplateLabels.applicationIndex))
            }
        }
        return ([], [])
    }()
    static let width = TableTemplate.applicantColumns.count
    /// Past this many combinations the units are settled one by one.
    static let combinationLimit = 50_000

    /// Rows settled together: `options[i][k]` is the slots of `rows[k]` in reading `i`.
    struct Unit {
        var rows: [Int]
        var options: [[[Slot]]]
    }

    /// The settled slots of every row read, by row index.
    static func settle(_ readings: inout [Int: TableAssembler.RowReading]) -> [Int: [Slot]] {
        var fixed: [Int: [Slot]] = [:]
        var open: [Unit] = []
        var linked: [Int: [(row: Int, options: [[Slot]])]] = [:]
        for (row, reading) in readings {
            guard !reading.options.isEmpty else {
                // A row found but not read: the column sums it belongs to cannot be judged.
                fixed[row] = Array(repeating: .unknown, count: width)
                continue
            }
            if let link = reading.link {
                linked[link, default: []].append((row, reading.options))
            } else if reading.options.count == 1 {
                fixed[row] = reading.options[0]
            } else {
                open.append(Unit(rows: [row], options: reading.options.map { [$0] }))
            }
        }
        for members in linked.values {
            let sorted = members.sorted { $0.row < $1.row }
            let count = sorted.map(\.options.count).min() ?? 0
            let unit = Unit(rows: sorted.map(\.row), options: (0..<count).map { i in sorted.map { $0.options[i] } })
            if count == 1 {
                for (k, row) in unit.rows.enumerated() { fixed[row] = unit.options[0][k] }
            } else if count > 1 {
                open.append(unit)
            }
        }
        guard !open.isEmpty else { return fixed }
        open.sort { $0.rows[0] < $1.rows[0] }
        var combinations = 1
        for unit in open {
            combinations *= unit.options.count
            if combinations > combinationLimit { break }
        }
        var settled = fixed
        if combinations > combinationLimit {
            for unit in open { settle(unit, used: Array(unit.options.indices), into: &settled) }
            return settled
        }
        var choice = [Int](repeating: 0, count: open.count)
        var best = (passed: -1, failed: Int.max)
        var winners: [[Int]] = []
        var current = fixed
        while true {
            for (position, unit) in open.enumerated() {
                for (k, row) in unit.rows.enumerated() { current[row] = unit.options[choice[position]][k] }
            }
            // The fewest failures win, and every reading with that few is admissible: readings
            // whose cells all hold numbers judge the same checks, so passes would add nothing;
            // a reading that leaves a column open (a dropped blank column) must not lose to one
            // that passes there by reading zeros where the page had blanks.
            let failed = outcome(current).failed
            if failed < best.failed {
                best = (0, failed)
                winners = [choice]
            } else if failed == best.failed {
                winners.append(choice)
            }
            var position = 0
            while position < open.count {
                choice[position] += 1
                if choice[position] < open[position].options.count { break }
                choice[position] = 0
                position += 1
            }
            if position == open.count { break }
        }
        for (position, unit) in open.enumerated() {
            settle(unit, used: Set(winners.map { $0[position] }).sorted(), into: &settled)
        }
        return settled
    }

    /// Each row of `unit` gets the cells its `used` readings agree on.
    static func settle(_ unit: Unit, used: [Int], into settled: inout [Int: [Slot]]) {
        for (k, row) in unit.rows.enumerated() {
            settled[row] = TableReader.agreement(used.map { unit.options[$0][k] })
        }
    }

    static func value(_ rows: [Int: [Slot]], _ row: Int, _ column: Int) -> Double? {
        guard let slots = rows[row], column < slots.count, case .value(let value, _) = slots[column] else { return nil }
        return value
    }

    /// How many of the column checks (the template's row sums per column and balances) pass and
    /// how many fail; a check with a cell missing does neither.
    static func outcome(_ rows: [Int: [Slot]]) -> (passed: Int, failed: Int) {
        var passed = 0
        var failed = 0
        // A row the document lacks or printed all blank is not part of the sum; a row found but
        // not (wholly) settled is, and leaves its columns unjudged.
        let present = columnSum.parts.filter { row in
            rows[row].map { $0.contains { if case .blank = $0 { false } else { true } } } ?? false
        }
        func add(_ indices: [Int], _ column: Int) -> Double? {
            var sum = 0.0
            for row in indices {
                guard let cell = value(rows, row, column) else { return nil }
                sum += cell
            }
            return sum
        }
        for column in 0..<width {
            if let total = value(rows, columnSum.total, column), let sum = add(present, column) {
                if abs(sum - total) < 1e-6 { passed += 1 } else { failed += 1 }
            }
            if let left = add(balance.left, column), let right = add(balance.right, column) {
                if abs(left - right) < 1e-6 { passed += 1 } else { failed += 1 }
            }
        }
        return (passed, failed)
    }
}
