import Foundation
import HanCore
import HanTestSupport
import Testing

/// One record per report and commands that say what they did, through the real binary.
@Suite("hanmine: one record per report, exports with agency and year, grep's exit codes")
struct OneRecordCommandTests {
    @Test("a copy of the corpus from another folder adds 0 documents")
    func movedFolder() throws {
        let folder = try SyntheticReports.folder(5)
        defer { removeDirectory(folder) }
        let moved = try makeTemporaryDirectory("moved")
        defer { removeDirectory(moved) }
        for index in 0..<5 {
            try FileManager.default.copyItem(atPath: folder + "/" + SyntheticReports.name(index),
                                             toPath: moved + "/" + SyntheticReports.name(index))
        }
        let db = folder + "/corpus.sqlite"
        #expect(try runHanmine(["ingest", folder, "--db", db]).stderr.contains("5 added"))
        let again = try runHanmine(["ingest", moved, "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("0 added"), "\(again.stderr)")
        #expect(again.stderr.contains("5 already in the store under another path"), "\(again.stderr)")
        let count = try runHanmine(["query", "--db", db, "--format", "tsv", "SELECT count(*) FROM documents"])
        #expect(count.stdoutText == "count(*)\n5\n")
        // search lists each document once, the other path in `aliases`.
        let hits = try runHanmine(["search", "联系电话", "--db", db, "--format", "jsonl", "--lines", "1"])
        let lines = hits.stdoutText.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.contains(moved) && $0.contains("\"aliases\":") })
    }

    @Test("search and check exit as grep: 0 listed, 1 nothing, 2 usage or error")
    func exitCodes() throws {
        let folder = try SyntheticReports.folder(2)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        _ = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        #expect(try runHanmine(["search", "联系电话", "--db", db]).status == 0)
        #expect(try runHanmine(["search", "不在任何报告里的词", "--db", db]).status == 1)
        #expect(try runHanmine(["search", "联系电话", "--db", folder + "/missing.sqlite"]).status == 2)
        #expect(try runHanmine(["search", "--db", db]).status == 2)
        #expect(try runHanmine(["search", "，", "--word", "--db", db]).status == 2)
        #expect(try runHanmine(["check", "--cross-year", "--db", db]).status == 1)
        #expect(try runHanmine(["check", "--db", folder + "/missing.sqlite"]).status == 2)
        for command in ["search", "check"] {
            // Help text is wrapped to the terminal: compare with the line breaks read as spaces.
            let help = try runHanmine(["help", command]).stdoutText.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(help.contains("0 something listed, 1 nothing listed, 2 usage or error"))
        }
    }

    @Test("every export carries path, canonical agency and year; fields one kind at a time with typed columns")
    func exports() throws {
        let folder = try SyntheticReports.folder(3)
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        _ = try runHanmine(["ingest", folder, "--db", db, "--quiet"])
        var tables: [[String]] = [["--table", "applications"], ["--table", "proactive"], ["--table", "review_litigation"],
                                  ["--table", "checks"], ["--table", "warnings"], ["--table", "documents"]]
        for kind in ["count", "money", "date", "doc_number", "phone", "fax", "address", "postcode", "email", "url", "title",
                     "problem", "measure"] {
            tables.append(["--table", "fields", "--kind", kind])
        }
        for arguments in tables {
            let result = try runHanmine(["export"] + arguments + ["--db", db, "--format", "csv"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdoutText.hasPrefix("document_id,path,agency_canonical,year,"), "\(arguments)")
        }
        let counts = try runHanmine(["export", "--table", "fields", "--kind", "count", "--db", db, "--format", "csv"])
        #expect(counts.stdoutText.hasPrefix("document_id,path,agency_canonical,year,ordinal,text,value,unit,subject,approximate,span_start,span_end\n"))
    }

    @Test("the dev corpus: its two captures of one report come out as one primary",
          .enabled(if: fileExists(TestPaths.shared + "/corpus/raw")))
    func devCorpusCopies() throws {
        let directory = try makeTemporaryDirectory("copies-dev")
        defer { removeDirectory(directory) }
        let db = directory + "/dev.sqlite"
        let ingest = try runHanmine(["ingest", TestPaths.shared + "/corpus/raw", "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // manifest.tsv marks 0027 and 0028 as the same report from two sites.
        let copies = try runHanmine(["query", "--db", db, "--format", "tsv", """
            SELECT substr(c.path, -8), substr(p.path, -8) FROM documents c JOIN documents p ON p.id = c.copy_of ORDER BY 1
            """])
        let rows = copies.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 1)
        #expect(Set(rows.first ?? []) == ["0027.txt", "0028.txt"])
        let stats = try runHanmine(["stats", "--db", db, "--format", "csv"])
        #expect(stats.stdoutText.contains("\n81,1,0,"), "\(stats.stdoutText)")
    }
}
