import HanCore
import Testing
@testable import HanExtract

/// Helpers for the extraction tests: one shared extractor per test, and the span invariant every
/// field must keep (Lucene's "check every token" idea applied to records).
enum ExtractFixture {
    static func extract(_ text: String, path: String = "test.txt") throws -> Record {
        let extractor = try Extractor()
        return try extractor.extract(contentsOf: Array(text.utf8), path: path)
    }

    /// Every spanned value in `record`, as (kind, text, span).
    static func spannedValues(_ record: Record) -> [(String, String, Span)] {
        FieldKind.all.flatMap { kind in kind.rows(record).map { (kind.name, $0.text, $0.span) } }
    }
}

/// Checks that every spanned value of `record` is exactly the original bytes at its span, and
/// that spans start and end on character boundaries.
func checkSpans(_ record: Record, original: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    for (kind, text, span) in ExtractFixture.spannedValues(record) {
        guard span.start >= 0, span.end <= original.count else {
            Issue.record("\(kind) \(text): span \(span) outside the text of \(original.count) bytes", sourceLocation: sourceLocation)
            continue
        }
        #expect(span.slice(original) == text, "\(kind) text differs from the bytes at \(span)", sourceLocation: sourceLocation)
        let startsOnBoundary = span.start == original.count || (original[span.start] & 0xC0) != 0x80
        let endsOnBoundary = span.end == original.count || (original[span.end] & 0xC0) != 0x80
        #expect(startsOnBoundary && endsOnBoundary, "\(kind) \(text) cuts a character", sourceLocation: sourceLocation)
    }
    checkSections(record.sections, original: original, sourceLocation: sourceLocation)
}
