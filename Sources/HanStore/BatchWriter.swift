import GRDB
import GRDBSQLite
import HanCore

/// Turns records into rows inside one write transaction.
///
/// The hot inserts (fields, cells, checks) go through cached prepared statements bound with
/// the C API directly: a 100,000-report corpus is some 30 million rows, and per-row argument
/// arrays would cost more than SQLite itself.
struct BatchWriter {
    enum Outcome { case added, newVersion, alreadyStored, aliased }

    let db: Database
    var cellKeys: [String: Int64]
    var newCellKeys: [String: Int64] = [:]
    let now: String

    init(db: Database, cellKeys: [String: Int64], now: String) {
        self.db = db
        self.cellKeys = cellKeys
        self.now = now
    }

    static func cellKey(_ table: String, _ row: String, _ column: String) -> String { "\(table)\u{1F}\(row)\u{1F}\(column)" }

    mutating func insert(_ document: StoredDocument) throws -> Outcome {
        let record = document.record
        let sha256 = document.sha256
        if try makeCurrent(path: document.path, sha256: sha256) { return .alreadyStored }
        let previous = try Int.fetchOne(db.cachedStatement(sql: "SELECT max(version) FROM documents WHERE path = ?"), arguments: [document.path])
        if previous == nil, try addAlias(path: document.path, sha256: sha256) { return .aliased }
        try retireCurrentVersion(of: document.path)
        try db.cachedStatement(sql: """
            INSERT INTO documents (path, version, is_current, sha256, bytes, encoding, profile, title, agency, year,
                                   period_start, period_end, ingested_at, agency_canonical)
            VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [document.path, (previous ?? 0) + 1, sha256, record.source.bytes, record.source.encoding,
                             record.profile.rawValue, record.title, record.agency, record.year,
                             record.period?.start, record.period?.end, now, record.agencyCanonical])
        let id = db.lastInsertedRowID
        let body = String(decoding: document.text, as: UTF8.self)
        try db.cachedStatement(sql: "INSERT INTO texts (document_id, body) VALUES (?, ?)").execute(arguments: [id, body])
        try db.cachedStatement(sql: "INSERT INTO search (rowid, body) VALUES (?, ?)").execute(arguments: [id, body])
        try db.cachedStatement(sql: "INSERT INTO grams (rowid, body) VALUES (?, ?)").execute(arguments: [id, body])
        try insertFields(record, id)
        try insertCells(record, id)
        try insertIndicatorCells(record, id)
        try insertChecks(record, id)
        try insertWarnings(record, id)
        try insertTableQuality(record, id)
        try insertSections(record, id)
        try db.cachedStatement(sql: "DELETE FROM failures WHERE path = ?").execute(arguments: [document.path])
        return previous == nil ? .added : .newVersion
    }

    /// Makes the stored version with this hash current; false when there is none.
    mutating func makeCurrent(path: String, sha256: String) throws -> Bool {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, is_current FROM documents WHERE path = ? AND sha256 = ?"), arguments: [path, sha256]) else { return false }
        if (row[1] as Int) != 1 {
            let id: Int64 = row[0]
            try retireCurrentVersion(of: path)
            try db.cachedStatement(sql: "UPDATE documents SET is_current = 1 WHERE id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO search (rowid, body) SELECT document_id, body FROM texts WHERE document_id = ?")
                .execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO grams (rowid, body) SELECT document_id, body FROM texts WHERE document_id = ?")
                .execute(arguments: [id])
        }
        try db.cachedStatement(sql: "DELETE FROM failures WHERE path = ?").execute(arguments: [path])
        return true
    }

    /// The path's current version stops being current and leaves the full-text index, which
    /// holds current versions only (so a search needs no join to skip old ones).
    private func retireCurrentVersion(of path: String) throws {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM documents WHERE path = ? AND +is_current = 1"),
                                          arguments: [path]) else { return }
        try db.cachedStatement(sql: "INSERT INTO search (search, rowid, body) SELECT 'delete', document_id, body FROM texts WHERE document_id = ?")
            .execute(arguments: [id])
        try db.cachedStatement(sql: "INSERT INTO grams (grams, rowid, body) SELECT 'delete', document_id, body FROM texts WHERE document_id = ?")
            .execute(arguments: [id])
        try db.cachedStatement(sql: "UPDATE documents SET is_current = 0, copy_of = NULL WHERE id = ?").execute(arguments: [id])
    }

    /// A path the store has never seen, whose bytes are already a current document under
    /// another path: it becomes one more path of that document (a file is its content). True
    /// when so, or when the path is already such an alias.
    func addAlias(path: String, sha256: String) throws -> Bool {
        if let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT d.sha256 FROM document_paths p JOIN documents d ON d.id = p.document_id WHERE p.path = ?
            """), arguments: [path]) {
            if (row[0] as String) == sha256 { return true }
            // The file at that path changed: it is no longer a copy of those bytes.
            try db.cachedStatement(sql: "DELETE FROM document_paths WHERE path = ?").execute(arguments: [path])
        }
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM documents WHERE sha256 = ? AND is_current = 1 ORDER BY id LIMIT 1"),
                                          arguments: [sha256]) else { return false }
        try db.cachedStatement(sql: "INSERT INTO document_paths (path, document_id) VALUES (?, ?)").execute(arguments: [path, id])
        try db.cachedStatement(sql: "DELETE FROM failures WHERE path = ?").execute(arguments: [path])
        return true
    }

    func recordFailure(path: String, sha256: String?, error: HanError) throws {
        try db.cachedStatement(sql: """
            INSERT INTO failures (path, sha256, code, message, failed_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, code = excluded.code,
                message = excluded.message, failed_at = excluded.failed_at
            """).execute(arguments: [path, sha256, error.code.name, error.description, now])
    }

    // MARK: - Rows

    private func insertFields(_ record: HanCore.Record, _ id: Int64) throws {
        let statement = try Raw(db, "INSERT INTO fields (document_id, kind, ordinal, text, value, unit, subject, extra, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        var ordinals: [String: Int] = [:]
        func add(_ kind: String, _ text: String, _ value: RawValue, unit: String? = nil, subject: String? = nil,
                 extra: String? = nil, _ span: Span) throws {
            let ordinal = ordinals[kind, default: 0]
            ordinals[kind] = ordinal + 1
            try statement.run([.int(id), .text(kind), .int(Int64(ordinal)), .text(text), value, .optional(unit),
                               .optional(subject), .optional(extra), .int(Int64(span.start)), .int(Int64(span.end))])
        }
        for kind in FieldKind.all where kind.storedInFields {
            for row in kind.rows(record) {
                let value: RawValue
                switch row.value {
                case .none: value = .null
                case .text(let text): value = .text(text)
                case .number(let number): value = .number(number)
                case .integer(let number): value = .int(Int64(number))
                }
                try add(kind.name, row.text, value, unit: row.unit, subject: row.subject, extra: row.extra, row.span)
            }
        }
    }

    private mutating func insertCells(_ record: HanCore.Record, _ id: Int64) throws {
        guard let tables = record.tables else { return }
        let statement = try Raw(db, "INSERT INTO cells (document_id, key_id, value, span_start, span_end) VALUES (?, ?, ?, ?, ?)")
        for cell in tables.longForm {
            let key = try keyID(cell.table, cell.row, cell.column)
            try statement.run([.int(id), .int(key), cell.value.map { .number($0.value) } ?? .null,
                               cell.span.map { .int(Int64($0.start)) } ?? .null, cell.span.map { .int(Int64($0.end)) } ?? .null])
        }
    }

    /// The document's row of `indicator_cells` (IndicatorSQL): the cells the indicators read.
    private func insertIndicatorCells(_ record: HanCore.Record, _ id: Int64) throws {
        guard let tables = record.tables else { return }
        let statement = try Raw(db, IndicatorSQL.insertCells)
        var values: [RawValue] = [.int(id)]
        for group in Indicator.Group.allCases { values.append(.int(tables.table(group) == nil ? 0 : 1)) }
        for cell in Indicators.cells {
            values.append(tables.table(cell.table)?[cell.row, cell.column].map(RawValue.number) ?? .null)
        }
        try statement.run(values)
    }

    private mutating func keyID(_ table: String, _ row: String, _ column: String) throws -> Int64 {
        let key = Self.cellKey(table, row, column)
        if let id = cellKeys[key] { return id }
        try db.cachedStatement(sql: "INSERT INTO cell_keys (table_name, row_name, column_name) VALUES (?, ?, ?)").execute(arguments: [table, row, column])
        let id = db.lastInsertedRowID
        cellKeys[key] = id
        newCellKeys[key] = id
        return id
    }

    private func insertChecks(_ record: HanCore.Record, _ id: Int64) throws {
        guard !record.checks.isEmpty else { return }
        let statement = try Raw(db, "INSERT INTO checks (document_id, ordinal, rule, ok, detail) VALUES (?, ?, ?, ?, ?)")
        for (ordinal, check) in record.checks.enumerated() {
            try statement.run([.int(id), .int(Int64(ordinal)), .text(check.rule),
                               check.ok.map { .int($0 ? 1 : 0) } ?? .null, .text(check.detail)])
        }
    }

    private func insertTableQuality(_ record: HanCore.Record, _ id: Int64) throws {
        guard let quality = record.tableQuality else { return }
        let statement = try Raw(db, """
            INSERT INTO table_quality (document_id, layout, cells, read, blank, ambiguous, checks_passed, checks_failed,
                                       checks_unevaluable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.run([.int(id), .text(quality.layout.rawValue), .int(Int64(quality.cells)), .int(Int64(quality.read)),
                           .int(Int64(quality.blank)), .int(Int64(quality.ambiguous)), .int(Int64(quality.checksPassed)),
                           .int(Int64(quality.checksFailed)), .int(Int64(quality.checksUnevaluable))])
    }

    /// The outline, depth first; each row names its parent's ordinal.
    private func insertSections(_ record: HanCore.Record, _ id: Int64) throws {
        guard !record.sections.isEmpty else { return }
        let statement = try Raw(db, "INSERT INTO sections (document_id, ordinal, parent_ordinal, level, role, heading, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        var ordinal: Int64 = 0
        func add(_ section: Section, parent: Int64?) throws {
            let own = ordinal
            ordinal += 1
            try statement.run([.int(id), .int(own), parent.map { .int($0) } ?? .null, .int(Int64(section.level)),
                               .text(section.role.rawValue), .text(section.heading),
                               .int(Int64(section.span.start)), .int(Int64(section.span.end))])
            for child in section.children { try add(child, parent: own) }
        }
        for section in record.sections { try add(section, parent: nil) }
    }

    private func insertWarnings(_ record: HanCore.Record, _ id: Int64) throws {
        guard !record.warnings.isEmpty else { return }
        let statement = try Raw(db, "INSERT INTO warnings (document_id, ordinal, code, message, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)")
        for (ordinal, warning) in record.warnings.enumerated() {
            try statement.run([.int(id), .int(Int64(ordinal)), .text(warning.code), .text(warning.message),
                               warning.span.map { .int(Int64($0.start)) } ?? .null,
                               warning.span.map { .int(Int64($0.end)) } ?? .null])
        }
    }
}

/// A value bound straight into a SQLite statement.
enum RawValue {
    case null
    case int(Int64)
    /// Bound as an integer when it is one (536, not 536.0), else as a real.
    case number(Double)
    case text(String)

    static func optional(_ text: String?) -> RawValue { text.map(RawValue.text) ?? .null }
}

/// A cached prepared statement run with the C API.
struct Raw {
    let statement: SQLiteStatement
    let db: Database

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql).sqliteStatement
    }

    func run(_ values: [RawValue]) throws {
        sqlite3_reset(statement)
        for (index, value) in values.enumerated() {
            let position = CInt(index + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, position)
            case .int(let number): sqlite3_bind_int64(statement, position, number)
            case .number(let number):
                if number.rounded() == number, abs(number) < 9.0e15 {
                    sqlite3_bind_int64(statement, position, Int64(number))
                } else {
                    sqlite3_bind_double(statement, position, number)
                }
            case .text(let text):
                var copy = text
                copy.withUTF8 { bytes in
                    _ = sqlite3_bind_text(statement, position, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                          CInt(bytes.count), SQLITE_TRANSIENT)
                }
            }
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        if code != SQLITE_DONE {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
