import ArgumentParser
import HanCore
import HanPrint
import HanStore

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL against the corpus store.",
        discussion: """
        The store is opened with a read-only SQLite connection: INSERT, UPDATE, DELETE, DDL,
        ATTACH, transactions and PRAGMAs that change anything are refused with an error (exit 2)
        before anything changes, and so are functions that reach memory, files or extensions
        (fts3_tokenizer, load_extension). A statement that runs longer than --timeout (60 s) is
        stopped (exit 1); Ctrl-C ends the query at once. No rows: exit 1, "no rows" on stderr. HanMine's tokenizer
        is registered, so the full-text table `search` works here (it does not in plain sqlite3).

        Tables: documents (one row per version; current_documents view), texts, fields,
        cells + cell_keys (table_cells view: long form; applications_wide, proactive_wide,
        review_litigation_wide: one row per document and table row), checks, warnings,
        failures, search (FTS5 over texts.body).

        Exit status: 0 rows printed, 1 no rows or an error, 2 usage (or a statement that would write).

        Examples:
          hanmine query "SELECT year, count(*) FROM current_documents GROUP BY year"
          hanmine query "SELECT d.agency, a.total FROM applications_wide a JOIN documents d ON d.id = a.document_id WHERE a.row = 'new_received' ORDER BY a.total DESC LIMIT 10"
          hanmine query "SELECT rowid, highlight(search, 0, '[', ']') FROM search WHERE search MATCH '行政复议' LIMIT 3"
          hanmine query --format csv "SELECT * FROM fields WHERE kind = 'phone'" > phones.csv
        """
    )

    @Argument(help: "The SQL (one or more statements; each statement's rows are printed).")
    var sql: String

    @Option(name: .long, help: ArgumentHelp("Seconds one statement may run before it is stopped (0: no limit).", valueName: "seconds"))
    var timeout: Double = 60

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func validate() throws {
        if !timeout.isFinite || timeout < 0 || timeout > 1_000_000 {
            throw ValidationError("--timeout must be a number of seconds from 0 (no limit) to 1000000")
        }
    }

    func run() throws {
        let corpus = try CorpusStore(path: store.db, mode: .readOnly, userSQL: UserSQLLimits(timeout: timeout == 0 ? nil : timeout))
        let writer = TableWriter(format: output.resolved)
        var currentColumns: [String]? = nil
        var lastEmpty: [String]? = nil
        var rows = 0
        try corpus.forEachRow(sql, noRows: { columns in lastEmpty = columns }) { columns, values in
            if currentColumns != columns {
                if currentColumns != nil { try writer.finish() }
                try writer.start(columns: columns)
                currentColumns = columns
            }
            try writer.row(values)
            rows += 1
        }
        if currentColumns == nil, let columns = lastEmpty, !columns.isEmpty { try writer.start(columns: columns) }
        try writer.finish()
        if rows == 0 {
            printError("hanmine: no rows")
            throw ExitCode.failure
        }
    }
}
