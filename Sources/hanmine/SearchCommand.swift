import ArgumentParser
import HanCore
import HanStore
#if canImport(Glibc)
import Glibc
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find words in the corpus: ranked documents with keyword-in-context lines.",
        discussion: """
        Looks the words up in the full-text index (HanMine's tokenizer: 行政复议 is found inside
        行政复议决定 and 信息公开 inside 政府信息公开工作, but 行政 is not found inside 发行政策,
        where it is not a word). Several words separated by spaces must all occur. Documents
        with the most occurrences come first (--rank bm25 for SQLite's BM25, which is slower on a
        word most documents have); each comes with its lines in context around the exact bytes,
        highlighted on a terminal. Only the current version of each document is searched.

        --substring finds the exact characters anywhere instead (a scan of every text, in
        document order: slower on a large corpus, but it finds what no tokenizer would call a
        word, and punctuation).

        Examples:
          hanmine search 行政复议
          hanmine search 行政复议 --year 2023 --limit 5
          hanmine search 依申请公开 --agency 某市人民政府办公室 --format jsonl
          hanmine search "不予公开 国家秘密" --profile gov-disclosure-2021
          hanmine search --substring "（七）总计"
        """
    )

    @Argument(help: "The words to find (all of them, in any order).")
    var words: [String]

    @Option(name: .long, help: "Only documents reporting on this year.")
    var year: Int?

    @Option(name: .long, help: "Only documents of this agency (as the document names it).")
    var agency: String?

    @Option(name: .long, help: "Only documents of this profile (gov-disclosure-2021, gov-disclosure-2019, gov-disclosure-legacy, generic).")
    var profile: String?

    @Option(name: .long, help: "The most documents to show.")
    var limit = 20

    @Option(name: .long, help: "Context lines per document (0: one row per document, without context).")
    var lines = 3

    @Option(name: .long, help: "Characters of context on each side.")
    var context = 20

    @Flag(name: .long, help: "Exact substring search (instr over the texts) instead of the word index.")
    var substring = false

    enum Rank: String, ExpressibleByArgument, CaseIterable { case occurrences, bm25 }

    @Option(name: .long, help: "Order of word hits: occurrences (most first, the default) or bm25.")
    var rank: Rank = .occurrences

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func validate() throws {
        if words.isEmpty { throw ValidationError("name a word to search for") }
        try checkRange(limit, "--limit", 1...Int.max)
        try checkRange(lines, "--lines", 0...Int.max)
        try checkRange(context, "--context", 0...10_000)
        try checkRange(year, "--year", yearRange)
    }

    func run() throws {
        let corpus = try store.open(.readOnly)
        var request = SearchRequest(query: words.joined(separator: " "), mode: substring ? .substring : .words,
                                    year: year, agency: agency, profile: profile, limit: limit,
                                    contextCharacters: context, linesPerDocument: lines)
        request.ranking = rank == .bm25 ? .bm25 : .occurrences
        let hits = try corpus.search(request)
        let format = output.resolved
        let writer = TableWriter(format: format)
        writer.maximumCellWidth = 200
        let highlight = format == .table && isatty(1) == 1
        if format == .table {
            try writer.start(columns: ["#", "path", "year", "agency", "hits", "left", "match", "right"])
            for (rank, hit) in hits.enumerated() {
                for (index, line) in Self.shown(hit, lines: lines).enumerated() {
                    let first = index == 0
                    let match = highlight ? Highlight.match(line?.match ?? "") : line?.match ?? ""
                    try writer.row([first ? .integer(Int64(rank + 1)) : .null,
                                    first ? .text(Self.shortPath(hit.path)) : .null,
                                    first ? (hit.year.map { .integer(Int64($0)) } ?? .null) : .null,
                                    first ? (hit.agency.map { .text($0) } ?? .null) : .null,
                                    first ? .integer(Int64(hit.occurrences.count)) : .null,
                                    .text(line?.left ?? ""), .text(line?.match ?? ""), .text(line?.right ?? "")],
                                   display: [nil, nil, nil, nil, nil, Self.rightAligned(line?.left ?? "", context), match, nil])
                }
            }
        } else {
            try writer.start(columns: ["rank", "document_id", "path", "year", "agency", "profile", "score", "hits",
                                       "start", "end", "left", "match", "right"])
            for (rank, hit) in hits.enumerated() {
                for line in Self.shown(hit, lines: lines) {
                    try writer.row([.integer(Int64(rank + 1)), .integer(hit.documentID), .text(hit.path),
                                    hit.year.map { .integer(Int64($0)) } ?? .null, hit.agency.map { .text($0) } ?? .null,
                                    .text(hit.profile), hit.score.map { .real($0) } ?? .null,
                                    .integer(Int64(hit.occurrences.count)),
                                    line.map { .integer(Int64($0.span.start)) } ?? .null, line.map { .integer(Int64($0.span.end)) } ?? .null,
                                    line.map { .text($0.left) } ?? .null, line.map { .text($0.match) } ?? .null,
                                    line.map { .text($0.right) } ?? .null])
                }
            }
        }
        try writer.finish()
        if hits.isEmpty { throw ExitCode.failure }
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
