import HanCore

/// Reads a PDF's text layer into canonical text and table grids.
///
/// Stages: poppler's words (CPoppler) → lines by shared baseline, split into segments at wide
/// gaps (`PageLines`) → running headers, footers and page numbers removed by position and
/// repetition (`RunningChrome`) → blocks of lines: runs with several cells per line and a line of
/// numbers are tables (`TableLayout`), continued over a page break when their number columns
/// match; the rest is running text whose hard-wrapped lines are joined into paragraphs
/// (`CanonicalTextWriter`).
///
/// Errors (`HanError`, the caller adds the path): `.malformed` for a file poppler cannot parse,
/// `.encrypted` for one that needs a password, `.noTextLayer` when no page has text (a scan),
/// `.limitExceeded` past `Configuration`'s limits. Pages without text in a PDF that has some
/// become a `pdf.no_text_pages` warning.
public struct PDFReader: Sendable {
    public struct Configuration: Sendable {
        /// Documents with more pages are refused. Default 2,000: a year's report runs to tens of
        /// pages; thousands is a book or a scan dump, not a report.
        public var maxPages: Int = 2_000
        /// Pages with more words are refused. Default 20,000 (a dense page has ~1,500).
        public var maxWordsPerPage: Int = 20_000
        /// The largest canonical text (bytes). Default 64 MiB.
        public var maxTextBytes: Int = 64 << 20
        /// The most cells one table may have. Default 200,000.
        public var maxGridCells: Int = 200_000
        public init() {}
        public static let `default` = Configuration()
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .default) {
        self.configuration = configuration
    }

    /// poppler's version ("22.12.0").
    public static var popplerVersion: String { PDFFile.popplerVersion }

    public func read(_ bytes: [UInt8]) throws(HanError) -> CanonicalDocument {
        var opened: Result<PDFFile, HanError> = .failure(HanError(.malformed, "corrupt PDF: empty file"))
        bytes.withUnsafeBytes { buffer in
            do throws(HanError) { opened = .success(try PDFFile(bytes: buffer)) } catch { opened = .failure(error) }
        }
        let file = try opened.get()
        guard file.pageCount <= configuration.maxPages else {
            throw HanError(.limitExceeded, "PDF too large: \(file.pageCount) pages, more than the \(configuration.maxPages) a report can have; split the file")
        }
        var pages: [[Line]] = []
        var heights: [Double] = []
        var empty: [Int] = []
        for index in 0..<file.pageCount {
            let page = try file.page(index)
            guard page.words.count <= configuration.maxWordsPerPage else {
                throw HanError(.limitExceeded, "PDF too large: page \(index + 1) has \(page.words.count) words, more than \(configuration.maxWordsPerPage); not a report page")
            }
            if page.words.isEmpty { empty.append(index + 1) }
            pages.append(PageLines.lines(of: page, index: index))
            heights.append(page.height)
        }
        if empty.count == file.pageCount {
            throw HanError(.noTextLayer, "scanned PDF: none of its \(file.pageCount) page(s) has a text layer; run OCR on it first (e.g. ocrmypdf) and read the result")
        }
        let kept = RunningChrome.remove(from: pages, heights: heights)
        var document = CanonicalTextWriter.write(blocks: Blocks.split(kept))
        guard document.text.count <= configuration.maxTextBytes else {
            throw HanError(.limitExceeded, "PDF too large: its text exceeds \(configuration.maxTextBytes) bytes")
        }
        if let big = document.grids.first(where: { $0.rowCount * $0.columnCount > configuration.maxGridCells }) {
            throw HanError(.limitExceeded, "PDF too large: a table of \(big.rowCount) × \(big.columnCount) cells on page \(big.page ?? 0)")
        }
        if !empty.isEmpty {
            let list = empty.prefix(10).map(String.init).joined(separator: ", ") + (empty.count > 10 ? ", …" : "")
            document.warnings.append(Warning(code: "pdf.no_text_pages", message: "\(empty.count) page(s) have no text layer (scanned?): \(list); their text is missing"))
        }
        return document
    }
}
