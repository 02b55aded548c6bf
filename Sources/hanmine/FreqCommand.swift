import ArgumentParser
import HanCore
import HanSegment
import HanStore

struct FreqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freq",
        abstract: "Word frequencies over the corpus, from HanMine's tokenizer, overall or by year or agency.",
        discussion: """
        Tokenizes the current version of every document (with the report lexicon, so 政府信息公开
        counts as one word) on all cores and counts the words. Punctuation, spaces and stop words
        (的, 和, 在, 对, …) are left out, and numbers unless --kind number or --kind all asks for
        them. `count` is the number of occurrences, `documents` the number of documents with the
        word. One document per report: copies of a report captured twice are left out
        (--all-copies counts them); --by agency groups by the canonical agency name.

        Exit status: 0 words listed, 1 nothing to count or an error, 2 usage.

        Examples:
          hanmine freq --top 20
          hanmine freq --by year --top 10 --kind han
          hanmine freq --by agency --year 2023 --format csv > words.csv
        """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case year, agency }
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case words, all, han, number, latin
        func accepts(_ kind: TokenKind) -> Bool {
            switch self {
            case .words: return kind == .han || kind == .latin
            case .all: return kind == .han || kind == .number || kind == .chineseNumeral || kind == .latin
            case .han: return kind == .han
            case .number: return kind == .number || kind == .chineseNumeral
            case .latin: return kind == .latin
            }
        }
    }

    @Option(name: .long, help: "Count per year or per agency instead of over the whole corpus.")
    var by: Grouping?

    @Option(name: .long, help: "Words to show (per group with --by), at least 1.")
    var top = 20

    @Option(name: .long, help: "Which tokens: words (Han and Latin words, the default), han, latin, number (numbers and Chinese numerals), all.")
    var kind: Kind = .words

    @Option(name: .long, help: "Only documents reporting on this year.")
    var year: Int?

    @Option(name: .long, help: "Only documents of this profile.")
    var profile: String?

    @Flag(name: .long, help: "Count stop words too.")
    var keepStopWords = false

    @Option(name: .long, help: ArgumentHelp("Worker threads, 1 to 256 (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        try checkRange(top, "--top", 1...Int.max)
        try checkRange(year, "--year", yearRange)
        try checkRange(jobs, "--jobs", workerRange)
    }

    @OptionGroup var copies: CopiesOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    /// Per-document counts: occurrences of each word.
    struct DocumentCounts { var group: String; var words: [String: Int] }

    func run() throws {
        let corpus = try store.open(.readOnly)
        var filters = "d.is_current = 1 AND \(copies.condition)"
        var arguments: [StoreValue] = []
        if let year { filters += " AND d.year = ?"; arguments.append(.integer(Int64(year))) }
        if let profile { filters += " AND d.profile = ?"; arguments.append(.text(profile)) }
        let groupColumn = by == .year ? "d.year" : by == .agency ? "coalesce(d.agency_canonical, d.agency)" : "NULL"
        let sql = "SELECT \(groupColumn), t.body FROM documents d JOIN texts t ON t.document_id = d.id WHERE \(filters) ORDER BY d.id"
        let workers = max(1, jobs ?? coreCount())
        let pool = try WorkerPool(count: workers) { try Tokenizer() }
        let kind = self.kind
        let keepStopWords = self.keepStopWords
        var occurrences: [String: [String: Int]] = [:]
        var documents: [String: [String: Int]] = [:]
        var pending: [(String, String)] = []

        func flush() {
            let counted = parallelMap(pending, jobs: workers) { group, body in
                pool.with { tokenizer in Self.count(body, group: group, tokenizer: tokenizer, kind: kind, keepStopWords: keepStopWords) }
            }
            for document in counted {
                var groupOccurrences = occurrences[document.group, default: [:]]
                var groupDocuments = documents[document.group, default: [:]]
                for (word, count) in document.words {
                    groupOccurrences[word, default: 0] += count
                    groupDocuments[word, default: 0] += 1
                }
                occurrences[document.group] = groupOccurrences
                documents[document.group] = groupDocuments
            }
            pending.removeAll(keepingCapacity: true)
        }

        try corpus.forEachRow(sql, arguments: arguments) { _, row in
            let group: String
            switch row[0] {
            case .null: group = by == nil ? "" : "(unknown)"
            default: group = row[0].description
            }
            if case .text(let body) = row[1] { pending.append((group, body)) }
            if pending.count >= 256 * workers { flush() }
        }
        flush()

        let writer = TableWriter(format: output.resolved)
        var columns = ["rank", "word", "count", "documents"]
        if let by { columns.insert(by.rawValue, at: 0) }
        try writer.start(columns: columns)
        let groups = occurrences.keys.sorted { a, b in
            if by == .year { return (Int(a) ?? Int.max) < (Int(b) ?? Int.max) }
            return a < b
        }
        for group in groups {
            let counts = occurrences[group]!
            let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top)
            for (rank, entry) in ranked.enumerated() {
                var row: [StoreValue] = [.integer(Int64(rank + 1)), .text(entry.key), .integer(Int64(entry.value)),
                                         .integer(Int64(documents[group]?[entry.key] ?? 0))]
                if by != nil { row.insert(by == .year ? (Int64(group).map { .integer($0) } ?? .text(group)) : .text(group), at: 0) }
                try writer.row(row)
            }
        }
        try writer.finish()
        if groups.isEmpty { throw ExitCode.failure }
    }

    static func count(_ body: String, group: String, tokenizer: Tokenizer, kind: Kind, keepStopWords: Bool) -> DocumentCounts {
        let text = Array(body.utf8)
        var words: [String: Int] = [:]
        text.withUnsafeBufferPointer { buffer in
            for token in tokenizer.tokenize(text) where kind.accepts(token.kind) {
                let word = tokenizer.normalizedForm(buffer, token.span) ?? token.span.slice(text)
                if !keepStopWords, StopWords.chinese.contains(word) { continue }
                words[word, default: 0] += 1
            }
        }
        return DocumentCounts(group: group, words: words)
    }
}
