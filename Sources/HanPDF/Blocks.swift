/// A document's lines cut into running text and tables, in reading order.
enum Block {
    case text([Line])
    case table(LaidOutTable, pages: ClosedRange<Int>)
}

enum Blocks {
    /// Splits each page's lines into table regions and text, then joins a table that ends a page
    /// with one that starts the next when their number columns match.
    static func split(_ pages: [[Line]]) -> [Block] {
        // Pieces per page: (isTable, lines).
        var pieces: [(table: Bool, lines: [Line])] = []
        for lines in pages {
            var i = 0
            var text: [Line] = []
            while i < lines.count {
                if lines[i].segments.count >= 2, let end = regionEnd(lines, from: i) {
                    // When the region starts on a row of numbers, the label lines just above it
                    // that start where one of its cells starts are the top of that row's
                    // wrapped label (at most two; at the top of a page, the rest of a row the
                    // page break cut).
                    var start = i
                    let numbersStart = TableLayout.numericIntervals(of: Array(lines[i..<end])).first?.xMin ?? 0
                    let pageTop = lines[i].page > 0 && text.count == i && i <= 3
                    if TableLayout.isDataLine(lines[i]) || pageTop {
                        while start > 0, i - start < (pageTop ? 3 : 2), !text.isEmpty, lines[start - 1].segments.count == 1,
                              lines[start - 1].xMax < numbersStart,
                              pageTop || lines[start].yMin - lines[start - 1].yMax <= 0.6 * max(lines[start - 1].height, 1),
                              pageTop || lines[i].segments.contains(where: { abs($0.xMin - lines[start - 1].xMin) <= 1 }) {
                            start -= 1
                            text.removeLast()
                        }
                    }
                    for region in splitAtHeaders(Array(lines[start..<end])) {
                        if TableLayout.layout(region.table) != nil {
                            if !text.isEmpty { pieces.append((false, text)); text = [] }
                            pieces.append((true, region.table))
                        } else {
                            text += region.table
                        }
                        text += region.after
                    }
                    i = end
                } else {
                    text.append(lines[i])
                    i += 1
                }
            }
            if !text.isEmpty { pieces.append((false, text)) }
        }
        // A table last on its page followed by a table first on the next page, same number columns.
        var joined: [(table: Bool, lines: [Line])] = []
        for piece in pieces {
            if piece.table, let last = joined.last, last.table,
               let lastPage = last.lines.last?.page, let firstPage = piece.lines.first?.page, firstPage == lastPage + 1,
               TableLayout.continues(last.lines, piece.lines) {
                joined[joined.count - 1].lines += piece.lines
            } else {
                joined.append(piece)
            }
        }
        return joined.map { piece in
            if piece.table, let table = TableLayout.layout(piece.lines) {
                return .table(table, pages: (piece.lines.first!.page + 1)...(piece.lines.last!.page + 1))
            }
            return .text(piece.lines)
        }
    }

    /// Where a table region starting at `start` (a line of several cells) ends: lines follow
    /// while they are close below, and a single-cell line stays only when a several-cell line
    /// comes after it; trailing single-cell lines far below the last row are text again.
    private static func regionEnd(_ lines: [Line], from start: Int) -> Int? {
        var end = start + 1
        var lastMulti = start
        let textWidth = (lines.map(\.xMax).max() ?? 0) - (lines.map(\.xMin).min() ?? 0)
        while end < lines.count {
            let line = lines[end], previous = lines[end - 1]
            let height = max(min(line.height, previous.height), 1)
            let gap = line.yMin - previous.yMax
            if line.segments.count >= 2 {
                guard gap <= 5 * height else { break }
                lastMulti = end
            } else {
                // A line of running text (wider than half the text column) ends a table.
                guard gap <= 3 * height, line.xMax - line.xMin <= 0.5 * textWidth else { break }
            }
            end += 1
        }
        // Keep single-cell lines after the last multi-cell line only while they hug it (a label
        // wrapped below its numbers).
        // A region that runs to the page's last line keeps it all: the rest of a row the page
        // break cut.
        let numbersStart = TableLayout.numericIntervals(of: Array(lines[start...lastMulti])).first?.xMin ?? 0
        var stop = lastMulti + 1
        while stop < end {
            // Only label lines (left of the numbers) can be the wrapped end of the last row.
            guard lines[stop].xMax < numbersStart else { break }
            let hugs = lines[stop].yMin - lines[stop - 1].yMax <= 0.6 * max(lines[stop].height, 1) && stop - lastMulti <= 2
            guard hugs || end == lines.count else { break }
            stop += 1
        }
        return stop - start >= 2 ? stop : nil
    }

    /// A line of labels over the number columns after rows of numbers starts a new table (the
    /// template's small tables stand one under the other, each with its own header); single-cell
    /// lines just above it that do not hug a row are text between the two.
    private static func splitAtHeaders(_ lines: [Line]) -> [(table: [Line], after: [Line])] {
        let numeric = TableLayout.numericIntervals(of: lines)
        guard let firstData = lines.firstIndex(where: TableLayout.isDataLine), !numeric.isEmpty else { return [(lines, [])] }
        var result: [(table: [Line], after: [Line])] = []
        var current: [Line] = Array(lines[..<min(firstData + 1, lines.count)])
        var i = firstData + 1
        while i < lines.count {
            let line = lines[i]
            let header = !TableLayout.isDataLine(line) && line.segments.count >= 2 && line.segments.contains { segment in
                numeric.contains { min($0.xMax, segment.xMax) - max($0.xMin, segment.xMin) > 0.5 * min(segment.width, $0.xMax - $0.xMin) }
            }
            if header {
                // Pull back the loose single-cell lines that precede the new header.
                var after: [Line] = []
                while let last = current.last, !TableLayout.isDataLine(last), last.segments.count == 1,
                      let anchor = current.last(where: TableLayout.isDataLine),
                      last.yMin - anchor.yMax > 0.6 * max(anchor.height, 1) {
                    after.insert(current.removeLast(), at: 0)
                }
                result.append((current, after))
                current = [line]
            } else {
                current.append(line)
            }
            i += 1
        }
        result.append((current, []))
        return result
    }
}
