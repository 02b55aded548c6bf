/// One cell of a statistical table: a number as printed (nil when the document leaves it blank or
/// writes `/`, `—`, `-`, `无`), and the span of the digits it was read from.
public struct TableCell: Sendable, Equatable {
    public var column: String
    public var value: Double?
    public var span: Span?
    public init(column: String, value: Double?, span: Span? = nil) {
        self.column = column
        self.value = value
        self.span = span
    }
}

/// A row of a table: its fixed key (SPEC.md) and its cells in template order.
public struct TableRow: Sendable, Equatable {
    public var name: String
    public var cells: [TableCell]
    public init(name: String, cells: [TableCell]) {
        self.name = name
        self.cells = cells
    }
}

/// A table with fixed row and column keys, in template order.
///
/// Encodes as SPEC.md's nested object `{row: {column: value}}`; spans ride in
/// `Record.tableCells`, the long form.
public struct Table: Sendable, Equatable, Codable {
    public var rows: [TableRow]
    public init(rows: [TableRow]) { self.rows = rows }

    public subscript(row: String, column: String) -> Double? {
        get { rows.first { $0.name == row }?.cells.first { $0.column == column }?.value ?? nil }
    }

    public func cell(_ row: String, _ column: String) -> TableCell? {
        rows.first { $0.name == row }?.cells.first { $0.column == column }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Key.self)
        var rows: [TableRow] = []
        for rowKey in outer.allKeys {
            let inner = try outer.nestedContainer(keyedBy: Key.self, forKey: rowKey)
            let cells = try inner.allKeys.map { key in
                TableCell(column: key.stringValue, value: try inner.decodeIfPresent(Double.self, forKey: key))
            }
            rows.append(TableRow(name: rowKey.stringValue, cells: cells))
        }
        self.rows = rows
    }

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Key.self)
        for row in rows {
            var inner = outer.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: row.name))
            for cell in row.cells {
                let key = Key(stringValue: cell.column)
                if let value = cell.value {
                    try inner.encode(JSONNumber(value), forKey: key)
                } else {
                    try inner.encodeNil(forKey: key)
                }
            }
        }
    }
}

/// The three statistical tables of a disclosure report. A table the document lacks is nil.
public struct Tables: Sendable, Equatable, Codable {
    /// 二、主动公开政府信息情况.
    public var proactive: Table?
    /// 三、收到和处理政府信息公开申请情况: 25 rows × 7 columns.
    public var applications: Table?
    /// 四、行政复议、行政诉讼: 3 groups × 5 cells.
    public var reviewLitigation: Table?

    public init(proactive: Table? = nil, applications: Table? = nil, reviewLitigation: Table? = nil) {
        self.proactive = proactive
        self.applications = applications
        self.reviewLitigation = reviewLitigation
    }

    enum CodingKeys: String, CodingKey {
        case proactive, applications
        case reviewLitigation = "review_litigation"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(proactive, forKey: .proactive)
        try c.encode(applications, forKey: .applications)
        try c.encode(reviewLitigation, forKey: .reviewLitigation)
    }

    /// Every cell in long form, in table order: the store's `cells` table and `table_cells`.
    public var longForm: [TableCellField] {
        var out: [TableCellField] = []
        for (name, table) in [("proactive", proactive), ("applications", applications),
                              ("review_litigation", reviewLitigation)] {
            guard let table else { continue }
            for row in table.rows {
                for cell in row.cells {
                    out.append(TableCellField(table: name, row: row.name, column: cell.column,
                                              value: cell.value.map(JSONNumber.init), span: cell.span))
                }
            }
        }
        return out
    }
}

/// A table cell in long form, with its span: the traceable twin of `Tables`.
public struct TableCellField: Sendable, Codable, Equatable {
    public var table: String
    public var row: String
    public var column: String
    public var value: JSONNumber?
    public var span: Span?
    public init(table: String, row: String, column: String, value: JSONNumber?, span: Span?) {
        self.table = table
        self.row = row
        self.column = column
        self.value = value
        self.span = span
    }

    enum CodingKeys: String, CodingKey { case table, row, column, value, span }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(table, forKey: .table)
        try c.encode(row, forKey: .row)
        try c.encode(column, forKey: .column)
        try c.encode(value, forKey: .value)
        try c.encode(span, forKey: .span)
    }
}

/// How the text printed a table, as the reader found it: the layout of most of the cells read.
public enum TableLayout: String, Sendable, Codable, CaseIterable {
    /// One cell per line (blank cells as empty or tab-only lines).
    case cellPerLine = "cell-per-line"
    /// A row per line, cells separated by tabs (empty fields kept).
    case tsv
    /// A row per line, numbers separated by spaces.
    case spaces
    /// PDF text: a block of labels first, then its numbers column by column.
    case pdfColumns = "pdf-columns"
    /// PDF text: a block of labels first, then its numbers row by row.
    case pdfRows = "pdf-rows"
    /// A row's digits glued together without separators (crawler text), cut by the arithmetic.
    case glued
    /// Pipe tables (`| 1 | 2 |`), as PDF-to-markdown converters print them.
    case markdown
    /// Cells given as a grid by the document's format (HTML `<td>`, DOCX, PDF cells).
    case grid
    /// No table was found.
    case none
}

/// What a record's tables came to (SPEC.md `table_quality`): how many of the template's cells
/// were read, how many the document left blank, how many were left null because the readings
/// disagree (or the search ran out of budget), and how the checks came out.
///
/// Invariants: `blank <= read`, `read + ambiguous <= cells`; cells neither read nor ambiguous
/// were not found (`table.row_missing`). `cells` counts the template's cells the document has: the
/// two （六） sub-rows of a report printing a single 其他处理 row are not among them.
public struct TableQuality: Sendable, Codable, Equatable {
    public var layout: TableLayout
    public var cells: Int
    /// Cells with a number, or printed blank (`/`, `—`, an empty field): the document's own value.
    public var read: Int
    public var blank: Int
    public var ambiguous: Int
    public var checksPassed: Int
    public var checksFailed: Int
    public var checksUnevaluable: Int

    public init(layout: TableLayout, cells: Int, read: Int, blank: Int, ambiguous: Int,
                checksPassed: Int = 0, checksFailed: Int = 0, checksUnevaluable: Int = 0) {
        self.layout = layout
        self.cells = cells
        self.read = read
        self.blank = blank
        self.ambiguous = ambiguous
        self.checksPassed = checksPassed
        self.checksFailed = checksFailed
        self.checksUnevaluable = checksUnevaluable
    }

    /// Every cell read (blanks printed as blank count as read): what `--complete` selects.
    public var isComplete: Bool { read == cells }

    /// Counts the checks' outcomes into the summary.
    public mutating func count(_ checks: [Check]) {
        checksPassed = checks.count { $0.ok == true }
        checksFailed = checks.count { $0.ok == false }
        checksUnevaluable = checks.count { $0.ok == nil }
    }

    enum CodingKeys: String, CodingKey {
        case layout, cells, read, blank, ambiguous
        case checksPassed = "checks_passed"
        case checksFailed = "checks_failed"
        case checksUnevaluable = "checks_unevaluable"
    }
}
