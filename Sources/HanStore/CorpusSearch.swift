import GRDB
import HanCore

/// A full-text or substring search over the current version of every document.
public struct SearchRequest: Sendable {
    public enum Mode: Sendable {
        /// Whole words through the FTS5 index (`SearchTerms`), ranked by `ranking`.
        case words
        /// The exact bytes anywhere in the text (`instr`), a scan of every text, in document order.
        case substring
    }

    /// How word hits are ordered.
    public enum Ranking: Sendable {
        /// Most occurrences of the words first (`hanmine_rank`, see `SearchRank`); the default.
        case occurrences
        /// SQLite's BM25: length-normalised, but it reads every match's length (slow when a
        /// word is in most documents).
        case bm25
    }

    public var query: String
    public var mode: Mode
    public var ranking: Ranking = .occurrences
    public var year: Int?
    public var agency: String?
    public var profile: String?
    /// The most documents returned. Default 20.
    public var limit: Int
    /// Characters of context on each side of a hit. Default 20.
    public var contextCharacters: Int
    /// The most concordance lines per document. Default 3.
    public var linesPerDocument: Int

    /// The most words one search takes: FTS5 parses and ranks every phrase for every hit.
    public static let maximumWords = 1024

    public init(query: String, mode: Mode = .words, year: Int? = nil, agency: String? = nil, profile: String? = nil,
                limit: Int = 20, contextCharacters: Int = 20, linesPerDocument: Int = 3) {
        self.query = query
        self.mode = mode
        self.year = year
        self.agency = agency
        self.profile = profile
        self.limit = limit
        self.contextCharacters = contextCharacters
        self.linesPerDocument = linesPerDocument
    }
}

/// One document found, with keyword-in-context lines around the exact bytes that matched.
public struct SearchHit: Sendable, Equatable {
    public var documentID: Int64
    public var path: String
    public var title: String?
    public var agency: String?
    public var year: Int?
    public var profile: String
    /// The rank value (lower is better, as FTS5 orders it): minus the occurrences, or BM25;
    /// nil for substring search.
    public var score: Double?
    /// Every occurrence in the document, as byte spans of its text.
    public var occurrences: [Span]
    /// The first `linesPerDocument` occurrences in context.
    public var lines: [ConcordanceLine]
}

/// A hit in context: `left + match + right` is a stretch of one line of the text, and `match`
/// is exactly the bytes at `span`.
public struct ConcordanceLine: Sendable, Equatable {
    public var span: Span
    public var left: String
    public var match: String
    public var right: String
}

extension CorpusStore {
    /// Runs a search. Words mode needs at least one word in the query (punctuation alone gives
    /// no terms): a usage error says to use substring search then.
    public func search(_ request: SearchRequest) throws(HanError) -> [SearchHit] {
        let terms: SearchTerms
        do { terms = try SearchTerms() } catch { throw error }
        let pieces = request.query.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }).map(String.init)
        guard !pieces.isEmpty else { throw HanError(.usage, "the search query is empty") }
        guard pieces.count <= SearchRequest.maximumWords else {
            throw HanError(.usage, "a search takes at most \(SearchRequest.maximumWords) words (got \(pieces.count)); search for fewer, or use --substring")
        }
        // Word search needs no is_current test: the index holds current versions only.
        var filters = request.mode == .words ? "1" : "d.is_current = 1"
        var arguments: [DatabaseValue] = []
        let phrases = pieces.map { terms.terms(of: $0) }
        switch request.mode {
        case .words:
            guard phrases.allSatisfy({ !$0.isEmpty }) else {
                throw HanError(.usage, "'\(request.query)' has no words to look up (punctuation and spaces are not indexed); use --substring to find it as it is printed")
            }
            arguments.append(pieces.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ").databaseValue)
        case .substring:
            for piece in pieces {
                filters += " AND instr(t.body, ?) > 0"
                arguments.append(piece.databaseValue)
            }
        }
        if let year = request.year { filters += " AND d.year = ?"; arguments.append(year.databaseValue) }
        if let agency = request.agency { filters += " AND d.agency = ?"; arguments.append(agency.databaseValue) }
        if let profile = request.profile { filters += " AND d.profile = ?"; arguments.append(profile.databaseValue) }
        arguments.append(request.limit.databaseValue)
        let rank = request.ranking == .bm25 ? "bm25(search)" : "\(SearchRank.name)(search)"
        let query: String
        switch request.mode {
        case .words where request.year == nil && request.agency == nil && request.profile == nil:
            // Rank inside FTS5 and join only the hits kept: a join per match costs more than the
            // whole ranking when a word is in every report.
            query = """
            SELECT d.id, d.path, d.title, d.agency, d.year, d.profile, m.score
            FROM (SELECT rowid, \(rank) AS score FROM search WHERE search MATCH ? ORDER BY score, rowid LIMIT ?) AS m
            JOIN documents d ON d.id = m.rowid
            ORDER BY m.score, m.rowid
            """
        case .words:
            query = """
            SELECT d.id, d.path, d.title, d.agency, d.year, d.profile, \(rank) AS score
            FROM search JOIN documents d ON d.id = search.rowid
            WHERE search MATCH ? AND \(filters)
            ORDER BY score, d.id LIMIT ?
            """
        case .substring:
            query = """
            SELECT d.id, d.path, d.title, d.agency, d.year, d.profile, NULL
            FROM documents d JOIN texts t ON t.document_id = d.id
            WHERE \(filters)
            ORDER BY d.id LIMIT ?
            """
        }
        let found: [(Row, String)] = try read { db in
            let rows = try Row.fetchAll(db, sql: query, arguments: StatementArguments(arguments))
            let body = try db.cachedStatement(sql: "SELECT body FROM texts WHERE document_id = ?")
            return try rows.map { row in (row, try String.fetchOne(body, arguments: [row[0] as Int64]) ?? "") }
        }
        return found.map { row, body in
            let text = Array(body.utf8)
            let occurrences: [Span]
            switch request.mode {
            case .words:
                occurrences = terms.occurrences(ofAny: phrases, in: text)
            case .substring:
                occurrences = pieces.flatMap { Concordance.find(Array($0.utf8), in: text) }.sorted()
            }
            let lines = occurrences.prefix(request.linesPerDocument).map {
                Concordance.line(text, $0, context: request.contextCharacters)
            }
            return SearchHit(documentID: row[0], path: row[1], title: row[2], agency: row[3], year: row[4], profile: row[5],
                             score: row[6], occurrences: occurrences, lines: Array(lines))
        }
    }
}

/// Keyword-in-context by byte offsets.
public enum Concordance {
    /// Every non-overlapping occurrence of `needle` in `text`, left to right.
    public static func find(_ needle: [UInt8], in text: [UInt8]) -> [Span] {
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        var out: [Span] = []
        let first = needle[0]
        var i = 0
        let last = text.count - needle.count
        while i <= last {
            if text[i] == first, text[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(Span(i, i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// The line around `span`: up to `context` characters each side, stopping at a line break;
    /// tabs and other control characters read as spaces.
    public static func line(_ text: [UInt8], _ span: Span, context: Int) -> ConcordanceLine {
        var start = span.start
        var characters = 0
        while start > 0, characters < context {
            var previous = start - 1
            while previous > 0, text[previous] & 0xC0 == 0x80 { previous -= 1 }
            if text[previous] == 0x0A || text[previous] == 0x0D || text[previous] == 0x0C { break }
            start = previous
            characters += 1
        }
        var end = span.end
        characters = 0
        while end < text.count, characters < context {
            if text[end] == 0x0A || text[end] == 0x0D || text[end] == 0x0C { break }
            end += 1
            while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
            characters += 1
        }
        func clean(_ range: Range<Int>) -> String {
            String(decoding: text[range].map { $0 < 0x20 ? 0x20 : $0 }, as: UTF8.self)
        }
        return ConcordanceLine(span: span, left: clean(start..<span.start), match: span.slice(text), right: clean(span.end..<end))
    }
}
