/// Settles table 3 rows whose glued digits allow several cuts, using the arithmetic that ties
/// rows together: the result rows add up to （七）总计 in every column, and new + carried over =
/// handled + carried forward. One row's cut is often fixed only by the column sums with other
/// rows (`270020130` is 27,0,0,2,0,1,30 because the 商业企业 column totals 0).
///
/// Every combination of the rows' readings is scored by how many column checks it satisfies;
/// the best combinations win. A cell on which the winners disagree stays unknown: the reader
/// never picks between two readings the document allows.
enum ApplicationsSolver {
    typealias Slot = TableAssembler.Slot

    static let newReceived = 0, carriedOver = 1, handledTotal = 23, carriedForward = 24
    static let resultRows = 2..<23
    /// Past this many combinations the rows are settled one by one.
    static let combinationLimit = 50_000

    /// The settled slots of every row read, by row index.
    static func settle(_ readings: inout [Int: TableAssembler.RowReading]) -> [Int: [Slot]] {
        var fixed: [Int: [Slot]] = [:]
        var open: [(row: Int, options: [[Slot]])] = []
        for (row, reading) in readings where !reading.options.isEmpty {
            if reading.options.count == 1 {
                fixed[row] = reading.options[0]
            } else {
                open.append((row, reading.options))
            }
        }
        guard !open.isEmpty else { return fixed }
        open.sort { $0.row < $1.row }
        var combinations = 1
        for entry in open {
            combinations *= entry.options.count
            if combinations > combinationLimit { break }
        }
        var settled = fixed
        if combinations > combinationLimit {
            for entry in open { settled[entry.row] = TableReader.agreement(entry.options) }
            return settled
        }
        var choice = [Int](repeating: 0, count: open.count)
        var bestScore = -1
        var winners: [[Int]] = []
        var current = fixed
        while true {
            for (position, entry) in open.enumerated() { current[entry.row] = entry.options[choice[position]] }
            let score = satisfiedChecks(current)
            if score > bestScore {
                bestScore = score
                winners = [choice]
            } else if score == bestScore {
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
        for (position, entry) in open.enumerated() {
            let used = Set(winners.map { $0[position] }).sorted()
            settled[entry.row] = TableReader.agreement(used.map { entry.options[$0] })
        }
        return settled
    }

    static func value(_ rows: [Int: [Slot]], _ row: Int, _ column: Int) -> Double? {
        guard let slots = rows[row], column < slots.count, case .value(let value, _) = slots[column] else { return nil }
        return value
    }

    /// How many of the 14 column checks hold (7 handled sums, 7 balances).
    static func satisfiedChecks(_ rows: [Int: [Slot]]) -> Int {
        var count = 0
        let present = resultRows.filter { row in
            rows[row].map { $0.contains { if case .value = $0 { true } else { false } } } ?? false
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
                if complete, abs(sum - total) < 1e-6 { count += 1 }
            }
            if let a = value(rows, newReceived, column), let b = value(rows, carriedOver, column),
               let c = value(rows, handledTotal, column), let d = value(rows, carriedForward, column),
               abs(a + b - c - d) < 1e-6
            {
                count += 1
            }
        }
        return count
    }
}
