import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

/// Every release must open the stores older releases wrote (tantivy's compat-fixture idea):
/// `Corpus/store/v1.sqlite` was written at schema 1 and is committed; it must open, migrate to
/// the current schema and answer the same queries.
///
/// `RECORD_STORE_FIXTURE=1 swift test --filter StoreCompatibilityTests` rewrites the fixture
/// (only ever for a new schema version, as a new file) and fails the run so it is noticed.
@Suite("Store compatibility: the committed schema-v1 store opens and migrates")
struct StoreCompatibilityTests {
    static let fixture = TestPaths.corpus + "/store/v1.sqlite"

    static func fixtureItems() -> [IngestItem] {
        [StoreFixtures.document(StoreFixtures.texts[0], path: "/fixture/a.txt", agency: "某县政府办公室", year: 2022,
                                carriedForward: 1),
         StoreFixtures.document(StoreFixtures.texts[1], path: "/fixture/b.txt", agency: "某县政府办公室", year: 2023,
                                carriedOver: 2, balanced: false),
         StoreFixtures.document(StoreFixtures.texts[2], path: "/fixture/c.txt", agency: "某区教育局", year: 2023),
         .failure(path: "/fixture/bad.txt", sha256: nil, error: HanError(.invalidEncoding, "invalid UTF-8", path: "/fixture/bad.txt", offset: 3))]
    }

    @Test("Corpus/store/v1.sqlite opens read-only and read-write, and its rows read back")
    func opensAndMigrates() throws {
        if ProcessInfo.processInfo.environment["RECORD_STORE_FIXTURE"] == "1" {
            try? FileManager.default.removeItem(atPath: Self.fixture)
            try FileManager.default.createDirectory(atPath: TestPaths.corpus + "/store", withIntermediateDirectories: true)
            do {
                let store = try CorpusStore(path: Self.fixture, mode: .readWrite)
                _ = try store.write(Self.fixtureItems())
                try store.execute(unchecked: "PRAGMA journal_mode = DELETE")
            }
            Issue.record("recorded \(Self.fixture); commit it and run again without RECORD_STORE_FIXTURE")
            return
        }
        #expect(fileExists(Self.fixture), "the compat fixture \(Self.fixture) is missing")
        let directory = try makeTemporaryDirectory("hanstore-compat")
        defer { removeDirectory(directory) }
        let copy = directory + "/v1.sqlite"
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: copy)

        let reader = try CorpusStore(path: copy, mode: .readOnly)
        #expect(try reader.schemaVersion() == 1)
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
        #expect(try store.search(SearchRequest(query: "行政复议")).map(\.path).sorted() == ["/fixture/a.txt", "/fixture/b.txt"])
        // The migrated store takes new documents and still dedupes the old ones.
        #expect(try store.write(Self.fixtureItems()).unchanged == 3)
        #expect(try store.write([StoreFixtures.document(StoreFixtures.texts[3], path: "/fixture/d.txt")]).added == 1)
    }
}
