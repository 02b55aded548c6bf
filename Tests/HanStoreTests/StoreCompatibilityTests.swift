import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

/// Every release must open the stores older releases wrote (tantivy's compat-fixture idea):
/// `Corpus/store/vN.sqlite` was written at schema N and is committed; each must open, migrate
/// to the current schema and answer the same queries.
///
/// `RECORD_STORE_FIXTURE=1 swift test --filter StoreCompatibilityTests` writes the fixture of
/// the current version when it is missing (never an older one) and fails the run so it is noticed.
@Suite("Store compatibility: the committed schema-v1 store opens and migrates")
struct StoreCompatibilityTests {
    static let fixture = fixture(version: 1)

    static func fixture(version: Int) -> String { TestPaths.corpus + "/store/v\(version).sqlite" }

    static func fixtureItems() -> [IngestItem] {
        [StoreFixtures.document(StoreFixtures.texts[0], path: "/fixture/a.txt", agency: "某县政府办公室", year: 2022,
                                carriedForward: 1),
         StoreFixtures.document(StoreFixtures.texts[1], path: "/fixture/b.txt", agency: "某县政府办公室", year: 2023,
                                carriedOver: 2, balanced: false),
         StoreFixtures.document(StoreFixtures.texts[2], path: "/fixture/c.txt", agency: "某区教育局", year: 2023,
                                ambiguousCells: 3),
         .failure(path: "/fixture/bad.txt", sha256: nil, error: HanError(.invalidEncoding, "invalid UTF-8", path: "/fixture/bad.txt", offset: 3))]
    }

    /// `PRAGMA user_version` read from the file header (bytes 60–63), without opening it.
    static func userVersion(_ path: String) throws -> Int {
        let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(64)
        return header.suffix(4).reduce(0) { $0 << 8 | Int($1) }
    }

    @Test("Corpus/store/vN.sqlite opens read-only and read-write, and its rows read back",
          arguments: Array(1...StoreSchema.currentVersion))
    func opensAndMigrates(version: Int) throws {
        let fixture = Self.fixture(version: version)
        if ProcessInfo.processInfo.environment["RECORD_STORE_FIXTURE"] == "1" {
            guard version == StoreSchema.currentVersion, !fileExists(fixture) else { return }
            try FileManager.default.createDirectory(atPath: TestPaths.corpus + "/store", withIntermediateDirectories: true)
            do {
                let store = try CorpusStore(path: fixture, mode: .readWrite)
                _ = try store.write(Self.fixtureItems())
                try store.finishIngest()
                try store.execute(unchecked: "PRAGMA journal_mode = DELETE")
            }
            Issue.record("recorded \(fixture); commit it and run again without RECORD_STORE_FIXTURE")
            return
        }
        #expect(fileExists(fixture), "the compat fixture \(fixture) is missing")
        let directory = try makeTemporaryDirectory("hanstore-compat")
        defer { removeDirectory(directory) }
        let copy = directory + "/store.sqlite"
        try FileManager.default.copyItem(atPath: fixture, toPath: copy)

        #expect(try Self.userVersion(copy) == version)
        // A read-only open migrates an older store first: every command reads the current schema.
        let reader = try CorpusStore(path: copy, mode: .readOnly)
        #expect(try reader.schemaVersion() == StoreSchema.currentVersion)
        #expect(try StoreFixtures.count(reader, "SELECT count(*) FROM documents") == 3)

        let store = try CorpusStore(path: copy, mode: .readWrite)
        #expect(try store.schemaVersion() == StoreSchema.currentVersion)
        #expect(try store.integrityProblems() == [])
        #expect(try store.fetchAll("SELECT path, agency, year FROM documents ORDER BY id").rows == [
            [.text("/fixture/a.txt"), .text("某县政府办公室"), .integer(2022)],
            [.text("/fixture/b.txt"), .text("某县政府办公室"), .integer(2023)],
            [.text("/fixture/c.txt"), .text("某区教育局"), .integer(2023)],
        ])
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM table_cells") == 3 * 28)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM checks WHERE ok = 0") == 1)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM failures") == 1)
        // table_quality from v5 on: fixtures written before have no rows (their records had none).
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM table_quality WHERE read = cells") == (version >= 5 ? 2 : 0))
        // v6: canonical agency names and the agencies table are filled in for older documents.
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM documents WHERE agency_canonical IS NOT NULL") == 3)
        #expect(try StoreFixtures.count(store, "SELECT count(DISTINCT body) FROM agencies") == 2)
        #expect(try store.search(SearchRequest(query: "行政复议")).map(\.path).sorted() == ["/fixture/a.txt", "/fixture/b.txt"])
        // The migrated store takes new documents and still dedupes the old ones.
        #expect(try store.write(Self.fixtureItems()).unchanged == 3)
        #expect(try store.write([StoreFixtures.document(StoreFixtures.texts[3], path: "/fixture/d.txt")]).added == 1)
    }
}
