import CICU
import HanCore
import HanText

/// The tokenizer: ICU's dictionary word break for Han runs, HanMine's own rules for everything
/// else, then a lexicon that joins adjacent tokens into known words.
///
/// Pipeline for a piece of text (always whole units, see `UnitCutter`):
/// 1. split into runs by `CharacterClass`: Han (with kana, 〇, 々), digits, letters, spaces,
///    line breaks, punctuation, symbols;
/// 2. Han runs go to ICU (traditional characters first read as simplified when asked, through
///    an offset map, so the spans still point at the original); numbers (decimals, thousands
///    separators, a percent sign), Latin words, runs of spaces and line breaks are tokens of
///    their own kinds;
/// 3. the lexicon joins adjacent tokens by longest match; then the number rules join Chinese
///    numerals (二〇二三), an ordinal 第 with its number, and a number with a date or time unit
///    (2023年, 十二月, ８时).
///
/// Not thread-safe (ICU's iterator is stateful): one tokenizer per worker.
public final class Tokenizer {
    public struct Configuration: Sendable {
        /// The words to keep whole. Default: the built-in report vocabulary.
        public var lexicon: Lexicon
        /// Read traditional characters as simplified before the word break (`--t2s`).
        public var traditionalToSimplified: Bool
        /// Apply the number and date-unit rules. Default on.
        public var numberRules: Bool
        /// ICU locale of the word break iterator.
        public var locale: String
        /// Join runs of two or three single Han characters (none a function word) into one word.
        public var joinUnknownSingles: Bool
        /// Send every Han run through ICU's break iterator instead of driving ICU's dictionary
        /// directly. Same words, slower: the reference the tests compare against.
        public var referenceWordBreak = false

        public init(lexicon: Lexicon = .builtIn, traditionalToSimplified: Bool = false, numberRules: Bool = true,
                    locale: String = "zh", joinUnknownSingles: Bool = true) {
            self.joinUnknownSingles = joinUnknownSingles
            self.lexicon = lexicon
            self.traditionalToSimplified = traditionalToSimplified
            self.numberRules = numberRules
            self.locale = locale
        }

        public static let `default` = Configuration()
    }

    public let configuration: Configuration
    /// The longest run of lone characters joined into one unknown word.
    static let longestUnknownWord = 3
    private let breaker: WordBreaker
    private let normalizer: CharacterNormalizer
    /// Reused between calls; swapped out while a call runs so the hot loops work on a local.
    private var scratchStorage: [Token] = []
    private var simplified: [UInt8] = []
    private var simplifiedOrigins: [Int] = []

    public init(configuration: Configuration = .default) throws(HanError) {
        self.configuration = configuration
        breaker = try WordBreaker(locale: configuration.locale, path: configuration.referenceWordBreak ? .reference : .fastest)
        normalizer = try CharacterNormalizer(options: .init(halfWidth: true,
                                                           traditionalToSimplified: configuration.traditionalToSimplified))
    }

    /// The version of the ICU library in use ("72.1"): golden token files are pinned to it.
    public static var icuVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        hm_icu_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Tokenizes a whole text in memory, cut exactly as a stream would cut it.
    public func tokenize(_ text: [UInt8], cutter: UnitCutter = UnitCutter()) -> [Token] {
        var tokens: [Token] = []
        text.withUnsafeBufferPointer { buffer in
            var start = 0
            for cut in cutter.scan(buffer, from: 0, isFinal: true) {
                tokenize(buffer, range: start..<cut.offset, base: 0, into: &tokens)
                start = cut.offset
            }
        }
        return tokens
    }

    public func tokenize(_ text: String) -> [Token] { tokenize(Array(text.utf8)) }

    /// Appends the tokens of `text[range]` to `tokens`, with spans shifted by `base`.
    ///
    /// `range` must start and end at unit boundaries (cuts of `UnitCutter`, or the text's ends);
    /// the text must be valid UTF-8.
    public func tokenize(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, base: Int, into tokens: inout [Token]) {
        var scratch = scratchStorage
        scratchStorage = []
        scratch.removeAll(keepingCapacity: true)
        splitRuns(text, range, &scratch)
        joinTokens(text, scratch, base: base, into: &tokens)
        scratchStorage = scratch
    }

    // MARK: - Runs

    @inline(__always)
    private func emit(_ scratch: inout [Token], _ kind: TokenKind, _ start: Int, _ end: Int) {
        scratch.append(Token(kind: kind, span: Span(start, end)))
    }

    private func splitRuns(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ scratch: inout [Token]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let (value, width) = UTF8Scalar.decode(text, at: i)
            let characterClass = CharacterClass.of(value)
            switch characterClass {
            case .han:
                let j = runEnd(text, from: i + width, end: end) { $0 == .han }
                if j - i == width {
                    // One character is one word: no need to ask ICU.
                    emit(&scratch, hanKind(text, i, j), i, j)
                } else {
                    breakHanRun(text, i..<j, &scratch)
                }
                i = j
            case .digit:
                let j = numberEnd(text, from: i, end: end)
                emit(&scratch, .number, i, j)
                i = j
            case .letter:
                let j = runEnd(text, from: i + width, end: end) { $0 == .letter || $0 == .digit }
                emit(&scratch, .latin, i, j)
                i = j
            case .whitespace:
                let j = runEnd(text, from: i + width, end: end) { $0 == .whitespace }
                emit(&scratch, .whitespace, i, j)
                i = j
            case .newline:
                let j = (value == 0x0D && i + 1 < end && text[i + 1] == 0x0A) ? i + 2 : i + width
                emit(&scratch, .newline, i, j)
                i = j
            case .punctuation:
                var j = i + width
                if Scalars.repeatsAsOneToken(value) {
                    while j + width <= end, UTF8Scalar.decode(text, at: j).0 == value { j += width }
                }
                emit(&scratch, .punctuation, i, j)
                i = j
            case .symbol:
                // ○ (U+25CB) and ◯ (U+25EF) stand in for 〇 in printed years (二○○一年).
                emit(&scratch, value == 0x25CB || value == 0x25EF ? .chineseNumeral : .symbol, i, i + width)
                i += width
            }
        }
    }

    /// The end of the run from `start` of characters whose class `continues` accepts.
    @inline(__always)
    private func runEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int,
                        while continues: (CharacterClass) -> Bool) -> Int {
        var j = start
        while j < end {
            let (value, width) = UTF8Scalar.decode(text, at: j)
            if !continues(CharacterClass.of(value)) { break }
            j += width
        }
        return j
    }

    /// The end of the number starting at `start`: digits, then groups of `.digits` (decimal),
    /// `,ddd` (thousands, ASCII comma and exactly three digits), then an optional percent sign.
    private func numberEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        func digitsEnd(_ from: Int) -> Int {
            var j = from
            while j < end {
                let (value, width) = UTF8Scalar.decode(text, at: j)
                guard CharacterClass.of(value) == .digit else { break }
                j += width
            }
            return j
        }
        var j = digitsEnd(start)
        while j < end {
            let (value, width) = UTF8Scalar.decode(text, at: j)
            let after = j + width
            guard after < end, CharacterClass.of(UTF8Scalar.decode(text, at: after).0) == .digit else { break }
            if Scalars.isDecimalPoint(value) {
                j = digitsEnd(after)
            } else if value == 0x2C {
                let groupEnd = digitsEnd(after)
                guard groupEnd - after == 3 else { break }
                j = groupEnd
            } else {
                break
            }
        }
        if j < end {
            let (value, width) = UTF8Scalar.decode(text, at: j)
            if Scalars.isPercent(value) { j += width }
        }
        return j
    }

    private func breakHanRun(_ text: UnsafeBufferPointer<UInt8>, _ run: Range<Int>, _ scratch: inout [Token]) {
        if !configuration.traditionalToSimplified {
            var start = run.lowerBound
            breaker.breakWords(text, run) { end in
                emit(&scratch, hanKind(text, start, end), start, end)
                start = end
            }
            return
        }
        // Read the run as simplified; map each word end back through the origins table.
        simplified.removeAll(keepingCapacity: true)
        simplifiedOrigins.removeAll(keepingCapacity: true)
        var i = run.lowerBound
        while i < run.upperBound {
            let (value, width) = UTF8Scalar.decode(text, at: i)
            if let replacement = normalizer.normalized(value) {
                for _ in replacement { simplifiedOrigins.append(i) }
                simplified.append(contentsOf: replacement)
            } else {
                for k in 0..<width { simplifiedOrigins.append(i + k) }
                simplified.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<(i + width)]))
            }
            i += width
        }
        simplifiedOrigins.append(run.upperBound)
        let origins = simplifiedOrigins
        var start = run.lowerBound
        simplified.withUnsafeBufferPointer { buffer in
            breaker.breakWords(buffer, 0..<buffer.count) { end in
                let originalEnd = origins[end]
                guard originalEnd > start else { return }
                emit(&scratch, hanKind(text, start, originalEnd), start, originalEnd)
                start = originalEnd
            }
        }
    }

    /// A Han word made of Chinese numerals (optionally ending in a date unit) is a numeral.
    @inline(__always)
    private func hanKind(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenKind {
        guard Scalars.isChineseNumeral(UTF8Scalar.decode(text, at: start).0) else { return .han }
        var i = start
        var sawNumeral = false
        while i < end {
            let (value, width) = UTF8Scalar.decode(text, at: i)
            if Scalars.isChineseNumeral(value) {
                sawNumeral = true
            } else if !(sawNumeral && i + width == end && Scalars.isDateUnit(value)) {
                return .han
            }
            i += width
        }
        return .chineseNumeral
    }

    // MARK: - Joining

    private func joinTokens(_ text: UnsafeBufferPointer<UInt8>, _ scratch: [Token], base: Int, into tokens: inout [Token]) {
        let lexicon = configuration.lexicon
        let useLexicon = !lexicon.isEmpty
        let rules = configuration.numberRules
        let joinSingles = configuration.joinUnknownSingles
        let maxJoin = Tokenizer.longestUnknownWord
        /// Lone characters left in the run being joined.
        var joinRemaining = 0
        let count = scratch.count
        var index = 0
        while index < count {
            var token = scratch[index]
            var next = index + 1
            if useLexicon, token.kind != .whitespace, token.kind != .newline,
               lexicon.mayStart(with: UTF8Scalar.decode(text, at: token.span.start).0) {
                let matchEnd = longestLexiconMatch(text, scratch, from: index, lexicon: lexicon)
                if matchEnd > index {
                    let containsHan = scratch[index...matchEnd].contains { $0.kind == .han }
                    token = Token(kind: containsHan ? .han : token.kind,
                                  span: Span(token.span.start, scratch[matchEnd].span.end))
                    next = matchEnd + 1
                }
            }
            if rules, next == index + 1 {
                // 第 + a number: the ordinal stays one word (第3, 第一百).
                if token.kind == .han, token.span.length == 3, UTF8Scalar.decode(text, at: token.span.start).0 == Scalars.di,
                   next < count, scratch[next].kind == .number || scratch[next].kind == .chineseNumeral {
                    token = Token(kind: scratch[next].kind, span: Span(token.span.start, scratch[next].span.end))
                    next += 1
                }
                if token.kind == .chineseNumeral {
                    while next < count, scratch[next].kind == .chineseNumeral, !endsWithDateUnit(text, token) {
                        token.span = Span(token.span.start, scratch[next].span.end)
                        next += 1
                    }
                }
                // Digits with a magnitude numeral stay one number (3.5亿, 12万).
                if token.kind == .number, next < count, scratch[next].kind == .chineseNumeral, scratch[next].span.length == 3,
                   Scalars.isMagnitude(UTF8Scalar.decode(text, at: scratch[next].span.start).0) {
                    token.span = Span(token.span.start, scratch[next].span.end)
                    next += 1
                }
                if token.kind == .number || token.kind == .chineseNumeral, next < count, !endsWithDateUnit(text, token) {
                    let following = scratch[next]
                    if following.kind == .han, following.span.length == 3,
                       Scalars.isDateUnit(UTF8Scalar.decode(text, at: following.span.start).0) {
                        token.span = Span(token.span.start, following.span.end)
                        next += 1
                    }
                }
            }
            if joinSingles, next == index + 1, isLoneHanCharacter(text, token) {
                // A run of single Han characters ICU could not place is most likely one unknown
                // word (a name, a place). Only whole runs count: a run of two or three becomes
                // one word; a longer run (several unknown words in a row) is cut into words of
                // two, with a three at the end when the run is odd.
                if index == 0 || !isLoneHanCharacter(text, scratch[index - 1]) || joinRemaining > 0 {
                    if joinRemaining == 0 {
                        var runEnd = next
                        while runEnd < count, isLoneHanCharacter(text, scratch[runEnd]) { runEnd += 1 }
                        joinRemaining = runEnd - index
                    }
                    let take = joinRemaining <= maxJoin ? joinRemaining : 2
                    if take >= 2 {
                        token.span = Span(token.span.start, scratch[index + take - 1].span.end)
                        next = index + take
                    }
                    joinRemaining -= max(take, 1)
                }
            } else {
                joinRemaining = 0
            }
            token.span = token.span.shifted(by: base)
            tokens.append(token)
            index = next
        }
    }

    private func isLoneHanCharacter(_ text: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.kind == .han, token.span.length == 3 else { return false }
        return !Scalars.isFunctionCharacter(UTF8Scalar.decode(text, at: token.span.start).0)
    }

    private func endsWithDateUnit(_ text: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.span.length >= 3 else { return false }
        let (value, _) = UTF8Scalar.decode(text, at: token.span.end - 3)
        return Scalars.isDateUnit(value)
    }

    /// The index of the last token of the longest lexicon word that starts at token `from` and
    /// spans at least two tokens; `from` itself when there is none.
    private func longestLexiconMatch(_ text: UnsafeBufferPointer<UInt8>, _ scratch: [Token], from: Int, lexicon: Lexicon) -> Int {
        var hash = Lexicon.seed
        var best = from
        var j = from
        let limit = scratch[from].span.start + lexicon.maxWordBytes
        while j < scratch.count {
            let token = scratch[j]
            if token.span.end > limit || token.kind == .whitespace || token.kind == .newline { break }
            hash = Lexicon.extend(hash, UnsafeBufferPointer(rebasing: text[token.span.start..<token.span.end]))
            guard lexicon.hasPrefix(hash: hash) else { break }
            if j > from, lexicon.contains(hash: hash) { best = j }
            j += 1
        }
        return best
    }

    // MARK: - Normalised forms

    /// The normalised form of `text[span]` (half-width; simplified when configured), or nil when
    /// it equals the original.
    public func normalizedForm(_ text: UnsafeBufferPointer<UInt8>, _ span: Span) -> String? {
        var out: [UInt8] = []
        var changed = false
        var i = span.start
        while i < span.end {
            let (value, width) = UTF8Scalar.decode(text, at: i)
            if width > 1, let replacement = normalizer.normalized(value) {
                out.append(contentsOf: replacement)
                changed = true
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<(i + width)]))
            }
            i += width
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }
}
