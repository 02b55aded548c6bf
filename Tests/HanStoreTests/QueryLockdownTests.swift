import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `hanmine query` against hostile SQL (issue 14.1): nothing a user types reaches pointers,
/// other files or extensions, changes the store or runs without end.
@Suite("query lockdown: hostile SQL")
struct QueryLockdownTests {
    /// A store of two reports, and a second SQLite file holding an FTS3 table that uses the
    /// `simple` tokenizer (the target of the planted pointer).
    static func stores() throws -> (folder: String, db: String, other: String) {
        let folder = try SyntheticReports.folder(2, label: "lockdown")
        let db = folder + "/corpus.sqlite"
        let ingest = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let other = folder + "/other.sqlite"
        let store = try CorpusStore(path: other, mode: .readWrite)
        try store.execute(unchecked: "CREATE VIRTUAL TABLE t USING fts3(x, tokenize=simple)")
        try store.execute(unchecked: "INSERT INTO t VALUES ('a b c')")
        return (folder, db, other)
    }

    static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    @Test("fts3TokenizerPointerCrash: a planted tokenizer pointer then an FTS3 MATCH in an ATTACHed file is refused, no SIGSEGV")
    func fts3TokenizerPointerCrash() throws {
        let (folder, db, other) = try Self.stores()
        defer { removeDirectory(folder) }
        let before = Self.bytes(db)
        let exploit = try runHanmine(["query", "--db", db,
                                      "SELECT fts3_tokenizer('simple', x'4141414141414141'); ATTACH '\(other)' AS e; SELECT * FROM e.t WHERE t MATCH 'a'"])
        #expect(exploit.status == 2, "\(exploit.stderr)")
        #expect(exploit.stderr.contains("fts3_tokenizer() is refused"), "\(exploit.stderr)")
        let leak = try runHanmine(["query", "--db", db, "--format", "csv", "SELECT fts3_tokenizer('simple') AS p"])
        #expect(leak.status == 2)
        #expect(!leak.stdoutText.contains("x'"), "\(leak.stdoutText)")
        let attach = try runHanmine(["query", "--db", db, "ATTACH '\(other)' AS e"])
        #expect(attach.status == 2)
        #expect(attach.stderr.contains("ATTACH and DETACH were refused"), "\(attach.stderr)")
        let intoFile = try runHanmine(["query", "--db", db, "VACUUM INTO '\(folder)/copy.sqlite'"])
        #expect(intoFile.status == 2)
        #expect(!fileExists(folder + "/copy.sqlite"))
        #expect(Self.bytes(db) == before)

        let store = try CorpusStore(path: db, mode: .readOnly, userSQL: UserSQLLimits(timeout: 5))
        let safety = try store.connectionSafety()
        #expect(safety.fts3Tokenizer == 0)
        #expect(safety.defensive == 1)
    }

    @Test("writePragmaSilent: PRAGMAs that change the connection are refused with a message; reporting ones run")
    func writePragmaSilent() throws {
        let (folder, db, _) = try Self.stores()
        defer { removeDirectory(folder) }
        for pragma in ["PRAGMA query_only = 0", "PRAGMA writable_schema = 1", "PRAGMA trusted_schema = 1", "PRAGMA user_version = 7",
                       "PRAGMA journal_mode = DELETE", "BEGIN IMMEDIATE", "COMMIT", "CREATE TEMP TABLE x (a)",
                       "SELECT load_extension('/tmp/x.so')"] {
            let result = try runHanmine(["query", "--db", db, pragma])
            #expect(result.status == 2, "\(pragma): \(result.stderr)")
            #expect(result.stderr.contains("only reads") || result.stderr.contains("refused"), "\(pragma): \(result.stderr)")
        }
        let table = try runHanmine(["query", "--db", db, "--format", "csv", "SELECT name FROM pragma_table_info('failures') LIMIT 1"])
        #expect(table.stdoutText == "name\npath\n", "\(table.stderr)")
        let fts = try runHanmine(["query", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM search WHERE search MATCH '依申请公开'"])
        #expect(fts.stdoutText == "n\n2\n", "\(fts.stderr)")
    }

    @Test("queryRunsForever: a statement past --timeout is stopped with a message; Ctrl-C ends a query at once")
    func queryRunsForever() throws {
        let (folder, db, _) = try Self.stores()
        defer { removeDirectory(folder) }
        let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        let started = Date()
        let stopped = try runHanmine(["query", "--db", db, "--timeout", "1", endless])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("ran longer than 1 s and was stopped"), "\(stopped.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        let bad = try runHanmine(["query", "--db", db, "--timeout", "-1", "SELECT 1"])
        #expect(bad.status == 2)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.hanmineBinary)
        process.arguments = ["query", "--db", db, "--timeout", "300", endless]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        #expect(process.isRunning)
        let interrupted = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(interrupted) < 5)
        #expect(process.terminationReason == .uncaughtSignal)
    }

    @Test("emptyQueryExitsOne: SQL with no statement is a usage error (exit 2); no rows says so (exit 1)")
    func emptyQueryExitsOne() throws {
        let (folder, db, _) = try Self.stores()
        defer { removeDirectory(folder) }
        for sql in ["", "  ", "/* nothing */"] {
            let result = try runHanmine(["query", "--db", db, sql])
            #expect(result.status == 2, "'\(sql)': \(result.stderr)")
            #expect(result.stderr.contains("no SQL statement"), "\(result.stderr)")
        }
        let none = try runHanmine(["query", "--db", db, "--format", "csv", "SELECT path FROM documents WHERE 0"])
        #expect(none.status == 1)
        #expect(none.stdoutText == "path\n")
        #expect(none.stderr.contains("no rows"))
    }

    @Test("printfPrecisionRunsPastTimeout: a printf field over the limit is refused at once; a LIKE of many % is refused; printf still formats")
    func printfPrecisionRunsPastTimeout() throws {
        let (folder, db, _) = try Self.stores()
        defer { removeDirectory(folder) }
        let started = Date()
        let huge = try runHanmine(["query", "--db", db, "--timeout", "1", "SELECT length(printf('%.*c', 900000000, 'x'))"])
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("printf(): a width or precision of 900000000 is over the limit"), "\(huge.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        let like = try runHanmine(["query", "--db", db, "SELECT count(*) FROM texts WHERE body LIKE '" + String(repeating: "%a", count: 200) + "'"])
        #expect(like.status == 2)
        #expect(like.stderr.contains("pattern too complex"), "\(like.stderr)")
        let formatted = try runHanmine(["query", "--db", db, "--format", "csv",
                                        "SELECT printf('%5.2f|%d|%.*c|%%', 3.14159, 42, 3, 'y') AS p, format('%x', 255) AS f"])
        #expect(formatted.stdoutText == "p,f\n 3.14|42|yyy|%,ff\n", "\(formatted.stderr)")
    }
}
