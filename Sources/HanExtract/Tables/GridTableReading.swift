import HanCore

/// The statistical tables of a document that came with its structure (HTML, DOCX, PDF): read
/// from the reader's `TableGrid`s by the template's row labels, without guessing a layout.
///
/// A grid row is a label (its cells that are not numbers) and its values (the cells at its end
/// that are numbers or blanks). Rows are found in template order, each after the one before, by
/// the same label words the text reader uses (`TemplateLabels`), and a row counts only when it
/// ends in exactly as many value cells as the template has columns (taken from the cells as
/// printed, so a Word grid that is not rectangular still gives each row its own cells). A table
/// whose every row is found that way replaces the text reading of that table; otherwise the
/// text reading stands. Numbers are never invented: a cell that is not a number or a blank
/// marker makes its row, and so its table, unread from the grid.
enum GridTableReading {
    static func extract(_ document: Document, grids: [TableGrid], profile: Profile) -> TableExtraction.Result {
        var result = TableExtraction.extract(document, profile: profile)
        guard profile.hasStandardTables, !grids.isEmpty else { return result }
        let rows = GridRows(document: document, grids: grids)
        var tables = result.tables ?? Tables()
        var replaced: [String] = []
        var warnings: [Warning] = []
        let applicationsStart = rows.firstRow(containing: TemplateLabels.applications[0].keywords)
        if let start = applicationsStart, let (table, blanks) = rows.applications(from: start) {
            tables.applications = table
            replaced.append("applications")
            warnings += blanks
        }
        let proactiveEnd = applicationsStart ?? rows.rows.count
        if let (table, blanks) = rows.proactive(before: proactiveEnd) {
            tables.proactive = table
            replaced.append("proactive")
            warnings += blanks
        }
        if let (table, blanks) = rows.review(from: applicationsStart ?? 0) {
            tables.reviewLitigation = table
            replaced.append("review_litigation")
            warnings += blanks
        }
        guard !replaced.isEmpty else { return result }
        let readingCodes: Set<String> = ["cell.blank", "cell.ambiguous", "table.row_missing"]
        result.warnings.removeAll { warning in
            readingCodes.contains(warning.code) && replaced.contains { warning.message.hasPrefix($0 + ".") }
        }
        result.warnings += warnings
        result.tables = tables
        result.checks = TableChecks.checks(tables)
        let present = [tables.proactive, tables.applications, tables.reviewLitigation].compactMap { $0 }.count
        if replaced.count == present {
            // Every table came from the grids, each cell a number or a printed blank (a grid
            // row is taken whole or not at all): the rows the template lets a document omit
            // (（六）其他处理 without sub-rows) are not cells of it.
            let blank = warnings.count { $0.code == "cell.blank" }
            let read = tables.longForm.count { $0.value != nil } + blank
            result.quality = TableQuality(layout: .grid, cells: read, read: read, blank: blank, ambiguous: 0)
        }
        result.quality?.count(result.checks)
        return result
    }
}

/// Every row of every grid, flattened in document order, as label and trailing value cells.
struct GridRows {
    struct Row {
        /// The label: the non-value cells' text, whitespace removed.
        var label: [UInt8]
        /// The value-like cells at the row's end, in order.
        var values: [GridValue]
    }

    let rows: [Row]

    init(document: Document, grids: [TableGrid]) {
        let text = document.original
        var rows: [Row] = []
        for grid in grids.sorted(by: { $0.span.start < $1.span.start }) {
            for printed in grid.sourceRows {
                var values: [GridValue] = []
                var labelEnd = printed.count
                while labelEnd > 0, let value = GridValue(printed[labelEnd - 1], in: text) {
                    values.insert(value, at: 0)
                    labelEnd -= 1
                }
                var label: [UInt8] = []
                for span in printed[..<labelEnd] {
                    for byte in text[span.start..<span.end] where byte != 0x20 && byte != 0x09 && byte != 0x0A {
                        label.append(byte)
                    }
                }
                rows.append(Row(label: label, values: values))
            }
        }
        self.rows = rows
    }

    func firstRow(containing keywords: [[UInt8]], from start: Int = 0, before end: Int? = nil) -> Int? {
        let stop = min(end ?? rows.count, rows.count)
        guard start < stop else { return nil }
        for index in start..<stop where keywords.contains(where: { Self.contains(rows[index].label, $0) }) {
            return index
        }
        return nil
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// Reads template rows in order from `start`; nil unless every row not in `optional` is found.
    func read(_ template: [TemplateLabels.Row], name: String, from start: Int, before end: Int? = nil,
              optional: Set<Int> = []) -> (Table, [Warning])? {
        var position = start
        var out: [TableRow] = []
        var warnings: [Warning] = []
        for (index, row) in template.enumerated() {
            let count = row.columns.count
            var found: Int?
            var probe = position
            while let hit = firstRow(containing: row.keywords, from: probe, before: end) {
                if rows[hit].values.count == count { found = hit; break }
                probe = hit + 1
            }
            guard let hit = found else {
                guard optional.contains(index) else { return nil }
                out.append(TableRow(name: row.key, cells: row.columns.map { TableCell(column: $0.key, value: nil) }))
                continue
            }
            position = hit + 1
            let values = rows[hit].values.suffix(count)
            var cells: [TableCell] = []
            for (column, value) in zip(row.columns, values) {
                if column.kind == .count, let number = value.number, number < 0 || number.rounded() != number { return nil }
                cells.append(TableCell(column: column.key, value: value.number, span: value.number == nil && value.span.isEmpty ? nil : value.span))
                if value.number == nil {
                    warnings.append(Warning(code: "cell.blank", message: "\(name).\(row.key).\(column.key) is blank",
                                            span: value.span.isEmpty ? nil : value.span))
                }
            }
            out.append(TableRow(name: row.key, cells: cells))
        }
        return (Table(rows: out), warnings)
    }

    func applications(from start: Int) -> (Table, [Warning])? {
        // （六）其他处理 without sub-rows: its one row holds other_other.
        let noCorrection = 20, noFee = 21
        return read(TemplateLabels.applications, name: "applications", from: start, optional: [noCorrection, noFee])
    }

    func proactive(before end: Int) -> (Table, [Warning])? {
        guard let start = firstRow(containing: TemplateLabels.proactive2021[0].keywords, before: end) else { return nil }
        // The 2019–2020 table has more rows and columns; the 2021 one does not fit them.
        return read(TemplateLabels.proactive2019, name: "proactive", from: start, before: end)
            ?? read(TemplateLabels.proactive2021, name: "proactive", from: start, before: end)
    }

    /// Table 4: the one row of 15 value cells after the 行政复议 header.
    func review(from start: Int) -> (Table, [Warning])? {
        guard let header = firstRow(containing: [TemplateLabels.reviewHeading, Array("行政复议".utf8)], from: start) else { return nil }
        guard let dataRow = rows[header...].firstIndex(where: { $0.values.count >= 15 }) else { return nil }
        let values = Array(rows[dataRow].values.suffix(15))
        var out: [TableRow] = []
        var warnings: [Warning] = []
        for (group, key) in TemplateLabels.reviewGroups.enumerated() {
            var cells: [TableCell] = []
            for (part, column) in TemplateLabels.reviewParts.enumerated() {
                let value = values[group * 5 + part]
                if let number = value.number, number < 0 || number.rounded() != number { return nil }
                cells.append(TableCell(column: column, value: value.number, span: value.number == nil && value.span.isEmpty ? nil : value.span))
                if value.number == nil {
                    warnings.append(Warning(code: "cell.blank", message: "review_litigation.\(key).\(column) is blank",
                                            span: value.span.isEmpty ? nil : value.span))
                }
            }
            out.append(TableRow(name: key, cells: cells))
        }
        return (Table(rows: out), warnings)
    }
}

/// A cell that holds a number (perhaps with its unit) or a blank marker (empty, `/`, `—`, `-`,
/// `无`); nil for any other text.
struct GridValue {
    static let units: [[UInt8]] = ["元", "万元", "件", "项", "个", "条", "%", "％"].map { Array($0.utf8) }

    var number: Double?
    /// The digits (or the blank marker) as printed; empty for an empty cell.
    var span: Span

    init?(_ cell: Span, in text: [UInt8]) {
        var start = cell.start, end = cell.end
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        let bytes = Array(text[start..<end])
        span = Span(start, end)
        if bytes.isEmpty { number = nil; return }
        let blanks: [[UInt8]] = ["/", "／", "—", "——", "-", "－", "–", "无", "\\", "—/"].map { Array($0.utf8) }
        if blanks.contains(bytes) { number = nil; return }
        // Digits: ASCII or full-width, an optional sign, thousands commas, one decimal point.
        var digits = ""
        var i = 0
        if bytes.first == UInt8(ascii: "-") { digits = "-"; i = 1 } else if bytes.first == UInt8(ascii: "+") { i = 1 }
        var sawDigit = false, sawPoint = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= 0x30, byte <= 0x39 {
                digits.append(Character(Unicode.Scalar(byte)))
                sawDigit = true
                i += 1
            } else if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] >= 0x90, bytes[i + 2] <= 0x99 {
                digits.append(Character(Unicode.Scalar(bytes[i + 2] - 0x90 + 0x30)))
                sawDigit = true
                i += 3
            } else if byte == UInt8(ascii: "."), !sawPoint, sawDigit {
                digits.append(".")
                sawPoint = true
                i += 1
            } else if byte == UInt8(ascii: ","), sawDigit, !sawPoint {
                i += 1
            } else if sawDigit, Self.units.contains(Array(bytes[i...])) {
                // A unit printed in the cell (75394432.52元): the span keeps to the digits.
                end = start + i
                break
            } else {
                return nil
            }
        }
        span = Span(start, end)
        guard sawDigit, digits.last != ".", let value = Double(digits) else { return nil }
        number = value
    }
}
