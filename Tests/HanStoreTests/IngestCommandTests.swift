import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

/// `hanmine ingest` and the query commands, through the real binary.
@Suite("hanmine ingest and the corpus commands")
struct IngestCommandTests {
    @Test("ingest twice adds nothing; a changed file becomes version 2")
    func idempotentAndVersioned() throws {
        let folder = try SyntheticReports.folder(6)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        let first = try runHanmine(["ingest", folder, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("6 added"))
        let second = try runHanmine(["ingest", folder, "--db", db])
        #expect(second.status == 0)
        #expect(second.stderr.contains("0 added, 0 new versions, 6 unchanged"))
        try writeFile(folder + "/" + SyntheticReports.name(2), Array((SyntheticReports.text(2) + "补充说明。\n").utf8))
        let third = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        #expect(third.status == 0)
        #expect(third.stderr.isEmpty)
        let versions = try runHanmine(["query", "--db", db, "--format", "tsv",
                                       "SELECT version, is_current FROM documents WHERE path LIKE '%r0002.txt' ORDER BY version"])
        #expect(versions.stdoutText == "version\tis_current\n1\t0\n2\t1\n")
        let stats = try runHanmine(["stats", "--db", db, "--format", "csv"])
        #expect(stats.stdoutText.hasPrefix("documents,copies,other_paths,agencies,older_versions,failures"))
        #expect(stats.stdoutText.contains("\n6,0,0,"))
    }

    @Test("query is read-only: a write is refused with a clear error and changes nothing")
    func queryReadOnly() throws {
        let folder = try SyntheticReports.folder(2)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        _ = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        for sql in ["DELETE FROM documents", "INSERT INTO failures VALUES ('x', NULL, 'c', 'm', 'now')", "DROP VIEW current_documents"] {
            let result = try runHanmine(["query", "--db", db, sql])
            #expect(result.status == 2, "\(sql)")
            #expect(result.stderr.contains("only reads"), "\(result.stderr)")
        }
        let count = try runHanmine(["query", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM documents"])
        #expect(count.stdoutText == "n\n2\n")
        let fts = try runHanmine(["query", "--db", db, "--format", "jsonl",
                                  "SELECT count(*) AS n FROM search WHERE search MATCH '依申请公开'"])
        #expect(fts.stdoutText == "{\"n\":2}\n")
    }

    @Test("search prints ranked hits with the exact bytes in context; formats csv, tsv, jsonl")
    func search() throws {
        let folder = try SyntheticReports.folder(8)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        _ = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        let jsonl = try runHanmine(["search", "行政复议", "--db", db, "--format", "jsonl", "--limit", "3"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let lines = jsonl.stdoutText.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(object["match"] as? String == "行政复议")
            let path = object["path"] as! String
            let start = object["start"] as! Int
            let end = object["end"] as! Int
            let text = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
            #expect(String(decoding: text[start..<end], as: UTF8.self) == "行政复议")
        }
        let year = try runHanmine(["search", "行政复议", "--db", db, "--format", "csv", "--year", "2022"])
        let rows = year.stdoutText.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains(",2022,") })
        let none = try runHanmine(["search", "量子计算", "--db", db])
        #expect(none.status == 1)
        let substring = try runHanmine(["search", "--substring", "第3号", "--db", db, "--format", "tsv"])
        #expect(substring.stdoutText.split(separator: "\n").count == 2)
        let help = try runHanmine(["search", "--help"])
        #expect(help.stdoutText.contains("Examples:"))
    }

    @Test("export and freq: headers, one row per document table row, stop words out")
    func exportAndFreq() throws {
        let folder = try SyntheticReports.folder(4)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        _ = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        let documents = try runHanmine(["export", "--table", "documents", "--format", "csv", "--db", db])
        #expect(documents.stdoutText.hasPrefix("document_id,path,agency_canonical,year,agency,version,is_current,copy_of,other_paths,sha256"))
        #expect(documents.stdoutText.split(separator: "\n").count == 5)
        let fields = try runHanmine(["export", "--table", "fields", "--kind", "phone", "--format", "jsonl", "--db", db])
        #expect(fields.status == 0)
        #expect(fields.stdoutText.hasPrefix("{\"document_id\":"))
        #expect(fields.stdoutText.contains("\"value\":\"+86-"))
        let untyped = try runHanmine(["export", "--table", "fields", "--db", db])
        #expect(untyped.status == 2)
        let applications = try runHanmine(["export", "--table", "applications", "--format", "csv", "--db", db])
        #expect(applications.stdoutText.hasPrefix("document_id,path,agency_canonical,year,row,natural_person,commercial"))
        let freq = try runHanmine(["freq", "--db", db, "--format", "tsv", "--top", "50", "--kind", "han"])
        let words = freq.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[1] }
        #expect(words.contains("信息公开") || words.contains("政府信息公开"))
        #expect(!words.contains("的") && !words.contains("和") && !words.contains("，"))
        let byYear = try runHanmine(["freq", "--db", db, "--by", "year", "--top", "2", "--format", "csv"])
        #expect(byYear.stdoutText.hasPrefix("year,rank,word,count,documents\n2021,1,"))
    }

    @Test("bad --db files: not SQLite, foreign, unwritable folder — clear errors, files unchanged")
    func badStores() throws {
        let folder = try SyntheticReports.folder(2)
        defer { removeDirectory(folder) }
        let text = folder + "/notes.sqlite"
        try writeFile(text, Array("这不是数据库\n".utf8))
        for command in [["ingest", folder, "--db", text], ["stats", "--db", text], ["query", "SELECT 1", "--db", text]] {
            let result = try runHanmine(command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("not a SQLite database"), "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "这不是数据库\n")
        let unwritable = try runHanmine(["ingest", folder, "--db", "/proc/corpus.sqlite"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("/proc/corpus.sqlite"))
        let missing = try runHanmine(["stats", "--db", folder + "/none.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("hanmine ingest"))
        #expect(!fileExists(folder + "/none.sqlite"))
    }

    @Test("an undecodable file is recorded as a failure and the run goes on")
    func failedDocument() throws {
        let folder = try SyntheticReports.folder(3)
        defer { removeDirectory(folder) }
        try writeFile(folder + "/broken.txt", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x00, 0x9F] + Array(repeating: 0, count: 200))
        let db = folder + "/corpus.sqlite"
        let result = try runHanmine(["ingest", folder, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("3 added"))
        #expect(result.stderr.contains("1 failed"))
        let failures = try runHanmine(["query", "--db", db, "--format", "tsv", "SELECT path, code FROM failures"])
        #expect(failures.stdoutText.contains("broken.txt\t"))
    }

    @Test("files vanishing while ingest runs: each is stored whole or recorded as a failure")
    func vanishingFiles() throws {
        let count = 120
        let folder = try SyntheticReports.folder(count)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.hanmineBinary)
        process.arguments = ["ingest", folder, "--db", db, "--quiet", "--batch-size", "4", "--jobs", "1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(150_000)
        for index in stride(from: count - 1, through: 0, by: -3) {
            try? FileManager.default.removeItem(atPath: folder + "/" + SyntheticReports.name(index))
        }
        process.waitUntilExit()
        let store = try CorpusStore(path: db, mode: .readOnly)
        let stored = try store.fetchAll("SELECT path FROM documents").rows.map { $0[0].description }
        let failed = try store.fetchAll("SELECT path, message FROM failures").rows
        #expect(Set(stored).count == stored.count)
        for row in failed { #expect(row[1].description.contains(row[0].description)) }
        #expect(stored.count + failed.count <= count)
        #expect(stored.count >= count * 2 / 3)
        let present = (0..<count).filter { fileExists(folder + "/" + SyntheticReports.name($0)) }.count
        #expect(present == count - (count + 2) / 3)
        #expect(try Int(StoreFixtures.count(store, "SELECT count(*) FROM texts")) == stored.count)
        #expect(process.terminationStatus == (failed.isEmpty ? 0 : 1))
    }
}
