import CPoppler
import HanCore

/// One word of a page's text layer as poppler groups it, in PDF points, origin top-left, y down.
struct PDFWord: Sendable {
    var text: String
    var xMin: Double
    var yMin: Double
    var xMax: Double
    var yMax: Double
    /// The font size in points; the box height when poppler does not know it.
    var fontSize: Double
    /// poppler saw white space after the word on the same line.
    var spaceAfter: Bool

    var height: Double { yMax - yMin }
    var yMid: Double { (yMin + yMax) / 2 }
}

/// A page's size and its words, in poppler's order.
struct PDFPageWords: Sendable {
    var width: Double
    var height: Double
    var words: [PDFWord]
}

/// An open PDF: the one Swift type that holds a poppler handle (through CPoppler).
///
/// Not shared between threads: each reader opens its own.
final class PDFFile {
    private let handle: OpaquePointer
    let pageCount: Int

    /// Opens `bytes` (copied by poppler's side).
    init(bytes: UnsafeRawBufferPointer) throws(HanError) {
        var opened: OpaquePointer?
        let status = hm_pdf_open(bytes.baseAddress, bytes.count, &opened)
        guard status == HM_PDF_OK, let opened else { throw PDFFile.error(status) }
        handle = opened
        pageCount = Int(hm_pdf_page_count(opened))
    }

    deinit { hm_pdf_close(handle) }

    /// The words of page `index` (0-based). Rotated words (watermarks, stamps, side notes) are
    /// left out: they are not part of the reading order.
    func page(_ index: Int) throws(HanError) -> PDFPageWords {
        var page = hm_pdf_page()
        let status = hm_pdf_read_page(handle, Int32(index), &page)
        guard status == HM_PDF_OK else { throw PDFFile.error(status, page: index + 1) }
        var words: [PDFWord] = []
        words.reserveCapacity(page.word_count)
        let text = UnsafeRawBufferPointer(start: page.text, count: page.text_length)
        for i in 0..<page.word_count {
            let word = page.words[i]
            guard word.rotation == 0, word.vertical == 0 else { continue }
            let start = Int(word.text_start)
            let bytes = UnsafeRawBufferPointer(rebasing: text[start..<start + Int(word.text_length)])
            let string = String(decoding: bytes, as: UTF8.self)
            let height = word.y_max - word.y_min
            words.append(PDFWord(
                text: string, xMin: word.x_min, yMin: word.y_min, xMax: word.x_max, yMax: word.y_max,
                fontSize: word.font_size > 0 ? word.font_size : height, spaceAfter: word.space_after != 0))
        }
        return PDFPageWords(width: page.width, height: page.height, words: words)
    }

    /// poppler's version, for benchmark records.
    static var popplerVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        hm_pdf_poppler_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Messages say what is wrong and what to do; the caller puts the file's path in front.
    private static func error(_ status: hm_pdf_status, page: Int? = nil) -> HanError {
        switch status {
        case HM_PDF_CORRUPT:
            return HanError(.malformed, "corrupt PDF: poppler cannot parse it (damaged, truncated or not a PDF); re-download or re-export it")
        case HM_PDF_ENCRYPTED:
            return HanError(.encrypted, "encrypted PDF: it needs a password to open; save an unprotected copy to read it")
        case HM_PDF_NO_PAGES:
            return HanError(.malformed, "corrupt PDF: it has no pages")
        default:
            let at = page.map { " on page \($0)" } ?? ""
            return HanError(.malformed, "corrupt PDF: poppler failed\(at) (out of memory or a damaged object)")
        }
    }
}
