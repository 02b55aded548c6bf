import HanCore

/// Accumulates UTF-8 text as it arrives and hands out pieces made of whole units only, carrying
/// the rest forward (ripgrep's line buffer, with `UnitCutter` in place of the line terminator).
///
/// Memory is bounded: the carried tail is never longer than `UnitCutter.hardCap` plus the last
/// push. A piece never ends inside a unit, and a forced cut always ends a piece, so a tokenizer
/// run piece by piece joins nothing it would not join on the whole text.
public struct UnitChunker {
    /// A piece of whole units and the absolute offset of its first byte.
    public struct Piece {
        public var text: [UInt8]
        public var base: Int
    }

    public let cutter: UnitCutter
    /// Pieces are handed out once at least this many bytes of whole units have gathered (or at a
    /// forced cut, or at the end). Larger pieces amortise per-call costs; any size gives the same
    /// tokens.
    public let minimumPiece: Int
    private var pending: [UInt8] = []
    private var pendingBase = 0

    public init(cutter: UnitCutter = UnitCutter(), minimumPiece: Int = 1) {
        self.cutter = cutter
        self.minimumPiece = minimumPiece
    }

    /// The absolute offset of the first byte not yet handed out.
    public var position: Int { pendingBase }

    /// Adds text; calls `body` with each piece that is complete.
    public mutating func push(_ text: some Collection<UInt8>, _ body: (Piece) throws -> Void) rethrows {
        pending.append(contentsOf: text)
        if pending.count < minimumPiece && pending.count < cutter.hardCap { return }
        try drain(isFinal: false, body)
    }

    /// Ends the stream: hands out the rest.
    public mutating func finish(_ body: (Piece) throws -> Void) rethrows {
        try drain(isFinal: true, body)
    }

    private mutating func drain(isFinal: Bool, _ body: (Piece) throws -> Void) rethrows {
        let cuts = pending.withUnsafeBufferPointer { cutter.scan($0, from: 0, isFinal: isFinal) }
        guard !cuts.isEmpty else { return }
        var start = 0
        var pieceEnd = 0
        var pieces: [(Int, Int)] = []
        for cut in cuts {
            pieceEnd = cut.offset
            if cut.isForced || pieceEnd - start >= minimumPiece || cut.offset == cuts.last!.offset {
                pieces.append((start, pieceEnd))
                start = pieceEnd
            }
        }
        for (from, to) in pieces {
            try body(Piece(text: Array(pending[from..<to]), base: pendingBase + from))
        }
        pending.removeFirst(start)
        pendingBase += start
    }
}

/// Tokens of a stream, pushed piece by piece: the NIO `decode` / `decodeLast` shape.
///
/// `push` text in any sizes, then `finish`; `body` receives each batch of tokens with the text
/// they point into (`piece.text[token.span.start - piece.base]`). The tokens are exactly those
/// of `Tokenizer.tokenize` on the whole text.
public final class TokenStream {
    public let tokenizer: Tokenizer
    private var chunker: UnitChunker
    private var tokens: [Token] = []

    public init(tokenizer: Tokenizer, cutter: UnitCutter = UnitCutter(), minimumPiece: Int = 64 * 1024) {
        self.tokenizer = tokenizer
        chunker = UnitChunker(cutter: cutter, minimumPiece: minimumPiece)
    }

    public func push(_ text: some Collection<UInt8>, _ body: ([Token], UnitChunker.Piece) throws -> Void) rethrows {
        try chunker.push(text) { piece in try handle(piece, body) }
    }

    public func finish(_ body: ([Token], UnitChunker.Piece) throws -> Void) rethrows {
        try chunker.finish { piece in try handle(piece, body) }
    }

    private func handle(_ piece: UnitChunker.Piece, _ body: ([Token], UnitChunker.Piece) throws -> Void) rethrows {
        tokens.removeAll(keepingCapacity: true)
        piece.text.withUnsafeBufferPointer { buffer in
            tokenizer.tokenize(buffer, range: 0..<buffer.count, base: piece.base, into: &tokens)
        }
        try body(tokens, piece)
    }
}
