import CLibXML
import HanCore

/// Builds a `CanonicalDocument` from a reader's events (HTML and DOCX share it).
///
/// The text rules (SPEC.md): blocks and table rows on their own lines, the cells of a row
/// separated by one tab, a cell's own paragraphs and breaks joined by one space, runs of
/// whitespace collapsed to one space (none where a source line break falls between two CJK
/// characters, as a browser shows it), no blank lines, nothing leading or trailing on a line.
///
/// Invariant: a grid cell's span covers exactly the cell's text (trimmed) in `text`.
final class CanonicalBuilder {
    /// How a reader marks merged cells.
    enum MergeStyle {
        /// HTML: `rowspan`/`colspan` on the first cell.
        case spans
        /// DOCX: `vMerge` restart/continue on every cell of a vertical merge, `gridSpan` across.
        case verticalMerge
    }

    private(set) var text: [UInt8] = []
    private(set) var grids: [TableGrid] = []
    private(set) var warnings: [Warning] = []
    let mergeStyle: MergeStyle
    let maxTextBytes: Int

    /// Whitespace seen but not yet written (written only before the next visible byte).
    private var pendingSpace = false
    /// Whether the pending whitespace held nothing but source line breaks (dropped between CJK).
    private var pendingSegmentBreakOnly = true
    private var pendingLine = false
    /// Nothing visible written since the last line break or tab.
    private var atSegmentStart = true
    private var tables: [TableState] = []
    private(set) var overflowed = false

    init(mergeStyle: MergeStyle, maxTextBytes: Int = DocumentLimits.maxTextBytes) {
        self.mergeStyle = mergeStyle
        self.maxTextBytes = maxTextBytes
    }

    struct SourceCell {
        var span: Span
        var rowSpan: Int
        var columnSpan: Int
        var continuesAbove: Bool
    }

    final class TableState {
        var rows: [[SourceCell]] = []
        var rowEnds: [Int] = []
        var inRow = false
        var cellStart: Int?
        var cellRowSpan = 1
        var cellColumnSpan = 1
        var cellContinues = false
        var start: Int
        init(start: Int) { self.start = start }
    }

    var inCell: Bool { tables.last?.cellStart != nil }

    // MARK: - Events

    func handle(kind: Int32, bytes: UnsafePointer<UInt8>?, length: Int, a: Int32, b: Int32) {
        if overflowed { return }
        switch Int(kind) {
        case Int(HX_TEXT):
            if let bytes { appendText(UnsafeBufferPointer(start: bytes, count: length)) }
        case Int(HX_BLOCK):
            if inCell { whitespace(segmentBreak: false) } else { pendingLine = true }
        case Int(HX_BREAK):
            if inCell { whitespace(segmentBreak: false) } else { pendingLine = true }
        case Int(HX_TAB):
            if inCell || tables.last?.inRow == true {
                whitespace(segmentBreak: false)
            } else if !atSegmentStart {
                flushLine()
                write(0x09)
                atSegmentStart = true
                pendingSpace = false
            }
        case Int(HX_TABLE_START):
            pendingLine = true
            tables.append(TableState(start: text.count))
        case Int(HX_TABLE_END):
            endTable()
        case Int(HX_ROW_START):
            guard let table = tables.last else { pendingLine = true; return }
            if table.inRow { endRow(table) }
            if table.cellStart != nil { endCell(table) }
            table.inRow = true
            table.rows.append([])
            pendingLine = true
            flushLine()
        case Int(HX_ROW_END):
            if let table = tables.last { endRow(table) } else { pendingLine = true }
        case Int(HX_CELL_START):
            guard let table = tables.last else { pendingLine = true; return }
            if table.cellStart != nil { endCell(table) }
            if !table.inRow {
                table.inRow = true
                table.rows.append([])
                pendingLine = true
            }
            flushLine()
            if !(table.rows.last?.isEmpty ?? true) { write(0x09) }
            atSegmentStart = true
            pendingSpace = false
            table.cellStart = text.count
            switch mergeStyle {
            case .spans:
                table.cellRowSpan = max(1, Int(a))
                table.cellContinues = false
            case .verticalMerge:
                table.cellRowSpan = 1
                table.cellContinues = a == 2
            }
            table.cellColumnSpan = max(1, Int(b))
        case Int(HX_CELL_END):
            if let table = tables.last, table.cellStart != nil { endCell(table) }
        default:
            break
        }
    }

    private func endCell(_ table: TableState) {
        guard let start = table.cellStart else { return }
        let end = max(start, text.count)
        if table.rows.isEmpty { table.rows.append([]) }
        table.rows[table.rows.count - 1].append(SourceCell(span: Span(start, end), rowSpan: table.cellRowSpan,
                                                           columnSpan: table.cellColumnSpan, continuesAbove: table.cellContinues))
        table.cellStart = nil
        pendingSpace = false
    }

    private func endRow(_ table: TableState) {
        if table.cellStart != nil { endCell(table) }
        guard table.inRow else { return }
        table.inRow = false
        table.rowEnds.append(text.count)
        // Rows with no cell at all (an empty <tr>) are dropped from the grid.
        if table.rows.last?.isEmpty == true {
            table.rows.removeLast()
            table.rowEnds.removeLast()
        }
        pendingLine = true
        pendingSpace = false
    }

    private func endTable() {
        guard let table = tables.popLast() else { pendingLine = true; return }
        if table.inRow { endRow(table) }
        pendingLine = true
        pendingSpace = false
        guard !table.rows.isEmpty else { return }
        if let grid = Self.expand(table.rows, rowEnds: table.rowEnds, span: Span(table.start, max(table.start, text.count)),
                                  style: mergeStyle, depth: tables.count) {
            grids.append(grid)
        } else {
            warnings.append(Warning(code: "table.too_large",
                                    message: "a table with more than \(DocumentLimits.maxGridCells) cells is read as text only",
                                    span: Span(table.start, max(table.start, text.count))))
        }
    }

    // MARK: - Text

    private func whitespace(segmentBreak: Bool) {
        if !pendingSpace { pendingSegmentBreakOnly = true }
        pendingSpace = true
        if !segmentBreak { pendingSegmentBreakOnly = false }
    }

    private func flushLine() {
        guard pendingLine else { return }
        pendingLine = false
        pendingSpace = false
        if !text.isEmpty, text.last != 0x0A { write(0x0A) }
        atSegmentStart = true
    }

    @inline(__always)
    private func write(_ byte: UInt8) {
        if text.count >= maxTextBytes {
            overflowed = true
            return
        }
        text.append(byte)
    }

    private func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0C {
                whitespace(segmentBreak: false)
                i += 1
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                whitespace(segmentBreak: true)
                i += 1
                continue
            }
            if byte == 0xC2, i + 1 < count, bytes[i + 1] == 0xA0 {
                // &nbsp;: an explicit space.
                whitespace(segmentBreak: false)
                i += 2
                continue
            }
            if byte < 0x20 || byte == 0x7F {
                // Other control characters never reach the canonical text.
                i += 1
                continue
            }
            flushLine()
            if pendingSpace {
                if !atSegmentStart {
                    let cjkJoin = pendingSegmentBreakOnly && byte >= 0x80 && (text.last ?? 0) >= 0x80
                    if !cjkJoin { write(0x20) }
                }
                pendingSpace = false
            }
            atSegmentStart = false
            write(byte)
            if overflowed { return }
            i += 1
        }
    }

    // MARK: - Grids

    /// Expands merged cells into a rectangular grid; nil when it would exceed the cell budget.
    static func expand(_ rows: [[SourceCell]], rowEnds: [Int], span: Span, style: MergeStyle, depth: Int) -> TableGrid? {
        var grid: [[GridCell?]] = Array(repeating: [], count: rows.count)
        var cellCount = 0
        for (r, row) in rows.enumerated() {
            var c = 0
            for cell in row {
                while c < grid[r].count, grid[r][c] != nil { c += 1 }
                let columns = cell.columnSpan
                if style == .verticalMerge, cell.continuesAbove, r > 0, c < grid[r - 1].count, let above = grid[r - 1][c] {
                    for k in 0..<columns { set(&grid, r, c + k, above) }
                    cellCount += columns
                    c += columns
                    continue
                }
                let rowSpan = min(cell.rowSpan, rows.count - r)
                cellCount += rowSpan * columns
                if cellCount > DocumentLimits.maxGridCells { return nil }
                let placed = GridCell(span: cell.span, originRow: r, originColumn: c, rowSpan: rowSpan, columnSpan: columns)
                for dr in 0..<rowSpan {
                    for dc in 0..<columns { set(&grid, r + dr, c + dc, placed) }
                }
                c += columns
            }
        }
        let width = grid.map(\.count).max() ?? 0
        if width * rows.count > DocumentLimits.maxGridCells { return nil }
        var out: [[GridCell]] = []
        out.reserveCapacity(rows.count)
        for (r, row) in grid.enumerated() {
            var cells: [GridCell] = []
            cells.reserveCapacity(width)
            let end = r < rowEnds.count ? rowEnds[r] : span.end
            for c in 0..<width {
                if c < row.count, let cell = row[c] {
                    cells.append(cell)
                } else {
                    cells.append(GridCell(span: Span(end, end), originRow: r, originColumn: c))
                }
            }
            out.append(cells)
        }
        if style == .verticalMerge { fixMergedRowSpans(&out) }
        return TableGrid(rows: out, sourceRows: rows.map { $0.map(\.span) }, span: span, depth: depth)
    }

    private static func set(_ grid: inout [[GridCell?]], _ r: Int, _ c: Int, _ cell: GridCell) {
        if grid[r].count <= c { grid[r].append(contentsOf: repeatElement(nil, count: c + 1 - grid[r].count)) }
        if grid[r][c] == nil { grid[r][c] = cell }
    }

    /// DOCX merges are learnt row by row: give every position of a merged cell its final row span.
    private static func fixMergedRowSpans(_ grid: inout [[GridCell]]) {
        var spans: [Int: Int] = [:]  // origin key → rows
        let width = grid.first?.count ?? 0
        for row in grid {
            for cell in row where cell.originColumn < width {
                let key = cell.originRow * width + cell.originColumn
                spans[key, default: 0] += 1
            }
        }
        for r in grid.indices {
            for c in grid[r].indices {
                let cell = grid[r][c]
                let key = cell.originRow * width + cell.originColumn
                let total = spans[key] ?? 1
                grid[r][c].rowSpan = max(1, total / max(1, cell.columnSpan))
            }
        }
    }

    // MARK: - Finishing

    /// Puts a title line before the text (shifting every span) unless the text already starts with it.
    func prependTitle(_ title: [UInt8]) {
        guard !title.isEmpty else { return }
        if Self.contains(text.prefix(4096), title) { return }
        let prefix = title + [0x0A]
        let shift = prefix.count
        text.insert(contentsOf: prefix, at: 0)
        grids = grids.map { grid in
            var moved = grid
            moved.span = grid.span.shifted(by: shift)
            moved.rows = grid.rows.map { row in row.map { var cell = $0; cell.span = cell.span.shifted(by: shift); return cell } }
            moved.sourceRows = grid.sourceRows.map { row in row.map { $0.shifted(by: shift) } }
            return moved
        }
        warnings = warnings.map { var warning = $0; warning.span = warning.span?.shifted(by: shift); return warning }
    }

    func finish() -> (text: [UInt8], grids: [TableGrid], warnings: [Warning]) {
        while let table = tables.last {
            _ = table
            endTable()
        }
        if !text.isEmpty, text.last != 0x0A { text.append(0x0A) }
        return (text, grids, warnings)
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var i = haystack.startIndex
        while i <= haystack.endIndex - needle.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
