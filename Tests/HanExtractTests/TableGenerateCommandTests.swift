import Foundation
import HanTestSupport
import Testing

/// `hanmine generate` writes reports and gold tables that `hanmine extract` reads back.
@Suite("hanmine generate")
struct TableGenerateCommandTests {
    static func flatten(_ value: Any?, _ prefix: String = "", into out: inout [String: Double?]) {
        if let object = value as? [String: Any] {
            for (key, inner) in object { flatten(inner, prefix.isEmpty ? key : prefix + "." + key, into: &out) }
        } else {
            out.updateValue((value as? NSNumber)?.doubleValue, forKey: prefix)
        }
    }

    @Test("generated reports and their gold round-trip through hanmine extract")
    func generateThenExtract() throws {
        let folder = try makeTemporaryDirectory("tables-generate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let generated = try runHanmine(["generate", "--count", "25", "--out", folder, "--seed", "11",
                                        "--layouts", "glued,tsv,pipe,cell-per-line"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/raw").sorted()
        #expect(names.count == 25 && names.first == "000000.txt")
        let extracted = try runHanmine(["extract", folder + "/raw", "--format", "jsonl"])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        var compared = 0
        for line in extracted.stdoutText.split(separator: "\n") {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let path = (record["source"] as! [String: Any])["path"] as! String
            let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let gold = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder + "/gold/tables/\(id).json"))) as! [String: Any]
            #expect(record["profile"] as? String == gold["profile"] as? String, "\(id)")
            var want: [String: Double?] = [:], got: [String: Double?] = [:]
            Self.flatten(gold["tables"], into: &want)
            Self.flatten(record["tables"], into: &got)
            #expect(want.count == 200 || want.count == 212, "\(id): \(want.count) gold cells")
            for (key, value) in want {
                #expect(got[key].map { $0 == value } == true, "\(id) \(key): read \(String(describing: got[key])), gold \(String(describing: value))")
            }
            compared += 1
        }
        #expect(compared == 25)
    }

    @Test("an unknown layout is a usage error")
    func unknownLayout() throws {
        let folder = try makeTemporaryDirectory("tables-generate")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try runHanmine(["generate", "--count", "1", "--out", folder, "--layouts", "tsv,bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown layout 'bogus'"))
    }
}
