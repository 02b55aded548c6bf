import Foundation
import HanTestSupport
import Testing

/// `hanmine extract` end to end, through the real binary.
@Suite("hanmine extract")
struct ExtractCommandTests {
    @Test("folders are walked in name order, *.txt only; an unreadable document is reported and the run goes on")
    func folderWithBadDocument() throws {
        let folder = try makeTemporaryDirectory("extract")
        defer { removeDirectory(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try writeFile(folder + "/b.txt", Array("海宁县2022年政府信息公开工作年度报告\n邮编：350500".utf8))
        try writeFile(folder + "/sub/a.txt", Array("电话：0591-22123456".utf8))
        try writeFile(folder + "/bad.txt", [0xE4, 0xB8, 0xAD, 0xFF, 0xFE, 0x41] + Array("正文内容很长很长".utf8))
        try writeFile(folder + "/notes.md", Array("不是报告".utf8))
        let result = try runHanmine(["extract", "--jobs", "2", folder, folder + "/missing.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.txt"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("byte 3"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("missing.txt: no such file or folder"), "stderr: \(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 2)
        let paths = try lines.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["source"] as! [String: Any])["path"] as! String
        }
        #expect(paths == [folder + "/b.txt", folder + "/sub/a.txt"])
        #expect(lines[0].contains("\"year\":2022"))
    }

    @Test("--format pretty: one line per value (wrapped items joined), the table cells as a grid")
    func prettyOneLineValuesAndCells() throws {
        let text = "某县人民政府办公室2023年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n（一）存在问题\n一是公开内容\n不够全面；二是解读形式较为单一。\n"
        let wrapped = try runHanmine(["extract", "--format", "pretty"], stdin: Array(text.utf8))
        #expect(wrapped.status == 0, "stderr: \(wrapped.stderr)")
        #expect(wrapped.stdoutText.contains("1. 公开内容 不够全面"))
        // Every line but the header of a block is indented: no value broke a line.
        for line in wrapped.stdoutText.split(separator: "\n").dropFirst() { #expect(line.hasPrefix("  "), "\(line)") }
        let report = try runHanmine(["extract", "--format", "pretty", TestPaths.corpus + "/reports/01-standard-2021.txt"])
        let lines = report.stdoutText.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  table     proactive") })
        #expect(lines.contains { $0.hasPrefix("    normative_documents") && $0.hasSuffix("·") && $0.contains(" 25 ") })
    }

    @Test("standard input, and --format json gives one array")
    func standardInputJSON() throws {
        let result = try runHanmine(["extract", "--format", "json"], stdin: Array("统计期限为2023年1月1日至2023年12月31日。".utf8))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let array = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [[String: Any]]
        #expect(array?.count == 1)
        let period = array?.first?["period"] as? [String: String]
        #expect(period == ["start": "2023-01-01", "end": "2023-12-31"])
    }

    @Test("--encoding gbk reads a GBK report; the record names the encoding")
    func forcedEncoding() throws {
        let folder = try makeTemporaryDirectory("extract-gbk")
        defer { removeDirectory(folder) }
        // 邮编：350500 in GBK.
        try writeFile(folder + "/g.txt", [0xD3, 0xCA, 0xB1, 0xE0, 0xA3, 0xBA] + Array("350500".utf8))
        let result = try runHanmine(["extract", "--encoding", "gbk", folder + "/g.txt"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdoutText.contains("\"encoding\":\"GB18030\""))
        #expect(result.stdoutText.contains("\"postcodes\":[{\"text\":\"350500\""))
    }

    @Test("table_quality is the record's last key: layout, cells read, blank, ambiguous, checks")
    func tableQuality() throws {
        let path = TestPaths.corpus + "/generated/000000-cell-per-line.txt"
        let result = try runHanmine(["extract", path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let line = result.stdoutText.trimmingCharacters(in: .newlines)
        let quality = line.range(of: ",\"table_quality\":").map { String(line[$0.upperBound...].dropLast()) }
        let object = try JSONSerialization.jsonObject(with: Data((quality ?? "null").utf8), options: .fragmentsAllowed)
            as? [String: Any]
        #expect(quality?.hasPrefix("{\"layout\":\"cell-per-line\",\"cells\":") == true, "\(quality ?? "missing")")
        #expect(object?["cells"] as? Int == object?["read"] as? Int && (object?["blank"] as? Int ?? 0) > 0)
        #expect(object?["checks_failed"] as? Int == 0 && object?["ambiguous"] as? Int == 0)
    }
}
