import ArgumentParser
import HanCore
import HanStore
#if canImport(Glibc)
import Glibc
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find text in the corpus: ranked documents with keyword-in-context lines.",
        discussion: """
        Finds every document whose folded text contains the query: traditional characters read
        as simplified, full-width as half-width, Latin letters in any case (行政復議 finds 行政复议,
        ＣＯＶＩＤ finds covid), whatever the word segmentation did around it. Several pieces
        separated by spaces must all occur. Documents with the most occurrences come first
        (--rank bm25 for SQLite's BM25, slower on a word most documents have); each comes with its
        lines in context around the original bytes, highlighted on a terminal. Only the current
        version of each document is searched; every document is listed once, with the other paths
        of the same bytes in `aliases` and copies of one report marked with `copy_of` (the
        primary's document id).

        --word keeps word boundaries: 行政 is then not found inside 发行政策, where it is no word
        (HanMine's tokenizer at its finest grain; 信息公开 is still found inside 政府信息公开工作).
        --substring finds the exact bytes as printed, without folding (a scan of every text).

        --agency takes any piece of a name: it matches every document of a body one of whose
        names contains it (`hanmine agencies` lists the bodies and their names).

        \(GrepStatus.help)

        Examples:
          hanmine search 行政复议
          hanmine search 行政复议 --year 2023 --limit 5
          hanmine search 依申请公开 --agency 东宝区 --format jsonl
          hanmine search 行政 --word
          hanmine search "不予公开 国家秘密" --profile gov-disclosure-2021
          hanmine search --substring "（七）总计"
        """
    )

    @Argument(help: "The text to find (pieces separated by spaces must all occur).")
    var words: [String]

    @Option(name: .long, help: "Only documents reporting on this year.")
    var year: Int?

    @Option(name: .long, help: "Only documents of a body one of whose names contains this (canonical names and aliases).")
    var agency: String?

    @OptionGroup var section: SectionOption

    @Option(name: .long, help: "Only documents of this profile (gov-disclosure-2021, gov-disclosure-2019, gov-disclosure-legacy, generic).")
    var profile: String?

    @Option(name: .long, help: "The most documents to show.")
    var limit = 20

    @Option(name: .long, help: "Context lines per document (0: one row per document, without context).")
    var lines = 3

    @Option(name: .long, help: "Characters of context on each side.")
    var context = 20

    @Flag(name: .long, help: "Whole words only (the word index): 行政 not inside 发行政策.")
    var word = false

    @Flag(name: .long, help: "Exact substring search (instr over the texts, no folding) instead of the index.")
    var substring = false

    enum Rank: String, ExpressibleByArgument, CaseIterable { case occurrences, bm25 }

    @Option(name: .long, help: "Order of hits: occurrences (most first, the default) or bm25.")
    var rank: Rank = .occurrences

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func validate() throws {
        if words.isEmpty { throw ValidationError("name a word to search for") }
        try checkRange(limit, "--limit", 1...Int.max)
        try checkRange(lines, "--lines", 0...Int.max)
        try checkRange(context, "--context", 0...10_000)
        try checkRange(year, "--year", yearRange)
        if word && substring { throw ValidationError("--word and --substring exclude each other") }
    }

    func run() throws {
        try GrepStatus.run { try search() }
    }

    private func search() throws -> Int {
        let corpus = try store.open(.readOnly)
        var request = SearchRequest(query: words.joined(separator: " "),
                                    mode: substring ? .substring : word ? .words : .folded,
                                    year: year, agency: agency, profile: profile, limit: limit,
                                    contextCharacters: context, linesPerDocument: lines)
        request.ranking = rank == .bm25 ? .bm25 : .occurrences
        request.filters.section = section.filter
        let hits = try corpus.search(request)
        let format = output.resolved
        let writer = TableWriter(format: format)
        writer.maximumCellWidth = 200
        let highlight = format == .table && isatty(1) == 1
        if format == .table {
            try writer.start(columns: ["#", "path", "year", "agency", "hits", "copy_of", "left", "match", "right"])
            for (rank, hit) in hits.enumerated() {
                for (index, line) in Self.shown(hit, lines: lines).enumerated() {
                    let first = index == 0
                    let match = highlight ? Highlight.match(line?.match ?? "") : line?.match ?? ""
                    try writer.row([first ? .integer(Int64(rank + 1)) : .null,
                                    first ? .text(Self.shortPath(hit.path)) : .null,
                                    first ? (hit.year.map { .integer(Int64($0)) } ?? .null) : .null,
                                    first ? (hit.agencyCanonical.map { .text($0) } ?? .null) : .null,
                                    first ? .integer(Int64(hit.occurrences.count)) : .null,
                                    first ? (hit.copyOf.map { .integer($0) } ?? .null) : .null,
                                    .text(line?.left ?? ""), .text(line?.match ?? ""), .text(line?.right ?? "")],
                                   display: [nil, nil, nil, nil, nil, nil, Self.rightAligned(line?.left ?? "", context), match, nil])
                }
            }
        } else {
            try writer.start(columns: ["rank", "document_id", "path", "year", "agency", "agency_canonical", "profile", "score",
                                       "hits", "copy_of", "aliases", "start", "end", "left", "match", "right"])
            for (rank, hit) in hits.enumerated() {
                for line in Self.shown(hit, lines: lines) {
                    try writer.row([.integer(Int64(rank + 1)), .integer(hit.documentID), .text(hit.path),
                                    hit.year.map { .integer(Int64($0)) } ?? .null, hit.agency.map { .text($0) } ?? .null,
                                    hit.agencyCanonical.map { .text($0) } ?? .null,
                                    .text(hit.profile), hit.score.map { .real($0) } ?? .null,
                                    .integer(Int64(hit.occurrences.count)), hit.copyOf.map { .integer($0) } ?? .null,
                                    hit.aliases.isEmpty ? .null : .text(hit.aliases.joined(separator: "|")),
                                    line.map { .integer(Int64($0.span.start)) } ?? .null, line.map { .integer(Int64($0.span.end)) } ?? .null,
                                    line.map { .text($0.left) } ?? .null, line.map { .text($0.match) } ?? .null,
                                    line.map { .text($0.right) } ?? .null])
                }
            }
        }
        try writer.finish()
        return hits.count
    }

    /// The lines to print for a hit: with `--lines 0`, one row for the document, empty context.
    static func shown(_ hit: SearchHit, lines: Int) -> [ConcordanceLine?] {
        lines > 0 ? hit.lines : [nil]
    }

    /// The left context padded on the left, so the matches line up in one column.
    static func rightAligned(_ text: String, _ context: Int) -> String {
        String(repeating: " ", count: max(0, 2 * context - DisplayWidth.of(text))) + text
    }

    /// A path relative to the current folder when it is under it.
    static func shortPath(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
