/// Maps byte offsets in a normalised text back to the original text (Lucene's `correctOffset`).
///
/// Normalisation (full-width → half-width, traditional → simplified, joining a word broken by a
/// line wrap, dropping a page number) changes lengths. Rules run on the normalised text; every
/// span they report goes through `original(start:end:)` before it leaves the extractor, so spans
/// always point into the document as printed.
///
/// Representation: one breakpoint per replaced piece, in order: `(offset, delta, isDeletion)`
/// says that from normalised `offset` on, original = normalised + `delta`. A *start* maps with
/// the last breakpoint at or before it (so it skips a deleted run that precedes it); an *end*
/// maps the same way except that deletions exactly at it are ignored (so it does not swallow the
/// deleted run that follows it). A text that normalisation left alone has no breakpoint.
public struct OffsetMap: Sendable, Equatable {
    @usableFromInline var offsets: [Int] = []
    @usableFromInline var deltas: [Int] = []
    @usableFromInline var deletions: [Bool] = []

    public init() {}

    public var isIdentity: Bool { offsets.isEmpty }

    mutating func record(offset: Int, delta: Int, isDeletion: Bool) {
        offsets.append(offset)
        deltas.append(delta)
        deletions.append(isDeletion)
    }

    /// The index of the last breakpoint at or before `offset`, or -1.
    @inlinable
    func lastBreakpoint(atOrBefore offset: Int) -> Int {
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// The original offset of a normalised offset where a span starts.
    @inlinable
    public func originalStart(_ offset: Int) -> Int {
        let index = lastBreakpoint(atOrBefore: offset)
        return index < 0 ? offset : offset + deltas[index]
    }

    /// The original offset of a normalised offset where a span ends.
    @inlinable
    public func originalEnd(_ offset: Int) -> Int {
        var index = lastBreakpoint(atOrBefore: offset)
        while index >= 0, offsets[index] == offset, deletions[index] { index -= 1 }
        return index < 0 ? offset : offset + deltas[index]
    }

    /// The original `[start, end)` of a normalised one.
    @inlinable
    public func original(start: Int, end: Int) -> (start: Int, end: Int) {
        (originalStart(start), originalEnd(end))
    }
}

/// Builds a normalised text and its `OffsetMap` in one pass over the original.
///
/// Callers walk the original in order and say, for each piece, either "copy these original
/// bytes" or "this original range reads as these bytes" (empty for a deletion).
public struct NormalizedTextBuilder {
    public private(set) var text: [UInt8] = []
    public private(set) var map = OffsetMap()
    /// The original offset up to which the builder has accounted for the text.
    public private(set) var originalPosition = 0

    public init(reservingCapacity capacity: Int = 0) { text.reserveCapacity(capacity) }

    /// Copies `original[range]` unchanged.
    public mutating func copy(_ original: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        precondition(range.lowerBound == originalPosition, "the builder walks the original in order")
        text.append(contentsOf: UnsafeBufferPointer(rebasing: original[range]))
        originalPosition = range.upperBound
    }

    /// Reads `original[range]` as `replacement` (which may be empty: a deletion).
    public mutating func replace(_ range: Range<Int>, with replacement: some Collection<UInt8>) {
        precondition(range.lowerBound == originalPosition, "the builder walks the original in order")
        text.append(contentsOf: replacement)
        originalPosition = range.upperBound
        let delta = originalPosition - text.count
        if replacement.count == range.count, (map.deltas.last ?? 0) == delta { return }
        map.record(offset: text.count, delta: delta, isDeletion: replacement.isEmpty)
    }

    public func finish() -> (text: [UInt8], map: OffsetMap) { (text, map) }
}
