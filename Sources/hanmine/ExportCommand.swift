import ArgumentParser
import HanCore
import HanStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a table of the corpus store as CSV, TSV or JSON Lines for pandas, R or jq.",
        discussion: """
        applications, proactive, review_litigation: one row per document and table row, one
        column per template column (empty where the document left the cell blank), with the
        document's path, agency and year. fields: every extracted field with its span.
        documents: one row per current document. Rows stream out; memory stays small.
        --complete keeps only the reports whose table cells were all read (table_quality).
        table_quality: one row per document with its table-reading summary.

        Examples:
          hanmine export --table applications --format csv > applications.csv
          hanmine export --table fields --format jsonl | jq 'select(.kind == "phone")'
          hanmine export --table documents --format csv --all-versions
          hanmine export --table applications --complete --format csv
        """
    )

    enum ExportTable: String, ExpressibleByArgument, CaseIterable {
        case applications, proactive, documents, fields
        case reviewLitigation = "review_litigation"
        case tableQuality = "table_quality"
    }

    @Option(name: .long, help: "Which table: applications, proactive, review_litigation, fields, documents, table_quality.")
    var table: ExportTable

    @Flag(name: .long, help: "Include older versions of changed documents.")
    var allVersions = false

    @OptionGroup var completeness: CompleteOption
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func run() throws {
        let corpus = try store.open(.readOnly)
        let current = (allVersions ? "1" : "d.is_current = 1") + completeness.condition()
        let sql: String
        switch table {
        case .applications, .proactive, .reviewLitigation:
            sql = """
            SELECT d.id AS document_id, d.path, d.agency, d.year, w.*
            FROM \(table.rawValue)_wide w JOIN documents d ON d.id = w.document_id
            WHERE \(current)
            """
        case .fields:
            sql = """
            SELECT d.id AS document_id, d.path, f.kind, f.ordinal, f.text, f.value, f.unit, f.subject, f.extra,
                   f.span_start, f.span_end
            FROM fields f JOIN documents d ON d.id = f.document_id WHERE \(current)
            ORDER BY f.document_id, f.kind, f.ordinal
            """
        case .tableQuality:
            sql = """
            SELECT d.id AS document_id, d.path, d.agency, d.year, q.layout, q.cells, q.read, q.blank, q.ambiguous,
                   q.checks_passed, q.checks_failed, q.checks_unevaluable
            FROM table_quality q JOIN documents d ON d.id = q.document_id WHERE \(current) ORDER BY d.id
            """
        case .documents:
            sql = """
            SELECT id AS document_id, path, version, is_current, sha256, bytes, encoding, profile, title, agency, year,
                   period_start, period_end, ingested_at
            FROM documents d WHERE \(current) ORDER BY id
            """
        }
        let writer = TableWriter(format: output.resolved)
        var started = false
        try corpus.forEachRow(sql) { columns, row in
            var columns = columns
            var row = row
            // w.* repeats document_id: keep the first.
            if let duplicate = columns.indices.dropFirst().first(where: { columns[$0] == "document_id" }) {
                columns.remove(at: duplicate)
                row.remove(at: duplicate)
            }
            if !started {
                try writer.start(columns: columns)
                started = true
            }
            try writer.row(row)
        }
        if !started {
            var (columns, _) = try corpus.fetchAll(sql + " LIMIT 0")
            if let duplicate = columns.indices.dropFirst().first(where: { columns[$0] == "document_id" }) { columns.remove(at: duplicate) }
            try writer.start(columns: columns)
        }
        try writer.finish()
    }
}
