import ArgumentParser
import HanCore
import HanStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List reports whose own arithmetic fails (勾稽关系), and with --cross-year carry-overs that do not match.",
        discussion: """
        Without options: one line per failed check of the current documents (row sums, handled
        sums, the balance rule, table-4 group sums), with the arithmetic as printed. Checks whose
        cells are missing (ok NULL) are not failures.

        --cross-year: agencies whose 上年结转 (applications.carried_over) does not equal the
        previous year's 结转下年度 (applications.carried_forward): same agency name, consecutive
        report years, per column, where both cells are printed.

        --complete: only reports whose table cells were all read (table_quality), so a failure
        listed is the report's own arithmetic, not a cell the reader could not settle.

        The exit status is 0 whether or not anything is listed.

        Examples:
          hanmine check
          hanmine check --year 2023 --format csv
          hanmine check --cross-year
          hanmine check --complete
        """
    )

    @Flag(name: .long, help: "Compare each agency's carried-over applications with its previous year's carried-forward.")
    var crossYear = false

    @Option(name: .long, help: "Only documents reporting on this year (with --cross-year: pairs ending in this year).")
    var year: Int?

    @OptionGroup var completeness: CompleteOption
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func validate() throws {
        try checkRange(year, "--year", yearRange)
    }

    func run() throws {
        let corpus = try store.open(.readOnly)
        let writer = TableWriter(format: output.resolved)
        writer.maximumCellWidth = 80
        let sql: String
        var arguments: [StoreValue] = []
        if crossYear {
            sql = """
            WITH balances AS (
                SELECT d.id, d.path, d.agency, d.year, k.row_name, k.column_name, c.value
                FROM cells c JOIN cell_keys k ON k.id = c.key_id JOIN documents d ON d.id = c.document_id
                WHERE d.is_current = 1 AND d.agency IS NOT NULL AND d.year IS NOT NULL
                  AND k.table_name = 'applications' AND k.row_name IN ('carried_over', 'carried_forward')
                  AND c.value IS NOT NULL\(completeness.condition())
            )
            SELECT previous.agency, previous.year AS year, following.year AS next_year, previous.column_name AS "column",
                   previous.value AS carried_forward, following.value AS next_carried_over,
                   previous.path AS path, following.path AS next_path
            FROM balances previous JOIN balances following
              ON following.agency = previous.agency AND following.year = previous.year + 1
             AND following.column_name = previous.column_name
            WHERE previous.row_name = 'carried_forward' AND following.row_name = 'carried_over'
              AND previous.value != following.value\(year == nil ? "" : " AND following.year = ?")
            ORDER BY previous.agency, previous.year, previous.path, following.path,
                     (SELECT id FROM cell_keys WHERE table_name = 'applications' AND row_name = 'carried_over' AND column_name = previous.column_name)
            """
        } else {
            sql = """
            SELECT d.path, d.agency, d.year, c.rule, c.detail
            FROM checks c JOIN documents d ON d.id = c.document_id
            WHERE c.ok = 0 AND d.is_current = 1\(completeness.condition())\(year == nil ? "" : " AND d.year = ?")
            ORDER BY d.path, c.ordinal
            """
        }
        if let year { arguments.append(.integer(Int64(year))) }
        let (columns, rows) = try corpus.fetchAll(sql, arguments: arguments)
        try writer.start(columns: columns)
        for row in rows {
            var row = row
            if output.resolved == .table, let index = columns.firstIndex(of: "path"), case .text(let path) = row[index] {
                row[index] = .text(SearchCommand.shortPath(path))
            }
            try writer.row(row)
        }
        try writer.finish()
    }
}
