import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A damaged store is refused before anything is written; a store in a read-only folder still
/// reads (issue 14.5).
@Suite("store damage and read-only folders")
struct StoreDamageTests {
    static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    @Test("corruptPageIngested: ingest into a store with one damaged page is refused, the file unchanged; verify lists the damage")
    func corruptPageIngested() throws {
        let folder = try SyntheticReports.folder(4, label: "damage")
        defer { removeDirectory(folder) }
        let db = folder + "/store/corpus.sqlite"
        try FileManager.default.createDirectory(atPath: folder + "/store", withIntermediateDirectories: true)
        #expect(try runHanmine(["ingest", folder, "--db", db, "--quiet"]).status == 0)
        let sound = try runHanmine(["verify", "--db", db])
        #expect(sound.status == 0, "\(sound.stderr)")
        #expect(sound.stdoutText == "ok\n")
        // Fold the WAL into the file, then overwrite the cell pointers of the documents table's page.
        let (page, pageSize) = try {
            let store = try CorpusStore(path: db, mode: .readWrite)
            try store.execute(unchecked: "PRAGMA wal_checkpoint(TRUNCATE)")
            return try store.read { db in
                (try Int.fetchOne(db, sql: "SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf' LIMIT 1")!,
                 try Int.fetchOne(db, sql: "PRAGMA page_size")!)
            }
        }()
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        try handle.seek(toOffset: UInt64((page - 1) * pageSize + 8))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 16))
        try handle.close()
        let before = Self.bytes(db)
        try writeFile(folder + "/new.txt", Array((SyntheticReports.text(9)).utf8))
        let ingest = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        #expect(ingest.status == 1)
        #expect(ingest.stderr.contains("the store is damaged ("), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("nothing was written to it"), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("hanmine verify --db"), "\(ingest.stderr)")
        #expect(Self.bytes(db) == before)
        let verify = try runHanmine(["verify", "--db", db])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("page \(page)"), "\(verify.stderr)")
        #expect(Self.bytes(db) == before)
    }

    @Test("readOnlyFolderUnreadable: a store in a folder that cannot be written reads (immutable); writing says why not")
    func readOnlyFolderUnreadable() throws {
        let folder = try SyntheticReports.folder(2, label: "rofolder")
        defer {
            chmod(folder + "/store", 0o755)
            removeDirectory(folder)
        }
        let db = folder + "/store/corpus.sqlite"
        try FileManager.default.createDirectory(atPath: folder + "/store", withIntermediateDirectories: true)
        #expect(try runHanmine(["ingest", folder, "--db", db, "--quiet"]).status == 0)
        do {
            let store = try CorpusStore(path: db, mode: .readWrite)
            try store.execute(unchecked: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        for suffix in ["-wal", "-shm"] { unlink(db + suffix) }
        chmod(folder + "/store", 0o555)
        func asNobody(_ arguments: [String]) throws -> CommandResult {
            let prefix = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
            return try runHanmine(["-c", prefix + "'\(TestPaths.hanmineBinary)' " + arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")], shell: true)
        }
        let stats = try asNobody(["stats", "--db", db, "--format", "csv"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdoutText.contains("\n2,0,0,"), "\(stats.stdoutText)")
        let query = try asNobody(["query", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM search WHERE search MATCH '公开'"])
        #expect(query.stdoutText == "n\n2\n", "\(query.stderr)")
        let verify = try asNobody(["verify", "--db", db])
        #expect(verify.status == 0, "\(verify.stderr)")
        try writeFile(folder + "/new.txt", Array((SyntheticReports.text(7)).utf8))
        let ingest = try asNobody(["ingest", folder, "--db", db, "--quiet"])
        #expect(ingest.status == 1)
        #expect(ingest.stderr.contains("read-only") || ingest.stderr.contains("not writable"), "\(ingest.stderr)")
    }

    /// Whether this machine lets the tests mount a small tmpfs (root with CAP_SYS_ADMIN).
    static let canMountTmpfs: Bool = {
        guard geteuid() == 0, let folder = try? makeTemporaryDirectory("mountprobe") else { return false }
        defer { removeDirectory(folder) }
        guard mount("tmpfs", folder, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount(folder)
        return true
    }()

    @Test("fullDiskNewStoreIOError: a new store on a full disk says the disk is full and leaves no file",
          .enabled(if: canMountTmpfs, "needs root allowed to mount a tmpfs"))
    func fullDiskNewStoreIOError() throws {
        let folder = try SyntheticReports.folder(2, label: "fulldisk")
        let disk = folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(mount("tmpfs", disk, "tmpfs", 0, "size=64k") == 0)
        defer {
            umount(disk)
            removeDirectory(folder)
        }
        try writeFile(disk + "/filler", [UInt8](repeating: 0x41, count: 40_000))
        let result = try runHanmine(["ingest", folder, "--db", disk + "/corpus.sqlite", "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("corpus.sqlite: the disk holding the store is full"), "\(result.stderr)")
        #expect(!result.stderr.contains("I/O error"))
        #expect(!fileExists(disk + "/corpus.sqlite"))
    }
}
