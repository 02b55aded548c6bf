import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

/// Seeded random SQL through the locked-down connection (issue 14.8; `Tests/Fuzz` has the
/// libFuzzer harness of the same generator): no crash, no write, no statement past its limit.
@Suite("query lockdown: random SQL")
struct QueryFuzzTests {
    @Test("randomSQLWritesStore: 300 random scripts leave the store's bytes as they were, and each stops in time")
    func randomSQLWritesStore() throws {
        let folder = try SyntheticReports.folder(6, label: "sqlfuzz")
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        #expect(try runHanmine(["ingest", folder, "--db", db, "--quiet"]).status == 0)
        let before = FileManager.default.contents(atPath: db)
        let store = try CorpusStore(path: db, mode: .readOnly, userSQL: UserSQLLimits(timeout: 1))
        var choices = RandomSQL.Seeded(seed: 14)
        var answered = 0
        var refused = 0
        var slowest = 0.0
        var slowestSQL = ""
        for _ in 0..<300 {
            let sql = RandomSQL().script(&choices)
            let started = Date()
            do throws(HanError) {
                var rows = 0
                try store.forEachRow(sql) { _, _ in rows += 1 }
                answered += 1
            } catch {
                if error.code == .usage { refused += 1 }
            }
            if Date().timeIntervalSince(started) > slowest {
                slowest = Date().timeIntervalSince(started)
                slowestSQL = sql
            }
        }
        // The generator reaches both sides: statements that run and statements refused.
        #expect(answered >= 20, "answered \(answered)")
        #expect(refused >= 30, "refused \(refused)")
        // Each statement of a script has 1 s; a script has at most four.
        #expect(slowest < 10, "slowest script \(slowest) s: \(slowestSQL)")
        #expect(FileManager.default.contents(atPath: db) == before)
        for made in ["/tmp/hanmine-fuzz-copy.sqlite", "/tmp/hanmine-fuzz-w", "/tmp/hanmine-fuzz-other.sqlite"] {
            #expect(!fileExists(made), "\(made)")
        }
        #expect(try store.connectionSafety() == (0, 1))
    }
}
