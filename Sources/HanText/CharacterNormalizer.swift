import CICU
import HanCore

/// Character-level normalisation: full-width ASCII → half-width, ideographic space → space, and
/// optionally traditional → simplified (ICU's `Traditional-Simplified` transliterator).
///
/// Not thread-safe (the transliterator and its cache are per instance): one per worker.
public final class CharacterNormalizer {
    public struct Options: Sendable, Equatable {
        /// Full-width ASCII (U+FF01–FF5E) → ASCII, U+3000 → space. On by default.
        public var halfWidth: Bool
        /// Traditional → simplified. Off by default.
        public var traditionalToSimplified: Bool
        public init(halfWidth: Bool = true, traditionalToSimplified: Bool = false) {
            self.halfWidth = halfWidth
            self.traditionalToSimplified = traditionalToSimplified
        }
        public static let `default` = Options()
    }

    public let options: Options
    private var transliterator: OpaquePointer?
    /// Scalar → its simplified UTF-8 (nil entry: unchanged).
    private var simplifiedCache: [UInt32: [UInt8]?] = [:]

    public init(options: Options = .default) throws(HanError) {
        self.options = options
        if options.traditionalToSimplified {
            var error: Int32 = 0
            transliterator = hm_transliterator_open("Traditional-Simplified", &error)
            if transliterator == nil {
                throw HanError(.icu, "ICU has no Traditional-Simplified transliterator (error \(error))")
            }
        }
    }

    deinit { if let transliterator { hm_transliterator_close(transliterator) } }

    /// The half-width form of a scalar, or nil when width normalisation leaves it alone.
    @inlinable
    public static func halfWidth(_ value: UInt32) -> UInt8? {
        if value >= 0xFF01, value <= 0xFF5E { return UInt8(value - 0xFF01 + 0x21) }
        if value == 0x3000 { return 0x20 }
        return nil
    }

    /// The normalised UTF-8 of one scalar, or nil when it is unchanged.
    public func normalized(_ value: UInt32) -> [UInt8]? {
        if options.halfWidth, let ascii = Self.halfWidth(value) { return [ascii] }
        guard options.traditionalToSimplified, let transliterator, value >= 0x3400 else { return nil }
        if let cached = simplifiedCache[value] { return cached }
        var out = [UInt8](repeating: 0, count: 32)
        var error: Int32 = 0
        let length = out.withUnsafeMutableBufferPointer { hm_transliterate_scalar(transliterator, value, $0.baseAddress, 32, &error) }
        var result: [UInt8]?
        if length > 0 {
            let bytes = Array(out[0..<Int(length)])
            var own: [UInt8] = []
            if let scalar = Unicode.Scalar(value) { own = Array(String(Character(scalar)).utf8) }
            if bytes != own { result = bytes }
        }
        simplifiedCache[value] = result
        return result
    }

    /// Whether any normalisation is switched on.
    public var isActive: Bool { options.halfWidth || options.traditionalToSimplified }

    /// Normalises a whole text, returning the new text and the map back to the original.
    public func normalize(_ original: [UInt8]) -> (text: [UInt8], map: OffsetMap) {
        var builder = NormalizedTextBuilder(reservingCapacity: original.count)
        original.withUnsafeBufferPointer { buffer in
            var copiedFrom = 0
            var i = 0
            while i < buffer.count {
                let (value, width) = UTF8Scalar.decode(buffer, at: i)
                if width > 1, let replacement = normalized(value) {
                    if copiedFrom < i { builder.copy(buffer, copiedFrom..<i) }
                    builder.replace(i..<(i + width), with: replacement)
                    copiedFrom = i + width
                }
                i += width
            }
            if copiedFrom < buffer.count { builder.copy(buffer, copiedFrom..<buffer.count) }
        }
        return builder.finish()
    }
}

/// Decoding one scalar from valid UTF-8.
public enum UTF8Scalar {
    /// The scalar at `i` and its width in bytes. The text must be valid UTF-8.
    @inlinable @inline(__always)
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(buffer[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(buffer[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(buffer[i + 1] & 0x3F) << 6 | UInt32(buffer[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(buffer[i + 1] & 0x3F) << 12 | UInt32(buffer[i + 2] & 0x3F) << 6
                    | UInt32(buffer[i + 3] & 0x3F), 4)
    }

    /// The width of the scalar whose lead byte is `lead`.
    @inlinable @inline(__always)
    public static func width(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
