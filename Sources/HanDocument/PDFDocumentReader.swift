import HanCore
import HanPDF
import HanText

/// PDF through HanPDF (poppler behind CPoppler): the text layer in reading order, tables rebuilt
/// from word positions. `options` does not apply (a PDF's text layer carries its own encoding).
public struct PDFDocumentReader: DocumentFormatReader {
    public static let format = DocumentFormat.pdf

    public init() {}

    public func read(_ bytes: [UInt8], options: DecodingOptions) throws(HanError) -> CanonicalDocument {
        try PDFReader().read(bytes)
    }
}
