import ArgumentParser
import Foundation
import HanCore
import HanDocument
import HanExtract
import HanPrint
import HanText

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract one typed record per report (SPEC.md): profile, agency, year, contacts, dates, counts, tables …",
        discussion: """
        Reads the FILEs and the .txt .html .htm .shtml .pdf .docx files under each DIR
        (recursively, in name order; --glob to choose others), or standard input when none is
        given. The format is sniffed from the bytes; HTML, PDF and DOCX are read into their
        canonical text (blocks on lines, table cells separated by tabs), which the spans index.
        .doc, .wps, .xls and images are named and counted as skipped. Links to files are read,
        links to folders only with --follow; FIFOs, sockets and devices in a folder are skipped
        with a warning, and a document over --max-bytes is refused by name. Every value carries the byte span
        of its text in the decoded original, so it can be found again.

        A document that cannot be read or decoded is reported on standard error, naming it and
        the byte offset, and the run goes on; the exit status is then 1.

        Examples:
          hanmine extract Corpus/ --format pretty
          hanmine extract reports/ --jobs 2 > records.jsonl
          hanmine extract --encoding gbk old-report.txt
          cat report.txt | hanmine extract --format json
        """
    )

    @Argument(help: "Files and folders to read ('-' for standard input).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: jsonl (one record a line), json (an array), pretty (a summary for a person).")
    var format: RecordFormat = .jsonl

    @Option(name: .long, help: ArgumentHelp("Which files to take from folders (shell pattern on the file name; default: the formats HanMine reads).", valueName: "pattern"))
    var glob: String?

    @Flag(name: .long, help: "Do not read traditional characters as simplified.")
    var noT2s = false

    @Flag(name: .long, help: "Walk into symbolic links to folders (each folder once; links to files are always read).")
    var follow = false

    @OptionGroup var input: InputOptions
    @OptionGroup var limits: DocumentLimitOptions

    func run() throws {
        let walk = InputWalker(glob: glob, follow: follow).walk(paths.isEmpty ? ["-"] : paths)
        for skipped in walk.skipped { printError("hanmine: warning: \(skipped)") }
        let missing = walk.missing + walk.failures
        for error in missing { printError("hanmine: \(error)") }
        let inputs = walk.documents
        let options = ExtractionOptions(decoding: input.decoding, traditionalToSimplified: !noT2s)
        let jobs = max(1, min(input.workerCount, max(1, inputs.count)))
        let pool = try WorkerPool(count: jobs) { try Extractor(options: options) }
        let maxBytes = limits.maxBytes
        let loader = DocumentLoader(options: input.decoding)
        var skipped = SkippedFormats()
        let sink = OutputSink()
        let renderer = RecordRenderer(format: format)
        var failed = !missing.isEmpty
        var first = true
        if format == .json { try sink.write("[") }
        let batchSize = 32 * jobs
        var start = 0
        while start < inputs.count {
            let batch = Array(inputs[start..<min(inputs.count, start + batchSize)])
            start += batch.count
            let results = parallelMap(batch, jobs: jobs) { path -> Result<[UInt8], HanError> in
                pool.with { extractor in
                    do throws(HanError) {
                        let name = path == "-" ? "<stdin>" : path
                        let bytes = try ByteSource(path: path, blockSize: 1 << 16).readAll(limit: maxBytes)
                        let document = try loader.load(bytes, name: name)
                        let record = extractor.extract(canonical: document, original: bytes, path: name)
                        return .success(renderer.render(record))
                    } catch {
                        return .failure(error.located(at: path == "-" ? "<stdin>" : path))
                    }
                }
            }
            for result in results {
                switch result {
                case .success(let bytes):
                    if format == .json { try sink.write(first ? "\n" : ",\n") }
                    try sink.write(bytes)
                    first = false
                case .failure(let error):
                    try sink.flush()
                    printError("hanmine: \(error)")
                    if !skipped.count(error) { failed = true }
                }
            }
        }
        if format == .json { try sink.write(first ? "]\n" : "\n]\n") }
        try sink.flush()
        if let line = skipped.summary { printError("hanmine: \(line)") }
        if failed { throw ExitCode.failure }
    }
}

enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, json, pretty
}

/// Renders records: JSON (one line) or a readable summary.
struct RecordRenderer: Sendable {
    let format: RecordFormat

    func render(_ record: Record) -> [UInt8] {
        switch format {
        case .jsonl, .json:
            var bytes = RecordJSON.encode(record)
            if format == .jsonl { bytes.append(0x0A) }
            return bytes
        case .pretty:
            return Array(RecordSummary.render(record).utf8)
        }
    }
}

/// `--format pretty`: what a person wants to see at a terminal, one block per document.
enum RecordSummary {
    static func render(_ record: Record) -> String {
        var lines: [String] = []
        let source = record.source
        lines.append("\(source.path)  (\(source.encoding), \(source.bytes) bytes, \(record.profile.rawValue))")
        func row(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("  " + label.padding(toLength: 10, withPad: " ", startingAt: 0) + oneLine(value))
        }
        row("title", record.title)
        row("agency", record.agency)
        if record.agencyCanonical != record.agency { row("canonical", record.agencyCanonical) }
        row("year", record.year.map(String.init))
        row("period", record.period.map { "\($0.start) – \($0.end)" })
        row("published", record.published)
        row("page", record.sourceURL)
        let contacts = record.contacts
        row("address", contacts.addresses.map { $0.text.split(whereSeparator: \.isNewline).joined() }.joined(separator: "; "))
        row("postcode", contacts.postcodes.map(\.text).joined(separator: "; "))
        row("phone", contacts.phones.map { "\($0.text) (\($0.value))" }.joined(separator: "; "))
        row("fax", contacts.faxes.map { "\($0.text) (\($0.value))" }.joined(separator: "; "))
        row("email", contacts.emails.map(\.text).joined(separator: "; "))
        row("url", contacts.urls.map(\.text).joined(separator: "; "))
        row("doc no.", record.docNumbers.map(\.text).joined(separator: "; "))
        if !record.dates.isEmpty {
            row("dates", "\(record.dates.count): " + record.dates.prefix(6).map { date in
                switch date.value {
                case .point(let value): return "\(date.text) = \(value)"
                case .interval(let start, let end): return "\(date.text) = \(start)…\(end)"
                }
            }.joined(separator: ", ") + (record.dates.count > 6 ? ", …" : ""))
        }
        if !record.counts.isEmpty {
            row("counts", "\(record.counts.count): " + record.counts.prefix(6).map { count in
                "\(count.subject.map { $0 + " " } ?? "")\(compactNumber(count.value))\(count.approximate ? "+" : "")\(count.unit)"
            }.joined(separator: ", ") + (record.counts.count > 6 ? ", …" : ""))
        }
        row("money", record.money.map { "\($0.text) = \(compactNumber($0.yuan)) yuan" }.joined(separator: "; "))
        if !record.titles.isEmpty {
            row("titles", "\(record.titles.count): " + record.titles.prefix(3).map(\.text).joined(separator: " ") + (record.titles.count > 3 ? " …" : ""))
        }
        row("fields", FieldKind.all.compactMap { kind in
            let count = kind.rows(record).count
            return count == 0 ? nil : "\(count) \(kind.plural)"
        }.joined(separator: ", "))
        lines += outline(record)
        if record.tables != nil {
            let failed = record.checks.filter { $0.ok == false }
            let passed = record.checks.filter { $0.ok == true }.count
            let unknown = record.checks.count - passed - failed.count
            let cells = record.tables?.longForm.filter { $0.value != nil }.count ?? 0
            row("tables", "\(cells) cells; checks \(passed) ok, \(failed.count) failed"
                + (unknown > 0 ? ", \(unknown) not evaluable (cells missing)" : "")
                + (failed.isEmpty ? "" : " (failed: " + failed.prefix(3).map(\.rule).joined(separator: ", ") + ")"))
        }
        if let tables = record.tables {
            for (name, table) in [("proactive", tables.proactive), ("applications", tables.applications),
                                  ("review_litigation", tables.reviewLitigation)] {
                guard let table else { continue }
                lines.append(contentsOf: grid(name, table))
            }
        }
        if !record.warnings.isEmpty {
            row("warnings", record.warnings.prefix(4).map(\.code).joined(separator: ", ") + (record.warnings.count > 4 ? ", …" : ""))
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// The outline, one heading a line indented by level with its role, and each problem and
    /// measure under the deepest heading whose section holds it.
    static func outline(_ record: Record) -> [String] {
        let items = record.problems.map { ("problem", $0) } + record.measures.map { ("measure", $0) }
        var placed = Set<Int>()
        var lines: [String] = []
        func itemLines(_ chosen: [Int], indent: String) {
            for index in chosen {
                let (kind, item) = items[index]
                lines.append(indent + "\(kind) \(item.index). " + oneLine(item.text, limit: 60))
                placed.insert(index)
            }
        }
        func walk(_ section: Section) {
            let indent = "    " + String(repeating: "  ", count: section.level - 1)
            let heading = oneLine(section.heading, limit: 30)
            let pad = max(1, 36 - DisplayWidth.of(indent + heading))
            lines.append(indent + heading + String(repeating: " ", count: pad) + section.role.rawValue)
            for child in section.children { walk(child) }
            let mine = items.indices.filter { !placed.contains($0) && section.span.contains(items[$0].1.span) }
            itemLines(mine, indent: indent + "    ")
        }
        if !record.sections.isEmpty { lines.append("  outline") }
        for section in record.sections { walk(section) }
        let rest = items.indices.filter { !placed.contains($0) }
        if !rest.isEmpty { lines.append("  items outside the outline") }
        itemLines(rest, indent: "    ")
        return lines
    }

    /// A value on one line: line breaks and tabs as spaces, cut at `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = oneLine(text)
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }

    /// A value on one line: line breaks, tabs and other control characters read as one space
    /// (a PDF's hard wraps inside a title or an item would break the block).
    static func oneLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                if !lastWasSpace { out.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = scalar == " "
            }
        }
        return out
    }

    /// A statistical table as a grid: one line per row, its cells in template column order
    /// (`·` where the document leaves the cell blank).
    static func grid(_ name: String, _ table: Table) -> [String] {
        var columns: [String] = []
        for row in table.rows { for cell in row.cells where !columns.contains(cell.column) { columns.append(cell.column) } }
        let labelWidth = max(12, table.rows.map(\.name.count).max() ?? 0) + 2
        var widths = columns.map { max($0.count, 1) }
        for row in table.rows {
            for cell in row.cells {
                if let index = columns.firstIndex(of: cell.column) {
                    widths[index] = max(widths[index], cell.value.map(compactNumber)?.count ?? 1)
                }
            }
        }
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var out = ["  table     \(name)"]
        out.append("    " + "".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                   + columns.indices.map { pad(columns[$0], widths[$0]) }.joined(separator: " "))
        for row in table.rows {
            let values = columns.indices.map { index -> String in
                let cell = row.cells.first { $0.column == columns[index] }
                return pad(cell?.value.map(compactNumber) ?? "·", widths[index])
            }
            out.append("    " + row.name.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + values.joined(separator: " "))
        }
        return out
    }

    static func compactNumber(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
