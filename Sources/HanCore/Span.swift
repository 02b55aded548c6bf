/// A half-open range `[start, end)` of UTF-8 byte offsets into a document's decoded text.
///
/// Spans always point into the text as decoded from its original encoding and *before* any
/// normalisation (full-width → half-width, traditional → simplified, joined line breaks), so the
/// bytes at a span are exactly what the document printed. Every token and every extracted field
/// carries one. Invariant: `0 <= start <= end`.
public struct Span: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    @inlinable
    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "a span never ends before it starts")
        self.start = start
        self.end = end
    }

    @inlinable public var length: Int { end - start }
    @inlinable public var isEmpty: Bool { start == end }

    /// The same span moved by `delta` bytes: how a chunk-relative span becomes document-absolute.
    @inlinable
    public func shifted(by delta: Int) -> Span { Span(start + delta, end + delta) }

    /// The smallest span covering both.
    @inlinable
    public func union(_ other: Span) -> Span { Span(Swift.min(start, other.start), Swift.max(end, other.end)) }

    @inlinable
    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }

    @inlinable
    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "[\(start), \(end))" }

    /// Encoded as the two-element array `[start, end]` of SPEC.md.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let start = try container.decode(Int.self)
        let end = try container.decode(Int.self)
        guard start <= end else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "span ends before it starts")
        }
        self.init(start, end)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }
}

extension Span {
    /// The bytes of `text` at this span, as a string. Traps if the span falls outside the text.
    public func slice(_ text: [UInt8]) -> String {
        String(decoding: text[start..<end], as: UTF8.self)
    }
}
