/// What the bytes of a document were. Sniffed from the bytes (magic numbers, markup), the file
/// name only breaking ties; recorded as `source.format` (SPEC.md).
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case text, html, pdf, docx
}

/// One position of a table grid after rowspan/colspan are expanded.
///
/// Invariant: `span` is a byte range of `CanonicalDocument.text` holding the cell's text with
/// the surrounding whitespace trimmed (an empty range at the cell's place when it is blank).
/// The positions a spanning cell covers all carry the same `span` and the same `origin`; only
/// the one at `origin` has `isOrigin == true`, so a reader can tell a merged cell from two cells
/// that print the same digits.
public struct GridCell: Sendable, Equatable {
    public var span: Span
    /// Row and column (in the expanded grid) of the cell's top-left position.
    public var originRow: Int
    public var originColumn: Int
    /// How many rows and columns the source cell covers (1 when it does not span).
    public var rowSpan: Int
    public var columnSpan: Int

    public init(span: Span, originRow: Int, originColumn: Int, rowSpan: Int = 1, columnSpan: Int = 1) {
        self.span = span
        self.originRow = originRow
        self.originColumn = originColumn
        self.rowSpan = rowSpan
        self.columnSpan = columnSpan
    }

    /// Whether this position is the cell's own, not a copy made by expanding a span.
    public func isOrigin(row: Int, column: Int) -> Bool { row == originRow && column == originColumn }
}

/// A table as the document's structure gives it: rows × cells, spans expanded.
///
/// Invariant: every row has the same number of cells (rows a document left short are padded with
/// blank cells whose span is empty and sits at the row's end). `sourceCells` counts, per row, the
/// cells the document itself printed in that row (before padding and span copies): Word HTML
/// sometimes prints a grid that is not rectangular, and a reader can then take a row's last cells.
public struct TableGrid: Sendable, Equatable {
    public var rows: [[GridCell]]
    /// The cells printed in each row, in order, before expansion (each with its own span).
    public var sourceRows: [[Span]]
    /// The table's whole stretch of the canonical text.
    public var span: Span
    /// The 1-based page a PDF table starts on; nil for formats without pages.
    public var page: Int?
    /// How deep the table sits in other tables (0 for a table in the page's body).
    public var depth: Int

    public init(rows: [[GridCell]], sourceRows: [[Span]], span: Span, page: Int? = nil, depth: Int = 0) {
        self.rows = rows
        self.sourceRows = sourceRows
        self.span = span
        self.page = page
        self.depth = depth
    }

    public var rowCount: Int { rows.count }
    public var columnCount: Int { rows.first?.count ?? 0 }
}

/// A document as a reader made it: the canonical text every span refers to, and its tables.
///
/// The canonical text (SPEC.md): UTF-8; block elements and table rows each on their own line;
/// the cells of a row separated by one tab (a cell's own paragraphs joined by a space); no
/// markup, scripts, styles or site chrome. For plain text input it is the decoded text unchanged.
public struct CanonicalDocument: Sendable {
    public var text: [UInt8]
    public var format: DocumentFormat
    /// The encoding the original bytes were decoded from ("UTF-8", "GB18030", …; "binary" for PDF/DOCX).
    public var encoding: String
    public var grids: [TableGrid]
    /// What the reader noticed but could work around (a broken table, a scanned page …).
    public var warnings: [Warning]

    public init(text: [UInt8], format: DocumentFormat, encoding: String, grids: [TableGrid] = [], warnings: [Warning] = []) {
        self.text = text
        self.format = format
        self.encoding = encoding
        self.grids = grids
        self.warnings = warnings
    }
}
