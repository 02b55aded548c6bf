import Foundation
import GRDB
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

@Suite("Corpus store: rows, versions, failures")
struct StoreTests {
    @Test("a record lands in documents, fields, cells (long and wide), checks and warnings")
    func recordRows() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let text = StoreFixtures.texts[2]
        let summary = try store.write([StoreFixtures.document(text, path: "/c/a.txt", agency: "某区教育局", year: 2023)])
        #expect(summary.added == 1)
        let document = try store.fetchAll("SELECT path, version, is_current, profile, agency, year, bytes FROM documents").rows
        #expect(document == [[.text("/c/a.txt"), .integer(1), .integer(1), .text("gov-disclosure-2021"),
                              .text("某区教育局"), .integer(2023), .integer(Int64(text.utf8.count))]])
        let count = try store.fetchAll("SELECT kind, text, value, unit, subject, span_start, span_end FROM fields WHERE kind = 'count'").rows
        #expect(count.count == 1)
        if let row = count.first, case .integer(let start) = row[5], case .integer(let end) = row[6] {
            #expect(row[1] == .text("536条"))
            #expect(row[2] == .integer(536))
            #expect(row[3] == .text("条"))
            #expect(row[4] == .text("主动公开信息"))
            // The span points at exactly the field's text in the stored body.
            let slice = try store.fetchAll("SELECT substr(CAST(body AS BLOB), \(start + 1), \(end - start)) FROM texts").rows
            if case .blob(let bytes) = slice.first?.first {
                #expect(String(decoding: bytes, as: UTF8.self) == "536条")
            } else {
                Issue.record("no text slice: \(slice)")
            }
        }
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM table_cells WHERE table_name = 'applications'") == 28)
        let wide = try store.fetchAll("SELECT row, natural_person, total FROM applications_wide").rows
        #expect(wide.map { $0[0] } == [.text("new_received"), .text("carried_over"), .text("handled_total"), .text("carried_forward")])
        #expect(wide.first?[2] == .integer(3))
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM checks WHERE ok IS NULL") == 1)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM warnings") == 1)
        #expect(try store.fetchAll("SELECT * FROM table_quality").rows == [
            [.integer(1), .text("tsv"), .integer(28), .integer(28), .integer(1), .integer(0), .integer(1), .integer(0), .integer(1)],
        ])
    }

    @Test("published and source_url are kept as fields with the bytes they were read from")
    func publicationFields() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let text = "发布时间: 2024-01-19 09:30\n原文链接: http://www.yunxi.gov.cn/a.htm\n"
        var record = Record(source: Source(path: "/c/p.txt", sha256: StoreFixtures.sha256(text), bytes: text.utf8.count, encoding: "UTF-8"))
        record.published = "2024-01-19"
        record.publishedText = TextField(text: "2024-01-19", span: Span(14, 24))
        record.sourceURL = "http://www.yunxi.gov.cn/a.htm"
        record.sourceURLText = TextField(text: "http://www.yunxi.gov.cn/a.htm", span: Span(45, 74))
        _ = try store.write([.document(StoredDocument(path: "/c/p.txt", sha256: StoreFixtures.sha256(text), record: record, text: Array(text.utf8)))])
        let rows = try store.fetchAll("SELECT kind, text, value, span_start, span_end FROM fields WHERE kind IN ('published', 'source_url') ORDER BY kind").rows
        #expect(rows == [[.text("published"), .text("2024-01-19"), .text("2024-01-19"), .integer(14), .integer(24)],
                         [.text("source_url"), .text("http://www.yunxi.gov.cn/a.htm"), .null, .integer(45), .integer(74)]])
    }

    @Test("the same content twice adds nothing; changed content is the next version")
    func versions() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let first = StoreFixtures.texts[0]
        let second = StoreFixtures.texts[1]
        #expect(try store.write([StoreFixtures.document(first, path: "/c/x.txt")]).added == 1)
        #expect(try store.write([StoreFixtures.document(first, path: "/c/x.txt")]).unchanged == 1)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM documents") == 1)
        #expect(try store.write([StoreFixtures.document(second, path: "/c/x.txt")]).newVersions == 1)
        #expect(try store.search(SearchRequest(query: "联系电话")).map(\.path) == ["/c/x.txt"])
        #expect(try store.search(SearchRequest(query: "稳步推进")).isEmpty)
        let versions = try store.fetchAll("SELECT version, is_current FROM documents ORDER BY version").rows
        #expect(versions == [[.integer(1), .integer(0)], [.integer(2), .integer(1)]])
        // Back to the first content: no new row, version 1 is current again.
        _ = try store.write([.unchanged(path: "/c/x.txt", sha256: StoreFixtures.sha256(first))])
        let after = try store.fetchAll("SELECT version, is_current FROM documents ORDER BY version").rows
        #expect(after == [[.integer(1), .integer(1)], [.integer(2), .integer(0)]])
        // The index holds current versions only: 联系电话 is only in the second text, which is
        // no longer current; 稳步推进 only in the first, current again.
        #expect(try store.search(SearchRequest(query: "联系电话")).isEmpty)
        #expect(try store.search(SearchRequest(query: "稳步推进")).map(\.path) == ["/c/x.txt"])
        #expect(try store.integrityProblems() == [])
        let known = try store.knownVersions()
        #expect(known["/c/x.txt"]?.hashes.count == 2)
        #expect(known["/c/x.txt"]?.current == StoreFixtures.sha256(first))
    }

    @Test("a failure is recorded with its error and cleared when the path later ingests")
    func failures() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let error = HanError(.invalidEncoding, "invalid UTF-8", path: "/c/bad.txt", offset: 17)
        _ = try store.write([.failure(path: "/c/bad.txt", sha256: nil, error: error)])
        _ = try store.write([.failure(path: "/c/bad.txt", sha256: "abc", error: error)])
        let rows = try store.fetchAll("SELECT path, sha256, code, message FROM failures").rows
        #expect(rows == [[.text("/c/bad.txt"), .text("abc"), .text("invalid-encoding"), .text("/c/bad.txt: byte 17: invalid UTF-8")]])
        _ = try store.write([StoreFixtures.document(StoreFixtures.texts[0], path: "/c/bad.txt")])
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM failures") == 0)
    }

    @Test("a failing batch leaves nothing behind: whole documents or none")
    func atomicBatch() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([StoreFixtures.document(StoreFixtures.texts[0], path: "/c/a.txt")])
        try store.limitPages(try Int(StoreFixtures.count(store, "PRAGMA page_count")))
        var batch: [IngestItem] = []
        for index in 0..<200 {
            batch.append(StoreFixtures.document(String(repeating: StoreFixtures.texts[index % 5], count: 20) + "\(index)",
                                                path: "/c/many\(index).txt"))
        }
        #expect(throws: HanError.self) { try store.write(batch) }
        do {
            try store.write(batch)
        } catch {
            #expect(error.code == .store)
            #expect(error.description.contains("disk is full"))
        }
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM documents") == 1)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM texts") == 1)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM fields") == 1)
        #expect(try store.integrityProblems() == [])
    }

    @Test("query refuses writes, on a read-only connection too")
    func readOnlyQuery() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([StoreFixtures.document(StoreFixtures.texts[0], path: "/c/a.txt")])
        let reader = try CorpusStore(path: store.path, mode: .readOnly)
        for sql in ["DELETE FROM documents", "UPDATE documents SET year = 1", "DROP TABLE documents",
                    "PRAGMA user_version = 9", "SELECT 1; DELETE FROM documents"] {
            #expect(throws: HanError.self, "\(sql)") { try reader.fetchAll(sql) }
        }
        #expect(try StoreFixtures.count(reader, "SELECT count(*) FROM documents") == 1)
        #expect(throws: HanError.self) { try reader.write([StoreFixtures.document(StoreFixtures.texts[1], path: "/c/b.txt")]) }
    }
}

/// Issue 5 regression: a store killed while it was being created — after GRDB made its
/// migration table, before the first migration committed — is finished by the next ingest, not
/// refused as another application's file.
@Suite("Corpus store: a store killed during creation")
struct StoreCreationKillTests {
    @Test func onlyMigrationBookkeepingIsAStoreBeingCreated() throws {
        let directory = try makeTemporaryDirectory("store-creation")
        defer { removeDirectory(directory) }
        let path = directory + "/half.sqlite"
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        let store = try CorpusStore(path: path, mode: .readWrite)
        #expect(try store.schemaVersion() == StoreSchema.currentVersion)
    }
}

@Suite("Store views follow the templates")
struct StoreTemplateTests {
    @Test("the wide views pivot exactly the templates' columns")
    func wideViewColumns() {
        let proactive = Set([TableTemplate.template2021, .template2019].flatMap { $0.proactive.rows.flatMap(\.columns) }.map(\.key))
        #expect(Set(StoreSchema.proactiveColumns) == proactive)
        #expect(StoreSchema.proactiveColumns.count == proactive.count)
        #expect(StoreSchema.applicationColumns == TableTemplate.template2021.applications.rows[0].columns.map(\.key))
        #expect(StoreSchema.reviewColumns == TableTemplate.template2019.reviewLitigation.rows[0].columns.map(\.key))
    }
}
