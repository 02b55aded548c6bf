import Foundation
import HanCore
import HanStore
import HanTestSupport
import Testing

/// The dev corpus (`../shared/corpus`, absent on a fresh clone): the `indicators` view of an
/// ingested store against the same formulas (`Indicators.evaluate`) applied to the gold cells.
@Suite("Indicators on the dev corpus against its gold tables")
struct IndicatorGoldTests {
    static let raw = TestPaths.shared + "/corpus/raw"
    static let gold = TestPaths.shared + "/corpus/gold/tables"
    static let present = fileExists(raw) && fileExists(gold)

    /// The indicators of one gold file, in `Indicators.all` order (nil where a gold cell is nil).
    static func goldIndicators(_ path: String) throws -> (values: [Double?], notes: String?) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let tables = object?["tables"] as? [String: Any] ?? [:]
        func table(_ name: String) -> [String: Any]? { tables[name] as? [String: Any] }
        return Indicators.evaluate(has: { table($0.rawValue) != nil }) { cell in
            ((table(cell.table)?[cell.row] as? [String: Any])?[cell.column] as? NSNumber)?.doubleValue
        }
    }

    /// Every indicator of every report with gold tables equals the value of its gold cells, or is
    /// null because the reader left a cell it needs unread: then the note names a cell that is
    /// null in the store while gold prints it, and the report carries the reader's warning for
    /// it (`cell.ambiguous` or `table.row_missing`, or `cell.blank` where the text prints a dash).
    /// Null-for-unread is the reader's gap (the tables issue), never a wrong value: a non-null
    /// indicator must equal the gold one exactly.
    @Test("every indicator of every report with gold tables equals the value its gold cells give",
          .enabled(if: present, "needs ../shared/corpus"))
    func devCorpus() throws {
        let directory = try makeTemporaryDirectory("indicators-gold")
        defer { removeDirectory(directory) }
        let db = directory + "/dev.sqlite"
        let ingest = try runHanmine(["ingest", Self.raw, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let store = try CorpusStore(path: db, mode: .readOnly)
        let names = Indicators.all.map(\.name)
        let (columns, rows) = try store.fetchAll("""
            SELECT d.path, \(names.map { "v." + $0 }.joined(separator: ", ")), v.notes,
                   (SELECT group_concat(DISTINCT w.code) FROM warnings w WHERE w.document_id = d.id
                     AND w.code IN ('cell.ambiguous', 'table.row_missing', 'cell.blank')) AS unread
            FROM indicators v JOIN current_documents d ON d.id = v.document_id
            """)
        #expect(columns.count == names.count + 3)
        var byStem: [String: [StoreValue]] = [:]
        for row in rows {
            let path = row[0].description
            byStem[String(path.split(separator: "/").last!.dropLast(".txt".count))] = row
        }
        var compared = 0
        var unread = 0
        var reports = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.gold).sorted() where name.hasSuffix(".json") {
            let stem = String(name.dropLast(".json".count))
            let expected = try Self.goldIndicators(Self.gold + "/" + name)
            guard let row = byStem[stem] else {
                Issue.record("\(stem): the gold has tables, the store has no indicators row")
                continue
            }
            reports += 1
            for (index, indicator) in Indicators.all.enumerated() {
                let stored = row[index + 1]
                let value: Double?
                switch stored {
                case .integer(let number): value = Double(number)
                case .real(let number): value = number
                default: value = nil
                }
                let notes = row[names.count + 1].description
                let warnings = row[names.count + 2].description
                if value == nil, expected.values[index] != nil {
                    #expect(notes.contains("\(indicator.name): blank ") && !warnings.isEmpty,
                            "\(stem) \(indicator.name): null in the store without an unread cell; gold \(expected.values[index]!); notes \(notes)")
                    unread += 1
                } else {
                    #expect(value == expected.values[index], "\(stem) \(indicator.name): store \(stored), gold \(String(describing: expected.values[index])); notes \(notes)")
                }
                compared += 1
            }
        }
        #expect(reports >= 40, "only \(reports) reports compared")
        print("indicators compared with gold: \(compared) values of \(reports) reports; \(compared - unread) equal, \(unread) null where the reader left a cell unread")
        #expect(unread * 20 < compared, "\(unread) of \(compared) indicators null for unread cells")
    }
}
