import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

/// Numeric options and work budgets (issue 14.3 and 14.4).
@Suite("numeric options and budgets")
struct OptionBudgetTests {
    @Test("negativeCountTraps: every numeric option outside its range exits 2 with a message naming it; large limits stay valid")
    func negativeCountTraps() throws {
        let folder = try SyntheticReports.folder(3, label: "options")
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        #expect(try runHanmine(["ingest", folder, "--db", db, "--quiet"]).status == 0)
        let refused: [([String], String)] = [
            (["freq", "--top=-1", "--db", db], "--top must be at least 1"),
            (["freq", "--jobs", "0", "--db", db], "--jobs must be from 1 to 256"),
            (["search", "--lines=-1", "公开", "--db", db], "--lines must be at least 0"),
            (["search", "--limit", "0", "公开", "--db", db], "--limit must be at least 1"),
            (["search", "--context=-5", "公开", "--db", db], "--context must be from 0 to 10000"),
            (["search", "--year", "99999", "公开", "--db", db], "--year must be from 1900 to 2200"),
            (["check", "--year=-1", "--db", db], "--year must be from 1900 to 2200"),
            (["extract", "--jobs", "100000", folder], "--jobs must be from 1 to 256 (got 100000)"),
            (["tokenize", "--jobs=-3"], "--jobs must be from 1 to 256"),
            (["ingest", folder, "--batch-size", "0", "--db", db], "--batch-size must be from 1 to 100000"),
            (["generate", "--count=-1", "--out", folder + "/gen"], "--count must be at least 0"),
            (["query", "--timeout", "nan", "SELECT 1", "--db", db], "--timeout"),
        ]
        for (arguments, message) in refused {
            let result = try runHanmine(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let large = try runHanmine(["search", "公开", "--limit", "100000", "--db", db, "--format", "csv", "--lines", "1"])
        #expect(large.status == 0, "\(large.stderr)")
        #expect(large.stdoutText.split(separator: "\n").count == 4)
    }

    @Test("linesZeroPrintsNothing: search --lines 0 lists each document once, without context")
    func linesZeroPrintsNothing() throws {
        let folder = try SyntheticReports.folder(3, label: "lines0")
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        #expect(try runHanmine(["ingest", folder, "--db", db, "--quiet"]).status == 0)
        let result = try runHanmine(["search", "公开", "--lines", "0", "--db", db, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdoutText.split(separator: "\n").dropFirst()
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.hasSuffix(",,,,,") }, "\(result.stdoutText)")
        #expect(Set(rows.map { $0.split(separator: ",")[2] }).count == 3)
    }

    @Test("manyWordsQuadratic: occurrences of many phrases come from one pass and equal the phrase-by-phrase scan")
    func manyWordsQuadratic() throws {
        let terms = try SearchTerms()
        let text = Array((0..<40).map { index in
            SyntheticReports.text(index)
        }.joined(separator: "\n").utf8)
        let words = ["公开", "政府信息公开", "行政复议", "依申请公开", "信息", "工作要求", "改进措施", "不存在的词", "2022", "年"]
        let phrases = words.map { terms.terms(of: $0) }
        let expected = phrases.flatMap { terms.occurrences(of: $0, in: text) }.sorted()
        #expect(!expected.isEmpty)
        #expect(terms.occurrences(ofAny: phrases, in: text) == expected)
        // A word given twice is looked for once.
        #expect(terms.occurrences(ofAny: phrases + phrases, in: text) == expected)
    }

    @Test("tooManyWordsRefused: more words than a search takes is refused with a message; 300 words run")
    func tooManyWords() throws {
        let folder = try SyntheticReports.folder(2, label: "words")
        defer { removeDirectory(folder) }
        let db = folder + "/corpus.sqlite"
        #expect(try runHanmine(["ingest", folder, "--db", db, "--quiet"]).status == 0)
        let many = try runHanmine(["search"] + Array(repeating: "公开", count: SearchRequest.maximumWords + 1) + ["--db", db])
        #expect(many.status == 2)
        #expect(many.stderr.contains("a search takes at most \(SearchRequest.maximumWords) words"), "\(many.stderr)")
        let three = try runHanmine(["search"] + Array(repeating: "公开", count: 300) + ["--db", db, "--format", "csv"])
        #expect(three.status == 0, "\(three.stderr)")
        #expect(three.stdoutText.split(separator: "\n").count == 1 + 2 * 3)
    }
}
