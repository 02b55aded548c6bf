import HanCore
@testable import HanDocument
import Testing

@Suite("DocumentSniffer")
struct SnifferTests {
    @Test("formats from the bytes, whatever the name")
    func sniffFromBytes() {
        #expect(DocumentSniffer.sniff(Array("%PDF-1.7\n".utf8), name: "a.txt") == .supported(.pdf))
        #expect(DocumentSniffer.sniff(Array("  <!DOCTYPE html><html>".utf8), name: "a.txt") == .supported(.html))
        #expect(DocumentSniffer.sniff(Array("<!-- x --><table><tr><td>1".utf8), name: "x") == .supported(.html))
        #expect(DocumentSniffer.sniff(Array("本年度<p>".utf8), name: "a.html") == .supported(.text))
        #expect(DocumentSniffer.sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], name: "r.wps") == .unsupported("wps"))
        #expect(DocumentSniffer.sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], name: "r") == .unsupported("doc"))
        #expect(DocumentSniffer.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D], name: "scan.png") == .unsupported("png"))
        #expect(DocumentSniffer.sniff(Array("PK\u{3}\u{4}....word/document.xml".utf8), name: "r.bin") == .supported(.docx))
    }

    @Test("an unsupported format's error names it for the summary")
    func unsupportedErrorNamesFormat() {
        let loader = DocumentLoader()
        do {
            _ = try loader.load([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2], name: "old.doc")
            Issue.record("a .doc was read")
        } catch {
            #expect(DocumentLoader.skippedFormat(of: error) == "doc")
        }
    }
}
