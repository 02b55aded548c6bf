import HanText

/// How an `Extractor` reads documents.
public struct ExtractionOptions: Sendable {
    /// How raw bytes are decoded. Default: detect the encoding, fail on invalid bytes.
    public var decoding: DecodingOptions
    /// Read traditional characters as simplified (through the offset map; spans and `text` stay as
    /// printed). On by default: reports mirrored in traditional characters are common.
    public var traditionalToSimplified: Bool

    public init(decoding: DecodingOptions = .default, traditionalToSimplified: Bool = true) {
        self.decoding = decoding
        self.traditionalToSimplified = traditionalToSimplified
    }

    public static let `default` = ExtractionOptions()
}
