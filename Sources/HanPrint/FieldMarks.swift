import HanCore

/// How `hanmine show` marks a record's fields in its document's canonical text.
public enum FieldMarks {
    /// A marked stretch and the kind of field it is (contact, date, count, table …).
    public struct Mark: Sendable, Equatable {
        public var span: Span
        public var kind: String
    }

    /// Every span a record carries, in text order; a span inside an earlier one is dropped so marks never nest.
    public static func spans(of record: Record) -> [Mark] {
        var marks: [Mark] = []
        let contacts = record.contacts
        marks += (contacts.addresses + contacts.postcodes + contacts.emails + contacts.urls).map { Mark(span: $0.span, kind: "contact") }
        marks += (contacts.phones + contacts.faxes).map { Mark(span: $0.span, kind: "contact") }
        marks += record.dates.map { Mark(span: $0.span, kind: "date") }
        marks += record.counts.map { Mark(span: $0.span, kind: "count") }
        marks += record.money.map { Mark(span: $0.span, kind: "money") }
        marks += record.docNumbers.map { Mark(span: $0.span, kind: "doc_number") }
        marks += record.titles.map { Mark(span: $0.span, kind: "title") }
        marks += (record.problems + record.measures).map { Mark(span: $0.span, kind: "item") }
        marks += (record.tables?.longForm ?? []).compactMap { cell in cell.span.map { Mark(span: $0, kind: "cell") } }
        marks.sort { $0.span < $1.span }
        var out: [Mark] = []
        for mark in marks where !mark.span.isEmpty {
            if let last = out.last, mark.span.start < last.span.end { continue }
            out.append(mark)
        }
        return out
    }

    static let colours: [String: String] = [
        "contact": "\u{1B}[36m", "date": "\u{1B}[34m", "count": "\u{1B}[33m", "money": "\u{1B}[35m",
        "doc_number": "\u{1B}[32m", "title": "\u{1B}[32m", "item": "\u{1B}[4m", "cell": "\u{1B}[1;31m",
    ]

    /// The text with each mark in colour (ANSI) or between ⟦ and ⟧.
    public static func markedText(_ text: [UInt8], marks: [Mark], colour: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + marks.count * 8)
        var position = 0
        for mark in marks where mark.span.end <= text.count {
            out += text[position..<mark.span.start]
            out += Array((colour ? colours[mark.kind] ?? "\u{1B}[1m" : "⟦").utf8)
            out += text[mark.span.start..<mark.span.end]
            out += Array((colour ? "\u{1B}[0m" : "⟧").utf8)
            position = mark.span.end
        }
        out += text[min(position, text.count)...]
        return out
    }

    /// One HTML page: the canonical text, its marks as `<mark class=kind>`, and each table grid drawn as a table.
    public static func htmlPage(_ document: CanonicalDocument, marks: [Mark], title: String) -> String {
        let text = document.text
        var markIndex = 0
        func marked(_ span: Span) -> String {
            // The marks inside `span`, escaped.
            var html = ""
            var position = span.start
            while markIndex < marks.count, marks[markIndex].span.end <= span.end {
                let mark = marks[markIndex]
                markIndex += 1
                guard mark.span.start >= position else { continue }
                html += escape(text[position..<mark.span.start])
                html += "<mark class=\"\(mark.kind)\">" + escape(text[mark.span.start..<mark.span.end]) + "</mark>"
                position = mark.span.end
            }
            html += escape(text[position..<span.end])
            return html
        }
        var body = ""
        var position = 0
        let grids = document.grids.filter { $0.depth == 0 }.sorted { $0.span.start < $1.span.start }
        func paragraphs(until end: Int) {
            guard position < end else { return }
            for line in text[position..<end].split(separator: 0x0A, omittingEmptySubsequences: true) {
                let start = line.startIndex
                body += "<p>" + marked(Span(start, line.endIndex)) + "</p>\n"
            }
            position = end
        }
        for grid in grids where grid.span.start >= position {
            paragraphs(until: grid.span.start)
            body += "<table>\n"
            for (r, row) in grid.rows.enumerated() {
                body += "<tr>"
                for (c, cell) in row.enumerated() where cell.isOrigin(row: r, column: c) {
                    var attributes = ""
                    if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
                    if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                    body += "<td\(attributes)>" + marked(cell.span) + "</td>"
                }
                body += "</tr>\n"
            }
            body += "</table>\n"
            position = grid.span.end
            while markIndex < marks.count, marks[markIndex].span.start < position { markIndex += 1 }
        }
        paragraphs(until: text.count)
        return """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>\(escape(Array(title.utf8)[...]))</title>
        <style>
        body { font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.5 }
        table { border-collapse: collapse; margin: 1em 0 } td { border: 1px solid #999; padding: 2px 6px }
        mark { background: #fff3b0 } mark.cell { background: #ffd0d0 } mark.contact { background: #d0f0ff }
        mark.date { background: #d8e0ff } mark.item { background: #e8ffe0 }
        </style></head><body>
        \(body)</body></html>

        """
    }

    static func escape(_ bytes: ArraySlice<UInt8>) -> String {
        var out = ""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
