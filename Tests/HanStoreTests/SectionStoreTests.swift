import HanCore
@testable import HanStore
import HanTestSupport
import Testing

/// The outline is kept in `sections`, one row per heading with its parent, depth first.
@Suite("Store: sections")
struct SectionStoreTests {
    @Test("a record's outline reads back with levels, roles, parents and spans")
    func outlineReadsBack() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([StoreFixtures.document(StoreFixtures.texts[0], path: "/a.txt")])
        let rows = try store.fetchAll("SELECT ordinal, parent_ordinal, level, role, span_start FROM sections ORDER BY ordinal").rows
        let headingBytes = Int64(StoreFixtures.texts[0].split(separator: "\n")[0].utf8.count)
        #expect(rows == [
            [.integer(0), .null, .integer(1), .text("overview"), .integer(0)],
            [.integer(1), .integer(0), .integer(2), .text("unknown"), .integer(headingBytes)],
        ])
    }
}
