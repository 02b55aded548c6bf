import Foundation
import HanCore
import HanStore
import HanTestSupport
import Testing

@Suite("hanmine check")
struct CheckCommandTests {
    /// A copy of the compat fixture: 某县政府办公室 2022 carries 1 application forward, its 2023
    /// report says 2 were carried over; its 2023 report also fails its balance check.
    static func fixtureCopy() throws -> (db: String, directory: String) {
        let directory = try makeTemporaryDirectory("check")
        let db = directory + "/v1.sqlite"
        try FileManager.default.copyItem(atPath: StoreCompatibilityTests.fixture, toPath: db)
        return (db, directory)
    }

    @Test("lists the failed checks of each report, with the arithmetic")
    func arithmetic() throws {
        let (db, directory) = try Self.fixtureCopy()
        defer { removeDirectory(directory) }
        let result = try runHanmine(["check", "--db", db, "--format", "tsv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == "path\tagency_canonical\tyear\trule\tdetail\n/fixture/b.txt\t某县政府办公室\t2023\tapplications.balance.total\t3+0 = 3+1\n")
    }

    @Test("--cross-year: carried over ≠ the previous year's carried forward, same agency")
    func crossYear() throws {
        let (db, directory) = try Self.fixtureCopy()
        defer { removeDirectory(directory) }
        let result = try runHanmine(["check", "--cross-year", "--db", db, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == """
            path,agency_canonical,year,next_path,next_agency_canonical,next_year,column,carried_forward,next_carried_over
            /fixture/a.txt,某县政府办公室,2022,/fixture/b.txt,某县政府办公室,2023,total,1,2

            """)
        #expect(result.stderr.contains("1 pairs of consecutive reports compared, 0 matching, 1 failing"))
        let later = try runHanmine(["check", "--cross-year", "--year", "2024", "--db", db, "--format", "csv"])
        #expect(later.stdoutText.split(separator: "\n").count == 1)
        // grep's status: nothing listed is 1, an error (no store) is 2.
        #expect(later.status == 1)
        #expect(later.stderr.contains("0 pairs of consecutive reports compared"))
        let missing = try runHanmine(["check", "--db", directory + "/none.sqlite"])
        #expect(missing.status == 2)
    }

    /// The compat fixture's documents (c has 3 ambiguous cells) and d: unbalanced, 2 ambiguous.
    static func completenessStore() throws -> (db: String, directory: String) {
        let directory = try makeTemporaryDirectory("check-complete")
        let db = directory + "/store.sqlite"
        let store = try CorpusStore(path: db, mode: .readWrite)
        _ = try store.write(StoreCompatibilityTests.fixtureItems() + [
            StoreFixtures.document(StoreFixtures.texts[4], path: "/fixture/d.txt", agency: "某镇人民政府", year: 2023,
                                   balanced: false, ambiguousCells: 2),
        ])
        return (db, directory)
    }

    @Test("--complete: only reports whose table cells were all read")
    func complete() throws {
        let (db, directory) = try Self.completenessStore()
        defer { removeDirectory(directory) }
        func paths(_ arguments: [String]) throws -> [String] {
            let result = try runHanmine(arguments + ["--db", db, "--format", "csv"])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdoutText.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        }
        #expect(try paths(["check"]) == ["/fixture/b.txt", "/fixture/d.txt"])
        #expect(try paths(["check", "--complete"]) == ["/fixture/b.txt"])
        #expect(Set(try paths(["export", "--table", "applications"])) == ["1", "2", "3", "4"])
        // export's first column is document_id: a and b are complete, c and d are not.
        #expect(Set(try paths(["export", "--table", "applications", "--complete"])) == ["1", "2"])
        #expect(try paths(["export", "--table", "documents", "--complete"]) == ["1", "2"])
        let quality = try runHanmine(["export", "--table", "table_quality", "--db", db, "--format", "csv"])
        #expect(quality.stdoutText.split(separator: "\n").first
            == "document_id,path,agency_canonical,year,layout,cells,read,blank,ambiguous,checks_passed,checks_failed,checks_unevaluable")
        #expect(quality.stdoutText.contains("\n4,/fixture/d.txt,某镇人民政府,2023,tsv,28,26,1,2,0,1,1\n"))
    }

    @Test("the dev corpus: check lists exactly the reports whose gold has source_errors")
    func devCorpus() throws {
        let raw = TestPaths.shared + "/corpus/raw"
        let gold = TestPaths.shared + "/corpus/gold/tables"
        guard fileExists(raw), fileExists(gold) else {
            print("shared corpus absent (\(raw)): skipped the dev-corpus comparison")
            return
        }
        var expected: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: gold) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: gold + "/" + name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            if let errors = object?["source_errors"] as? [Any], !errors.isEmpty {
                expected.insert(String(name.dropLast(".json".count)))
            }
        }
        let directory = try makeTemporaryDirectory("check-dev")
        defer { removeDirectory(directory) }
        let db = directory + "/dev.sqlite"
        let ingest = try runHanmine(["ingest", raw, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let check = try runHanmine(["check", "--db", db, "--format", "tsv"])
        let listed = Set(check.stdoutText.split(separator: "\n").dropFirst().map { line -> String in
            let path = line.split(separator: "\t")[0]
            return String(path.split(separator: "/").last!.dropLast(".txt".count))
        })
        #expect(listed == expected, "check lists \(listed.sorted()), gold source_errors \(expected.sorted())")
    }

    @Test("output formats: CSV quoting, TSV escapes, JSON Lines types, aligned table")
    func formats() throws {
        let (db, directory) = try Self.fixtureCopy()
        defer { removeDirectory(directory) }
        let sql = "SELECT 'a,b' AS x, 'say \"hi\"' AS y, 'l1' || char(10) || 'l2' AS z, 'a' || char(9) || 'b\\' AS t, 42 AS n, 2.5 AS r, NULL AS e"
        let csv = try runHanmine(["query", "--db", db, "--format", "csv", sql])
        #expect(csv.stdoutText == "x,y,z,t,n,r,e\n\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",a\tb\\,42,2.5,\n")
        let tsv = try runHanmine(["query", "--db", db, "--format", "tsv", sql])
        #expect(tsv.stdoutText == "x\ty\tz\tt\tn\tr\te\na,b\tsay \"hi\"\tl1\\nl2\ta\\tb\\\\\t42\t2.5\t\n")
        let jsonl = try runHanmine(["query", "--db", db, "--format", "jsonl", sql])
        let object = try JSONSerialization.jsonObject(with: Data(jsonl.stdout)) as? [String: Any]
        #expect(object?["x"] as? String == "a,b")
        #expect(object?["z"] as? String == "l1\nl2")
        #expect(object?["n"] as? Int == 42)
        #expect(object?["r"] as? Double == 2.5)
        #expect(object?["e"] is NSNull)
        let table = try runHanmine(["query", "--db", db, "--format", "table", "SELECT agency, year FROM documents ORDER BY id"])
        #expect(table.stdoutText == """
            agency          year
            ──────────────  ────
            某县政府办公室  2022
            某县政府办公室  2023
            某区教育局      2023

            """)
    }
}
