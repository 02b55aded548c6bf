import HanCore

/// The SQL of the indicators, generated from `Indicators.all` (the one place the formulas are
/// written): the `indicator_cells` table, the `indicators` view and the aggregates of
/// `hanmine indicators`.
///
/// `indicator_cells` holds, per document with tables, the cells the indicators read (a copy of
/// those rows of `cells`, one column each, named `row_column`) and whether each table was
/// found. The copy is what makes an aggregate over 100,000 reports one scan of 100,000 short
/// rows instead of some 4 million look-ups in `cells`.
public enum IndicatorSQL {
    static func hasColumn(_ group: Indicator.Group) -> String { "has_\(group.rawValue)" }

    /// The SQL value of a sum of cells over the columns of `indicator_cells` aliased `alias`:
    /// NULL when a required cell is NULL, a `nilIsZero` cell adding 0 when NULL.
    static func sum(_ cells: [IndicatorCell], _ alias: String) -> String {
        let terms = cells.map { $0.nilIsZero ? "ifnull(\(alias).\($0.storeColumn), 0)" : "\(alias).\($0.storeColumn)" }
        return "(" + terms.joined(separator: " + ") + ")"
    }

    /// The value of `indicator` for one row of `indicator_cells`: numerator, or numerator /
    /// denominator as a REAL (NULL for a NULL or 0 denominator), NULL without the table.
    static func value(_ indicator: Indicator, _ alias: String) -> String {
        let numerator = sum(indicator.numerator, alias)
        let body: String
        if indicator.isRate {
            let denominator = sum(indicator.denominator, alias)
            body = "CASE WHEN \(denominator) = 0 THEN NULL ELSE \(numerator) * 1.0 / \(denominator) END"
        } else {
            body = numerator
        }
        return "CASE WHEN \(alias).\(hasColumn(indicator.group)) THEN \(body) END"
    }

    /// The note of a NULL indicator, prefixed by "; " (so notes join by concatenation), or ''.
    /// The same text as `Indicator.evaluate`'s note.
    static func note(_ indicator: Indicator, _ alias: String) -> String {
        let required = indicator.cells.filter { !$0.nilIsZero }
        let blanks = required.map { "CASE WHEN \(alias).\($0.storeColumn) IS NULL THEN ', \($0)' ELSE '' END" }
        let anyBlank = required.map { "\(alias).\($0.storeColumn) IS NULL" }.joined(separator: " OR ")
        var cases = "WHEN \(anyBlank) THEN '; \(indicator.name): blank ' || substr(\(blanks.joined(separator: " || ")), 3)"
        if indicator.isRate {
            let zero = indicator.denominator.map(\.description).joined(separator: " + ")
            cases += " WHEN \(sum(indicator.denominator, alias)) = 0 THEN '; \(indicator.name): denominator \(zero) is 0'"
        }
        return "CASE \(cases) ELSE '' END"
    }

    /// Every note of a row: one `no <table> table` for a table the document lacks, else the
    /// notes of its NULL indicators; NULL when there is none. Same order as `Indicators.evaluate`.
    static func notes(_ alias: String) -> String {
        let parts = Indicator.Group.allCases.map { group in
            let notes = Indicators.all.filter { $0.group == group }.map { note($0, alias) }
            return "CASE WHEN \(alias).\(hasColumn(group)) THEN \(notes.joined(separator: " || ")) ELSE '; no \(group.rawValue) table' END"
        }
        return "nullif(substr(\(parts.joined(separator: " || ")), 3), '')"
    }

    /// `indicator_cells`: one row per document with tables.
    static var createCellsTable: String {
        let flags = Indicator.Group.allCases.map { "\(hasColumn($0)) INTEGER NOT NULL" }
        let columns = Indicators.cells.map { "\($0.storeColumn) NUMERIC" }
        return """
        CREATE TABLE indicator_cells (
            document_id INTEGER PRIMARY KEY REFERENCES documents (id),
            \((flags + columns).joined(separator: ",\n    "))
        )
        """
    }

    /// Fills `indicator_cells` from `cells` for the documents already stored (the migration).
    static var backfillCells: String {
        let flags = Indicator.Group.allCases.map {
            "MAX(k.table_name = '\($0.rawValue)') AS \(hasColumn($0))"
        }
        let columns = Indicators.cells.map {
            "MAX(CASE WHEN k.table_name = '\($0.table)' AND k.row_name = '\($0.row)' AND k.column_name = '\($0.column)' THEN c.value END)"
        }
        return """
        INSERT INTO indicator_cells (document_id, \((Indicator.Group.allCases.map(hasColumn) + Indicators.cells.map(\.storeColumn)).joined(separator: ", ")))
        SELECT c.document_id, \((flags + columns).joined(separator: ", "))
        FROM cells c JOIN cell_keys k ON k.id = c.key_id
        GROUP BY c.document_id
        """
    }

    /// The insert of one document's row (bound by the writer in `insertColumns` order).
    static var insertCells: String {
        let names = ["document_id"] + insertColumns
        return "INSERT INTO indicator_cells (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
    }

    static var insertColumns: [String] { Indicator.Group.allCases.map(hasColumn) + Indicators.cells.map(\.storeColumn) }

    /// `indicators`: one row per document with tables, every document version included (join
    /// `current_documents` for the current ones), one column per indicator, and `notes`.
    static var createView: String {
        let values = Indicators.all.map { "\(value($0, "i")) AS \($0.name)" }
        return """
        CREATE VIEW indicators AS
        SELECT i.document_id, \(values.joined(separator: ",\n    ")),
            \(notes("i")) AS notes
        FROM indicator_cells i
        """
    }
}
