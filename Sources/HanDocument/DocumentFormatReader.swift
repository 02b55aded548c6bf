import HanCore
import HanText

/// A reader of one file format: bytes in, the canonical text and its table grids out.
///
/// Conformers are the only code that knows a format (HTMLReader, DOCXReader, PDFReader). A reader
/// is used by one thread at a time but may be reused for many documents. Errors are `HanError`s
/// naming what is wrong (`.malformed` for a corrupt file, `.limitExceeded` for one too large); the
/// caller adds the path. Problems a reader can work around go into `CanonicalDocument.warnings`.
public protocol DocumentFormatReader {
    /// The format this reader reads.
    static var format: DocumentFormat { get }
    /// Reads one document. `options` carries the user's `--encoding`/`--lossy` for text-based formats.
    func read(_ bytes: [UInt8], options: DecodingOptions) throws(HanError) -> CanonicalDocument
}

/// The limits every reader enforces, so a hostile file ends in an error instead of a hang or an
/// exhausted memory.
public enum DocumentLimits {
    /// The largest original accepted (bytes). HTML pages are 100–400 KB, report PDFs a few MB.
    public static let maxInputBytes = 64 << 20
    /// The largest canonical text a reader may produce (bytes); a DOCX can unpack far beyond its size.
    public static let maxTextBytes = 64 << 20
    /// The most cells a table grid may have after rowspan/colspan expansion.
    public static let maxGridCells = 200_000
}

extension String {
    /// A C library's NUL-terminated message.
    init(cMessage buffer: [CChar]) {
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
