import HanCore
import Testing

/// Checks the invariants every token stream must keep, whatever the test asked about (Lucene's
/// `BaseTokenStreamTestCase` idea): tokens in order, without gaps or overlaps, covering the whole
/// text, each non-empty and starting and ending on a character boundary.
public func checkTokenInvariants(_ tokens: [Token], text: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    var expected = 0
    for (index, token) in tokens.enumerated() {
        #expect(token.span.start == expected, "token \(index) \(token) starts at \(token.span.start), expected \(expected)",
                sourceLocation: sourceLocation)
        #expect(token.span.end > token.span.start, "token \(index) is empty", sourceLocation: sourceLocation)
        #expect(token.span.end <= text.count, "token \(index) ends past the text", sourceLocation: sourceLocation)
        if token.span.end <= text.count {
            let startsOnBoundary = token.span.start == text.count || (text[token.span.start] & 0xC0) != 0x80
            let endsOnBoundary = token.span.end == text.count || (text[token.span.end] & 0xC0) != 0x80
            #expect(startsOnBoundary && endsOnBoundary, "token \(index) cuts a character", sourceLocation: sourceLocation)
        }
        expected = token.span.end
        if expected > text.count { return }
    }
    #expect(expected == text.count, "tokens cover \(expected) of \(text.count) bytes", sourceLocation: sourceLocation)
}

/// The text of each token: the original bytes at its span.
public func tokenTexts(_ tokens: [Token], in text: [UInt8]) -> [String] {
    tokens.map { $0.span.slice(text) }
}
