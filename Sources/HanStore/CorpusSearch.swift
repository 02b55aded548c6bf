import Foundation
import GRDB
import HanCore

/// A search over the current version of every document.
public struct SearchRequest: Sendable {
    public enum Mode: Sendable {
        /// The folded characters anywhere (`SearchFold`: traditional → simplified, full-width →
        /// half-width, ASCII case), through the character-bigram index `grams`: a document is
        /// found exactly when its folded text contains every piece of the query, whatever the
        /// segmentation did. Ranked by `ranking`. The default.
        case folded
        /// Whole words through the word index `search` (`SearchTerms`): 行政 is not found inside
        /// 发行政策, where the tokenizer does not make it a word. Ranked by `ranking`.
        case words
        /// The exact bytes anywhere in the text (`instr`), a scan of every text, in document order.
        case substring
    }

    /// How hits are ordered.
    public enum Ranking: Sendable {
        /// Most occurrences of the query first (`hanmine_rank`, see `SearchRank`); the default.
        case occurrences
        /// SQLite's BM25: length-normalised, but it reads every match's length (slow when a
        /// word is in most documents).
        case bm25
    }

    public var query: String
    public var mode: Mode
    public var ranking: Ranking = .occurrences
    public var filters = DocumentFilters()
    /// The most documents returned. Default 20.
    public var limit: Int
    /// Characters of context on each side of a hit. Default 20.
    public var contextCharacters: Int
    /// The most concordance lines per document. Default 3.
    public var linesPerDocument: Int
    /// Whether hits carry their occurrences and lines (false: documents only, no text read;
    /// for counting and for tests that list every document).
    public var withOccurrences = true

    /// The most words one search takes: FTS5 parses and ranks every phrase for every hit.
    public static let maximumWords = 1024

    public init(query: String, mode: Mode = .folded, year: Int? = nil, agency: String? = nil, profile: String? = nil,
                limit: Int = 20, contextCharacters: Int = 20, linesPerDocument: Int = 3) {
        self.query = query
        self.mode = mode
        self.filters = DocumentFilters(year: year, agency: agency, profile: profile)
        self.limit = limit
        self.contextCharacters = contextCharacters
        self.linesPerDocument = linesPerDocument
    }
}

/// Conditions on documents shared by search and the other query commands: each is one SQL
/// condition on `d` (a `documents` row) with its arguments, so a new filter is one more case in
/// `clauses`.
public struct DocumentFilters: Sendable {
    public var year: Int?
    /// A piece of the agency's name: matches every document of a body one of whose names
    /// (canonical names and aliases, `agencies`) contains it, and any document whose printed or
    /// canonical name contains it.
    public var agency: String?
    public var profile: String?
    /// Copies (`copy_of` set) too; commands that count take primaries only by default.
    public var allCopies = true
    /// Only documents with a part playing this role; search keeps only the occurrences inside it.
    public var section: SectionFilter?

    public init(year: Int? = nil, agency: String? = nil, profile: String? = nil, allCopies: Bool = true) {
        self.year = year
        self.agency = agency
        self.profile = profile
        self.allCopies = allCopies
    }

    public var isEmpty: Bool { clauses().isEmpty }

    /// The conditions, each with its arguments, to be joined with AND.
    public func clauses() -> [(sql: String, arguments: [DatabaseValue])] {
        var out: [(String, [DatabaseValue])] = []
        if let year { out.append(("d.year = ?", [year.databaseValue])) }
        if let agency {
            let piece = (try? Agencies.canonicalizer())?(agency) ?? agency
            out.append(("""
                (instr(d.agency_canonical, ?) > 0 OR instr(d.agency, ?) > 0 OR d.agency_canonical IN (
                    SELECT name FROM agencies WHERE body IN (SELECT body FROM agencies WHERE instr(name, ?) > 0)))
                """, [piece.databaseValue, agency.databaseValue, piece.databaseValue]))
        }
        if let profile { out.append(("d.profile = ?", [profile.databaseValue])) }
        if !allCopies { out.append(("d.copy_of IS NULL", [])) }
        if let section { out.append((section.documentSQL, [])) }
        return out
    }

    /// `clauses` as one SQL condition ("1" when there is none) and its arguments.
    public func sql() -> (String, [DatabaseValue]) {
        let parts = clauses()
        return (parts.isEmpty ? "1" : parts.map(\.sql).joined(separator: " AND "), parts.flatMap(\.arguments))
    }
}

/// One document found, with keyword-in-context lines around the exact bytes that matched.
public struct SearchHit: Sendable, Equatable {
    public var documentID: Int64
    public var path: String
    public var title: String?
    public var agency: String?
    public var agencyCanonical: String?
    public var year: Int?
    public var profile: String
    /// The primary of this document's copy group when it is a copy, else nil.
    public var copyOf: Int64?
    /// Other paths with the same bytes.
    public var aliases: [String]
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
    /// no terms): a usage error says to use the default search then.
    public func search(_ request: SearchRequest) throws(HanError) -> [SearchHit] {
        let pieces = request.query.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }).map(String.init)
        guard !pieces.isEmpty else { throw HanError(.usage, "the search query is empty") }
        guard pieces.count <= SearchRequest.maximumWords else {
            throw HanError(.usage, "a search takes at most \(SearchRequest.maximumWords) words (got \(pieces.count)); search for fewer, or use --substring")
        }
        let fold: SearchFold
        let terms: SearchTerms
        do {
            fold = try SearchFold()
            terms = try SearchTerms()
        } catch { throw error }
        let foldedPieces = fold.queryPieces(request.query)
        var (filters, arguments) = request.filters.sql()
        let index = request.mode == .words ? "search" : "grams"
        var match = ""
        let phrases = pieces.map { terms.terms(of: $0) }
        switch request.mode {
        case .folded:
            guard !foldedPieces.isEmpty else { throw HanError(.usage, "the search query is empty") }
            match = foldedPieces.map { piece in
                let text = String(decoding: piece, as: UTF8.self).replacingOccurrences(of: "\"", with: "\"\"")
                return text.unicodeScalars.count == 1 ? "\"\(text)\" *" : "\"\(text)\""
            }.joined(separator: " AND ")
        case .words:
            guard phrases.allSatisfy({ !$0.isEmpty }) else {
                throw HanError(.usage, "'\(request.query)' has no words to look up (punctuation and spaces are not words); search without --word to find it as it is printed")
            }
            match = pieces.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
        case .substring:
            filters += " AND d.is_current = 1"
            for piece in pieces {
                filters += " AND instr(t.body, ?) > 0"
                arguments.append(piece.databaseValue)
            }
        }
        let rank = request.ranking == .bm25 ? "bm25(\(index))" : "\(SearchRank.name)(\(index))"
        let columns = "d.id, d.path, d.title, d.agency, d.year, d.profile, d.agency_canonical, d.copy_of"
        let query: String
        var all: [DatabaseValue] = []
        switch request.mode {
        case .folded where request.filters.isEmpty, .words where request.filters.isEmpty:
            // Rank inside FTS5 and join only the hits kept: a join per match costs more than the
            // whole ranking when a word is in every report. The index holds current versions only.
            query = """
            SELECT \(columns), m.score
            FROM (SELECT rowid, \(rank) AS score FROM \(index) WHERE \(index) MATCH ? ORDER BY score, rowid LIMIT ?) AS m
            JOIN documents d ON d.id = m.rowid
            ORDER BY m.score, m.rowid
            """
            all = [match.databaseValue, request.limit.databaseValue]
        case .folded, .words:
            query = """
            SELECT \(columns), \(rank) AS score
            FROM \(index) JOIN documents d ON d.id = \(index).rowid
            WHERE \(index) MATCH ? AND \(filters)
            ORDER BY score, d.id LIMIT ?
            """
            all = [match.databaseValue] + arguments + [request.limit.databaseValue]
        case .substring:
            query = """
            SELECT \(columns), NULL
            FROM documents d JOIN texts t ON t.document_id = d.id
            WHERE \(filters)
            ORDER BY d.id LIMIT ?
            """
            all = arguments + [request.limit.databaseValue]
        }
        // With --section the occurrences decide which documents stay, so the limit applies after
        // them: every candidate is read (the SQL limit becomes -1, none).
        let section = request.filters.section
        if section != nil, let last = all.indices.last { all[last] = (-1).databaseValue }
        let found: [(Row, String, [String], [Span])] = try read { db in
            let rows = try Row.fetchAll(db, sql: query, arguments: StatementArguments(all))
            let body = try db.cachedStatement(sql: "SELECT body FROM texts WHERE document_id = ?")
            let aliases = try db.cachedStatement(sql: "SELECT path FROM document_paths WHERE document_id = ? ORDER BY path")
            return try rows.map { row in
                let id: Int64 = row[0]
                return (row, request.withOccurrences || section != nil ? try String.fetchOne(body, arguments: [id]) ?? "" : "",
                        try String.fetchAll(aliases, arguments: [id]), try section?.spans(db, document: id) ?? [])
            }
        }
        let hits: [SearchHit] = found.compactMap { row, body, aliases, sectionSpans in
            let text = Array(body.utf8)
            var occurrences: [Span]
            switch request.mode {
            case _ where !request.withOccurrences && section == nil:
                occurrences = []
            case .folded:
                let folded = fold.fold(text)
                occurrences = foldedPieces.flatMap { folded.occurrences(of: $0) }.sorted()
            case .words:
                occurrences = terms.occurrences(ofAny: phrases, in: text)
            case .substring:
                occurrences = pieces.flatMap { Concordance.find(Array($0.utf8), in: text) }.sorted()
            }
            if section != nil {
                occurrences = occurrences.filter { SectionFilter.holds(sectionSpans, $0) }
                if occurrences.isEmpty { return nil }
                if !request.withOccurrences { occurrences = [] }
            }
            let lines = occurrences.prefix(request.linesPerDocument).map {
                Concordance.line(text, $0, context: request.contextCharacters)
            }
            return SearchHit(documentID: row[0], path: row[1], title: row[2], agency: row[3], agencyCanonical: row[6], year: row[4],
                             profile: row[5], copyOf: row[7], aliases: aliases, score: row[8], occurrences: occurrences,
                             lines: Array(lines))
        }
        return section == nil ? hits : Array(hits.prefix(request.limit))
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
