import ArgumentParser
import Foundation
import HanCore
import HanDocument
import HanExtract
import HanPrint
import HanText

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a document's canonical text (what every span indexes), its extracted fields marked.",
        discussion: """
        HTML, PDF and DOCX are read into their canonical text: blocks and table rows on their own
        lines, cells separated by tabs. `--format text` (the default) prints it with every field
        the extractor found marked (in colour on a terminal, ⟦…⟧ otherwise; `--plain` for the bare
        text); `--format html` writes one HTML page with the tables drawn as tables.

        Examples:
          hanmine show report.html | less -R
          hanmine show report.docx --plain > report.txt
          hanmine show report.html --format html > page.html
        """
    )

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case text, html }

    @Argument(help: "The document to show.")
    var path: String

    @Option(name: .long, help: "text (canonical text, fields marked) or html (one page, tables drawn).")
    var format: ShowFormat = .text

    @Flag(name: .long, help: "The canonical text alone, nothing marked.")
    var plain = false

    @OptionGroup var input: InputOptions

    func run() throws {
        let bytes: [UInt8]
        let document: CanonicalDocument
        do throws(HanError) {
            bytes = try ByteSource(path: path, blockSize: 1 << 16).readAll()
            document = try DocumentLoader(options: input.decoding).load(bytes, name: path)
        } catch {
            printError("hanmine: \(error.located(at: path))")
            throw ExitCode.failure
        }
        let sink = OutputSink()
        if plain {
            try sink.write(document.text)
            try sink.flush()
            return
        }
        let record = try Extractor(options: ExtractionOptions(decoding: input.decoding)).extract(canonical: document, original: bytes, path: path)
        let marks = FieldMarks.spans(of: record)
        switch format {
        case .text:
            try sink.write(FieldMarks.markedText(document.text, marks: marks, colour: isatty(STDOUT_FILENO) == 1))
        case .html:
            try sink.write(Array(FieldMarks.htmlPage(document, marks: marks, title: record.title ?? path).utf8))
        }
        try sink.flush()
    }
}
