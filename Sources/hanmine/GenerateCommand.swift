import ArgumentParser
import Foundation
import HanCore
import HanDocument
import HanExtract

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write made-up 政府信息公开工作年度报告 with their gold tables, for tests and benchmarks.",
        discussion: """
        Writes DIR/raw/NNNNNN.txt (the report) and DIR/gold/tables/NNNNNN.json (its three tables
        as SPEC.md, blank cells null) for N reports: made-up agencies, the 2021 or the 2019–2020
        template, numbers that satisfy every check, printed in the layouts real archives hold
        (cell-per-line, tsv, pdf, glued, pipe; cycled in that order). The same --seed gives the
        same reports. The folders match the scorer's: score.py --gold DIR/gold --corpus DIR/raw.
        --faults prints what real converters get wrong (a blank column dropped from a PDF page
        fragment, a page footer inside a row, header cells over several lines, a pipe row missing
        a blank cell's field, rows without labels); the gold stays what the report means.

        Exit status: 0 done, 1 an error (a folder that cannot be written), 2 usage.

        Examples:
          hanmine generate --count 1000 --out /tmp/reports
          hanmine generate --count 50 --out /tmp/glued --layouts glued,pdf --seed 7
          hanmine generate --count 1000 --out /tmp/html --format html
          hanmine generate --count 10000 --out /tmp/faulty --faults all
        """
    )

    @Option(name: .long, help: "How many reports to write.")
    var count: Int

    @Option(name: .long, help: ArgumentHelp("The folder to write into (created if needed).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: "Seed of the random choices.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Layouts to use: all, or a comma-separated list of cell-per-line, tsv, pdf, glued, pipe.",
                                            valueName: "list"))
    var layouts = "all"

    enum FileFormat: String, ExpressibleByArgument, CaseIterable { case text, html, docx }

    @Option(name: .long, help: ArgumentHelp("File format: text, or html / docx (Word-style markup with real table cells, rowspan/colspan or vMerge/gridSpan, made from the tsv layout).", valueName: "format"))
    var format: FileFormat = .text

    @Option(name: .long, help: ArgumentHelp(
        "Converter faults to print: none, all, or a comma-separated list of dropped-blank-column, footer-in-row, "
            + "multiline-header, missing-pipe-cell, unlabelled-rows. Each report whose layout shows one gets one in turn.",
        valueName: "list"))
    var faults = "none"

    func validate() throws {
        try checkRange(count, "--count", 0...Int.max)
        _ = try parsedLayouts()
        _ = try parsedFaults()
    }

    func parsedFaults() throws -> [ReportGenerator.Fault] {
        if faults == "none" { return [] }
        if faults == "all" { return ReportGenerator.Fault.allCases }
        return try faults.split(separator: ",").map { name in
            guard let fault = ReportGenerator.Fault(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                let known = ReportGenerator.Fault.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown fault '\(name)' (\(known), all or none)")
            }
            return fault
        }
    }

    func parsedLayouts() throws -> [ReportGenerator.Layout] {
        if layouts == "all" { return ReportGenerator.Layout.allCases }
        return try layouts.split(separator: ",").map { name in
            guard let layout = ReportGenerator.Layout(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown layout '\(name)' (cell-per-line, tsv, pdf, glued, pipe or all)")
            }
            return layout
        }
    }

    struct Gold: Encodable {
        var id: String
        var profile: String
        var layout: String
        var fault: String?
        var agency: String
        var year: Int
        var tables: Tables
        var sourceErrors: [String] = []
        enum CodingKeys: String, CodingKey {
            case id, profile, layout, fault, agency, year, tables
            case sourceErrors = "source_errors"
        }
    }

    func run() throws {
        let generator = ReportGenerator(seed: seed, layouts: format == .text ? try parsedLayouts() : [.tsv],
                                        faults: try parsedFaults())
        let raw = out + "/raw", gold = out + "/gold/tables"
        var status = stat()
        if stat(out, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR {
            throw HanError(.usage, "--out must be a folder, and this is a file; name a new or existing folder", path: out)
        }
        for folder in [raw, gold] {
            // mkdir -p by hand: Foundation's errors read "NSCocoaErrorDomain error 512".
            var prefix = folder.hasPrefix("/") ? "" : "."
            for part in folder.split(separator: "/") {
                prefix += "/" + part
                if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                    throw HanError(.writeFailed, "cannot create the folder: \(String(cString: strerror(errno))); choose another --out", path: prefix)
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let width = max(6, String(max(0, count - 1)).count)
        for index in 0..<count {
            let report = generator.report(index: index)
            let name = String(repeating: "0", count: max(0, width - String(index).count)) + String(index)
            let record = Gold(id: name, profile: report.profile.rawValue, layout: report.layout.rawValue,
                              fault: report.fault?.rawValue, agency: report.agency, year: report.year, tables: report.tables)
            switch format {
            case .text:
                try write(Data(report.text.utf8), to: raw + "/" + name + ".txt")
            case .html:
                let markup = MarkupDocument(tabSeparated: report.text)
                try write(Data(markup.wordHTML(seed: seed &+ UInt64(index)).utf8), to: raw + "/" + name + ".html")
            case .docx:
                try write(Data(try MarkupDocument(tabSeparated: report.text).docx()), to: raw + "/" + name + ".docx")
            }
            try write(try encoder.encode(record), to: gold + "/" + name + ".json")
        }
    }

    func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw HanError(.writeFailed, "cannot write the file (\(String(cString: strerror(errno)))); check the space and permissions of --out", path: path)
        }
    }
}
