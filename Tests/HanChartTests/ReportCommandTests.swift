import Foundation
import HanTestSupport
import Testing

/// `hanmine indicators`, `plot` and `report` on a store of the made-up reports in `Corpus/`:
/// the outputs parsed back (CSV, JSON Lines, SVG, XHTML) and held against each other.
@Suite("hanmine indicators, plot and report", .serialized)
struct ReportCommandTests {
    static let store: (db: String, directory: String)? = {
        guard let directory = try? makeTemporaryDirectory("indicators-cli") else { return nil }
        let db = directory + "/corpus.sqlite"
        guard let result = try? runHanmine(["ingest", TestPaths.corpus + "/generated", TestPaths.corpus + "/reports", "--db", db, "--quiet"]),
              result.status == 0 else { return nil }
        return (db, directory)
    }()

    static func db() throws -> String {
        guard let store else { throw XMLTreeError(message: "could not ingest Corpus/") }
        return store.db
    }

    /// `hanmine indicators --by year` as objects, read from TSV: numbers parsed by `Double(_:)`,
    /// exact (Foundation's JSON parser may be off in the last digit), empty cells left out.
    static func byYear(_ db: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let result = try runHanmine(["indicators", "--by", "year", "--format", "tsv", "--db", db] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { fields in
            var object: [String: Any] = [:]
            for (name, field) in zip(header, fields) where !field.isEmpty {
                object[name] = name == "year" || name == "reports" ? Int(field)! as Any : name == "notes" ? field : Double(field)! as Any
            }
            return object
        }
    }

    /// The column names of `hanmine indicators --by year --format jsonl`, and that it parses.
    static func jsonlKeys(_ db: String, _ extra: [String]) throws -> [Set<String>] {
        let result = try runHanmine(["indicators", "--by", "year", "--format", "jsonl", "--db", db] + extra)
        return try result.stdoutText.split(separator: "\n").map {
            Set((try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]).keys)
        }
    }

    @Test("indicators: columns named after the indicators, null for a 0 denominator, csv empty cells, usage errors")
    func indicators() throws {
        let db = try Self.db()
        let asked = ["--indicator", "grant_rate", "received", "review_correction_rate"]
        let keys = try Self.jsonlKeys(db, asked)
        #expect(keys.count >= 3)
        #expect(keys.allSatisfy { $0 == ["year", "reports", "grant_rate", "received", "review_correction_rate", "notes"] })
        for row in try Self.byYear(db, asked) {
            if let rate = row["grant_rate"] as? Double { #expect(rate >= 0 && rate <= 1) }
        }
        let perReport = try runHanmine(["indicators", "--format", "csv", "--indicator", "grant_rate", "--db", db])
        let lines = perReport.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "document_id,path,agency,year,grant_rate,notes")
        // A report without table 3: an empty value and the reason.
        #expect(lines.contains { $0.hasSuffix(",,no applications table") })
        let unknown = try runHanmine(["indicators", "--indicator", "grant", "--db", db])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no indicator 'grant'"))
        #expect(unknown.stderr.contains("grant_rate"))
    }

    @Test("plot: the SVG's points are the values of indicators --by year")
    func plot() throws {
        let db = try Self.db()
        let out = try #require(Self.store?.directory) + "/grant.svg"
        let result = try runHanmine(["plot", "grant_rate", "--by", "year", "--out", out, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try XMLNode.parse(Data(contentsOf: URL(fileURLWithPath: out)))
        let points = Dictionary(uniqueKeysWithValues: svg.all("circle").map { ($0.attributes["data-category"]!, Double($0.attributes["data-value"]!)!) })
        var expected: [String: Double] = [:]
        for row in try Self.byYear(db) {
            if let year = row["year"] as? Int, let rate = row["grant_rate"] as? Double { expected[String(year)] = rate }
        }
        #expect(!expected.isEmpty)
        #expect(points == expected)
        #expect(svg.all("title").first?.text.contains("grant_rate") == true)

        let stacked = try runHanmine(["plot", "outcomes", "--by", "year", "--db", db])
        #expect(stacked.status == 0)
        let bars = try XMLNode.parse(Data(stacked.stdout)).all("rect", class: "bar")
        #expect(Set(bars.compactMap { $0.attributes["data-series"] }).isSuperset(of: ["予以公开", "不予公开"]))
        let agencies = try runHanmine(["plot", "handled", "--by", "agency", "--top", "3", "--db", db])
        #expect(try XMLNode.parse(Data(agencies.stdout)).all("rect", class: "bar").count == 3)

        // Two agencies: a line each, named in the legend.
        let names = try runHanmine(["query", "SELECT DISTINCT d.agency FROM current_documents d JOIN indicator_cells i ON i.document_id = d.id ORDER BY d.agency LIMIT 2",
                                    "--format", "tsv", "--db", db]).stdoutText.split(separator: "\n").dropFirst().map(String.init)
        #expect(names.count == 2)
        let two = try runHanmine(["plot", "handled", "--by", "year", "--agency"] + names + ["--db", db])
        let lines = try XMLNode.parse(Data(two.stdout))
        #expect(lines.all("g", class: "series").map { $0.attributes["data-series"]! } == names)
        #expect(lines.all("g", class: "legend").flatMap { $0.all("text") }.map(\.text) == names)
    }

    @Test("report: index.html first, self-contained, its tables hold the indicators' values, a page per agency")
    func report() throws {
        let db = try Self.db()
        let site = try #require(Self.store?.directory) + "/site"
        let result = try runHanmine(["report", "--out", site, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http"))
        let page = try XMLNode.parse(Data(html.utf8))
        #expect(page.all("svg").count >= 4)
        // The year table: one row per year, each rate cell's exact value as indicators prints it.
        let table = try #require(page.all("table").first)
        let header = table.all("th").map { $0.attributes["data-column"]! }
        #expect(header.prefix(3) == ["year", "reports", "received"])
        let expected = try Self.byYear(db)
        let body = table.all("tr").dropFirst()
        #expect(body.count == expected.count)
        for (row, object) in zip(body, expected) {
            let cells = row.all("td")
            #expect(cells[0].text == (object["year"].map { "\($0)" } ?? "（未识别）"))
            for cell in cells.dropFirst() {
                let column = cell.attributes["data-column"] ?? "reports"
                guard column != "reports" else { continue }
                if let value = object[column] as? Double {
                    #expect(Double(cell.attributes["data-value"] ?? "") == value, "\(column)")
                } else {
                    #expect(cell.text == "–", "\(column)")
                }
            }
        }
        // Every agency link leads to a page that names the agency.
        let links = page.all("a").compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("agencies/") }
        #expect(links.count >= 5)
        for link in links {
            let agencyPage = try XMLNode.parse(Data(contentsOf: URL(fileURLWithPath: site + "/" + link)))
            let name = page.all("a").first { $0.attributes["href"] == link }!.text
            #expect(agencyPage.all("h1").first?.text == name)
            #expect(agencyPage.all("svg").count == 2)
        }
        #expect(fileExists(site + "/indicators-by-year.csv"))
    }
}
