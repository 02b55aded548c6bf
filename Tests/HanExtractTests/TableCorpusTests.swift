import Foundation
import HanCore
import HanTestSupport
import HanText
import Testing
@testable import HanExtract

/// The reader on the real reports of `../shared/corpus` (absent on a fresh clone: the test then
/// says so and checks nothing else). Gold is only compared against, never read for rules.
///
/// Every number the reader returns must be the gold's; tables 3 and 4 must be complete; a cell
/// left null must carry a warning saying why; the checks that fail must be exactly the gold's.
/// Table 2 cells of glued crawler text that no arithmetic ties together stay null (the gold took
/// them from outside the text).
@Suite("Table reader on the shared corpus")
struct TableCorpusTests {
    static let corpus = TestPaths.shared + "/corpus"

    static func flatten(_ value: Any, _ prefix: String = "", into out: inout [String: Double?]) {
        if let object = value as? [String: Any] {
            for (key, inner) in object { flatten(inner, prefix.isEmpty ? key : prefix + "." + key, into: &out) }
        } else {
            out.updateValue((value as? NSNumber)?.doubleValue, forKey: prefix)
        }
    }

    @Test("every cell read is the gold's or null with a warning, failing checks exactly the gold's")
    func goldTables() throws {
        let goldFolder = Self.corpus + "/gold/tables"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: goldFolder) else {
            print("shared corpus absent: skipped comparison with \(goldFolder)")
            return
        }
        let normalizer = try CharacterNormalizer()
        var compared = 0
        for name in names.sorted() where name.hasSuffix(".json") {
            let id = String(name.dropLast(5))
            let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: goldFolder + "/" + name)))
                as! [String: Any]
            let raw = try Data(contentsOf: URL(fileURLWithPath: Self.corpus + "/raw/\(id).txt"))
            let profile = Profile(rawValue: gold["profile"] as! String)!
            for repaired in [false, true] {
                let bytes = [UInt8](raw)
                let document = repaired
                    ? LayoutRepair.makeDocument(path: id, original: bytes, normalizer: normalizer)
                    : Document(path: id, original: bytes, normalized: bytes, map: OffsetMap())
                let result = TableExtraction.extract(document, profile: profile)
                var want: [String: Double?] = [:]
                Self.flatten(gold["tables"]!, into: &want)
                var got: [String: Double?] = [:]
                for cell in result.tables?.longForm ?? [] {
                    got.updateValue(cell.value?.value, forKey: "\(cell.table).\(cell.row).\(cell.column)")
                    if let span = cell.span, let value = cell.value?.value {
                        #expect(Double(span.slice(bytes)) == value, "\(id) \(cell.row).\(cell.column) span \(span)")
                    }
                }
                for (key, expected) in want {
                    guard let read = got[key] else {
                        Issue.record("\(id): no cell \(key)")
                        continue
                    }
                    if let read {
                        #expect(expected.map { abs($0 - read) < 1e-6 } == true, "\(id) \(key): read \(read), gold \(String(describing: expected))")
                    } else if expected != nil {
                        // A cell the text does not settle (glued digits, a cell the converter
                        // dropped) is null with a warning, never a guess.
                        let row = key.split(separator: ".")[1]
                        #expect(result.warnings.contains { $0.code == "cell.ambiguous" && $0.message.contains("." + row + ":") },
                                "\(id) \(key): null without a warning")
                    }
                }
                let failing = Set(result.checks.filter { $0.ok == false }.map(\.rule))
                let expectedFailing = Set((gold["source_errors"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
                #expect(failing == expectedFailing, "\(id): checks failing \(failing.sorted()), gold \(expectedFailing.sorted())")
                compared += 1
            }
        }
        #expect(compared > 0)
    }
}
