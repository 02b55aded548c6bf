import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

@Suite("Corpus store: bad files are refused and left as they were")
struct StoreFaultTests {
    private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("a file that is not SQLite is refused, unchanged")
    func notSQLite() throws {
        let directory = try makeTemporaryDirectory("hanstore")
        defer { removeDirectory(directory) }
        let path = directory + "/notes.sqlite"
        try writeFile(path, Array("这不是数据库 just some text\n".utf8) + Array(repeating: 0x41, count: 5000))
        let before = bytes(path)
        for mode in [CorpusStore.Mode.readWrite, .readOnly] {
            do {
                _ = try CorpusStore(path: path, mode: mode)
                Issue.record("opened a text file as a store")
            } catch {
                #expect(error.code == .malformed)
                #expect(error.description.contains("not a SQLite database"))
            }
        }
        #expect(bytes(path) == before)
    }

    @Test("a SQLite file of another application is refused, unchanged")
    func foreignSQLite() throws {
        let directory = try makeTemporaryDirectory("hanstore")
        defer { removeDirectory(directory) }
        let path = directory + "/other.sqlite"
        let other = try CorpusStore(path: path, mode: .readWrite)
        try other.execute(unchecked: "CREATE TABLE their_data (x); PRAGMA application_id = 0")
        let before = bytes(path)
        do {
            _ = try CorpusStore(path: path, mode: .readWrite)
            Issue.record("wrote into a foreign SQLite file")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.description.contains("another application"))
        }
        #expect(bytes(path) == before)
    }

    @Test("a store from a newer schema is refused, unchanged")
    func newerSchema() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([StoreFixtures.document(StoreFixtures.texts[0], path: "/c/a.txt")])
        try store.execute(unchecked: "PRAGMA user_version = \(StoreSchema.currentVersion + 1)")
        let before = bytes(store.path)
        for mode in [CorpusStore.Mode.readWrite, .readOnly] {
            do {
                _ = try CorpusStore(path: store.path, mode: mode)
                Issue.record("opened a newer store")
            } catch {
                #expect(error.code == .store)
                #expect(error.description.contains("newer HanMine"))
            }
        }
        #expect(bytes(store.path) == before)
    }

    @Test("a store in a folder that cannot be written is a clear error")
    func unwritableFolder() throws {
        // /proc refuses new files even for root; a missing folder fails the same way.
        for path in ["/proc/hanmine-test.sqlite", "/nonexistent-hanmine-folder/corpus.sqlite"] {
            do {
                _ = try CorpusStore(path: path, mode: .readWrite)
                Issue.record("created a store at \(path)")
            } catch {
                #expect(error.code == .store)
                #expect(error.description.contains("not writable") || error.description.contains("read-only"), "\(error)")
            }
        }
    }

    @Test("a read-only open of a missing store says how to make one")
    func missingStore() throws {
        do {
            _ = try CorpusStore(path: "/tmp/no-such-hanmine-store.sqlite", mode: .readOnly)
            Issue.record("opened a missing store")
        } catch {
            #expect(error.description.contains("hanmine ingest"))
        }
        #expect(!fileExists("/tmp/no-such-hanmine-store.sqlite"))
    }
}
