import Foundation
import GRDB
import GRDBSQLite
import HanCore

/// One corpus in one SQLite file (WAL): documents, their fields, table cells, checks, warnings,
/// failures and a full-text index. The only type in HanMine that talks to SQLite.
///
/// Opening never changes a file that is not a HanMine store: a corrupt or foreign file, or a
/// store from a newer schema, is refused with a clear error and left as it was. A read-write
/// open of an older store migrates it (`StoreSchema`).
///
/// Writes go through `write(_:)`, one transaction per batch of whole documents. SQLite's WAL
/// makes a committed batch survive a crash (SIGKILL) and an interrupted one vanish, so a store
/// only ever holds complete documents, and ingest resumes by skipping what is already there.
public final class CorpusStore {
    public enum Mode: Sendable {
        /// Create the file if missing, migrate it, allow writes.
        case readWrite
        /// Open an existing store with a read-only SQLite connection: every write is refused.
        case readOnly
    }

    public let path: String
    public let mode: Mode
    let queue: DatabaseQueue
    /// The guard on user SQL (`hanmine query`), when the store was opened for it.
    let userSQL: UserSQLGuard?
    private var cellKeys: [String: Int64] = [:]

    /// Opens the store at `path`. A read-only open of a store from an older schema first
    /// migrates it (one read-write open), so every command reads the current schema.
    /// With `userSQL`, the connection is locked down for SQL a user types (`UserSQLGuard`).
    public convenience init(path: String, mode: Mode, userSQL limits: UserSQLLimits? = nil) throws(HanError) {
        if mode == .readOnly {
            let reader = try CorpusStore(opening: path, mode: .readOnly, userSQL: limits.map(UserSQLGuard.init))
            guard try reader.schemaVersion() < StoreSchema.currentVersion else {
                self.init(reader)
                return
            }
            _ = try CorpusStore(opening: path, mode: .readWrite, userSQL: nil)
        }
        self.init(try CorpusStore(opening: path, mode: mode, userSQL: limits.map(UserSQLGuard.init)))
    }

    private init(_ other: CorpusStore) {
        path = other.path
        mode = other.mode
        queue = other.queue
        userSQL = other.userSQL
        cellKeys = other.cellKeys
    }

    private init(opening path: String, mode: Mode, userSQL: UserSQLGuard?) throws(HanError) {
        self.path = path
        self.mode = mode
        self.userSQL = userSQL
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue {
            throw HanError(.usage, "--db names a folder, not a store file; pass the store's file (for example \(path.hasSuffix("/") ? path : path + "/")hanmine.sqlite)", path: path)
        }
        if mode == .readOnly, !exists {
            throw HanError(.store, "no corpus store here; build one with 'hanmine ingest FILES --db \(path)'", path: path)
        }
        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.busyMode = .timeout(10)
        // The REFERENCES clauses document the schema; the writer keeps them true itself.
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            db.add(tokenizer: SearchTokenizer.self)
            db.add(tokenizer: GramTokenizer.self)
            SearchRank.register(db)
            // Reads through a memory map (up to SQLite's compiled-in limit): no read syscalls
            // and no copies for the pages a search or the writer's merges touch.
            try db.execute(sql: "PRAGMA mmap_size = 17179869184")
            try userSQL?.install(on: db)
        }
        do {
            queue = try Self.openQueue(path, mode: mode, configuration: configuration)
        } catch {
            if !exists { Self.removeFiles(of: path) }
            throw Self.describe(error, path: path, doing: exists ? "open" : "create")
        }
        try checkIdentity(fileExisted: exists)
        if mode == .readWrite, exists { try checkBeforeWriting() }
        if mode == .readWrite {
            do {
                try queue.writeWithoutTransaction { db in
                    let journal = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    if journal?.lowercased() != "wal" {
                        throw HanError(.store, "could not switch the store to WAL journaling (got \(journal ?? "nothing"))", path: path)
                    }
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    // The writer revisits FTS5 segments and index pages constantly while a corpus
                    // grows: a 128 MiB page cache keeps them in SQLite instead of in pread calls.
                    try db.execute(sql: "PRAGMA cache_size = -131072")
                    try db.execute(sql: "PRAGMA temp_store = MEMORY")
                }
                try StoreSchema.migrator.migrate(queue)
                try loadCellKeys()
            } catch {
                // A store that could not be made (a full disk) leaves no half-made file behind.
                if !exists { try? queue.close(); Self.removeFiles(of: path) }
                if let error = error as? HanError { throw error }
                throw Self.describe(error, path: path, doing: exists ? "prepare" : "create")
            }
        }
    }

    /// Removes a store file and its WAL companions (a store this run failed to create).
    private static func removeFiles(of path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Opens the connection. A read-only open of a store whose folder cannot be written (no
    /// `-shm` can be made there) falls back to SQLite's immutable mode, which needs none: that
    /// is exact as long as no `-wal` file holds changes not yet in the store, which is checked.
    private static func openQueue(_ path: String, mode: Mode, configuration: Configuration) throws -> DatabaseQueue {
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError where mode == .readOnly
            && (error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN) {
            let folder = (path as NSString).deletingLastPathComponent
            guard access(folder.isEmpty ? "." : folder, W_OK) != 0 else { throw error }
            var status = stat()
            if stat(path + "-wal", &status) == 0, status.st_size > 0 {
                throw HanError(.store, "the store's folder is read-only and its -wal file holds changes not yet in the store; copy the store with its -wal file to a writable folder to read it", path: path)
            }
            let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
                .replacingOccurrences(of: "#", with: "%23")
            return try DatabaseQueue(path: "file:" + escaped + "?immutable=1", configuration: configuration)
        }
    }

    /// Stores up to this size get SQLite's `quick_check` (every page read once, a few seconds
    /// per GiB) before any write; larger ones only `hanmine verify`.
    public static let quickCheckLimit: Int64 = 1 << 30

    /// Refuses to write into a damaged store: a page that does not parse would take the new
    /// batch down with it, or worse, be written around. The file is left as it was.
    private func checkBeforeWriting() throws(HanError) {
        var status = stat()
        guard stat(path, &status) == 0, Int64(status.st_size) <= Self.quickCheckLimit else { return }
        let problems: [String]
        do {
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }.filter { $0 != "ok" }
        } catch {
            throw Self.damaged(path, "\(Self.describe(error, path: path, doing: "check").message)")
        }
        // quick_check reports `*** in database main ***` and then one problem a line.
        let lines = problems.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") }
        if !problems.isEmpty { throw Self.damaged(path, lines.first ?? problems[0]) }
    }

    static func damaged(_ path: String, _ problem: String) -> HanError {
        HanError(.malformed, "the store is damaged (\(problem)); nothing was written to it. "
                 + "Run 'hanmine verify --db \(path)' for every problem, then restore a copy or ingest into a new --db",
                 path: path)
    }

    /// Everything wrong with the store at `path`, without changing it (`hanmine verify`):
    /// SQLite's full `integrity_check`, the full-text index against the current documents, and
    /// FTS5's own check of the index (in a transaction rolled back; skipped, with a note, when
    /// the folder cannot be written). An empty list means the store is sound.
    public static func verify(path: String) throws(HanError) -> [String] {
        let reader = try CorpusStore(opening: path, mode: .readOnly, userSQL: nil)
        var problems: [String]
        do {
            problems = try reader.queue.read { db in
                var found = try String.fetchAll(db, sql: "PRAGMA integrity_check(100)").filter { $0 != "ok" }
                    .flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") }
                if found.isEmpty, try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'search_docsize'") == 1 {
                    let unindexed = try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM documents WHERE is_current = 1 AND id NOT IN (SELECT id FROM search_docsize)
                        """) ?? 0
                    if unindexed > 0 { found.append("full-text index: \(unindexed) current document(s) missing from it") }
                }
                return found
            }
        } catch {
            return [describe(error, path: path, doing: "verify").message]
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard problems.isEmpty else { return problems }
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0, access(path, W_OK) == 0 else {
            return []
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(tokenizer: SearchTokenizer.self) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.inTransaction { db in
                do {
                    try db.execute(sql: "INSERT INTO search(search) VALUES ('integrity-check')")
                } catch {
                    problems.append("full-text index: \((error as? DatabaseError)?.message ?? "\(error)")")
                }
                return .rollback
            }
        } catch {
            problems.append(describe(error, path: path, doing: "verify").message)
        }
        return problems
    }

    /// Refuses a file that is not a HanMine store, or one from a newer schema, before anything
    /// is written to it.
    private func checkIdentity(fileExisted: Bool) throws(HanError) {
        let identity: (applicationID: Int32, version: Int, objects: Int)
        do {
            identity = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                 // GRDB creates its migration bookkeeping before the first migration's
                 // transaction: a store killed in between holds only that, and is still a store
                 // being created, not another application's file.
                 try Int.fetchOne(db, sql: """
                     SELECT count(*) FROM sqlite_master
                     WHERE name NOT IN ('grdb_migrations', 'sqlite_autoindex_grdb_migrations_1')
                     """) ?? 0)
            }
        } catch {
            throw Self.describe(error, path: path, doing: "read")
        }
        if identity.applicationID != StoreSchema.applicationID {
            if identity.objects == 0, mode == .readWrite { return }
            throw HanError(.malformed, identity.objects == 0
                ? "not a HanMine corpus store (an empty SQLite file); build one with 'hanmine ingest'"
                : "not a HanMine corpus store (a SQLite file of another application); it was left unchanged — pass another --db",
                path: path)
        }
        if identity.version > StoreSchema.currentVersion {
            throw HanError(.store, "the store has schema version \(identity.version), written by a newer HanMine; this build reads versions up to \(StoreSchema.currentVersion) — upgrade hanmine (the file was left unchanged)", path: path)
        }
    }

    /// The schema version of the open file (`PRAGMA user_version`).
    public func schemaVersion() throws(HanError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    // MARK: - Reading

    /// Runs `body` in a read transaction (a consistent snapshot), mapping SQLite errors to
    /// HanError.
    public func read<T>(_ body: (Database) throws -> T) throws(HanError) -> T {
        do {
            return try queue.read(body)
        } catch let error as HanError {
            throw error
        } catch {
            throw Self.describe(error, path: path, doing: "read")
        }
    }

    /// What the store already holds for each path: every content hash seen, and the current one.
    public func knownVersions() throws(HanError) -> [String: KnownPath] {
        try read { db in
            var out: [String: KnownPath] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, sha256, is_current FROM documents")
            while let row = try rows.next() {
                let path: String = row[0]
                let hash: String = row[1]
                var known = out[path] ?? KnownPath()
                known.hashes.insert(hash)
                if (row[2] as Int) == 1 { known.current = hash }
                out[path] = known
            }
            let aliases = try Row.fetchCursor(db, sql: "SELECT p.path, d.sha256 FROM document_paths p JOIN documents d ON d.id = p.document_id")
            while let row = try aliases.next() {
                var known = out[row[0]] ?? KnownPath()
                known.aliasOf = row[1]
                out[row[0]] = known
            }
            return out
        }
    }

    /// The content hashes of the current documents: a new path with one of them is an alias.
    public func currentHashes() throws(HanError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT sha256 FROM documents WHERE is_current = 1")) }
    }

    /// What ends an ingest: rebuilds `agencies` and the copy groups (`Copies`). Both depend on
    /// the whole corpus, not on the order documents came in, so they are computed after all
    /// batches (and a killed run's next ingest computes them).
    public func finishIngest() throws(HanError) {
        guard mode == .readWrite else { throw HanError(.store, "the store was opened read-only", path: path) }
        do {
            try queue.write { db in
                try Agencies.refresh(db)
                try Copies.refresh(db)
            }
        } catch {
            throw Self.describe(error, path: path, doing: "write")
        }
    }

    // MARK: - Writing

    /// Writes a batch in one transaction: all of it is stored, or (on any error) none of it.
    ///
    /// A document whose (path, hash) is already stored adds nothing (an older version becomes
    /// current again); a new hash for a known path becomes its next version. A document that
    /// ingests cleanly clears its path's failure row.
    @discardableResult
    public func write(_ batch: [IngestItem]) throws(HanError) -> WriteSummary {
        guard mode == .readWrite else { throw HanError(.store, "the store was opened read-only", path: path) }
        var summary = WriteSummary()
        var newKeys: [String: Int64] = [:]
        let now = ISO8601DateFormatter().string(from: Date())
        do {
            try queue.inTransaction(.immediate) { db in
                var writer = BatchWriter(db: db, cellKeys: cellKeys, now: now)
                for item in batch {
                    switch item {
                    case .document(let document):
                        switch try writer.insert(document) {
                        case .added: summary.added += 1
                        case .newVersion: summary.newVersions += 1
                        case .alreadyStored: summary.unchanged += 1
                        case .aliased: summary.aliased += 1
                        }
                    case .unchanged(let path, let sha256):
                        if try writer.makeCurrent(path: path, sha256: sha256) { summary.unchanged += 1 }
                    case .alias(let path, let sha256):
                        if try writer.addAlias(path: path, sha256: sha256) { summary.aliased += 1 }
                    case .failure(let path, let sha256, let error):
                        try writer.recordFailure(path: path, sha256: sha256, error: error)
                        summary.failed += 1
                    }
                }
                newKeys = writer.newCellKeys
                return .commit
            }
        } catch let error as HanError {
            throw error
        } catch {
            throw Self.describe(error, path: path, doing: "write")
        }
        cellKeys.merge(newKeys) { old, _ in old }
        return summary
    }

    private func loadCellKeys() throws {
        cellKeys = try queue.read { db in
            var keys: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, table_name, row_name, column_name FROM cell_keys") {
                keys[BatchWriter.cellKey(row[1], row[2], row[3])] = row[0]
            }
            return keys
        }
    }

    /// Checks the SQLite file and the full-text index for corruption.
    public func integrityProblems() throws(HanError) -> [String] {
        do {
            return try queue.writeWithoutTransaction { db in
                var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                for index in ["search", "grams"] {
                    do {
                        try db.execute(sql: "INSERT INTO \(index)(\(index)) VALUES ('integrity-check')")
                    } catch {
                        problems.append("full-text index \(index): \(error)")
                    }
                }
                return problems
            }
        } catch {
            throw Self.describe(error, path: path, doing: "check")
        }
    }

    /// Caps the file at `pages` pages, as a full disk would (tests).
    func limitPages(_ pages: Int) throws(HanError) {
        try execute(unchecked: "PRAGMA max_page_count = \(pages)")
    }

    /// Runs SQL with no checks at all (tests that need a damaged or foreign file).
    func execute(unchecked sql: String) throws(HanError) {
        do {
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        } catch {
            throw Self.describe(error, path: path, doing: "write")
        }
    }

    /// What a failed action left behind, for the end of a message.
    static func consequence(of action: String) -> String {
        switch action {
        case "write": return "; the last batch was rolled back and the store holds every batch before it"
        case "create": return "; no store was made"
        default: return ""
        }
    }

    /// A full disk under the store, said as such (SQLite reports it as a full database or,
    /// while creating files, as an I/O error): nil when the disk has room.
    static func full(_ path: String, doing action: String) -> HanError? {
        let folder = (path as NSString).deletingLastPathComponent
        var space = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &space) == 0 else { return nil }
        let free = Int64(space.f_bavail) * Int64(space.f_frsize)
        guard free < 4 << 20 else { return nil }
        let advice = action == "write" ? "free space and run ingest again to finish" : "free space, or pass a --db on another disk"
        return HanError(.store, "the disk holding the store is full (\(free >> 10) KiB free)\(consequence(of: action)); \(advice)", path: path)
    }

    /// A SQLite error as a HanError that says what happened to the store and what to do.
    static func describe(_ error: any Error, path: String, doing action: String) -> HanError {
        if let error = error as? HanError { return error }
        guard let error = error as? DatabaseError else {
            return HanError(.store, "could not \(action) the store: \(error)", path: path)
        }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return HanError(.malformed, "not a SQLite database (corrupt, or a file of another kind); it was left unchanged — pass another --db", path: path)
        case .SQLITE_CORRUPT:
            return HanError(.malformed, "the store is corrupt (\(error.message ?? "database disk image is malformed")); restore it from a copy or ingest into a new --db", path: path)
        case .SQLITE_FULL:
            return full(path, doing: action) ?? HanError(.store, "the disk is full or the store reached its size limit (\(error.message ?? "full"))\(Self.consequence(of: action)); free space and run again", path: path)
        case .SQLITE_READONLY:
            return HanError(.store, "the store is read-only here (\(error.message ?? "readonly")); check the permissions of the file and its folder", path: path)
        case .SQLITE_CANTOPEN:
            return HanError(.store, "cannot \(action) the store file: its folder is missing or not writable", path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return HanError(.store, "the store is locked by another process (another ingest?); try again when it has finished", path: path)
        case .SQLITE_IOERR:
            return full(path, doing: action)
                ?? HanError(.store, "I/O error on the store (\(error.message ?? "disk I/O error"))\(Self.consequence(of: action))", path: path)
        default:
            return HanError(.store, "SQLite: \(error.message ?? "\(error)")", path: path)
        }
    }
}

/// What the store holds for one path.
public struct KnownPath: Sendable, Equatable {
    public var hashes: Set<String> = []
    public var current: String?
    /// When the path is another path of a stored document: that document's hash.
    public var aliasOf: String?
    public init() {}
}

/// One unit of work for the writer.
public enum IngestItem: Sendable {
    /// A document read and extracted.
    case document(StoredDocument)
    /// A file whose content (by hash) is already stored: only its current version may change.
    case unchanged(path: String, sha256: String)
    /// A new path whose bytes are already a current document under another path.
    case alias(path: String, sha256: String)
    /// A file that could not be read or extracted.
    case failure(path: String, sha256: String?, error: HanError)
}

/// A document ready to store: its record and its decoded text (spans point into it).
public struct StoredDocument: Sendable {
    /// The path the store files it under.
    public var path: String
    /// The SHA-256 (hex) of the file's bytes: with the path, the document version's identity.
    public var sha256: String
    public var record: HanCore.Record
    public var text: [UInt8]
    public init(path: String, sha256: String, record: HanCore.Record, text: [UInt8]) {
        self.path = path
        self.sha256 = sha256
        self.record = record
        self.text = text
    }
}

/// What one `write` did.
public struct WriteSummary: Sendable, Equatable {
    public var added = 0
    public var newVersions = 0
    public var unchanged = 0
    /// New paths whose bytes were already in the store under another path.
    public var aliased = 0
    public var failed = 0
    public init() {}
}
