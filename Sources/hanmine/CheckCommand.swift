import ArgumentParser
import HanCore
import HanPrint
import HanStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List reports whose own arithmetic fails (勾稽关系), and with --cross-year carry-overs that do not match.",
        discussion: """
        Without options: one line per failed check of the current documents (row sums, handled
        sums, the balance rule, table-4 group sums), with the arithmetic as printed. Checks whose
        cells are missing (ok NULL) are not failures.

        --cross-year: reports whose 上年结转 (applications.carried_over) does not equal the
        previous year's 结转下年度 (applications.carried_forward) of the same body (its names
        linked in `hanmine agencies`: with or without its city, 人民政府/政府, --aliases), for
        consecutive report years, per column, where both cells are printed. A summary line on
        standard error says how many pairs of reports were compared, how many match and how
        many fail.

        --complete: only reports whose table cells were all read (table_quality), so a failure
        listed is the report's own arithmetic, not a cell the reader could not settle.

        One document per report: copies of a report captured twice are left out unless
        --all-copies. Every row carries the document's path, canonical agency and year.

        \(GrepStatus.help)

        Examples:
          hanmine check
          hanmine check --year 2023 --format csv
          hanmine check --cross-year
          hanmine check --complete
        """
    )

    @Flag(name: .long, help: "Compare each body's carried-over applications with its previous year's carried-forward.")
    var crossYear = false

    @Option(name: .long, help: "Only documents reporting on this year (with --cross-year: pairs ending in this year).")
    var year: Int?

    @OptionGroup var completeness: CompleteOption
    @OptionGroup var copies: CopiesOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func validate() throws {
        try checkRange(year, "--year", yearRange)
    }

    func run() throws {
        try GrepStatus.run { try check() }
    }

    /// The pairs of reports compared by --cross-year: one body, consecutive years, each cell of
    /// carried_forward (earlier year) against carried_over (later year) where both are printed.
    static func crossYearPairs(copies: String, year: Int?) -> String {
        """
        WITH balances AS (
            SELECT d.id, d.path, coalesce(a.body, d.agency_canonical) AS body, d.agency_canonical, d.year,
                   k.row_name, k.column_name, k.id AS key_id, c.value
            FROM cells c JOIN cell_keys k ON k.id = c.key_id JOIN documents d ON d.id = c.document_id
            LEFT JOIN agencies a ON a.name = d.agency_canonical
            WHERE d.is_current = 1 AND \(copies) AND d.agency_canonical IS NOT NULL AND d.year IS NOT NULL
              AND k.table_name = 'applications' AND k.row_name IN ('carried_over', 'carried_forward')
              AND c.value IS NOT NULL
        ),
        pairs AS (
            SELECT previous.body, previous.agency_canonical, previous.year, following.year AS next_year,
                   previous.column_name, previous.value AS carried_forward, following.value AS next_carried_over,
                   previous.path, following.path AS next_path, following.agency_canonical AS next_agency_canonical,
                   previous.id AS previous_id, following.id AS following_id,
                   (SELECT id FROM cell_keys WHERE table_name = 'applications' AND row_name = 'carried_over'
                       AND column_name = previous.column_name) AS column_order
            FROM balances previous JOIN balances following
              ON following.body = previous.body AND following.year = previous.year + 1
             AND following.column_name = previous.column_name
            WHERE previous.row_name = 'carried_forward' AND following.row_name = 'carried_over'\(year == nil ? "" : " AND following.year = ?")
        )
        """
    }

    private func check() throws -> Int {
        let corpus = try store.open(.readOnly)
        let writer = TableWriter(format: output.resolved)
        writer.maximumCellWidth = 80
        let sql: String
        var arguments: [StoreValue] = []
        if let year { arguments.append(.integer(Int64(year))) }
        if crossYear {
            sql = Self.crossYearPairs(copies: copies.condition + completeness.condition(), year: year) + """
            SELECT path, agency_canonical, year, next_path, next_agency_canonical, next_year, column_name AS "column",
                   carried_forward, next_carried_over
            FROM pairs WHERE carried_forward != next_carried_over
            ORDER BY body, year, path, next_path, column_order
            """
            let summary = try corpus.fetchAll(Self.crossYearPairs(copies: copies.condition + completeness.condition(), year: year) + """
                SELECT count(*), count(*) FILTER (WHERE failing = 0), count(*) FILTER (WHERE failing > 0)
                FROM (SELECT previous_id, following_id, sum(carried_forward != next_carried_over) AS failing
                      FROM pairs GROUP BY previous_id, following_id)
                """, arguments: arguments)
            if let row = summary.rows.first, row.count == 3 {
                printError("hanmine: cross-year: \(row[0]) pairs of consecutive reports compared, \(row[1]) matching, \(row[2]) failing")
            }
        } else {
            sql = """
            SELECT d.path, d.agency_canonical, d.year, c.rule, c.detail
            FROM checks c JOIN documents d ON d.id = c.document_id
            WHERE c.ok = 0 AND d.is_current = 1 AND \(copies.condition)\(completeness.condition())\(year == nil ? "" : " AND d.year = ?")
            ORDER BY d.path, c.ordinal
            """
        }
        let (columns, rows) = try corpus.fetchAll(sql, arguments: arguments)
        try writer.start(columns: columns)
        for row in rows {
            var row = row
            if output.resolved == .table {
                for name in ["path", "next_path"] {
                    if let index = columns.firstIndex(of: name), case .text(let path) = row[index] {
                        row[index] = .text(SearchCommand.shortPath(path))
                    }
                }
            }
            try writer.row(row)
        }
        try writer.finish()
        return rows.count
    }
}
