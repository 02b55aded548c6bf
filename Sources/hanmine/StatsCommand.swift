import ArgumentParser
import HanCore
import HanStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "What the corpus store holds: documents per year and profile, failures, check failures.",
        discussion: """
        Counts the current version of each document (older versions are counted apart), the
        copies of reports captured twice and the other paths of stored bytes, the bodies
        (`hanmine agencies`), the documents that failed to ingest, and the documents with at
        least one failed check. The table per year and profile counts one document per report
        (--all-copies: every copy).

        Exit status: 0 done, 1 an error (the store missing or corrupt), 2 usage.

        Examples:
          hanmine stats
          hanmine stats --db corpus.sqlite --format jsonl
        """
    )

    @OptionGroup var copies: CopiesOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func run() throws {
        let corpus = try store.open(.readOnly)
        let format = output.resolved
        let byYear = try corpus.fetchAll("""
            SELECT year, profile, count(*) AS documents,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM checks c WHERE c.document_id = d.id AND c.ok = 0)) AS check_failures
            FROM documents d WHERE is_current = 1 AND \(copies.condition)
            GROUP BY year, profile ORDER BY year, profile
            """)
        let summary = try corpus.fetchAll("""
            SELECT (SELECT count(*) FROM documents WHERE is_current = 1) AS documents,
                   (SELECT count(*) FROM documents WHERE is_current = 1 AND copy_of IS NOT NULL) AS copies,
                   (SELECT count(*) FROM document_paths) AS other_paths,
                   (SELECT count(DISTINCT body) FROM agencies) AS agencies,
                   (SELECT count(*) FROM documents WHERE is_current = 0) AS older_versions,
                   (SELECT count(*) FROM failures) AS failures,
                   (SELECT count(DISTINCT c.document_id) FROM checks c JOIN documents d ON d.id = c.document_id
                     WHERE c.ok = 0 AND d.is_current = 1) AS documents_failing_checks,
                   (SELECT count(*) FROM checks c JOIN documents d ON d.id = c.document_id
                     WHERE c.ok = 0 AND d.is_current = 1) AS failed_checks,
                   (SELECT sum(bytes) FROM documents WHERE is_current = 1) AS bytes,
                   \(try corpus.schemaVersion()) AS schema_version
            """)
        let writer = TableWriter(format: format)
        if format == .jsonl {
            // One stream of objects: the summary first, then one per year and profile.
            try writer.start(columns: ["section"] + summary.columns)
            for row in summary.rows { try writer.row([.text("summary")] + row) }
            try writer.finish()
            let rows = TableWriter(format: format)
            try rows.start(columns: ["section"] + byYear.columns)
            for row in byYear.rows { try rows.row([.text("year_profile")] + row) }
            try rows.finish()
            return
        }
        try writer.start(columns: summary.columns)
        for row in summary.rows { try writer.row(row) }
        try writer.finish()
        if format == .table { try writer.sink.write("\n") }
        let rows = TableWriter(format: format, sink: writer.sink)
        try rows.start(columns: byYear.columns)
        for row in byYear.rows { try rows.row(row) }
        try rows.finish()
    }
}
