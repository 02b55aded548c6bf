import HanCore

/// Writes blocks as the canonical text and records every table cell's span in it.
///
/// Running text: a line that reaches the right edge of the text column and is followed by a
/// line starting at its left edge (no indent) continues the same paragraph, also over a page
/// break; paragraphs end with a newline. Tables: one row per line, cells separated by a tab; a
/// number cell left blank is an empty field, a label cell is written once, in the first row it
/// spans, as the HTML of such a table reads.
enum CanonicalTextWriter {
    static func write(blocks: [Block]) -> CanonicalDocument {
        var out: [UInt8] = []
        var tables: [TableGrid] = []
        let textLines = blocks.flatMap { block -> [Line] in
            if case .text(let lines) = block { return lines }
            return []
        }
        let column = TextColumn(textLines)
        var open: Line? // the last line written of a paragraph still open
        for block in blocks {
            switch block {
            case .text(let lines):
                for line in lines {
                    if let previous = open, column.continues(previous, into: line) {
                        let joinsWide = previous.text.unicodeScalars.last.map(TextJoin.isWide) ?? true
                            || line.text.unicodeScalars.first.map(TextJoin.isWide) ?? true
                        if !joinsWide { out.append(0x20) }
                    } else if open != nil {
                        out.append(0x0A)
                    }
                    out += Array(line.text.utf8)
                    open = line
                }
            case .table(let table, let pages):
                if open != nil { out.append(0x0A); open = nil }
                tables.append(writeTable(table, pages: pages, into: &out))
            }
        }
        if open != nil { out.append(0x0A) }
        return CanonicalDocument(text: out, format: .pdf, encoding: "binary", grids: tables)
    }

    private static func writeTable(_ table: LaidOutTable, pages: ClosedRange<Int>, into out: inout [UInt8]) -> TableGrid {
        var spans: [Int: [Int: Span]] = [:] // origin row → origin column → span
        var sourceRows: [[Span]] = []
        var rowStarts: [Int] = []
        let tableStart = out.count
        for (r, row) in table.cells.enumerated() {
            var printed: [Span] = []
            let rowStart = out.count
            rowStarts.append(rowStart)
            for (c, cell) in row.enumerated() {
                guard cell.origin.row == r && cell.origin.column == c else { continue }
                let text = cell.text.trimmingSpaces
                if text.isEmpty && !(table.numericColumns.contains(c) && r >= table.headerRows) { continue }
                if !printed.isEmpty { out.append(0x09) }
                let start = out.count
                out += Array(text.utf8)
                let span = Span(start, out.count)
                spans[r, default: [:]][c] = span
                printed.append(span)
            }
            // A row whose every cell is held by a span from above prints nothing (no blank line).
            if printed.isEmpty { continue }
            out.append(0x0A)
            sourceRows.append(printed)
        }
        var rows: [[GridCell]] = []
        for (r, row) in table.cells.enumerated() {
            rows.append(row.enumerated().map { c, cell in
                let origin = cell.origin
                let span = spans[origin.row]?[origin.column] ?? Span(rowStarts[r], rowStarts[r])
                var rowSpan = 1, columnSpan = 1
                while origin.row + rowSpan < table.cells.count,
                      table.cells[origin.row + rowSpan][origin.column].origin == origin { rowSpan += 1 }
                while origin.column + columnSpan < row.count,
                      table.cells[origin.row][origin.column + columnSpan].origin == origin { columnSpan += 1 }
                return GridCell(span: span, originRow: origin.row, originColumn: origin.column, rowSpan: rowSpan, columnSpan: columnSpan)
            })
        }
        return TableGrid(rows: rows, sourceRows: sourceRows, span: Span(tableStart, out.count), page: pages.lowerBound, depth: 0)
    }
}

/// The left and right edges of a document's running text, from its long lines.
struct TextColumn {
    var left: Double
    var right: Double

    init(_ lines: [Line]) {
        let widest = lines.map { $0.xMax - $0.xMin }.max() ?? 0
        let long = lines.filter { $0.xMax - $0.xMin >= 0.6 * widest }
        let lefts = long.map(\.xMin).sorted()
        left = lefts.isEmpty ? 0 : lefts[lefts.count / 10]
        right = median(long.map(\.xMax))
    }

    /// `next` continues `line`'s paragraph: `line` runs to the right edge, `next` starts at the
    /// left edge in the same font size, directly below (or at the top of the next page).
    func continues(_ line: Line, into next: Line) -> Bool {
        let size = max(line.fontSize, 1)
        guard line.xMax >= right - 1.5 * size, next.xMin <= left + 0.8 * size,
              abs(next.fontSize - line.fontSize) <= 0.15 * size,
              line.segments.count == 1 else { return false }
        if next.page == line.page { return next.yMin - line.yMax <= 1.5 * max(line.height, 1) && next.yMin > line.yMin }
        return next.page == line.page + 1
    }
}
