import HanCore
import HanText

/// The folded text search matches on: traditional → simplified (ICU's `Traditional-Simplified`,
/// scalar by scalar), full-width → half-width, ideographic space → space, ASCII upper → lower
/// case. Nothing else: no words, no layout repair. "A query finds a document" means exactly "the
/// folded query is a substring of the folded text" (`SearchRecallTests` hold the index to it).
///
/// Folding works scalar by scalar, so every folded character knows the original bytes it came
/// from: keyword-in-context lines and spans always show the document as printed.
///
/// Not thread-safe (the transliterator's cache): one per connection or worker.
public final class SearchFold {
    private let normalizer: CharacterNormalizer

    public init() throws(HanError) {
        normalizer = try CharacterNormalizer(options: .init(halfWidth: true, traditionalToSimplified: true))
    }

    /// Whitespace separates query pieces and cuts the gram runs of a text: no query piece holds
    /// it, so no gram needs to span it.
    @inline(__always)
    public static func isSeparator(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) || scalar == 0xA0 || scalar == 0x3000 || scalar == 0xFEFF
            || scalar == 0x2028 || scalar == 0x2029
    }

    /// Calls `body` for each character of `text` (valid UTF-8) with its folded UTF-8 and the span
    /// of the original scalar; separators come through with `separator` true. A scalar that
    /// folds to several scalars gives several calls with the same span.
    @inline(__always)
    public func forEachCharacter(in text: UnsafeBufferPointer<UInt8>,
                                 _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ span: Span, _ separator: Bool) -> Void) {
        var i = 0
        var scratch: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        while i < text.count {
            let (value, width) = UTF8Scalar.decode(text, at: i)
            let span = Span(i, i + width)
            if Self.isSeparator(value) {
                body(UnsafeBufferPointer(rebasing: text[i..<(i + width)]), span, true)
            } else if width == 1 {
                scratch.0 = value >= 0x41 && value <= 0x5A ? UInt8(value) | 0x20 : UInt8(value)
                withUnsafeBytes(of: &scratch) { raw in
                    body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 1), span, false)
                }
            } else if let replacement = normalizer.normalized(value) {
                var folded = replacement
                if folded.count == 1, folded[0] >= 0x41, folded[0] <= 0x5A { folded[0] |= 0x20 }
                folded.withUnsafeBufferPointer { buffer in
                    var k = 0
                    while k < buffer.count {
                        let w = UTF8Scalar.width(lead: buffer[k])
                        let (scalar, _) = UTF8Scalar.decode(buffer, at: k)
                        body(UnsafeBufferPointer(rebasing: buffer[k..<min(buffer.count, k + w)]), span, Self.isSeparator(scalar))
                        k += w
                    }
                }
            } else {
                body(UnsafeBufferPointer(rebasing: text[i..<(i + width)]), span, false)
            }
            i += width
        }
    }

    /// The folded text with, for each folded byte, the original span of the scalar it came from.
    public func fold(_ text: [UInt8]) -> FoldedText {
        var folded: [UInt8] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        folded.reserveCapacity(text.count)
        starts.reserveCapacity(text.count)
        ends.reserveCapacity(text.count)
        text.withUnsafeBufferPointer { buffer in
            forEachCharacter(in: buffer) { bytes, span, _ in
                folded.append(contentsOf: bytes)
                for _ in 0..<bytes.count {
                    starts.append(Int32(span.start))
                    ends.append(Int32(span.end))
                }
            }
        }
        return FoldedText(bytes: folded, starts: starts, ends: ends)
    }

    public func fold(_ text: String) -> [UInt8] { fold(Array(text.utf8)).bytes }

    /// The pieces of a query: the folded text cut at separators, empty pieces dropped.
    public func queryPieces(_ query: String) -> [[UInt8]] {
        let folded = fold(Array(query.utf8))
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        folded.bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                let (scalar, width) = UTF8Scalar.decode(buffer, at: i)
                if Self.isSeparator(scalar) {
                    if !current.isEmpty { pieces.append(current) }
                    current = []
                } else {
                    current.append(contentsOf: buffer[i..<(i + width)])
                }
                i += width
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}

/// A folded text and the way back to the original bytes.
public struct FoldedText: Sendable {
    public var bytes: [UInt8]
    /// For each folded byte: the original span of the scalar it came from.
    var starts: [Int32]
    var ends: [Int32]

    /// Every occurrence of `needle` (folded) in the folded text, left to right, non-overlapping,
    /// as spans of the original text.
    public func occurrences(of needle: [UInt8]) -> [Span] {
        Concordance.find(needle, in: bytes).compactMap { found in
            // A needle always starts and ends on scalar boundaries of the folded text (both are
            // valid UTF-8), and those map onto whole original scalars.
            Span(Int(starts[found.start]), Int(ends[found.end - 1]))
        }
    }
}
