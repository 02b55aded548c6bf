/// What a token is. The tokenizer assigns exactly one kind to each token.
public enum TokenKind: String, Sendable, Codable, CaseIterable {
    /// A word of Han characters (from ICU's dictionary or the lexicon).
    case han
    /// Digits, ASCII or full-width, with decimals, thousands separators and a trailing percent
    /// sign; also a number fused with a date or time unit (2023年, １２月, 31日).
    case number
    /// A Chinese numeral (〇一二…十百千万亿, 两, 零), alone or fused with a date unit (二〇二三年).
    case chineseNumeral = "chinese_numeral"
    /// A run of Latin letters (and digits inside it: H5, COVID-19's COVID).
    case latin
    /// Punctuation, ASCII or CJK.
    case punctuation
    /// A run of spaces or tabs (including the ideographic space U+3000).
    case whitespace
    /// A line break: `\n`, `\r\n` or `\r`, or a form feed.
    case newline
    /// Anything else: symbols, emoji, letters of other scripts ICU did not join.
    case symbol
}

/// One token: its kind and where it stands in the original text.
///
/// Invariants (checked by the test harness on every token the tests see):
/// - `span` is inside the text, and tokens come in order without gaps or overlaps;
/// - the bytes of the original text at `span` are the token's text.
///
/// A token is a plain value with no references (no retain/release when tokens are copied in
/// bulk); its normalised form (full-width → half-width, traditional → simplified) is derived on
/// demand from the text at its span (`Tokenizer.normalizedForm`), never stored in place of it.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var span: Span

    @inlinable
    public init(kind: TokenKind, span: Span) {
        self.kind = kind
        self.span = span
    }

    /// Whether the token is a word a search or a frequency count cares about.
    @inlinable
    public var isWord: Bool {
        switch kind {
        case .han, .number, .chineseNumeral, .latin: return true
        case .punctuation, .whitespace, .newline, .symbol: return false
        }
    }
}
