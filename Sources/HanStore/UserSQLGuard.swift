import CSQLiteGuard
import Foundation
import GRDB
import GRDBSQLite
import HanCore

/// Limits on SQL a user types (`hanmine query`).
public struct UserSQLLimits: Sendable {
    /// Seconds one statement may run (compile and every row); nil for no limit.
    public var timeout: Double?
    /// Bytes SQLite may hold on the heap for the whole process: a `randomblob(1e9)` or a
    /// sort of a billion rows fails with an error instead of exhausting the machine.
    public var heapBytes: Int64 = 1 << 30
    /// The longest string or blob a statement may build.
    public var valueBytes: Int32 = 256 << 20

    public init(timeout: Double?) { self.timeout = timeout }
}

/// The guard on the connection that runs a user's SQL: a statement reads this store and
/// nothing else, and stops in bounded time.
///
/// - The connection is locked down (`hm_sqlite_lock_down`): `fts3_tokenizer` cannot take or
///   hand out pointers (the SIGSEGV of issue 14.1), no extension loads, defensive mode,
///   untrusted schema, no attached database.
/// - An authorizer allows, while a user statement compiles or runs, only reading: SELECT,
///   reading tables, functions other than the ones that reach memory, files or extensions,
///   and the PRAGMAs that report without changing anything. Everything else is refused with a
///   message saying why. GRDB's own statements (its read transaction) run outside that window:
///   the authorizer replaces GRDB's, whose bookkeeping only writes and observation need.
/// - A progress handler stops a statement that runs past its deadline; Ctrl-C keeps its
///   default action and ends the process at once (a read-only connection leaves nothing half
///   done).
///
/// Used on one connection from GRDB's serial queue only: no locking.
final class UserSQLGuard: @unchecked Sendable {
    let limits: UserSQLLimits
    /// True while a user statement compiles or runs.
    private var checking = false
    /// When the running statement must stop (monotonic nanoseconds; 0 for never).
    private var deadline: UInt64 = 0
    /// Why the authorizer last refused something.
    private(set) var refusal: String?
    /// Whether the last statement was stopped by its deadline.
    private(set) var timedOut = false

    init(limits: UserSQLLimits) { self.limits = limits }

    /// Functions that reach memory, files or extensions (`fts3_tokenizer` takes and returns raw
    /// pointers; `fts5` returns one; the others exist in some builds or shells).
    static let refusedFunctions: Set<String> = ["fts3_tokenizer", "fts5", "load_extension", "readfile", "writefile", "edit"]

    /// PRAGMAs that only report, with the ones that take a table or index name as argument.
    static let reportingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
        "database_list", "collation_list", "function_list", "module_list", "pragma_list", "compile_options",
        "user_version", "application_id", "schema_version", "data_version", "page_count", "page_size",
        "freelist_count", "encoding", "journal_mode",
    ]
    static let pragmasTakingNames: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    ]

    /// Locks the connection down and installs the authorizer and the progress handler
    /// (from `Configuration.prepareDatabase`, after GRDB's own set-up).
    func install(on db: Database) throws {
        let connection = db.sqliteConnection
        let code = hm_sqlite_lock_down(UnsafeMutableRawPointer(connection))
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not lock the connection down for user SQL")
        }
        sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, limits.valueBytes)
        // LIKE and GLOB backtrack on every `%`: a long pattern of them is exponential.
        sqlite3_limit(connection, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 256)
        for name in ["printf", "format"] { db.add(function: Self.boundedPrintf(name)) }
        sqlite3_hard_heap_limit64(limits.heapBytes)
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_set_authorizer(connection, { context, action, first, second, _, _ in
            Unmanaged<UserSQLGuard>.fromOpaque(context!).takeUnretainedValue().authorize(action, first, second)
        }, context)
        sqlite3_progress_handler(connection, 1000, { context in
            Unmanaged<UserSQLGuard>.fromOpaque(context!).takeUnretainedValue().shouldStop() ? 1 : 0
        }, context)
    }

    /// The widest field `printf` may make: SQLite writes `%.*c` one character at a time inside
    /// one step, so `printf('%.*c', 900000000, 'x')` ran 20 s past any time limit.
    static let printfFieldLimit = 1_000_000

    /// `printf` and `format` in front of SQLite's own: a width or precision over
    /// `printfFieldLimit` (written or taken from `*`) is an error; anything else is SQLite's
    /// result, computed on a private in-memory connection.
    static func boundedPrintf(_ name: String) -> DatabaseFunction {
        DatabaseFunction(name, argumentCount: nil, pure: true) { values in
            guard let format = values.first.flatMap({ String.fromDatabaseValue($0) }) else { return nil }
            var next = 1
            var number = ""
            var inSpec = false
            func field(_ value: Int) throws {
                if abs(value) > printfFieldLimit {
                    throw DatabaseError(message: "\(name)(): a width or precision of \(value) is over the limit of \(printfFieldLimit)")
                }
            }
            for character in format {
                if !inSpec {
                    if character == "%" { inSpec = true; number = "" }
                    continue
                }
                if character.isNumber { number.append(character); continue }
                if let value = Int(number) { try field(value) } else if !number.isEmpty { try field(Int.max) }
                number = ""
                if character == "*" {
                    if next < values.count, let value = Int64.fromDatabaseValue(values[next]) { try field(Int(clamping: value)) }
                    next += 1
                } else if !".-+ #,!0lh".contains(character) {
                    inSpec = false
                    if character != "%" { next += 1 }
                }
            }
            if let value = Int(number) { try field(value) }
            return try printfQueue.read { db in
                let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
                return try DatabaseValue.fetchOne(db, sql: "SELECT \(name)(\(marks))", arguments: StatementArguments(values))
            }
        }
    }

    /// The connection SQLite's own `printf` runs on, behind `boundedPrintf`.
    nonisolated(unsafe) static let printfQueue: DatabaseQueue = try! DatabaseQueue()

    /// Opens the window for user statements; every `nextStatement` restarts the clock.
    func begin() {
        checking = true
        refusal = nil
        timedOut = false
    }

    /// A new user statement is about to compile: its time starts now.
    func nextStatement() {
        if let timeout = limits.timeout, timeout > 0 {
            deadline = Self.now() + UInt64(timeout * 1e9)
        } else {
            deadline = 0
        }
    }

    /// Closes the window: GRDB's own statements follow.
    func end() {
        checking = false
        deadline = 0
    }

    private func shouldStop() -> Bool {
        guard checking, deadline != 0, Self.now() > deadline else { return false }
        timedOut = true
        return true
    }

    private func authorize(_ action: Int32, _ first: UnsafePointer<CChar>?, _ second: UnsafePointer<CChar>?) -> Int32 {
        guard checking else { return SQLITE_OK }
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_FUNCTION:
            let name = second.map { String(cString: $0).lowercased() } ?? ""
            guard Self.refusedFunctions.contains(name) else { return SQLITE_OK }
            return refuse("the function \(name)() is refused: it reaches memory, files or extensions outside the store")
        case SQLITE_PRAGMA:
            let name = first.map { String(cString: $0).lowercased() } ?? ""
            let value = second.map { String(cString: $0) }
            if Self.reportingPragmas.contains(name), value == nil || Self.pragmasTakingNames.contains(name) { return SQLITE_OK }
            return refuse("this command only reads: PRAGMA \(name)\(value.map { " = " + $0 } ?? "") was refused "
                          + "(only the PRAGMAs that report without changing anything run here)")
        case SQLITE_UPDATE where first.map({ strcmp($0, "sqlite_master") == 0 || strcmp($0, "sqlite_temp_master") == 0 }) == true:
            // SQLite's own bookkeeping when a virtual table (`search`, `pragma_table_info`)
            // connects for the first time; a user's UPDATE of the schema table is refused by
            // the read-only connection and defensive mode.
            return SQLITE_OK
        case SQLITE_ATTACH, SQLITE_DETACH:
            return refuse("this command only reads this store: ATTACH and DETACH were refused")
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return refuse("this command only reads: transaction statements were refused (each query runs in a read transaction of its own)")
        default:
            return refuse("this command only reads: the statement would change the store and was refused (use 'hanmine ingest' to add documents)")
        }
    }

    private func refuse(_ reason: String) -> Int32 {
        if refusal == nil { refusal = reason }
        return SQLITE_DENY
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

extension CorpusStore {
    /// Whether two-argument `fts3_tokenizer` is enabled and defensive mode is on, on this
    /// store's connection (tests: 1 yes, 0 no, -1 unknown).
    func connectionSafety() throws(HanError) -> (fts3Tokenizer: Int32, defensive: Int32) {
        try read { db in
            let connection = UnsafeMutableRawPointer(db.sqliteConnection)
            return (hm_sqlite_fts3_tokenizer_enabled(connection), hm_sqlite_defensive_enabled(connection))
        }
    }
}
