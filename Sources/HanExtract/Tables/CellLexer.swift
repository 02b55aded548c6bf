/// Reads the cells between two row labels, whatever the layout: one cell per line, tab or pipe
/// separated fields (empty fields kept), space separated numbers, or digits glued together.
///
/// The lexer never decides how many cells a digit run holds; it reports runs, blank markers and
/// empty fields in order, and `TableAssembler` fits them to the template.
enum CellLexer {
    enum Item: Equatable {
        /// `[-]digits[.digits]`, or several numbers glued together (`640020470`).
        case number(Range<Int>)
        /// `/`, `-`, `—`, `无` standing alone for a cell.
        case blank(Range<Int>)
        /// An empty tab or pipe field at this normalised offset.
        case empty(Int)
        /// A line holding nothing but tabs, in a one-cell-per-line layout: a blank cell, or the
        /// debris of a merged label cell; `TableAssembler` decides by the row's cell count.
        case gap(Int)

        var isEmpty: Bool { if case .empty = self { true } else { false } }
        var isGap: Bool { if case .gap = self { true } else { false } }
    }

    /// The items in `text[range]`. `startsMidLine` says the range begins right after a row label,
    /// so the rest of that first line's first field belongs to the label and is never an empty cell.
    static func items(_ text: [UInt8], _ range: Range<Int>, startsMidLine: Bool) -> [Item] {
        var out: [Item] = []
        var fields: [Range<Int>] = []
        var lineStart = range.lowerBound
        var first = startsMidLine
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound, text[lineEnd] != 0x0A { lineEnd += 1 }
            readLine(text, lineStart..<lineEnd, isLabelLine: first, fields: &fields, into: &out)
            first = false
            lineStart = lineEnd + 1
        }
        return out
    }

    static func isSpace(_ text: [UInt8], _ i: Int, _ end: Int) -> Int {
        let byte = text[i]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return 1 }
        if byte == 0xE3, i + 2 < end, text[i + 1] == 0x80, text[i + 2] == 0x80 { return 3 }
        return 0
    }

    static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x09 || byte == 0x7C }

    static func trimmed(_ text: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end {
            let width = isSpace(text, start, end)
            if width == 0 { break }
            start += width
        }
        while end > start {
            if text[end - 1] == 0x20 || text[end - 1] == 0x09 || text[end - 1] == 0x0D {
                end -= 1
            } else if end - start >= 3, text[end - 3] == 0xE3, text[end - 2] == 0x80, text[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return start..<end
    }

    static func isBlankMarker(_ text: [UInt8], _ range: Range<Int>) -> Bool {
        let start = range.lowerBound
        switch range.count {
        case 1: return text[start] == 0x2F || text[start] == 0x2D || text[start] == 0x5C
        case 3, 6:
            let a = text[start], b = text[start + 1], c = text[start + 2]
            let single = (a == 0xEF && b == 0xBC && (c == 0x8F || c == 0x8D))  // ／ －
                || (a == 0xE2 && b == 0x80 && (c == 0x94 || c == 0x93))        // — –
                || (a == 0xE6 && b == 0x97 && c == 0xA0)                        // 无
            if range.count == 3 { return single }
            return a == 0xE2 && b == 0x80 && c == 0x94 && text[start + 3] == 0xE2 && text[start + 4] == 0x80
                && text[start + 5] == 0x94                                     // ——
        default: return false
        }
    }

    /// A page number alone on a line (`- 3 -`, `— 3 —`, `第3页`): never a cell.
    static func isPageFooter(_ text: [UInt8], _ range: Range<Int>) -> Bool {
        // Most lines start with neither a dash (- － — –) nor 第: no footer.
        guard let firstVisible = range.first(where: { isSpace(text, $0, range.upperBound) == 0 }) else { return false }
        let first = text[firstVisible]
        guard first == 0x2D || first == 0xEF || first == 0xE2 || first == 0xE7 else { return false }
        var bytes: [UInt8] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let space = isSpace(text, i, range.upperBound)
            if space > 0 {
                i += space
                continue
            }
            bytes.append(text[i])
            i += 1
            if bytes.count > 24 { return false }
        }
        func dash(_ at: Int) -> Int {
            if at < bytes.count, bytes[at] == 0x2D { return 1 }
            if at + 2 < bytes.count, bytes[at] == 0xEF, bytes[at + 1] == 0xBC, bytes[at + 2] == 0x8D { return 3 }
            if at + 2 < bytes.count, bytes[at] == 0xE2, bytes[at + 1] == 0x80, bytes[at + 2] == 0x94 || bytes[at + 2] == 0x93 {
                return 3
            }
            return 0
        }
        func digits(from start: Int) -> Int {
            var end = start
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            return end - start
        }
        let lead = dash(0)
        if lead > 0 {
            // A page number has 1–3 digits and never starts with 0 (`— 0 0 —` is a row of cells).
            let count = digits(from: lead)
            let trail = dash(lead + count)
            return (1...3).contains(count) && bytes[lead] != 0x30 && trail > 0 && lead + count + trail == bytes.count
        }
        let page: [UInt8] = Array("第".utf8), of: [UInt8] = Array("页".utf8)
        guard bytes.count > 6, bytes.starts(with: page), bytes.suffix(3).elementsEqual(of) else { return false }
        return digits(from: 3) == bytes.count - 6
    }

    /// `fields` is scratch space, reused from line to line.
    static func readLine(_ text: [UInt8], _ line: Range<Int>, isLabelLine: Bool, fields: inout [Range<Int>],
                         into out: inout [Item]) {
        let content = trimmed(text, line)
        if content.isEmpty, !isLabelLine || !text[line].contains(where: isSeparator) {
            if !isLabelLine, text[line].contains(0x09), !text[line].contains(0x7C) { out.append(.gap(line.lowerBound)) }
            return
        }
        if !isLabelLine, isPageFooter(text, content) { return }
        // Fields split at tabs and pipes.
        fields.removeAll(keepingCapacity: true)
        var fieldStart = line.lowerBound
        var hasPipe = false
        for i in line where isSeparator(text[i]) {
            if text[i] == 0x7C { hasPipe = true }
            fields.append(fieldStart..<i)
            fieldStart = i + 1
        }
        fields.append(fieldStart..<line.upperBound)
        if !isLabelLine, fields.allSatisfy({ trimmed(text, $0).isEmpty }) { return }

        var firstCell = 0
        if isLabelLine {
            tokens(text, fields[0], into: &out)
            firstCell = 1
        } else if hasPipe {
            // A pipe row's opening border holds no cell.
            if trimmed(text, fields[0]).isEmpty { firstCell = 1 }
        } else if fields.count <= 2 || fields.contains(where: { hasLabelText(text, trimmed(text, $0)) }) {
            // Indentation before the first tab holds no cell; a row of several tab-separated
            // numbers keeps its leading empty fields as blank cells.
            while firstCell < fields.count - 1, trimmed(text, fields[firstCell]).isEmpty { firstCell += 1 }
        }
        var lastCell = fields.count - 1
        if hasPipe, lastCell >= firstCell, trimmed(text, fields[lastCell]).isEmpty { lastCell -= 1 }
        guard firstCell <= lastCell else { return }
        let cells = fields[firstCell...lastCell]
        let isHeaderLine = cells.contains { hasLabelText(text, trimmed(text, $0)) }
        for field in cells {
            let value = trimmed(text, field)
            if value.isEmpty {
                if !isHeaderLine { out.append(.empty(field.lowerBound)) }
            } else {
                tokens(text, value, into: &out)
            }
        }
    }

    /// Whether a field holds words, not only numbers and blank markers.
    static func hasLabelText(_ text: [UInt8], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let space = isSpace(text, i, range.upperBound)
            if space > 0 {
                i += space
                continue
            }
            var end = i
            while end < range.upperBound, isSpace(text, end, range.upperBound) == 0 { end += 1 }
            if !isBlankMarker(text, i..<end), text[i..<end].contains(where: { $0 >= 0x80 || (0x41...0x7A).contains($0) }) {
                return true
            }
            i = end
        }
        return false
    }

    /// Numbers and blank markers of one field, in order; words around them are skipped.
    static func tokens(_ text: [UInt8], _ range: Range<Int>, into out: inout [Item]) {
        var i = range.lowerBound
        while i < range.upperBound {
            let space = isSpace(text, i, range.upperBound)
            if space > 0 {
                i += space
                continue
            }
            var end = i
            while end < range.upperBound, isSpace(text, end, range.upperBound) == 0 { end += 1 }
            if isBlankMarker(text, i..<end) {
                out.append(.blank(i..<end))
            } else {
                numbers(text, i..<end, into: &out)
            }
            i = end
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The digit runs of a word: `-` and `.` belong to a run only when a digit follows them.
    static func numbers(_ text: [UInt8], _ word: Range<Int>, into out: inout [Item]) {
        var i = word.lowerBound
        while i < word.upperBound {
            let startsSigned = text[i] == 0x2D && i + 1 < word.upperBound && isDigit(text[i + 1])
            guard isDigit(text[i]) || startsSigned else {
                i += 1
                continue
            }
            let start = i
            i += startsSigned ? 2 : 1
            while i < word.upperBound {
                if isDigit(text[i]) {
                    i += 1
                } else if (text[i] == 0x2E || text[i] == 0x2D), i + 1 < word.upperBound, isDigit(text[i + 1]) {
                    i += 2
                } else if text[i] == 0x2C, i + 3 < word.upperBound,
                          isDigit(text[i + 1]), isDigit(text[i + 2]), isDigit(text[i + 3]),
                          i + 4 >= word.upperBound || !isDigit(text[i + 4]) {
                    // 1,234: a thousands separator.
                    i += 4
                } else {
                    break
                }
            }
            // `4.无正当理由…`: a label's enumerator (the label broke over lines), not a cell.
            let isEnumerator = start == word.lowerBound && i - start <= 2 && i + 1 < word.upperBound
                && (text[i] == 0x2E || (text[i] == 0xE3 && i + 2 < word.upperBound && text[i + 1] == 0x80 && text[i + 2] == 0x81))
                && text[i + 1] >= 0x80
            if !isEnumerator { out.append(.number(start..<i)) }
        }
    }
}
