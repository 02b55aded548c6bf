import HanCore
import HanExtract
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

/// `--section`: search keeps the occurrences inside parts of one role; export keeps the fields
/// that stand there.
@Suite("Store: the section filter")
struct SectionFilterTests {
    static let report = """
        某县林业局2023年政府信息公开工作年度报告
        一、总体情况
        本年度开展培训2次，主动公开信息30条。
        五、存在的主要问题及改进情况
        （一）存在问题：一是培训覆盖面不广。二是解读不够深入。
        （二）改进措施：一是扩大培训范围。二是丰富解读形式。
        六、其他需要报告的事项
        无。
        """

    static func store() throws -> (CorpusStore, String) {
        let (store, directory) = try StoreFixtures.freshStore()
        let bytes = Array(report.utf8)
        let record = try Extractor().extract(contentsOf: bytes, path: "/r.txt")
        _ = try store.write([.document(StoredDocument(path: "/r.txt", sha256: record.source.sha256, record: record, text: bytes))])
        return (store, directory)
    }

    @Test("a word is found only where a part of the role holds it")
    func searchBySection() throws {
        let (store, directory) = try Self.store()
        defer { removeDirectory(directory) }
        let text = Array(Self.report.utf8)
        func matches(_ role: SectionRole?) throws -> [String] {
            var request = SearchRequest(query: "培训")
            request.filters.section = role.map(SectionFilter.init)
            return try store.search(request).flatMap(\.occurrences).map { occurrence in
                // The line the occurrence stands on.
                let lineStart = text[..<occurrence.start].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                return String(decoding: text[lineStart..<occurrence.start], as: UTF8.self)
            }
        }
        #expect(try matches(nil).count == 3)
        #expect(try matches(.overview) == ["本年度开展"])
        #expect(try matches(.problems) == ["（一）存在问题：一是"])
        #expect(try matches(.measures) == ["（二）改进措施：一是扩大"])
        #expect(try matches(.otherMatters).isEmpty)
    }

    @Test("fields are kept by where they stand")
    func fieldsBySection() throws {
        let (store, directory) = try Self.store()
        defer { removeDirectory(directory) }
        let inOverview = SectionFilter(.overview).containsSQL(start: "f.span_start", end: "f.span_end")
        let counts = try store.fetchAll("SELECT f.text FROM fields f JOIN documents d ON d.id = f.document_id WHERE f.kind = 'count' AND \(inOverview)")
        #expect(counts.rows == [[.text("2次")], [.text("30条")]])
        let measures = SectionFilter(.measures).containsSQL(start: "f.span_start", end: "f.span_end")
        let items = try store.fetchAll("SELECT f.text FROM fields f JOIN documents d ON d.id = f.document_id WHERE f.kind = 'measure' AND \(measures)")
        #expect(items.rows.count == 2)
    }
}
