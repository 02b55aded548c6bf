import HanCore

/// Fits the numbers of one table's stretch of text to the template's rows.
///
/// Steps: find each row's label in template order (`anchors`); read the items between one label
/// and the next (`CellLexer`); then give each row its cells: as printed when the count is right,
/// column by column when a PDF listed several rows' labels first and their numbers after
/// (`- 4 -` page breaks included), or by `DigitSplitter` when digits are glued. A row may come
/// back with several readings; the caller settles them with the table's arithmetic.
struct TableAssembler {
    /// One way to read a cell: a number with the normalised range of its digits, or a blank.
    enum Slot: Equatable {
        case value(Double, Range<Int>)
        /// A blank cell: `/`, `—`, `-`, `无`, or an empty field (an empty range at its place).
        case blank(Range<Int>)
        /// Nothing could be read for the cell.
        case unknown
    }

    /// The readings of one row: one list of slots (one per column) per reading.
    struct RowReading {
        var options: [[Slot]]
        /// Where the row's digits were, for warnings about it.
        var span: Range<Int>?
        /// The row's digits did not fit the template (too many or too few numbers).
        var unreadable = false
        /// The glued digits allow too many cuts to list: every cell is ambiguous.
        var tooManyReadings = false
        /// The search for cuts ran out of budget (`cell.budget`); implies `tooManyReadings`.
        var overBudget = false
        /// How the row was printed, as far as its reading shows.
        var layout: TableLayout? = nil
        /// Rows with the same link change reading together: reading `i` of each is one
        /// hypothesis about their block (which column a page fragment dropped).
        var link: Int? = nil
    }

    let text: [UInt8]
    let compact: CompactView

    // MARK: - Labels

    /// The normalised ranges `[labelStart, keywordEnd)` of the rows found in `region`, by row
    /// index. A row whose keyword turns up only after the next row's keyword is taken as absent.
    func anchors(_ rows: [TemplateLabels.Row], in region: Range<Int>,
                 keywords: (Int) -> [[UInt8]]? = { _ in nil }) -> [Int: Range<Int>] {
        var found: [Int: Range<Int>] = [:]
        var cursor = region.lowerBound
        for (index, row) in rows.enumerated() {
            let patterns = keywords(index) ?? row.keywords
            guard let hit = compact.find(patterns, from: cursor, to: region.upperBound) else { continue }
            // Short keywords (其他) also occur inside other labels: they never overrule a row.
            let nextPatterns = index + 1 < rows.count
                ? (keywords(index + 1) ?? rows[index + 1].keywords).filter { $0.count >= 9 } : []
            if !nextPatterns.isEmpty,
               let next = compact.find(nextPatterns, from: cursor, to: hit.lowerBound),
               next.lowerBound < hit.lowerBound
            {
                continue
            }
            let start = labelStart(keywordAt: hit.lowerBound, floor: cursor, enumerator: row.enumerator)
            found[index] = start..<hit.upperBound
            cursor = hit.upperBound
        }
        return found
    }

    /// Where a label begins: back from its keyword over the label's own words and, for a sub-row,
    /// its `N.` enumerator, even when that is glued to the previous row's digits (`00000002.`).
    func labelStart(keywordAt start: Int, floor: Int, enumerator: Int?) -> Int {
        var i = start
        while i > floor, start - i < 240 {
            let byte = text[i - 1]
            if CellLexer.isDigit(byte) || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x7C {
                break
            }
            i -= 1
        }
        guard let enumerator, i > floor, CellLexer.isDigit(text[i - 1]), i < text.count else { return i }
        let isDot = text[i] == 0x2E
        let isComma = i + 2 < text.count && text[i] == 0xE3 && text[i + 1] == 0x80 && text[i + 2] == 0x81
        guard isDot || isComma else { return i }
        let digits = Array(String(enumerator).utf8)
        guard i - digits.count >= floor, text[(i - digits.count)..<i].elementsEqual(digits) else { return i }
        return i - digits.count
    }

    /// The items after each found row's label, up to the next found label or the region's end.
    func groups(_ anchors: [Int: Range<Int>], regionEnd: Int) -> [Int: [CellLexer.Item]] {
        let ordered = anchors.sorted { $0.value.lowerBound < $1.value.lowerBound }
        var out: [Int: [CellLexer.Item]] = [:]
        for (position, entry) in ordered.enumerated() {
            let end = position + 1 < ordered.count ? ordered[position + 1].value.lowerBound : regionEnd
            let start = entry.value.upperBound
            out[entry.key] = start < end ? CellLexer.items(text, start..<end, startsMidLine: true) : []
        }
        return out
    }

    // MARK: - Rows

    /// Reads the rows found, in order. `sumGroups(row)` gives the row's sum groups for glued
    /// digits. A block of rows whose labels came first is read column by column, as PDF text
    /// lists it, unless every line of numbers holds one row, or `rowMajorScore(rowMajor,
    /// columnMajor)` (the arithmetic) says row by row reads better.
    func readRows(_ rows: [TemplateLabels.Row], anchors: [Int: Range<Int>], groups: [Int: [CellLexer.Item]],
                  sumGroups: (Int) -> [Range<Int>], absent: Set<Int> = [],
                  rowMajorScore: (([[Slot]], [[Slot]]) -> Int)? = nil) -> [Int: RowReading] {
        var readings: [Int: RowReading] = [:]
        var pending: [Int] = []
        for index in rows.indices {
            guard anchors[index] != nil, let lines = groups[index] else { continue }
            let items = lines.filter { !$0.isGap }
            let nonEmpty = items.filter { !$0.isEmpty }
            if nonEmpty.isEmpty && !items.contains(where: \.isEmpty) {
                pending.append(index)
                continue
            }
            if !pending.isEmpty {
                let block = pending + [index]
                let need = block.reduce(0) { $0 + rows[$1].columns.count }
                let chosen = nonEmpty.count == need ? nonEmpty : (items.count == need ? items : nil)
                if let chosen {
                    let columnMajor = distribute(chosen, rows: rows, block: block, columnMajor: true)
                    let rowMajor = distribute(chosen, rows: rows, block: block, columnMajor: false)
                    // A line of numbers is a row of the printed table: PDF text lists a column
                    // one number a line.
                    let rowsOnLines = self.rowsOnLines(chosen, width: rows[block[0]].columns.count)
                        && block.allSatisfy { rows[$0].columns.count == rows[block[0]].columns.count }
                    let byRows = rowsOnLines || (rowMajorScore?(rowMajor, columnMajor) ?? 0) > 0
                    let result = byRows ? rowMajor : columnMajor
                    let layout: TableLayout = byRows ? .pdfRows : .pdfColumns
                    for (position, row) in block.enumerated() {
                        readings[row] = RowReading(options: [result[position]], span: span(of: chosen), layout: layout)
                    }
                    pending = []
                    continue
                }
                if let hypotheses = droppedColumnReadings(nonEmpty, rows: rows, block: block) {
                    // Whole columns short: the fragment was printed without its blank columns;
                    // which ones is one choice for the whole block.
                    for (position, row) in block.enumerated() {
                        readings[row] = RowReading(options: hypotheses.map { $0[position] }, span: span(of: nonEmpty),
                                                   layout: .pdfColumns, link: block[0])
                    }
                    pending = []
                    continue
                }
                for row in pending {
                    readings[row] = RowReading(options: [], span: nil, unreadable: true)
                }
                pending = []
            }
            if let unlabelled = unlabelledRows(items, rows: rows, after: index, anchors: anchors, absent: absent,
                                               sumGroups: sumGroups) {
                for (offset, slots) in unlabelled.enumerated() {
                    readings[index + offset] = RowReading(options: [slots], span: span(of: items), layout: layout(of: span(of: items)))
                }
                continue
            }
            readings[index] = readRow(lines, columns: rows[index].columns, sumGroups: sumGroups(index))
        }
        for row in pending {
            readings[row] = RowReading(options: [], span: nil, unreadable: true)
        }
        return readings
    }

    /// Rows printed without their labels: a labelled row's items fill whole lines of its width,
    /// one line a row, and the template rows after it have no label of their own (and are not
    /// rows the document lacks). Each line is then the next template row's, in order, if every
    /// row's sums close (a blank counting 0); nil otherwise, and the row is read on its own.
    func unlabelledRows(_ items: [CellLexer.Item], rows: [TemplateLabels.Row], after index: Int, anchors: [Int: Range<Int>],
                        absent: Set<Int>, sumGroups: (Int) -> [Range<Int>]) -> [[Slot]]? {
        let width = rows[index].columns.count
        guard width > 1, items.count >= 2 * width, items.count % width == 0 else { return nil }
        let height = items.count / width
        let block = Array(index..<(index + height))
        guard block.last! < rows.count,
              block.dropFirst().allSatisfy({ anchors[$0] == nil && !absent.contains($0) && rows[$0].columns.count == width }),
              rowsOnLines(items, width: width) else { return nil }
        let slots = distribute(items, rows: rows, block: block, columnMajor: false)
        for (offset, row) in block.enumerated() where !closes(slots[offset], sumGroups: sumGroups(row)) { return nil }
        return slots
    }

    /// Whether the items stand on lines of exactly `width` each (`1 0 11` / `26 11 66`): a
    /// block printed row by row after its labels.
    func rowsOnLines(_ items: [CellLexer.Item], width: Int) -> Bool {
        guard width > 1, items.count > width else { return false }
        var counts: [Int] = [1]
        for (previous, item) in zip(items, items.dropFirst()) {
            guard let a = span(of: [previous]), let b = span(of: [item]) else { return false }
            if text[a.upperBound..<max(a.upperBound, b.lowerBound)].contains(0x0A) {
                counts.append(1)
            } else {
                counts[counts.count - 1] += 1
            }
        }
        return counts.allSatisfy { $0 == width }
    }

    /// A block's items dealt out to its rows: grid by grid, each grid column by column (PDF) or
    /// row by row.
    func distribute(_ items: [CellLexer.Item], rows: [TemplateLabels.Row], block: [Int], columnMajor: Bool) -> [[Slot]] {
        var out = block.map { [Slot](repeating: .unknown, count: rows[$0].columns.count) }
        var next = 0
        var start = 0
        while start < block.count {
            var end = start + 1
            while end < block.count, rows[block[end]].grid == rows[block[start]].grid,
                  rows[block[end]].columns.count == rows[block[start]].columns.count
            {
                end += 1
            }
            let height = end - start
            let width = rows[block[start]].columns.count
            for k in 0..<(height * width) {
                let (r, c) = columnMajor ? (k % height, k / height) : (k / width, k % width)
                out[start + r][c] = slot(items[next + k], kind: rows[block[start + r]].columns[c].kind)
            }
            next += height * width
            start = end
        }
        return out
    }

    func span(of items: [CellLexer.Item]) -> Range<Int>? {
        var low = Int.max
        var high = Int.min
        for item in items {
            switch item {
            case .number(let range), .blank(let range):
                low = min(low, range.lowerBound)
                high = max(high, range.upperBound)
            case .empty(let offset), .gap(let offset):
                low = min(low, offset)
                high = max(high, offset)
            }
        }
        return low <= high ? low..<high : nil
    }

    /// One cell per line with blank cells as tab-only lines: the gaps among the numbers are
    /// blank cells, and trailing ones as far as the row still lacks cells.
    func withGaps(_ lines: [CellLexer.Item], count: Int, leadingGaps: Bool) -> [CellLexer.Item]? {
        guard let first = lines.firstIndex(where: { !$0.isGap }), let last = lines.lastIndex(where: { !$0.isGap }),
              lines.contains(where: \.isGap) else { return nil }
        var cells = Array(lines[(leadingGaps ? 0 : first)...last])
        var next = last + 1
        while cells.count < count, next < lines.count {
            cells.append(lines[next])
            next += 1
        }
        return cells.count == count ? cells : nil
    }

    /// A cell printed on its own: its number as printed (a stray leading zero tolerated).
    func slot(_ item: CellLexer.Item, kind: TemplateLabels.CellKind) -> Slot {
        switch item {
        case .empty(let offset), .gap(let offset): return .blank(offset..<offset)
        case .blank(let range): return .blank(range)
        case .number(let range):
            // Plain digits (and thousands commas), the common case, without a String.
            var integer = 0.0
            var plain = true
            for byte in text[range] where byte != 0x2C {
                guard CellLexer.isDigit(byte) else {
                    plain = false
                    break
                }
                integer = integer * 10 + Double(byte - 0x30)
            }
            if plain { return .value(integer, range) }
            let string = String(decoding: text[range].filter { $0 != 0x2C }, as: UTF8.self)
            guard let value = Double(string) else { return .unknown }
            return .value(value, range)
        }
    }

    /// The readings of one row from its own items.
    /// `leadingGaps`: tab-only lines before the first number may be blank cells (a row right
    /// after its label), not layout debris (a table whose header precedes its numbers).
    func readRow(_ lines: [CellLexer.Item], columns: [TemplateLabels.Column], sumGroups: [Range<Int>],
                 leadingGaps: Bool = true) -> RowReading {
        let count = columns.count
        let items = lines.filter { !$0.isGap }
        let nonEmpty = items.filter { !$0.isEmpty }
        let location = span(of: items)
        let printed = layout(of: location)
        // Tab-only lines as blank cells, for a page number left inside a one-cell-a-line row.
        func inner() -> [CellLexer.Item] {
            guard let first = lines.firstIndex(where: { !$0.isGap }), let last = lines.lastIndex(where: { !$0.isGap }) else { return [] }
            return Array(lines[(leadingGaps ? 0 : first)...last])
        }
        if let direct = items.count == count ? items : (nonEmpty.count == count ? nonEmpty : nil) {
            let slots = zip(direct, columns).map { slot($0, kind: $1.kind) }
            // As printed, unless it does not add up and does without a bare page number.
            if sumGroups.isEmpty || closes(slots, sumGroups: sumGroups) {
                return RowReading(options: [slots], span: location, layout: printed)
            }
            if let footed = withoutFooter([items, nonEmpty, inner()], columns: columns, sumGroups: sumGroups) {
                return RowReading(options: footed, span: location, layout: printed)
            }
            return RowReading(options: [slots], span: location, layout: printed)
        }
        if !sumGroups.isEmpty, items.count + Self.droppedCellLimit >= count {
            let bases = [items, nonEmpty, inner()]
            if bases.contains(where: { $0.count == count + 1 }),
               let footed = withoutFooter(bases, columns: columns, sumGroups: sumGroups) {
                return RowReading(options: footed, span: location, layout: printed)
            }
        }
        if items.count < count, let cells = withGaps(lines, count: count, leadingGaps: leadingGaps) {
            return RowReading(options: [zip(cells, columns).map { slot($0, kind: $1.kind) }], span: location,
                              layout: printed)
        }
        var runs: [Range<Int>] = []
        for item in nonEmpty {
            guard case .number(let range) = item else {
                // Blank markers among too few items: only dropped cells can explain the row.
                if let dropped = droppedCellReadings(items, columns: columns, sumGroups: sumGroups) {
                    return RowReading(options: dropped, span: location, layout: printed)
                }
                return RowReading(options: [], span: location, unreadable: true)
            }
            runs.append(range)
        }
        guard !runs.isEmpty, nonEmpty.count < count else {
            return RowReading(options: [], span: location, unreadable: !items.isEmpty)
        }
        let kinds = columns.map(\.kind)
        // As many digits as cells (`0000000`): one digit a cell is the only cut.
        if runs.reduce(0, { $0 + $1.count }) == count,
           runs.allSatisfy({ run in text[run].allSatisfy(CellLexer.isDigit) }) {
            var slots: [Slot] = []
            for run in runs {
                for i in run { slots.append(.value(Double(text[i] - 0x30), i..<(i + 1))) }
            }
            let sums = sumGroups.allSatisfy { group in
                guard group.upperBound <= slots.count else { return false }
                let values = slots[group].map { slot -> Double in if case .value(let v, _) = slot { v } else { 0 } }
                return values.dropLast().reduce(0, +) == values.last!
            }
            if sums || sumGroups.isEmpty { return RowReading(options: [slots], span: location, layout: .glued) }
        }
        var splits = DigitSplitter(text: text, kinds: kinds, sumGroups: sumGroups).split(runs)
        if splits.splits.isEmpty, !splits.truncated, let dropped = droppedCellReadings(items, columns: columns, sumGroups: sumGroups) {
            // Fewer numbers than cells: a converter dropped a blank cell, and every place it
            // may have stood is a reading; the table's arithmetic settles them.
            return RowReading(options: dropped, span: location, layout: printed ?? .glued)
        }
        if splits.splits.isEmpty && !sumGroups.isEmpty {
            // The row's own arithmetic is wrong: keep the cuts every reading agrees on.
            splits = DigitSplitter(text: text, kinds: kinds, sumGroups: []).split(runs)
        }
        if splits.truncated {
            return RowReading(options: [], span: location, tooManyReadings: true, overBudget: splits.overBudget,
                              layout: .glued)
        }
        let options = splits.splits.map { $0.map { Slot.value($0.value, $0.range) } }
        return RowReading(options: options, span: location, unreadable: options.isEmpty, layout: .glued)
    }

    /// Whether every complete sum group of `slots` closes (and at least one is complete). To
    /// choose between readings a cell printed blank counts as nothing, 0.
    func closes(_ slots: [Slot], sumGroups: [Range<Int>]) -> Bool {
        var judged = false
        for group in sumGroups where group.upperBound <= slots.count {
            var values: [Double] = []
            for slot in slots[group] {
                if case .value(let value, _) = slot {
                    values.append(value)
                } else if case .blank = slot {
                    values.append(0)
                } else {
                    break
                }
            }
            guard values.count == group.count else { continue }
            judged = true
            if abs(values.dropLast().reduce(0, +) - values.last!) > 1e-6 { return false }
        }
        return judged
    }

    /// Whether a number stands alone on its line: a bare page number can look just like it.
    func standsAlone(_ item: CellLexer.Item) -> Bool {
        guard case .number(let range) = item else { return false }
        var start = range.lowerBound
        while start > 0, text[start - 1] == 0x20 || text[start - 1] == 0x09 || text[start - 1] == 0x0D { start -= 1 }
        var end = range.upperBound
        while end < text.count, text[end] == 0x20 || text[end] == 0x09 || text[end] == 0x0D { end += 1 }
        return (start == 0 || text[start - 1] == 0x0A) && (end == text.count || text[end] == 0x0A)
    }

    /// The readings of a row with one number too many, where that number stands alone on its
    /// line (a page number a footer left inside the row) and the row adds up without it. Nil when
    /// no such reading exists (then the row is read as printed). The caller has found that the
    /// row as printed does not add up.
    /// `bases`: the row's items as the lexer sees them (with empty fields; without them; with
    /// tab-only lines as blank cells).
    func withoutFooter(_ bases: [[CellLexer.Item]], columns: [TemplateLabels.Column],
                       sumGroups: [Range<Int>]) -> [[Slot]]? {
        let count = columns.count
        var out: [[Slot]] = []
        for base in bases where base.count == count + 1 {
            for (index, item) in base.enumerated() where standsAlone(item) {
                var rest = base
                rest.remove(at: index)
                let slots = zip(rest, columns).map { slot($0, kind: $1.kind) }
                if closes(slots, sumGroups: sumGroups), !out.contains(slots) { out.append(slots) }
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The most cells a row may lack for its numbers still to be placed by the arithmetic.
    static let droppedCellLimit = 2

    /// The readings of a row printed with one or two cells fewer than the template has (a
    /// converter dropped blank cells): each item (a number, a blank marker, an empty field) is one
    /// cell, in order, and the missing cells may stand anywhere; a missing cell is `.unknown`. A
    /// single glued run with fewer digits than cells (`000000` for seven) is one digit a cell. A
    /// reading whose complete sum groups do not close (a blank counting 0) is not one. Nil when
    /// the row does not lack 1–2 cells or no placement fits.
    func droppedCellReadings(_ items: [CellLexer.Item], columns: [TemplateLabels.Column], sumGroups: [Range<Int>]) -> [[Slot]]? {
        let count = columns.count
        var pieces = items
        if items.count == 1, case .number(let run) = items[0], run.count < count, text[run].allSatisfy(CellLexer.isDigit) {
            pieces = run.map { CellLexer.Item.number($0..<($0 + 1)) }
        }
        let missing = count - pieces.count
        guard !pieces.isEmpty, (1...Self.droppedCellLimit).contains(missing) else { return nil }
        var out: [[Slot]] = []
        placements: for gaps in Self.placements(of: missing, among: count) {
            var slots: [Slot] = []
            slots.reserveCapacity(count)
            var next = 0
            for column in 0..<count {
                if gaps.contains(column) {
                    slots.append(.unknown)
                    continue
                }
                // `00` is two glued cells, never one: such a piece is no cell of its own.
                if case .number(let range) = pieces[next], range.count > 1, text[range.lowerBound] == 0x30,
                   CellLexer.isDigit(text[range.lowerBound + 1]) { continue placements }
                let cell = slot(pieces[next], kind: columns[column].kind)
                if cell == .unknown { continue placements }
                slots.append(cell)
                next += 1
            }
            // Groups holding a missing cell are unjudged; the others must close.
            let judged = sumGroups.filter { group in group.upperBound <= count && !slots[group].contains(.unknown) }
            if judged.isEmpty || closes(slots, sumGroups: judged) { out.append(slots) }
        }
        return out.isEmpty ? nil : out
    }

    /// Every way to choose `missing` of `count` positions, in lexicographic order.
    static func placements(of missing: Int, among count: Int) -> [[Int]] {
        guard missing > 0, missing <= count else { return [] }
        var out: [[Int]] = []
        var gaps = Array(0..<missing)
        while true {
            out.append(gaps)
            var k = missing - 1
            while k >= 0, gaps[k] == count - missing + k { k -= 1 }
            if k < 0 { return out }
            gaps[k] += 1
            for j in (k + 1)..<missing { gaps[j] = gaps[j - 1] + 1 }
        }
    }

    /// The readings of a block of rows (labels first, numbers after, one grid of equal rows)
    /// whose numbers are one or two whole columns short: a converter printed the page fragment
    /// without its blank columns. Each choice of the missing columns, read column by column
    /// and row by row (only row by row when every line holds one row), is one reading of the
    /// whole block: `result[i][r]` is row `block[r]` in reading `i`, missing cells `.unknown`.
    func droppedColumnReadings(_ items: [CellLexer.Item], rows: [TemplateLabels.Row], block: [Int]) -> [[[Slot]]]? {
        let first = rows[block[0]]
        let width = first.columns.count
        let height = block.count
        guard width > 1, height > 1, !items.isEmpty, items.count % height == 0,
              block.allSatisfy({ rows[$0].columns.count == width && rows[$0].grid == first.grid }) else { return nil }
        let kept = items.count / height
        guard (1...Self.droppedCellLimit).contains(width - kept) else { return nil }
        let orders = rowsOnLines(items, width: kept) ? [false] : [true, false]
        var out: [[[Slot]]] = []
        for dropped in Self.placements(of: width - kept, among: width) {
            let columns = (0..<width).filter { !dropped.contains($0) }
            for columnMajor in orders {
                var reading = [[Slot]](repeating: [Slot](repeating: .unknown, count: width), count: height)
                for (k, item) in items.enumerated() {
                    let (r, c) = columnMajor ? (k % height, columns[k / height]) : (k / kept, columns[k % kept])
                    reading[r][c] = slot(item, kind: rows[block[r]].columns[c].kind)
                }
                out.append(reading)
            }
        }
        return out
    }

    /// The layout a row's cells were printed in, from what separates them: pipes, tabs, line
    /// breaks or spaces.
    func layout(of range: Range<Int>?) -> TableLayout? {
        guard let range, !range.isEmpty else { return nil }
        var newline = false
        var tab = false
        var space = false
        for byte in text[range] {
            if byte == 0x7C { return .markdown }
            if byte == 0x09 { tab = true }
            if byte == 0x0A { newline = true }
            if byte == 0x20 || byte == 0xE3 { space = true }
        }
        // A single number says nothing about how cells are separated.
        if newline { return .cellPerLine }
        return tab ? .tsv : (space ? .spaces : nil)
    }
}
