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

    static let newReceived = TableTemplate.applicationIndex("new_received")
    static let carriedOver = TableTemplate.applicationIndex("carried_over")
    static let handledTotal = TableTemplate.applicationIndex("handled_total")
    static let carriedForward = TableTemplate.applicationIndex("carried_forward")
    static let resultRows = TableTemplate.resultRowIndices
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
                fixed[row] = Array(repeating: .unknown, count: TableTemplate.applicantColumns.count)
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

    /// How many of the 14 column checks (7 handled sums, 7 balances) pass and how many fail;
    /// a check with a cell missing does neither.
    static func outcome(_ rows: [Int: [Slot]]) -> (passed: Int, failed: Int) {
        var passed = 0
        var failed = 0
        // A row the document lacks or printed all blank is not part of the sum; a row found but
        // not (wholly) settled is, and leaves its columns unjudged.
        let present = resultRows.filter { row in
            rows[row].map { $0.contains { if case .blank = $0 { false } else { true } } } ?? false
        }
        for column in 0..<7 {
            if let total = value(rows, handledTotal, column) {
                var sum = 0.0
                var complete = true
                for row in present {
                    guard let cell = value(rows, row, column) else {
                        complete = false
                        break
                    }
                    sum += cell
                }
                if complete {
                    if abs(sum - total) < 1e-6 { passed += 1 } else { failed += 1 }
                }
            }
            if let a = value(rows, newReceived, column), let b = value(rows, carriedOver, column),
               let c = value(rows, handledTotal, column), let d = value(rows, carriedForward, column)
            {
                if abs(a + b - c - d) < 1e-6 { passed += 1 } else { failed += 1 }
            }
        }
        return (passed, failed)
    }
}
