/// A table rebuilt from word positions, before it is written into the canonical text.
///
/// `cells[row][column]` is expanded: a cell spanning rows or columns appears in every position it
/// covers, with `origin` naming the position that holds it.
struct LaidOutTable: Sendable {
    struct Cell: Sendable, Equatable {
        var text: String
        var origin: Position
    }

    struct Position: Sendable, Equatable {
        var row: Int
        var column: Int
    }

    var cells: [[Cell]]
    /// Columns of numbers (the rest hold labels); a blank number cell is written as an empty
    /// field between tabs, a blank label cell is not written.
    var numericColumns: Set<Int>
    /// Rows above the first row of numbers.
    var headerRows: Int
}

/// Where a block of lines is a table, and its grid.
///
/// Rows are anchored on the lines that carry numbers (a statistics table's every body row has its
/// numbers on one line); columns are the x-ranges the numbers of those rows occupy, merged, and
/// the label area left of them is split at the left edges its labels share (a row label, a
/// sub-label, an item). Labels that wrap over several lines, or stand once for several rows
/// (三、本年度办理结果 written downwards, （三）不予公开 centred on its eight items), are
/// merged into blocks and given the rows between their neighbours, split so each block sits at
/// the centre of its rows — how a person reads a ruled table whose rules the text layer lost.

enum TableLayout {
    /// Whether a segment is a table number or a blank marker.
    static func isNumeric(_ text: String) -> Bool {
        let trimmed = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        if ["/", "／", "-", "－", "—", "——", "–", "无", "0.00"].contains(trimmed) { return true }
        var digits = 0
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "\u{FF10}"..."\u{FF19}": digits += 1
            case ",", ".", "%", "，", "．", "-", "+", "％": continue
            default: return false
            }
        }
        return digits > 0
    }

    static func isDataLine(_ line: Line) -> Bool { line.segments.contains { isNumeric($0.text) } }

    /// The x-intervals of number columns: every segment of a data line, merged where they
    /// overlap. The first interval is usually the label area.
    static func columns(of lines: [Line]) -> [(xMin: Double, xMax: Double)] {
        let spans = lines.filter(isDataLine).flatMap(\.segments).map { ($0.xMin, $0.xMax) }.sorted { $0.0 < $1.0 }
        var merged: [(xMin: Double, xMax: Double)] = []
        for (low, high) in spans {
            if let last = merged.last, low <= last.xMax + 0.5 {
                merged[merged.count - 1].xMax = max(last.xMax, high)
            } else {
                merged.append((low, high))
            }
        }
        return merged
    }

    /// Numeric column intervals of a region (those whose data-line segments are mostly numbers).
    static func numericIntervals(of lines: [Line]) -> [(xMin: Double, xMax: Double)] {
        let data = lines.filter(isDataLine)
        return columns(of: lines).filter { column in
            let inside = data.flatMap(\.segments).filter { $0.xMin >= column.xMin - 0.5 && $0.xMax <= column.xMax + 0.5 }
            return inside.filter { isNumeric($0.text) }.count * 2 >= inside.count && !inside.isEmpty
        }
    }

    /// Two regions on consecutive pages are one table when their number columns match.
    static func continues(_ above: [Line], _ below: [Line]) -> Bool {
        let a = numericIntervals(of: above), b = numericIntervals(of: below)
        guard a.count >= 2, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { min($0.xMax, $1.xMax) - max($0.xMin, $1.xMin) > -1 }
    }

    private struct Column {
        var xMin: Double
        var xMax: Double
        var numeric: Bool
    }

    private struct Fragment {
        var text: String
        var row: Int?
        var page: Int
        var yMin: Double
        var yMax: Double
        var column: Int
        var lastColumn: Int
        var width: Double = 0
        var fontSize: Double = 0
        /// The lines merged into this block, top to bottom.
        var parts: [(text: String, yMin: Double, yMax: Double, anchored: Bool)] = []

        /// One or two characters wide: a piece of a label written downwards.
        var isNarrow: Bool { width <= 2.5 * fontSize }
    }

    /// Lays out `lines` (a region, maybe over several pages, in reading order) as a table, or nil
    /// when they are not one: fewer than two lines of several cells, or no line of numbers.
    static func layout(_ lines: [Line]) -> LaidOutTable? {
        let lines = joinWrappedNumbers(lines)
        guard lines.filter({ $0.segments.count >= 2 }).count >= 2,
              let firstAnchor = lines.firstIndex(where: isDataLine) else { return nil }
        let columns = splitLabelArea(lines: lines)
        guard columns.contains(where: \.numeric), columns.count >= 2 else { return nil }

        let anchors = lines.indices.filter { $0 >= firstAnchor && isDataLine(lines[$0]) }
        let pitch = anchorPitch(lines: lines, anchors: anchors)
        let headerCount = firstAnchor
        let rowCount = headerCount + anchors.count
        var rowOfLine: [Int: Int] = [:]
        for (i, line) in anchors.enumerated() { rowOfLine[line] = headerCount + i }
        for i in 0..<headerCount { rowOfLine[i] = i }

        // Every segment becomes a fragment in the column its left edge falls in, spanning to the
        // column its right edge reaches.
        var fragments: [Fragment] = []
        for (index, line) in lines.enumerated() {
            for segment in line.segments {
                let first = column(at: segment.xMin, in: columns)
                var last = first
                while last + 1 < columns.count, segment.xMax > columns[last + 1].xMin + 0.3 * segment.fontSize { last += 1 }
                if columns[first].numeric { last = first }
                var row = rowOfLine[index]
                if row == nil && columns[first].numeric {
                    row = nearestAnchorRow(line: line, lines: lines, anchors: anchors, headerCount: headerCount)
                }
                fragments.append(Fragment(text: segment.text, row: row, page: line.page, yMin: segment.yMin,
                                          yMax: segment.yMax, column: first, lastColumn: last,
                                          width: segment.width, fontSize: segment.fontSize))
            }
        }

        var cells = [[LaidOutTable.Cell?]](repeating: [LaidOutTable.Cell?](repeating: nil, count: columns.count), count: rowCount)
        var occupied = [[Bool]](repeating: [Bool](repeating: false, count: columns.count), count: rowCount)

        func place(_ text: String, rows: ClosedRange<Int>, columnsRange: ClosedRange<Int>) {
            let origin = LaidOutTable.Position(row: rows.lowerBound, column: columnsRange.lowerBound)
            if let existing = cells[origin.row][origin.column], existing.origin == origin {
                let joined = TextJoin.append(text, to: existing.text, spaced: true)
                for r in rows {
                    for c in columnsRange where cells[r][c].map({ $0.origin == origin }) ?? false { cells[r][c]?.text = joined }
                }
                return
            }
            for r in rows {
                for c in columnsRange {
                    cells[r][c] = LaidOutTable.Cell(text: text, origin: origin)
                    occupied[r][c] = true
                }
            }
        }

        // Header rows and number cells sit in their row.
        for fragment in fragments where fragment.row != nil && (fragment.row! < headerCount || columns[fragment.column].numeric) {
            place(fragment.text, rows: fragment.row!...fragment.row!, columnsRange: fragment.column...fragment.lastColumn)
        }
        // Label blocks, column by column, left to right (a wide label claims the columns right of it).
        // A row's height is where its numbers stand (a label on the same line may reach higher).
        let rowY = anchors.map { index -> (page: Int, y: Double) in
            let numbers = lines[index].segments.filter { isNumeric($0.text) }
            return (lines[index].page, median(numbers.map(\.yMid)))
        }
        for column in columns.indices where !columns[column].numeric {
            let mine = fragments.filter { $0.column == column && !($0.row.map { $0 < headerCount } ?? false) }
            let labelledRows = Set(mine.compactMap { $0.row.map { $0 - headerCount } })
            let blocks = mergeBlocks(mine, pitch: pitch, rowY: rowY, labelledRows: labelledRows, headerCount: headerCount)
            var spans: [(rows: ClosedRange<Int>, block: Fragment)] = []
            for block in blocks {
                guard var body = coveredRows(block, rowY: rowY, pitch: pitch, headerCount: headerCount) else { continue }
                // Two blocks claiming one row are one cell's pieces: the later joins the earlier;
                // a later block reaching further keeps only its own rows.
                if let last = spans.last, body.lowerBound <= last.rows.upperBound {
                    if body.upperBound <= last.rows.upperBound {
                        spans[spans.count - 1].block.text = TextJoin.append(block.text, to: last.block.text, spaced: false)
                        continue
                    }
                    body = (last.rows.upperBound + 1)...body.upperBound
                }
                spans.append((body, block))
            }
            // Give the rows between two blocks of this column to its neighbours, split so each
            // block sits as near the middle of its rows as it can — all splits of the column
            // chosen together (a small dynamic programme over the splits) — unless a row between
            // is held by a wider label from the left: then the blocks keep their own rows.
            let core = spans.map(\.rows)
            let gaps = core.indices.dropLast().map { i -> Int in
                let gap = (core[i].upperBound + 1)..<core[i + 1].lowerBound
                return gap.contains { occupied[headerCount + $0][column] } ? 0 : gap.count
            }
            func cost(_ i: Int, up: Int, down: Int) -> Double {
                // A label that spans columns labels its own rows only: it takes none between.
                if spans[i].block.lastColumn > column && up + down > 0 { return 1e9 }
                let rows = (core[i].lowerBound - up)...(core[i].upperBound + down)
                return centreCost(spans[i].block, rows, rowY, cut: cutRows(core[i], rowY, page: spans[i].block.page))
            }
            if !gaps.isEmpty {
                // best[i][k]: the least cost of blocks 0...i when block i takes k rows of gap i.
                var best: [[Double]] = []
                var choice: [[Int]] = []
                for i in gaps.indices {
                    var row: [Double] = []
                    var picks: [Int] = []
                    for k in 0...gaps[i] {
                        if i == 0 {
                            row.append(cost(0, up: 0, down: k)); picks.append(0)
                        } else {
                            var low = Double.infinity, pick = 0
                            for previous in 0...gaps[i - 1] {
                                let total = best[i - 1][previous] + cost(i, up: gaps[i - 1] - previous, down: k)
                                if total < low - 1e-9 { low = total; pick = previous }
                            }
                            row.append(low); picks.append(pick)
                        }
                    }
                    best.append(row); choice.append(picks)
                }
                let last = gaps.count - 1
                var k = 0, low = Double.infinity
                for candidate in 0...gaps[last] {
                    let total = best[last][candidate] + cost(last + 1, up: gaps[last] - candidate, down: 0)
                    if total < low - 1e-9 { low = total; k = candidate }
                }
                var splits = [Int](repeating: 0, count: gaps.count)
                for i in stride(from: last, through: 0, by: -1) {
                    splits[i] = k
                    k = choice[i][k]
                }
                for i in spans.indices {
                    let up = i > 0 ? gaps[i - 1] - splits[i - 1] : 0
                    let down = i < splits.count ? splits[i] : 0
                    spans[i].rows = (core[i].lowerBound - up)...(core[i].upperBound + down)
                }
            }
            for span in spans {
                let rows = (headerCount + span.rows.lowerBound)...(headerCount + span.rows.upperBound)
                let free = rows.filter { !occupied[$0][column] || cells[$0][column]?.origin.column == column }
                guard let low = free.first, let high = free.last else { continue }
                place(span.block.text, rows: low...high, columnsRange: column...span.block.lastColumn)
            }
        }

        var result: [[LaidOutTable.Cell]] = []
        for r in 0..<rowCount {
            result.append((0..<columns.count).map { c in cells[r][c] ?? LaidOutTable.Cell(text: "", origin: LaidOutTable.Position(row: r, column: c)) })
        }
        let numeric = Set(columns.indices.filter { columns[$0].numeric })
        return LaidOutTable(cells: result, numericColumns: numeric, headerRows: headerCount)
    }

    /// A number too long for its narrow column wraps: its last digits stand on a line of their
    /// own right under it, starting where it starts, with no label beside them. Such a line is
    /// joined to the number above (a row of its own would carry a label).
    static func joinWrappedNumbers(_ input: [Line]) -> [Line] {
        var lines = input
        var k = 1
        while k < lines.count {
            var above = lines[k - 1]
            let line = lines[k]
            var targets: [Int] = []
            let candidate = above.page == line.page && isDataLine(above)
                && line.yMin - above.yMax <= 0.3 * max(line.height, 1)
                && line.segments.count < above.segments.filter({ isNumeric($0.text) }).count
                && line.segments.allSatisfy { segment in
                    guard segment.text.allSatisfy(\.isASCIIDigitOrFullWidth),
                          let target = above.segments.firstIndex(where: {
                              abs($0.xMin - segment.xMin) <= 0.5 && $0.text.count >= 3 && $0.text.allSatisfy(\.isASCIIDigitOrFullWidth)
                          }) else { return false }
                    targets.append(target)
                    return true
                }
            guard candidate else { k += 1; continue }
            for (segment, target) in zip(line.segments, targets) {
                above.segments[target].text += segment.text
                above.segments[target].xMax = max(above.segments[target].xMax, segment.xMax)
                above.segments[target].yMax = max(above.segments[target].yMax, segment.yMax)
            }
            lines[k - 1] = above
            lines.remove(at: k)
        }
        return lines
    }

    /// The label area (the non-numeric intervals) split at the left edges its segments share.
    private static func splitLabelArea(lines: [Line]) -> [Column] {
        let numericSet = numericIntervals(of: lines)
        var result: [Column] = []
        let all = lines.flatMap(\.segments)
        let size = median(all.map(\.fontSize))
        for interval in columns(of: lines) {
            if numericSet.contains(where: { $0.xMin == interval.xMin && $0.xMax == interval.xMax }) {
                result.append(Column(xMin: interval.xMin, xMax: interval.xMax, numeric: true))
                continue
            }
            let edges = all.filter { $0.xMin >= interval.xMin - 0.5 && $0.xMin <= interval.xMax }.map(\.xMin).sorted()
            var clusters: [(x: Double, count: Int)] = []
            for edge in edges {
                if let last = clusters.last, edge - last.x <= 0.8 * size {
                    clusters[clusters.count - 1].count += 1
                } else {
                    clusters.append((edge, 1))
                }
            }
            let kept = clusters.filter { $0.count >= 2 }.map(\.x)
            let starts = kept.isEmpty ? [interval.xMin] : [min(interval.xMin, kept[0])] + kept.dropFirst()
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] : interval.xMax
                result.append(Column(xMin: start, xMax: end, numeric: false))
            }
        }
        return result
    }

    /// The column whose interval holds `x`, or the nearest one to the left of it.
    private static func column(at x: Double, in columns: [Column]) -> Int {
        var best = 0
        for (i, column) in columns.enumerated() {
            if x >= column.xMin - 2 { best = i }
        }
        if columns[best].numeric, x > columns[best].xMax, best + 1 < columns.count,
           x - columns[best].xMax > columns[best + 1].xMin - x {
            return best + 1
        }
        return best
    }

    private static func anchorPitch(lines: [Line], anchors: [Int]) -> Double {
        var gaps: [Double] = []
        for (a, b) in zip(anchors, anchors.dropFirst()) where lines[a].page == lines[b].page {
            gaps.append(lines[b].yMid - lines[a].yMid)
        }
        let size = median(lines.map(\.height))
        return max(median(gaps), 1.5 * size, 1)
    }

    private static func nearestAnchorRow(line: Line, lines: [Line], anchors: [Int], headerCount: Int) -> Int? {
        var best: (Int, Double)?
        for (i, anchor) in anchors.enumerated() where lines[anchor].page == line.page {
            let distance = abs(lines[anchor].yMid - line.yMid)
            if best == nil || distance < best!.1 { best = (headerCount + i, distance) }
        }
        return best?.0
    }

    /// Fragments of one column merged where they follow each other closer than rows do (lines of
    /// one wrapped label, or the characters of a label written downwards).
    private static func mergeBlocks(_ fragments: [Fragment], pitch: Double, rowY: [(page: Int, y: Double)],
                                    labelledRows: Set<Int>, headerCount: Int) -> [Fragment] {
        let sorted = fragments.sorted { ($0.page, $0.yMin) < ($1.page, $1.yMin) }
        var blocks: [Fragment] = []
        /// The body row whose number line is nearest a fragment's middle, on its page.
        func nearestRow(_ fragment: Fragment) -> Int? {
            let mid = (fragment.yMin + fragment.yMax) / 2
            return rowY.indices.filter { rowY[$0].page == fragment.page }.min { abs(rowY[$0].y - mid) < abs(rowY[$1].y - mid) }
        }
        /// Above the first row of a page that continues the table: the cut end of a row.
        func cutRemainder(_ block: Fragment) -> Bool {
            guard let first = rowY.firstIndex(where: { $0.page == block.page }), first > 0 else { return false }
            return block.yMax < rowY[first].y && rowY[first - 1].page < block.page
        }
        for var fragment in sorted {
            fragment.parts = [(fragment.text, fragment.yMin, fragment.yMax, fragment.row != nil)]
            if let last = blocks.last, cutRemainder(last), !cutRemainder(fragment) {
                blocks.append(fragment)
                continue
            }
            // A line between two rows' numbers that stands nearer the next row, whose own number
            // line carries a label in this column, starts that row's label — unless taking it
            // brings the block nearer the middle of its own row (a long label centred on its
            // numbers reaches close to the next row). Rows set close together leave no wider gap
            // between two cells than between one cell's lines.
            let nextRowsLabel = blocks.last.map { last -> Bool in
                guard let row = last.row, row >= headerCount, fragment.row == nil, !(last.isNarrow && fragment.isNarrow),
                      let near = nearestRow(fragment) else { return false }
                let own = row - headerCount
                guard near != own, labelledRows.contains(near), own < rowY.count else { return false }
                let y = rowY[own].y
                let before = abs((last.yMin + last.yMax) / 2 - y)
                let after = abs((last.yMin + max(last.yMax, fragment.yMax)) / 2 - y)
                return after > before
            } ?? false
            // Labels on the number lines of two different rows are two cells, however close the
            // rows stand, unless both are pieces of a label written downwards.
            let twoRows = blocks.last.map { last in
                last.row != nil && fragment.row != nil && last.row != fragment.row && !(last.isNarrow && fragment.isNarrow)
            } ?? false
            if var last = blocks.last, last.page == fragment.page, !twoRows, !nextRowsLabel,
               fragment.yMin - last.yMax < 0.8 * pitch - (fragment.yMax - fragment.yMin),
               fragment.yMin - last.yMax < 1.2 * (fragment.yMax - fragment.yMin) {
                last.text = TextJoin.append(fragment.text, to: last.text, spaced: false)
                last.parts.append((fragment.text, fragment.yMin, fragment.yMax, fragment.row != nil))
                last.yMax = max(last.yMax, fragment.yMax)
                last.lastColumn = max(last.lastColumn, fragment.lastColumn)
                last.width = max(last.width, fragment.width)
                if last.row == nil || fragment.row != nil && !fragment.isNarrow { last.row = last.row ?? fragment.row }
                blocks[blocks.count - 1] = last
            } else {
                blocks.append(fragment)
            }
        }
        // The lines above a continuation page's first row are the cut end of the row before and
        // the top of the first row's own label: the first row takes the lines that centre its
        // label on its numbers.
        var i = 0
        while i + 1 < blocks.count {
            let cut = blocks[i], next = blocks[i + 1]
            if cutRemainder(cut), next.page == cut.page, !cutRemainder(next),
               next.parts.first?.anchored == true,
               let first = rowY.firstIndex(where: { $0.page == next.page }) {
                let bottom = next.parts.last!.yMax
                let take = (0...cut.parts.count).min { a, b in
                    let topA = a == 0 ? next.parts[0].yMin : cut.parts[cut.parts.count - a].yMin
                    let topB = b == 0 ? next.parts[0].yMin : cut.parts[cut.parts.count - b].yMin
                    return abs((topA + bottom) / 2 - rowY[first].y) < abs((topB + bottom) / 2 - rowY[first].y)
                }!
                if take > 0 {
                    let moved = cut.parts.suffix(take)
                    let kept = cut.parts.dropLast(take)
                    var top = next
                    top.parts = Array(moved) + next.parts
                    top.text = top.parts.map(\.text).reduce("") { TextJoin.append($1, to: $0, spaced: false) }
                    top.yMin = moved.first!.yMin
                    blocks[i + 1] = top
                    if kept.isEmpty {
                        blocks.remove(at: i)
                        continue
                    }
                    var rest = cut
                    rest.parts = Array(kept)
                    rest.text = rest.parts.map(\.text).reduce("") { TextJoin.append($1, to: $0, spaced: false) }
                    rest.yMax = kept.last!.yMax
                    blocks[i] = rest
                }
            }
            i += 1
        }
        return blocks
    }

    /// Body rows (0-based among anchors) a block overlaps: those whose numbers' middle lies within
    /// it (with some slack) and the row whose number line it starts on, else the
    /// nearest within half a pitch.
    private static func coveredRows(_ block: Fragment, rowY: [(page: Int, y: Double)], pitch: Double, headerCount: Int) -> ClosedRange<Int>? {
        // A label on a row's own number line reaches other rows only by its wrapped lines; a
        // label between number lines (centred on several rows) gets a quarter pitch of slack.
        let slack = (block.row != nil && !block.isNarrow ? 0.1 : 0.25) * pitch
        var inside = rowY.indices.filter {
            rowY[$0].page == block.page && rowY[$0].y >= block.yMin - slack && rowY[$0].y <= block.yMax + slack
        }
        if let own = block.row.map({ $0 - headerCount }), own >= 0, own < rowY.count, !inside.contains(own) {
            inside = (inside + [own]).sorted()
        }
        if let low = inside.first, let high = inside.last { return low...high }
        // Above the first row of a page that continues a table: the rest of the last row of the
        // page before, cut by the page break.
        if let first = rowY.firstIndex(where: { $0.page == block.page }), first > 0,
           block.yMax < rowY[first].y, rowY[first - 1].page < block.page {
            return (first - 1)...(first - 1)
        }
        let mid = (block.yMin + block.yMax) / 2
        let near = rowY.indices.filter { rowY[$0].page == block.page }.min { abs(rowY[$0].y - mid) < abs(rowY[$1].y - mid) }
        if let near, abs(rowY[near].y - mid) <= 0.5 * pitch { return near...near }
        return nil
    }

    /// Whether a block's own rows touch a page break inside the table (its first row is the
    /// first on its page after rows on an earlier page, or its last the last before rows on a
    /// later page): such a label may be the cut half of a cell, its middle tells nothing.
    private static func cutRows(_ rows: ClosedRange<Int>, _ rowY: [(page: Int, y: Double)], page: Int) -> Bool {
        let startsPage = rows.lowerBound > 0 && rowY[rows.lowerBound - 1].page < page
        let endsPage = rows.upperBound + 1 < rowY.count && rowY[rows.upperBound + 1].page > page
        return startsPage || endsPage
    }

    /// How far a block's middle is from the middle of the rows it would hold. A row reaches half
    /// way to the number lines of its neighbours (rows grow with their wrapped labels, and the
    /// numbers sit at their middle). Rows on another page do not move the middle (a label cut by a
    /// page break sits at one end of its rows); each costs a little, so a tie goes to the block on
    /// the row's own page.
    private static func centreCost(_ block: Fragment, _ rows: ClosedRange<Int>, _ rowY: [(page: Int, y: Double)], cut: Bool) -> Double {
        let mid = (block.yMin + block.yMax) / 2
        let onPage = rows.filter { rowY[$0].page == block.page }
        let away = Double(rows.count - onPage.count)
        guard let first = onPage.first, let last = onPage.last else { return 1e6 + away }
        let halfRow = 0.5 * (onPage.count > 1 ? (rowY[last].y - rowY[first].y) / Double(onPage.count - 1) : 0)
        let top = first > 0 && rowY[first - 1].page == block.page
            ? (rowY[first - 1].y + rowY[first].y) / 2 : rowY[first].y - halfRow
        let bottom = last + 1 < rowY.count && rowY[last + 1].page == block.page
            ? (rowY[last].y + rowY[last + 1].y) / 2 : rowY[last].y + halfRow
        return (cut ? 0 : abs(mid - (top + bottom) / 2)) + 0.5 * away
    }
}
