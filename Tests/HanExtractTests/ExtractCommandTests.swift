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
}
