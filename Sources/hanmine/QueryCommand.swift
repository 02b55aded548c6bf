import ArgumentParser
import HanCore
import HanStore

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL against the corpus store.",
        discussion: """
        The store is opened with a read-only SQLite connection: INSERT, UPDATE, DELETE, DDL and
        writing PRAGMAs are refused with an error before anything changes. HanMine's tokenizer
        is registered, so the full-text table `search` works here (it does not in plain sqlite3).

        Tables: documents (one row per version; current_documents view), texts, fields,
        cells + cell_keys (table_cells view: long form; applications_wide, proactive_wide,
        review_litigation_wide: one row per document and table row), checks, warnings,
        failures, search (FTS5 over texts.body).

        Examples:
          hanmine query "SELECT year, count(*) FROM current_documents GROUP BY year"
          hanmine query "SELECT d.agency, a.total FROM applications_wide a JOIN documents d ON d.id = a.document_id WHERE a.row = 'new_received' ORDER BY a.total DESC LIMIT 10"
          hanmine query "SELECT rowid, highlight(search, 0, '[', ']') FROM search WHERE search MATCH '行政复议' LIMIT 3"
          hanmine query --format csv "SELECT * FROM fields WHERE kind = 'phone'" > phones.csv
        """
    )

    @Argument(help: "The SQL (one or more statements; each statement's rows are printed).")
    var sql: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func run() throws {
        let corpus = try store.open(.readOnly)
        let writer = TableWriter(format: output.resolved)
        var currentColumns: [String]? = nil
        var rows = 0
        try corpus.forEachRow(sql) { columns, values in
            if currentColumns != columns {
                if currentColumns != nil { try writer.finish() }
                try writer.start(columns: columns)
                currentColumns = columns
            }
            try writer.row(values)
            rows += 1
        }
        if currentColumns == nil {
            let (columns, _) = try corpus.fetchAll(sql)
            if !columns.isEmpty { try writer.start(columns: columns) }
        }
        try writer.finish()
        if rows == 0 { throw ExitCode.failure }
    }
}
