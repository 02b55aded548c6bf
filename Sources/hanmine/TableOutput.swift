import ArgumentParser
import HanCore
import HanPrint
import HanStore
#if canImport(Glibc)
import Glibc
#endif

/// How the corpus commands print rows.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for a person (the default on a terminal).
    case table
    /// RFC 4180 CSV with a header row (pandas `read_csv`, R `read.csv`).
    case csv
    /// Tab-separated with a header row; tabs, line breaks and backslashes escaped as \t \n \\.
    case tsv
    /// One JSON object a line, typed values (jq, pandas `read_json(lines=True)`).
    case jsonl
}

/// `--format` for the corpus commands: a table on a terminal, TSV in a pipe unless asked.
struct TableFormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv, tsv or jsonl (default: table on a terminal, tsv in a pipe).")
    var format: TableFormat?

    var resolved: TableFormat { format ?? (isatty(1) == 1 ? .table : .tsv) }
}

/// Writes rows in one of the `TableFormat`s. Rows stream straight out, except for `table`,
/// which needs every row to size its columns.
final class TableWriter {
    let format: TableFormat
    let sink: OutputSink
    private var columns: [String] = []
    private var buffered: [[String]] = []
    private var headerWritten = false
    /// The widest a cell may print in table format (longer text is cut with …).
    var maximumCellWidth = 60
    /// Columns printed right-aligned in table format (numbers).
    private var numeric: [Bool] = []

    init(format: TableFormat, sink: OutputSink = OutputSink()) {
        self.format = format
        self.sink = sink
    }

    func start(columns: [String]) throws(HanError) {
        self.columns = columns
        numeric = Array(repeating: true, count: columns.count)
        switch format {
        case .table: break
        case .csv: try sink.write(columns.map(Self.csvField).joined(separator: ",") + "\n")
        case .tsv: try sink.write(columns.map(Self.tsvField).joined(separator: "\t") + "\n")
        case .jsonl: break
        }
        headerWritten = true
    }

    /// `display` replaces a value's text in table format only (e.g. with highlighting).
    func row(_ values: [StoreValue], display: [String?]? = nil) throws(HanError) {
        switch format {
        case .table:
            for (index, value) in values.enumerated() where index < numeric.count {
                switch value {
                case .integer, .real, .null: break
                default: numeric[index] = false
                }
            }
            buffered.append(values.enumerated().map { index, value in
                display?[index] ?? Self.truncated(value.description.replacingControlCharacters, to: maximumCellWidth)
            })
        case .csv:
            try sink.write(values.map { Self.csvField($0.description) }.joined(separator: ",") + "\n")
        case .tsv:
            try sink.write(values.map { Self.tsvField($0.description) }.joined(separator: "\t") + "\n")
        case .jsonl:
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.append(index < columns.count ? columns[index] : "column\(index)", to: &out)
                out.append(UInt8(ascii: ":"))
                switch value {
                case .null: out.append(contentsOf: "null".utf8)
                case .integer(let number): out.append(contentsOf: String(number).utf8)
                case .real(let number): out.append(contentsOf: (number.isFinite ? value.description : "null").utf8)
                case .text(let text): JSONString.append(text, to: &out)
                case .blob: JSONString.append(value.description, to: &out)
                }
            }
            out.append(contentsOf: "}\n".utf8)
            try sink.write(out)
        }
    }

    func finish() throws(HanError) {
        if format == .table, !columns.isEmpty {
            var widths = columns.map(DisplayWidth.of)
            for row in buffered {
                for (index, cell) in row.enumerated() where index < widths.count {
                    widths[index] = max(widths[index], DisplayWidth.of(cell))
                }
            }
            func line(_ cells: [String], header: Bool) -> String {
                var parts: [String] = []
                for (index, cell) in cells.enumerated() {
                    let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
                    let isLast = index == cells.count - 1
                    if !header, numeric[index] { parts.append(pad + cell) } else { parts.append(isLast ? cell : cell + pad) }
                }
                return parts.joined(separator: "  ")
            }
            try sink.write(line(columns, header: true) + "\n")
            try sink.write(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n")
            for row in buffered { try sink.write(line(row, header: false) + "\n") }
            buffered.removeAll()
        }
        try sink.flush()
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func tsvField(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func truncated(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }
}

extension String {
    /// Line breaks and tabs as spaces, so a cell stays on its line.
    var replacingControlCharacters: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
    }
}

/// Terminal columns a string takes: East Asian wide and full-width characters take two,
/// combining marks none, ANSI colour sequences none.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if inEscape {
                if value == 0x6D { inEscape = false }
                continue
            }
            if value == 0x1B { inEscape = true; continue }
            width += columns(value)
        }
        return width
    }

    static func columns(_ value: UInt32) -> Int {
        switch value {
        case 0..<0x20, 0x7F: return 0
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}

/// `--db` for the corpus commands.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus store (a SQLite file).", valueName: "file"))
    var db = "hanmine.sqlite"

    func open(_ mode: CorpusStore.Mode) throws(HanError) -> CorpusStore {
        try CorpusStore(path: db, mode: mode)
    }
}

/// ANSI styling for a terminal; plain text elsewhere.
enum Highlight {
    static func match(_ text: String) -> String { "\u{1B}[1;31m" + text + "\u{1B}[0m" }
    static func dim(_ text: String) -> String { "\u{1B}[2m" + text + "\u{1B}[0m" }
}
