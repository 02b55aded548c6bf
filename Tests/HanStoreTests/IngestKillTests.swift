import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Resumability: `hanmine ingest` killed with SIGKILL at random moments, then run to the end,
/// leaves exactly what one clean run leaves: every file once, with all its rows.
@Suite("hanmine ingest survives SIGKILL at any moment")
struct IngestKillTests {
    /// Per path: content hash, and how many rows of each kind the document has.
    static func snapshot(_ db: String) throws -> [String: [String]] {
        let store = try CorpusStore(path: db, mode: .readOnly)
        let rows = try store.fetchAll("""
            SELECT d.path, d.sha256, d.version, d.is_current, length(t.body),
                   (SELECT count(*) FROM fields f WHERE f.document_id = d.id),
                   (SELECT count(*) FROM cells c WHERE c.document_id = d.id),
                   (SELECT count(*) FROM checks c WHERE c.document_id = d.id),
                   (SELECT count(*) FROM warnings w WHERE w.document_id = d.id),
                   (SELECT count(*) FROM search WHERE search MATCH '"行政复议"' AND rowid = d.id)
            FROM documents d LEFT JOIN texts t ON t.document_id = d.id ORDER BY d.path
            """).rows
        var out: [String: [String]] = [:]
        for row in rows {
            let path = row[0].description
            #expect(out[path] == nil, "\(path) stored twice")
            out[path] = row.dropFirst().map(\.description)
        }
        return out
    }

    /// Starts an ingest, kills it after `delay` seconds (unless it finished); true when killed.
    static func ingestKilled(after delay: Double, folder: String, db: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.hanmineBinary)
        process.arguments = ["ingest", folder, "--db", db, "--quiet", "--batch-size", "3"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay * 1_000_000))
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    @Test("24 kills at random points, then one finishing run: the store equals a clean run's")
    func killAndResume() throws {
        let folder = try SyntheticReports.folder(60, label: "kill-reports")
        defer { removeDirectory(folder) }
        let reference = folder + ".reference.sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(reference + suffix) } }
        let started = Date()
        let clean = try runHanmine(["ingest", folder, "--db", reference, "--quiet", "--batch-size", "3"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let cleanDuration = Date().timeIntervalSince(started)
        let expected = try Self.snapshot(reference)
        #expect(expected.count == 60)

        var generator = SystemRandomNumberGenerator()
        var killedMidRun = 0
        var kills = 0
        for round in 0..<8 {
            let db = folder + ".round\(round).sqlite"
            defer { for suffix in ["", "-wal", "-shm"] { unlink(db + suffix) } }
            var roundKills = 0
            var attempts = 0
            while roundKills < 3, attempts < 8 {
                attempts += 1
                // Later runs of a round have less left to do: aim the kills into what remains.
                let delay = Double.random(in: 0...(cleanDuration * (0.9 - 0.25 * Double(roundKills))), using: &generator)
                if try Self.ingestKilled(after: delay, folder: folder, db: db) {
                    kills += 1
                    roundKills += 1
                    if fileExists(db), let partial = try? Self.snapshot(db), !partial.isEmpty, partial.count < expected.count {
                        killedMidRun += 1
                        // Whatever a kill leaves is a set of whole documents, each as a clean run stores it.
                        for (path, rows) in partial { #expect(expected[path] == rows, "\(path) after a kill") }
                    }
                }
            }
            let finish = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
            #expect(finish.status == 0, "\(finish.stderr)")
            #expect(try Self.snapshot(db) == expected, "round \(round)")
            let store = try CorpusStore(path: db, mode: .readWrite)
            #expect(try store.integrityProblems() == [])
        }
        print("ingest kill test: \(kills) kills, \(killedMidRun) of them between the first and the last commit")
        #expect(kills >= 20, "only \(kills) of 24 runs were still running when killed")
        #expect(killedMidRun >= 3, "only \(killedMidRun) kills landed between the first and the last commit")
    }
}
