import GRDB
import HanCore

/// The corpus store's schema: append-only, named migrations ("run in order, once and only once").
///
/// The file is plain SQLite and opens in `sqlite3`, Datasette or DuckDB: every table below is
/// ordinary except `search`, the FTS5 index, whose tokenizer (`hanmine`) only HanMine registers.
/// `PRAGMA user_version` carries the schema version and `PRAGMA application_id` marks the file
/// as a HanMine store, so a foreign SQLite file is refused rather than written into.
///
/// Rules for a new version: add a migration at the end of `migrator`, never edit a shipped one,
/// bump `currentVersion`, and keep `Corpus/store/` fixtures of every older version opening
/// (the `StoreCompatibilityTests`).
public enum StoreSchema {
    /// The schema version this build writes; a file with a higher one is refused, not changed.
    public static let currentVersion = 8

    /// `PRAGMA application_id` of a HanMine store: "HnMn".
    public static let applicationID: Int32 = 0x486E_4D6E

    /// Column keys of the wide views, from the templates (`HanCore.TableTemplate`).
    static let applicationColumns = TableTemplate.applicantColumns.map(\.key)
    static let reviewColumns = TableTemplate.reviewParts.map(\.key)
    /// Table 2's columns of both templates, in the order the v1 migration shipped its view with
    /// (a shipped migration never changes): the 2021 and 2019 columns interleaved. A test keeps
    /// it equal, as a set, to the templates' columns.
    static let proactiveColumns = ["issued", "repealed", "in_force", "made", "published", "prev_items", "change",
                                   "decisions", "amount_10k_yuan", "projects", "amount_yuan"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: version1)
            for (view, table, columns) in [("applications_wide", "applications", applicationColumns),
                                           ("review_litigation_wide", "review_litigation", reviewColumns),
                                           ("proactive_wide", "proactive", proactiveColumns)] {
                try db.execute(sql: wideView(view, table: table, columns: columns))
            }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // v2: the full-text index also holds each pair of adjacent terms (SearchTokenizer), so a
        // v1 index is rebuilt from texts.body with the current tokenizer.
        migrator.registerMigration("v2-search-term-pairs") { db in
            try db.execute(sql: "INSERT INTO search (search) VALUES ('rebuild')")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        // v3: fields are indexed by kind alone. The v1 index on (kind, value) put every insert
        // at a random place in a large index, the writer's main cost on big corpora.
        migrator.registerMigration("v3-fields-by-kind") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS fields_by_kind")
            try db.execute(sql: "CREATE INDEX fields_kind ON fields (kind)")
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        // v4: the full-text index holds current versions only; older versions leave it.
        migrator.registerMigration("v4-search-current-only") { db in
            try db.execute(sql: """
                INSERT INTO search (search, rowid, body)
                SELECT 'delete', t.document_id, t.body FROM texts t JOIN documents d ON d.id = t.document_id
                WHERE d.is_current = 0
                """)
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        // v5: what each record's tables came to (SPEC.md `table_quality`), so `--complete` can
        // select the reports whose table cells were all read. Documents stored before v5 have no
        // row (their records did not carry it) and count as not complete.
        migrator.registerMigration("v5-table-quality") { db in
            try db.execute(sql: """
                CREATE TABLE table_quality (
                    document_id INTEGER PRIMARY KEY REFERENCES documents (id),
                    layout TEXT NOT NULL,
                    cells INTEGER NOT NULL,
                    read INTEGER NOT NULL,
                    blank INTEGER NOT NULL,
                    ambiguous INTEGER NOT NULL,
                    checks_passed INTEGER NOT NULL,
                    checks_failed INTEGER NOT NULL,
                    checks_unevaluable INTEGER NOT NULL
                )
                """)
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        // v6: the outline of each document (SPEC `sections`), one row per heading, so searches
        // and exports can keep what stands in one part of the report (`--section problems`).
        migrator.registerMigration("v6-sections") { db in
            try db.execute(sql: """
                CREATE TABLE sections (
                    document_id INTEGER NOT NULL REFERENCES documents (id),
                    ordinal INTEGER NOT NULL,          -- depth-first order in the document
                    parent_ordinal INTEGER,            -- NULL at the top level
                    level INTEGER NOT NULL,
                    role TEXT NOT NULL,                -- overview | proactive | … | problems | measures | unknown
                    heading TEXT NOT NULL,
                    span_start INTEGER NOT NULL,       -- the whole section, heading included
                    span_end INTEGER NOT NULL,
                    PRIMARY KEY (document_id, ordinal)
                ) WITHOUT ROWID;
                CREATE INDEX sections_by_role ON sections (role, document_id);
                PRAGMA user_version = 6;
                """)
        }
        // v7: the indicators (IndicatorSQL, from HanCore's Indicators): the cells they read, one
        // row per document with tables, filled from `cells`, and the `indicators` view. A changed
        // formula needs a new migration that recreates the view.
        migrator.registerMigration("v7-indicators") { db in
            try db.execute(sql: IndicatorSQL.createCellsTable)
            try db.execute(sql: IndicatorSQL.backfillCells)
            try db.execute(sql: IndicatorSQL.createView)
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        // v8: search recall and one record per report (issue 11). `grams` indexes character
        // bigrams of the folded text (GramTokenizer) for current versions; documents get
        // agency_canonical, a MinHash signature and copy_of; other paths of the same bytes are
        // rows of document_paths; agencies links the names one body goes by.
        migrator.registerMigration("v8-grams-agencies-copies") { db in
            try db.execute(sql: version8)
            let canonicalName = try Agencies.canonicalizer()
            for row in try Row.fetchAll(db, sql: "SELECT id, agency FROM documents WHERE agency IS NOT NULL") {
                let canonical = canonicalName(row[1] as String)
                try db.execute(sql: "UPDATE documents SET agency_canonical = ? WHERE id = ?", arguments: [canonical, row[0] as Int64])
            }
            try db.execute(sql: """
                INSERT INTO grams (rowid, body)
                SELECT t.document_id, t.body FROM texts t JOIN documents d ON d.id = t.document_id WHERE d.is_current = 1
                """)
            try Agencies.refresh(db)
            try db.execute(sql: "PRAGMA user_version = 8")
        }
        return migrator
    }

    /// One row per document and table row, one column per template column (NULL where blank).
    static func wideView(_ name: String, table: String, columns: [String]) -> String {
        let pivots = columns.map { "MAX(CASE WHEN k.column_name = '\($0)' THEN c.value END) AS \($0)" }
        return """
        CREATE VIEW \(name) AS
        SELECT c.document_id, k.row_name AS row, \(pivots.joined(separator: ", "))
        FROM cells c JOIN cell_keys k ON k.id = c.key_id
        WHERE k.table_name = '\(table)'
        GROUP BY c.document_id, k.row_name
        ORDER BY c.document_id, MIN(k.id)
        """
    }

    static let version8 = """
    ALTER TABLE documents ADD COLUMN agency_canonical TEXT;
    -- Copy evidence (`Copies`), computed when first needed: 128 MinHash values of the folded
    -- text's 5-character shingles, then the hashes of its distinctive numbers (UInt32 each,
    -- native byte order).
    ALTER TABLE documents ADD COLUMN minhash BLOB;
    -- The primary of this document's copy group (the same report captured twice), NULL for a
    -- primary or a document without copies.
    ALTER TABLE documents ADD COLUMN copy_of INTEGER REFERENCES documents (id);
    CREATE INDEX documents_by_canonical_agency ON documents (agency_canonical, year);
    CREATE INDEX documents_by_sha256 ON documents (sha256);

    -- Other paths whose bytes are a stored document's (the document keeps its first path).
    CREATE TABLE document_paths (
        path TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id)
    );

    -- Every name a body goes by (canonical names of documents, user aliases) and the body it
    -- names: `body` is the body's longest name. `link` says why: self, government (X人民政府 =
    -- X政府), higher_levels (the name without its city), user (--aliases).
    CREATE TABLE agencies (
        name TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        link TEXT NOT NULL
    );
    CREATE INDEX agencies_by_body ON agencies (body);
    -- A user's renames, one alias per row (hanmine ingest --aliases FILE).
    CREATE TABLE agency_aliases (
        alias TEXT PRIMARY KEY,
        canonical TEXT NOT NULL
    );

    -- Character bigrams of the folded text, current versions only (GramTokenizer).
    CREATE VIRTUAL TABLE grams USING fts5 (body, content = 'texts', content_rowid = 'document_id', tokenize = 'hanmine_grams');

    -- Documents with the body of their agency; primaries only unless asked.
    CREATE VIEW primary_documents AS SELECT * FROM documents WHERE is_current = 1 AND copy_of IS NULL;
    """

    static let version1 = """
    -- One row per version of a document. A path's first content is version 1; a changed file
    -- becomes a new row with the next version, and only the newest is is_current = 1.
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        version INTEGER NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 1,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        profile TEXT NOT NULL,
        title TEXT,
        agency TEXT,
        year INTEGER,
        period_start TEXT,
        period_end TEXT,
        ingested_at TEXT NOT NULL,
        UNIQUE (path, sha256),
        UNIQUE (path, version)
    );
    CREATE INDEX documents_by_year ON documents (is_current, year);
    CREATE INDEX documents_by_agency ON documents (agency, year);

    -- The decoded text (UTF-8, before normalisation): every span points into it.
    CREATE TABLE texts (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id),
        body TEXT NOT NULL
    );

    -- Every extracted field: kind is address | postcode | phone | fax | email | url | date |
    -- count | money | doc_number | title | problem | measure. value is the normalised value
    -- (a number, an ISO date, 'start/end' for a range), unit the count unit or date kind,
    -- subject what a count counts, an item's heading or a document number's issuer; extra is
    -- JSON for the rest (approximate, doc-number year).
    CREATE TABLE fields (
        document_id INTEGER NOT NULL REFERENCES documents (id),
        kind TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        text TEXT NOT NULL,
        value,
        unit TEXT,
        subject TEXT,
        extra TEXT,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        PRIMARY KEY (document_id, kind, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX fields_by_kind ON fields (kind, value);

    -- The table cells in long form; keys are interned once in cell_keys (template order).
    CREATE TABLE cell_keys (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_name TEXT NOT NULL,
        column_name TEXT NOT NULL,
        UNIQUE (table_name, row_name, column_name)
    );
    CREATE TABLE cells (
        document_id INTEGER NOT NULL REFERENCES documents (id),
        key_id INTEGER NOT NULL REFERENCES cell_keys (id),
        value NUMERIC,
        span_start INTEGER,
        span_end INTEGER,
        PRIMARY KEY (document_id, key_id)
    ) WITHOUT ROWID;
    CREATE VIEW table_cells AS
        SELECT c.document_id, k.table_name, k.row_name, k.column_name, c.value, c.span_start, c.span_end
        FROM cells c JOIN cell_keys k ON k.id = c.key_id;

    -- The checks (勾稽关系): ok is 1, 0, or NULL when a cell it needs is missing.
    CREATE TABLE checks (
        document_id INTEGER NOT NULL REFERENCES documents (id),
        ordinal INTEGER NOT NULL,
        rule TEXT NOT NULL,
        ok INTEGER,
        detail TEXT NOT NULL,
        PRIMARY KEY (document_id, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX checks_failed ON checks (document_id) WHERE ok = 0;

    CREATE TABLE warnings (
        document_id INTEGER NOT NULL REFERENCES documents (id),
        ordinal INTEGER NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        span_start INTEGER,
        span_end INTEGER,
        PRIMARY KEY (document_id, ordinal)
    ) WITHOUT ROWID;

    -- Documents that could not be read or extracted, with the error; one row per path, removed
    -- when the path later ingests cleanly.
    CREATE TABLE failures (
        path TEXT PRIMARY KEY,
        sha256 TEXT,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        failed_at TEXT NOT NULL
    );

    -- Full-text index over texts.body with HanMine's word tokenizer (external content: the text
    -- is stored once, in texts). Plain sqlite3 cannot read this table: no such tokenizer.
    -- From schema v4 it holds the current version of each document only.
    CREATE VIRTUAL TABLE search USING fts5 (body, content = 'texts', content_rowid = 'document_id', tokenize = 'hanmine');

    CREATE VIEW current_documents AS SELECT * FROM documents WHERE is_current = 1;
    """
}
