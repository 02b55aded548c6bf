import GRDB
import GRDBSQLite
import HanCore
import HanSegment

/// The terms the full-text index holds: HanMine's tokenizer at its finest grain.
///
/// Why the finest grain: a search word must be found wherever the document has it as a word,
/// whatever longer word it stands in. The report lexicon joins 政府信息公开工作 into one token, so
/// an index of lexicon words would never find 信息公开 there. Instead the index holds the pieces
/// ICU's dictionary break gives (no lexicon joins, no joining of lone characters, no number +
/// unit joins) and a query is the *phrase* of its own pieces: 政府信息公开 → "政府 信息 公开",
/// which matches inside 政府信息公开工作 as well. Terms are normalised (full-width → half-width,
/// ASCII lower case) so ２０２３ finds 2023 and COVID finds covid; punctuation, spaces and line
/// breaks are not terms.
///
/// Document and query go through the same function, so a word is found exactly where the
/// document's tokenization has it on token boundaries (the `SearchEquivalenceTests` check this
/// against a scan of the text).
public final class SearchTerms {
    /// A term and the span of the original bytes it came from.
    public struct Term: Equatable, Sendable {
        public var bytes: [UInt8]
        public var span: Span
    }

    public static var configuration: Tokenizer.Configuration {
        var configuration = Tokenizer.Configuration(lexicon: Lexicon(), numberRules: false)
        configuration.joinUnknownSingles = false
        return configuration
    }

    private let tokenizer: Tokenizer
    private let cutter = UnitCutter()
    private var tokens: [Token] = []
    private var termBuffer: [UInt8] = []

    public init() throws(HanError) {
        tokenizer = try Tokenizer(configuration: SearchTerms.configuration)
    }

    /// Calls `body` with each term of `text` (valid UTF-8): its normalised bytes and its span.
    /// `body` returns false to stop.
    public func forEachTerm(in text: UnsafeBufferPointer<UInt8>,
                            _ body: (UnsafeBufferPointer<UInt8>, Span) -> Bool) {
        tokens.removeAll(keepingCapacity: true)
        var start = 0
        for cut in cutter.scan(text, from: 0, isFinal: true) {
            tokenizer.tokenize(text, range: start..<cut.offset, base: 0, into: &tokens)
            start = cut.offset
        }
        if start < text.count { tokenizer.tokenize(text, range: start..<text.count, base: 0, into: &tokens) }
        for token in tokens where token.isWord {
            let raw = UnsafeBufferPointer(rebasing: text[token.span.start..<token.span.end])
            let normalized = token.kind == .han ? nil : tokenizer.normalizedForm(text, token.span)
            let needsLowering = token.kind == .latin || normalized != nil
            if normalized == nil, !needsLowering || !raw.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
                if !body(raw, token.span) { return }
                continue
            }
            termBuffer.removeAll(keepingCapacity: true)
            if let normalized { termBuffer.append(contentsOf: normalized.utf8) } else { termBuffer.append(contentsOf: raw) }
            for i in termBuffer.indices where termBuffer[i] >= 0x41 && termBuffer[i] <= 0x5A { termBuffer[i] |= 0x20 }
            let keepGoing = termBuffer.withUnsafeBufferPointer { body($0, token.span) }
            if !keepGoing { return }
        }
    }

    /// The terms of `text`, in order.
    public func terms(of text: [UInt8]) -> [Term] {
        var out: [Term] = []
        text.withUnsafeBufferPointer { buffer in
            forEachTerm(in: buffer) { bytes, span in
                out.append(Term(bytes: Array(bytes), span: span))
                return true
            }
        }
        return out
    }

    public func terms(of text: String) -> [Term] { terms(of: Array(text.utf8)) }

    /// Where any of the phrases occurs in `text`, sorted: each phrase as `occurrences(of:in:)`
    /// finds it. The text is cut into terms once and each of its terms is compared only with the
    /// phrases that start with it, so the cost is the text's length plus its matches, not the
    /// text's length times the number of phrases (300 search words took 12 s per 20 hits).
    public func occurrences(ofAny phrases: [[Term]], in text: [UInt8]) -> [Span] {
        let all = terms(of: text)
        var unique: [[Term]] = []
        var byFirst: [[UInt8]: [Int]] = [:]
        var seen: Set<[[UInt8]]> = []
        for phrase in phrases where !phrase.isEmpty && seen.insert(phrase.map(\.bytes)).inserted {
            byFirst[phrase[0].bytes, default: []].append(unique.count)
            unique.append(phrase)
        }
        // Per phrase, the first term index where its next occurrence may start (non-overlapping).
        var nextStart = [Int](repeating: 0, count: unique.count)
        var out: [Span] = []
        for i in all.indices {
            guard let candidates = byFirst[all[i].bytes] else { continue }
            for id in candidates where nextStart[id] <= i {
                let phrase = unique[id]
                guard i + phrase.count <= all.count,
                      (1..<phrase.count).allSatisfy({ all[i + $0].bytes == phrase[$0].bytes }) else { continue }
                out.append(Span(all[i].span.start, all[i + phrase.count - 1].span.end))
                nextStart[id] = i + phrase.count
            }
        }
        return out.sorted()
    }

    /// Where the phrase `query` (a sequence of terms) occurs in `text`: the byte span from its
    /// first term's start to its last term's end, in order, non-overlapping.
    public func occurrences(of query: [Term], in text: [UInt8]) -> [Span] {
        occurrences(of: query, in: terms(of: text))
    }

    private func occurrences(of query: [Term], in all: [Term]) -> [Span] {
        guard !query.isEmpty else { return [] }
        var out: [Span] = []
        var i = 0
        while i + query.count <= all.count {
            var matches = true
            for k in 0..<query.count where all[i + k].bytes != query[k].bytes {
                matches = false
                break
            }
            if matches {
                out.append(Span(all[i].span.start, all[i + query.count - 1].span.end))
                i += query.count
            } else {
                i += 1
            }
        }
        return out
    }
}

/// The FTS5 tokenizer `hanmine`: `SearchTerms` behind SQLite's custom-tokenizer callback.
///
/// A document gives, at each term's position, the term itself and, colocated with it, the pair
/// (previous term, term). A query of one term looks up that term; a query of n ≥ 2 terms is the
/// phrase of its n − 1 pairs. Both match exactly where the document has the query's terms in a
/// row (the phrase of single terms would too), but the pairs' position lists are short: 行政复议
/// is one pair, found without reading the positions of every 行政 and every 复议 of the corpus,
/// which a template word's phrase query on 100,000 reports would (the latency budget of
/// `hanmine search`). A pair is stored as the two terms joined by U+001F, which no term holds.
///
/// SQLite creates one per FTS table and connection, and a connection is used by one thread at
/// a time, which is what the (non-thread-safe) ICU tokenizer inside needs. Offsets handed to
/// FTS5 are UTF-8 byte offsets into the text, the unit of every span in HanMine.
public final class SearchTokenizer: FTS5CustomTokenizer {
    public static let name = "hanmine"
    /// Between the two terms of a pair.
    static let pairSeparator: UInt8 = 0x1F
    private let terms: SearchTerms
    private var previous: [UInt8] = []
    private var pair: [UInt8] = []
    private var queryTerms: [(bytes: [UInt8], span: Span)] = []

    public init(db: Database, arguments: [String]) throws {
        do {
            terms = try SearchTerms()
        } catch {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "hanmine tokenizer: \(error)")
        }
    }

    public func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
                         pText: UnsafePointer<CChar>?, nText: CInt,
                         tokenCallback: @escaping FTS5TokenCallback) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        let text = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self),
                                       count: Int(nText))
        func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, colocated: Bool) -> CInt {
            bytes.withMemoryRebound(to: CChar.self) { term in
                tokenCallback(context, colocated ? FTS5_TOKEN_COLOCATED : 0, term.baseAddress, CInt(term.count),
                              CInt(start), CInt(end))
            }
        }
        var code = SQLITE_OK
        if tokenization.contains(.query) {
            // The tokenizer needs valid UTF-8. Documents are always decoded text; a query typed
            // into SQL might not be.
            guard String(validating: text, as: UTF8.self) != nil else { return SQLITE_ERROR }
            queryTerms.removeAll(keepingCapacity: true)
            terms.forEachTerm(in: text) { bytes, span in
                queryTerms.append((Array(bytes), span))
                return true
            }
            if queryTerms.count == 1 {
                return queryTerms[0].bytes.withUnsafeBufferPointer {
                    emit($0, queryTerms[0].span.start, queryTerms[0].span.end, colocated: false)
                }
            }
            for index in queryTerms.indices.dropFirst() {
                makePair(queryTerms[index - 1].bytes, queryTerms[index].bytes)
                code = pair.withUnsafeBufferPointer {
                    emit($0, queryTerms[index - 1].span.start, queryTerms[index].span.end, colocated: false)
                }
                if code != SQLITE_OK { return code }
            }
            return SQLITE_OK
        }
        var previousStart = -1
        terms.forEachTerm(in: text) { bytes, span in
            code = emit(bytes, span.start, span.end, colocated: false)
            if code == SQLITE_OK, previousStart >= 0 {
                makePair(previous, bytes)
                code = pair.withUnsafeBufferPointer { emit($0, previousStart, span.end, colocated: true) }
            }
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: bytes)
            previousStart = span.start
            return code == SQLITE_OK
        }
        return code
    }

    private func makePair(_ first: some Collection<UInt8>, _ second: some Collection<UInt8>) {
        pair.removeAll(keepingCapacity: true)
        pair.append(contentsOf: first)
        pair.append(Self.pairSeparator)
        pair.append(contentsOf: second)
    }
}
