import HanCore
import HanText

/// A decoded document as the rules see it: the original text (spans point here) and a
/// normalised reading of it with the map back.
///
/// Invariant: every span a rule reports is computed on `normalized` and mapped through
/// `map.original(start:end:)` before it is stored, so `original[span]` is what the document
/// printed.
public struct Document: Sendable {
    /// The path or name the record will carry.
    public var path: String
    /// The decoded UTF-8 text, before any normalisation.
    public var original: [UInt8]
    /// The text the rules read: half-width, and with the layout repairs of `LayoutRepair`.
    public var normalized: [UInt8]
    /// Normalised offsets → original offsets.
    public var map: OffsetMap

    public init(path: String, original: [UInt8], normalized: [UInt8], map: OffsetMap) {
        self.path = path
        self.original = original
        self.normalized = normalized
        self.map = map
    }

    /// The original span of a span found in `normalized`.
    public func originalSpan(_ normalizedSpan: Span) -> Span {
        let (start, end) = map.original(start: normalizedSpan.start, end: normalizedSpan.end)
        return Span(start, max(start, end))
    }

    /// The original text at a span found in `normalized`, with that original span.
    public func field(_ normalizedSpan: Span) -> TextField {
        let span = originalSpan(normalizedSpan)
        return TextField(text: span.slice(original), span: span)
    }

    /// The normalised text at a normalised span.
    public func normalizedText(_ span: Span) -> String { span.slice(normalized) }
}
