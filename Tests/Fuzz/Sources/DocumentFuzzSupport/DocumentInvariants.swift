import HanCore
import HanDocument
import HanExtract

/// The invariants every document a reader returns keeps, checked by the HTML and DOCX fuzzers:
/// the canonical text is valid UTF-8 with no blank line and no NUL; every grid is rectangular and
/// every cell span lies in the text; the extractor's spans slice the canonical text to their `text`.
public enum DocumentInvariants {
    nonisolated(unsafe) static var extractor: Extractor? = nil

    public static func check(_ document: CanonicalDocument) {
        let text = document.text
        precondition(String(validating: text, as: UTF8.self) != nil, "canonical text is not UTF-8")
        precondition(!text.contains(0), "canonical text holds a NUL")
        var previous: UInt8 = 0x0A
        for byte in text {
            precondition(!(byte == 0x0A && previous == 0x0A), "canonical text has a blank line")
            previous = byte
        }
        for grid in document.grids {
            let width = grid.rows.first?.count ?? 0
            precondition(grid.span.end <= text.count, "grid span outside the text")
            for row in grid.rows {
                precondition(row.count == width, "grid is not rectangular")
                for cell in row { precondition(cell.span.start <= cell.span.end && cell.span.end <= text.count, "cell span outside the text") }
            }
            for row in grid.sourceRows {
                for span in row { precondition(span.end <= text.count, "printed cell span outside the text") }
            }
        }
        if extractor == nil { extractor = try? Extractor() }
        guard let extractor else { return }
        let record = extractor.extract(canonical: document, original: text, path: "fuzz")
        var spans: [(String, Span)] = []
        let c = record.contacts
        spans += c.addresses.map { ($0.text, $0.span) } + c.postcodes.map { ($0.text, $0.span) } + c.phones.map { ($0.text, $0.span) }
        spans += record.dates.map { ($0.text, $0.span) } + record.counts.map { ($0.text, $0.span) }
        spans += record.problems.map { ($0.text, $0.span) } + record.measures.map { ($0.text, $0.span) }
        for (value, span) in spans {
            precondition(span.end <= text.count && span.slice(text) == value, "field \(value) is not the bytes at \(span)")
        }
        for cell in record.tables?.longForm ?? [] {
            if let span = cell.span { precondition(span.end <= text.count, "table cell span outside the text") }
        }
    }
}
