import Foundation
import HanDocument
import HanTestSupport
import Testing

/// `hanmine extract` and `show` on HTML, DOCX and formats HanMine does not read, through the binary.
@Suite("hanmine on documents")
struct DocumentCommandTests {
    @Test("a folder walk reads .html and .docx, names .doc/.wps as skipped in a summary line, and a corrupt DOCX is an error naming it while the run goes on")
    func mixedFolder() throws {
        let folder = try makeTemporaryDirectory("formats")
        defer { removeDirectory(folder) }
        let markup = MarkupDocument(title: "甲", blocks: [.paragraph("海宁县2022年政府信息公开工作年度报告"), .paragraph("邮编：350500")])
        try writeFile(folder + "/a.html", Array(markup.wordHTML(seed: 1).utf8))
        try writeFile(folder + "/b.docx", try markup.docx())
        try writeFile(folder + "/c.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        try writeFile(folder + "/d.wps", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        try writeFile(folder + "/e.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])
        try writeFile(folder + "/f.docx", Array("PK\u{3}\u{4}broken".utf8))
        try writeFile(folder + "/g.txt", Array("电话：0591-22123456".utf8))
        let result = try runHanmine(["extract", "--jobs", "2", folder])
        #expect(result.status == 1, "a corrupt file makes the run exit 1")
        #expect(result.stderr.contains("f.docx: corrupt DOCX"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("skipped 3: .doc ×2, .wps ×1"), "stderr: \(result.stderr)")
        let formats = try result.stdoutText.split(separator: "\n").map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["source"] as! [String: Any])["format"] as! String
        }
        #expect(formats == ["html", "docx", "text"])
        #expect(result.stdoutText.contains("\"year\":2022"))
    }

    @Test("show prints the canonical text, fields marked; --format html draws the tables")
    func show() throws {
        let folder = try makeTemporaryDirectory("show")
        defer { removeDirectory(folder) }
        let markup = MarkupDocument(title: "", blocks: [.paragraph("邮编：350500"), .table([[.init("规章"), .init("3")]])])
        try writeFile(folder + "/a.html", Array(markup.wordHTML(seed: 2).utf8))
        let plain = try runHanmine(["show", "--plain", folder + "/a.html"])
        #expect(plain.status == 0)
        #expect(plain.stdoutText.contains("邮编：350500\n规章\t3\n"), "stdout: \(plain.stdoutText)")
        let marked = try runHanmine(["show", folder + "/a.html"])
        #expect(marked.stdoutText.contains("⟦350500⟧"), "stdout: \(marked.stdoutText)")
        let html = try runHanmine(["show", "--format", "html", folder + "/a.html"])
        #expect(html.stdoutText.contains("<table>") && html.stdoutText.contains("<td>规章</td>"))
    }
}
