/// Cuts digit runs that a layout glued together (`640020470` for seven cells) into cells.
///
/// A search over every way to cut the runs into exactly as many numbers as the row has cells,
/// where each number is well formed for its cell (no leading zero but `0` itself; a sign only on
/// 本年增/减; a decimal point only in an amount) and every sum group closes: the last cell of a
/// group is the sum of the others (a row of table 3, a group of table 4). The search is bounded
/// by `nodeLimit` (nodes and pieces tried); past it the result says so (`overBudget`) and the
/// caller leaves the cells null with `cell.budget`.
struct DigitSplitter {
    struct Cell: Equatable {
        var value: Double
        var range: Range<Int>
    }

    struct Result {
        var splits: [[Cell]]
        /// The search stopped early: `splits` may be incomplete.
        var truncated: Bool
        /// It stopped because its work budget ran out (or the digits are too many to be cells at
        /// all), not because it found too many cuts.
        var overBudget = false
        /// The work the search did (nodes and pieces tried), never more than `nodeLimit` + 1.
        var work = 0
    }

    /// The longest a cell's text may be: 15 digits (a count beyond 10^15 is no count a report
    /// prints), a sign and a decimal point. A run longer than its cells can hold is not searched.
    static let maxCellBytes = 17

    let text: [UInt8]
    let kinds: [TemplateLabels.CellKind]
    /// Index ranges of cells whose last cell is the sum of the others.
    let sumGroups: [Range<Int>]
    var nodeLimit = 400_000
    var splitLimit = 64

    init(text: [UInt8], kinds: [TemplateLabels.CellKind], sumGroups: [Range<Int>]) {
        self.text = text
        self.kinds = kinds
        self.sumGroups = sumGroups
    }

    func split(_ runs: [Range<Int>]) -> Result {
        let totalBytes = runs.reduce(0) { $0 + $1.count }
        guard !runs.isEmpty, runs.count <= kinds.count, totalBytes >= kinds.count else {
            return Result(splits: [], truncated: false)
        }
        // A glued run of 20,000 digits: no cut into these cells exists; say so in no time.
        if totalBytes > kinds.count * Self.maxCellBytes {
            return Result(splits: [], truncated: true, overBudget: true)
        }
        var groupOfTotal = [Range<Int>?](repeating: nil, count: kinds.count)
        var groupOfCell = [Range<Int>?](repeating: nil, count: kinds.count)
        for group in sumGroups where group.count >= 2 && group.upperBound <= kinds.count {
            groupOfTotal[group.upperBound - 1] = group
            for index in group { groupOfCell[index] = group }
        }
        var state = SearchState()
        // The last cell, when it is a group's total, is a suffix of the last run: no part of its
        // group may exceed the largest such suffix.
        if let last = runs.last, let group = groupOfTotal[kinds.count - 1], kinds[kinds.count - 1] == .count {
            var largest = -1.0
            var start = last.upperBound - 1
            while start >= last.lowerBound, last.upperBound - start <= 15 {
                if let value = parse(start..<last.upperBound, kind: .count) { largest = max(largest, value) }
                start -= 1
            }
            state.finalGroup = group
            state.finalTotalCap = largest
        }
        state.bytesAfter = [Int](repeating: 0, count: runs.count)
        for index in stride(from: runs.count - 2, through: 0, by: -1) {
            state.bytesAfter[index] = state.bytesAfter[index + 1] + runs[index + 1].count
        }
        var cells: [Cell] = []
        cells.reserveCapacity(kinds.count)
        search(runs, runIndex: 0, position: runs[0].lowerBound, cells: &cells, totals: groupOfTotal,
               groups: groupOfCell, state: &state)
        return Result(splits: state.splits, truncated: state.truncated, overBudget: state.overBudget, work: state.nodes)
    }

    struct SearchState {
        var splits: [[Cell]] = []
        /// Work done: search nodes and the pieces tried at each.
        var nodes = 0
        var truncated = false
        var overBudget = false
        /// The bytes in the runs after each run.
        var bytesAfter: [Int] = []
        var finalGroup: Range<Int>?
        var finalTotalCap = Double.infinity
    }

    private func search(_ runs: [Range<Int>], runIndex: Int, position: Int, cells: inout [Cell],
                        totals: [Range<Int>?], groups: [Range<Int>?], state: inout SearchState) {
        if state.truncated { return }
        state.nodes += 1
        if state.nodes > nodeLimit || state.splits.count >= splitLimit {
            state.truncated = true
            state.overBudget = state.nodes > nodeLimit
            return
        }
        let run = runs[runIndex]
        if position == run.upperBound {
            if runIndex + 1 == runs.count {
                if cells.count == kinds.count { state.splits.append(cells) }
                return
            }
            search(runs, runIndex: runIndex + 1, position: runs[runIndex + 1].lowerBound, cells: &cells,
                   totals: totals, groups: groups, state: &state)
            return
        }
        let index = cells.count
        guard index < kinds.count else { return }
        let laterRuns = runs.count - runIndex - 1
        let cellsLeftAfter = kinds.count - index - 1
        guard cellsLeftAfter >= laterRuns else { return }
        let bytesAfterRun = state.bytesAfter[runIndex]
        // The cells after this one that may still fall in this run.
        let roomInRun = cellsLeftAfter - laterRuns
        var end = roomInRun == 0 ? run.upperBound : position + 1
        // The value of text[position..<end - 1] while reading a count.
        var running = 0.0
        if kinds[index] == .count, end - position > 1 {
            guard let prefix = parse(position..<(end - 1), kind: .count) else { return }
            running = prefix
        }
        while end <= run.upperBound {
            // Every piece tried is work: a long run costs its length at each node otherwise.
            state.nodes += 1
            if state.nodes > nodeLimit {
                state.truncated = true
                state.overBudget = true
                return
            }
            if end - position > Self.maxCellBytes { break }
            let leftInRun = run.upperBound - end
            if cellsLeftAfter > leftInRun + bytesAfterRun { break }
            if leftInRun > 0, roomInRun == 0 {
                end += 1
                continue
            }
            let value: Double
            if kinds[index] == .count {
                // Counts, the common case, are read digit by digit as the piece grows.
                guard CellLexer.isDigit(text[end - 1]) else { break }
                if end - position > 1, text[position] == 0x30 { break }
                running = running * 10 + Double(text[end - 1] - 0x30)
                value = running
            } else {
                guard let parsed = parse(position..<end, kind: kinds[index]) else {
                    if !canGrow(position..<end, kind: kinds[index]) { break }
                    end += 1
                    continue
                }
                value = parsed
            }
            if let group = totals[index] {
                var sum = 0.0
                for part in group.lowerBound..<index { sum += cells[part].value }
                if abs(sum - value) > 1e-6 {
                    if value > sum, kinds[index] != .signedCount { break }
                    end += 1
                    continue
                }
            } else if let group = groups[index], value >= 0 {
                if group == state.finalGroup {
                    var sum = value
                    for part in group.lowerBound..<index { sum += cells[part].value }
                    if sum > state.finalTotalCap { break }
                }
                // The group's total is still to come: it cannot have more digits than are left.
                let maxTotalDigits = leftInRun + bytesAfterRun - (cellsLeftAfter - 1)
                if maxTotalDigits < 16 {
                    var sum = value
                    for part in group.lowerBound..<index { sum += cells[part].value }
                    if sum > pow10(max(0, maxTotalDigits)) - 1 { break }
                }
            }
            cells.append(Cell(value: value, range: position..<end))
            search(runs, runIndex: runIndex, position: end, cells: &cells, totals: totals, groups: groups,
                   state: &state)
            cells.removeLast()
            if state.truncated { return }
            end += 1
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Whether a longer piece starting at the same byte could still be a number of this kind.
    private func canGrow(_ range: Range<Int>, kind: TemplateLabels.CellKind) -> Bool {
        let first = text[range.lowerBound]
        let last = text[range.upperBound - 1]
        if first == 0x2E { return false }
        if range.count > 1, last == 0x2D { return false }
        if last == 0x2E, kind != .amount { return false }
        if first == 0x2D { return kind == .signedCount && (range.count == 1 || text[range.lowerBound + 1] != 0x30) }
        if first == 0x30 { return kind == .amount && range.count == 1 }
        return true
    }

    /// The value of `text[range]` as a cell of `kind`, or nil when it is not one.
    func parse(_ range: Range<Int>, kind: TemplateLabels.CellKind) -> Double? {
        var i = range.lowerBound
        var negative = false
        if text[i] == 0x2D {
            guard kind == .signedCount, range.count >= 2, text[i + 1] != 0x30 else { return nil }
            negative = true
            i += 1
        }
        guard i < range.upperBound, CellLexer.isDigit(text[i]) else { return nil }
        if text[i] == 0x30, i + 1 < range.upperBound, text[i + 1] != 0x2E { return nil }
        var integer = 0.0
        var fraction = 0.0
        var scale = 1.0
        var seenPoint = false
        while i < range.upperBound {
            let byte = text[i]
            if byte == 0x2E {
                guard kind == .amount, !seenPoint, i + 1 < range.upperBound else { return nil }
                seenPoint = true
            } else if CellLexer.isDigit(byte) {
                if seenPoint {
                    scale /= 10
                    fraction += Double(byte - 0x30) * scale
                } else {
                    integer = integer * 10 + Double(byte - 0x30)
                }
            } else {
                return nil
            }
            i += 1
        }
        let value = integer + fraction
        return negative ? -value : value
    }
}
