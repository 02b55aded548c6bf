import ArgumentParser
import HanCore
import HanStore

struct AgenciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agencies",
        abstract: "List the bodies that report, with the names each goes by, their document counts and years.",
        discussion: """
        One row per body: `body` is its longest name, `names` every canonical name and alias
        linked to it (X人民政府 = X政府; the name without its city when only one city's body has
        it; the user's --aliases of ingest), `documents` its reports (one per report: copies left
        out unless --all-copies) and `years` the years they report on.

        Canonical names (`agency_canonical` of the record): the printed name in simplified
        characters, half-width, without spaces, pinyin annotations or page chrome. Two bodies are
        never merged: 区政府 and 区政府办公室 stay apart.

        Exit status: 0 done, 1 an error (the store missing or corrupt), 2 usage.

        Examples:
          hanmine agencies
          hanmine agencies --name 东宝区 --format csv
        """
    )

    @Option(name: .long, help: "Only bodies one of whose names contains this.")
    var name: String?

    @OptionGroup var copies: CopiesOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TableFormatOptions

    func run() throws {
        let corpus = try store.open(.readOnly)
        var arguments: [StoreValue] = []
        var filter = ""
        if let name {
            filter = "WHERE a.body IN (SELECT body FROM agencies WHERE instr(name, ?) > 0)"
            arguments.append(.text(name))
        }
        let sql = """
        SELECT a.body,
               (SELECT group_concat(n.name, '|') FROM (SELECT name FROM agencies WHERE body = a.body ORDER BY name) n) AS names,
               count(d.id) AS documents,
               (SELECT group_concat(y.year, ' ') FROM (
                    SELECT DISTINCT d2.year FROM documents d2 JOIN agencies a2 ON a2.name = d2.agency_canonical
                    WHERE a2.body = a.body AND d2.is_current = 1 AND d2.year IS NOT NULL ORDER BY d2.year) y) AS years
        FROM (SELECT DISTINCT body FROM agencies) a
        LEFT JOIN agencies n ON n.body = a.body
        LEFT JOIN documents d ON d.agency_canonical = n.name AND d.is_current = 1 AND \(copies.condition)
        \(filter)
        GROUP BY a.body ORDER BY documents DESC, a.body
        """
        let (columns, rows) = try corpus.fetchAll(sql, arguments: arguments)
        let writer = TableWriter(format: output.resolved)
        writer.maximumCellWidth = 80
        try writer.start(columns: columns)
        for row in rows { try writer.row(row) }
        try writer.finish()
    }
}
