import HanCore
import HanText

extension HanError.Code {
    /// A format HanMine does not read (.doc, .wps, .xls, images …).
    public static let unsupportedFormat = HanError.Code("unsupported-format")
}

/// Bytes in, `CanonicalDocument` out: sniffs the format and runs its reader.
///
/// Plain text is decoded (`DecodingOptions`) and is its own canonical text. A format HanMine does
/// not read throws `.unsupportedFormat` whose message starts with the format's name, so a run
/// can count them ("skipped 3: .doc ×2, .wps ×1"). Not thread-safe only in the sense that each
/// worker should own one loader; the loader itself keeps no state between documents.
public struct DocumentLoader: Sendable {
    public var options: DecodingOptions

    public init(options: DecodingOptions = .default) {
        self.options = options
    }

    public func load(_ bytes: [UInt8], name: String) throws(HanError) -> CanonicalDocument {
        switch DocumentSniffer.sniff(bytes, name: name) {
        case .unsupported(let format):
            throw HanError(.unsupportedFormat, ".\(format) files are not read (supported: text, HTML, PDF, DOCX)")
        case .supported(let format):
            return try load(bytes, format: format)
        }
    }

    public func load(_ bytes: [UInt8], format: DocumentFormat) throws(HanError) -> CanonicalDocument {
        switch format {
        case .text:
            let decoded = try DocumentReader.decodeAll(bytes, options: options)
            var warnings: [Warning] = []
            if decoded.replacements > 0 {
                warnings.append(Warning(code: "decode.replaced", message: "\(decoded.replacements) invalid byte sequence(s) replaced with U+FFFD"))
            }
            return CanonicalDocument(text: decoded.text, format: .text, encoding: decoded.encoding.name, warnings: warnings)
        case .html:
            return try HTMLReader().read(bytes, options: options)
        case .docx:
            return try DOCXReader().read(bytes, options: options)
        case .pdf:
            return try PDFDocumentReader().read(bytes, options: options)
        }
    }

    /// The format name an `.unsupportedFormat` error counts under ("doc", "wps" …).
    public static func skippedFormat(of error: HanError) -> String? {
        guard error.code == .unsupportedFormat, error.message.hasPrefix(".") else { return nil }
        return String(error.message.dropFirst().prefix { $0 != " " })
    }
}
