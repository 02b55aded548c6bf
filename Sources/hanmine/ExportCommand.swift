import ArgumentParser
import HanCore
import HanStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a table of the corpus store as CSV, TSV or JSON Lines for pandas, R or jq.",
        discussion: """
        Every export starts with the document's id, path, canonical agency (agency_canonical) and
        year, so rows from different exports join on document_id and read on their own.

        applications, proactive, review_litigation: one row per document and table row, one
        column per template column (empty where the document left the cell blank).
        checks: every check with its rule, ok (1, 0, empty when a cell it needs is missing) and
        arithmetic. warnings: every warning with its code, message and span.
        table_quality: one row per document with its table-reading summary.
        fields: the fields of one kind (--kind), with that kind's own typed columns:
          count: text, value, unit, subject, approximate
          money: text, yuan, approximate
          date: text, value (ISO date, or start/end of a range), date_kind
          doc_number: text, issuer, year_issued, number
          phone, fax: text, value (+86-…)
          published: text, value (ISO date)
          problem, measure: heading, item (its index), text
          address, postcode, email, url, title, source_url: text
        each with span_start and span_end (UTF-8 bytes of the document's text).
        documents: one row per current document, with copy_of and its other paths.

        One row per report: copies of a report captured twice are left out unless --all-copies;
        older versions of changed documents unless --all-versions. --complete keeps only the
        reports whose table cells were all read (table_quality). Rows stream out; memory stays
        small.

        Exit status: 0 done, 1 an error (the store missing or corrupt), 2 usage.

        Examples:
          hanmine export --table applications --format csv > applications.csv
          hanmine export --table fields --kind count --format csv > counts.csv
          hanmine export --table checks --format jsonl | jq 'select(.ok == 0)'
          hanmine export --table documents --format csv --all-versions --all-copies
          hanmine export --table applications --complete --format csv
        """
    )

    enum ExportTable: String, ExpressibleByArgument, CaseIterable {
        case applications, proactive, documents, fields, checks, warnings
        case reviewLitigation = "review_litigation"
        case tableQuality = "table_quality"
    }

    enum FieldKind: String, ExpressibleByArgument, CaseIterable {
        case count, money, date, phone, fax, address, postcode, email, url, title, problem, measure, published
        case docNumber = "doc_number"
        case sourceURL = "source_url"
    }

    @Option(name: .long, help: "Which table: applications, proactive, review_litigation, checks, warnings, fields, documents, table_quality.")
    var table: ExportTable

    @Option(name: .long, help: "With --table fields: which kind of field (count, money, date, doc_number, phone, fax, address, postcode, email, url, title, problem, measure, published, source_url).")
    var kind: FieldKind?

    @Flag(name: .long, help: "Include older versions of changed documents.")
    var allVersions = false

    @OptionGroup var completeness: CompleteOption
    @OptionGroup var section: SectionOption
    @OptionGroup var copies: CopiesOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func validate() throws {
        if table == .fields, kind == nil {
            throw ValidationError("--table fields needs --kind (one kind per export, each with its own columns): "
                                  + FieldKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if table != .fields, kind != nil { throw ValidationError("--kind goes with --table fields") }
    }

    /// The typed columns of one kind of field, from the generic `fields` row `f`.
    static func fieldColumns(_ kind: FieldKind) -> String {
        let approximate = "CASE WHEN f.extra LIKE '%\"approximate\":true%' THEN 1 ELSE 0 END AS approximate"
        switch kind {
        case .count: return "f.text, f.value, f.unit, f.subject, \(approximate)"
        case .money: return "f.text, f.value AS yuan, \(approximate)"
        case .date: return "f.text, f.value, f.unit AS date_kind"
        case .docNumber: return "f.text, f.subject AS issuer, json_extract(f.extra, '$.year') AS year_issued, f.value AS number"
        case .phone, .fax, .published: return "f.text, f.value"
        case .problem, .measure: return "f.subject AS heading, f.value AS item, f.text"
        case .address, .postcode, .email, .url, .title, .sourceURL: return "f.text"
        }
    }

    func run() throws {
        let corpus = try store.open(.readOnly)
        var current = (allVersions ? "1" : "d.is_current = 1") + " AND " + copies.condition + completeness.condition()
        if let filter = section.filter {
            // Fields and warnings by where they stand; other tables by documents that have the part.
            switch table {
            case .fields: current += " AND " + filter.containsSQL(start: "f.span_start", end: "f.span_end")
            case .warnings: current += " AND " + filter.containsSQL(start: "w.span_start", end: "w.span_end")
            default: current += " AND " + filter.documentSQL
            }
        }
        let document = "d.id AS document_id, d.path, d.agency_canonical, d.year"
        let sql: String
        switch table {
        case .applications, .proactive, .reviewLitigation:
            sql = """
            SELECT \(document), w.*
            FROM \(table.rawValue)_wide w JOIN documents d ON d.id = w.document_id
            WHERE \(current)
            """
        case .fields:
            sql = """
            SELECT \(document), f.ordinal, \(Self.fieldColumns(kind!)), f.span_start, f.span_end
            FROM fields f JOIN documents d ON d.id = f.document_id
            WHERE f.kind = '\(kind!.rawValue)' AND \(current)
            ORDER BY f.document_id, f.ordinal
            """
        case .checks:
            sql = """
            SELECT \(document), c.ordinal, c.rule, c.ok, c.detail
            FROM checks c JOIN documents d ON d.id = c.document_id WHERE \(current)
            ORDER BY c.document_id, c.ordinal
            """
        case .warnings:
            sql = """
            SELECT \(document), w.ordinal, w.code, w.message, w.span_start, w.span_end
            FROM warnings w JOIN documents d ON d.id = w.document_id WHERE \(current)
            ORDER BY w.document_id, w.ordinal
            """
        case .tableQuality:
            sql = """
            SELECT \(document), q.layout, q.cells, q.read, q.blank, q.ambiguous,
                   q.checks_passed, q.checks_failed, q.checks_unevaluable
            FROM table_quality q JOIN documents d ON d.id = q.document_id WHERE \(current) ORDER BY d.id
            """
        case .documents:
            sql = """
            SELECT \(document), d.agency, d.version, d.is_current, d.copy_of,
                   (SELECT group_concat(p.path, '|') FROM document_paths p WHERE p.document_id = d.id) AS other_paths,
                   d.sha256, d.bytes, d.encoding, d.profile, d.title, d.period_start, d.period_end, d.ingested_at
            FROM documents d WHERE \(current) ORDER BY d.id
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
