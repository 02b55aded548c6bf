import Foundation
import HanCore
@testable import HanDocument
import Testing

@Suite("DOCXReader")
struct DOCXReaderTests {
    static func text(_ document: CanonicalDocument) -> String { String(decoding: document.text, as: UTF8.self) }

    @Test("paragraphs and a table with gridSpan and vMerge read back")
    func paragraphsAndTable() throws {
        let markup = MarkupDocument(title: "报告", blocks: [
            .paragraph("一、总体情况"),
            .table([
                [MarkupDocument.Cell("（三）不予公开", rowSpan: 2), MarkupDocument.Cell("1.国家秘密"), MarkupDocument.Cell("5", columnSpan: 2)],
                [MarkupDocument.Cell("2.禁止公开"), MarkupDocument.Cell("/"), MarkupDocument.Cell("7")],
            ]),
            .paragraph("二、其他 & <事项>"),
        ])
        let document = try DOCXReader().read(try markup.docx(), options: .default)
        #expect(Self.text(document) == "一、总体情况\n（三）不予公开\t1.国家秘密\t5\n\t2.禁止公开\t/\t7\n二、其他 & <事项>\n")
        #expect(document.format == .docx)
        let grid = try #require(document.grids.first)
        #expect(grid.rowCount == 2 && grid.columnCount == 4)
        let merged = grid.rows[1][0]
        #expect(merged.originRow == 0 && merged.rowSpan == 2)
        #expect(String(decoding: document.text[merged.span.start..<merged.span.end], as: UTF8.self) == "（三）不予公开")
        #expect(grid.rows[0][2] == grid.rows[0][3])
    }

    @Test("a corrupt DOCX is an error that says so")
    func corrupt() {
        for bytes: [UInt8] in [Array("PK\u{3}\u{4}not really a zip".utf8), [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)] {
            do {
                _ = try DOCXReader().read(bytes, options: .default)
                Issue.record("a corrupt DOCX was read")
            } catch {
                #expect(error.code == .malformed)
                #expect(error.message.contains("corrupt DOCX"))
            }
        }
    }

    @Test("a DOCX whose document.xml is not XML is an error naming the part")
    func brokenXML() throws {
        var markup = try MarkupDocument(title: "", blocks: [.paragraph("正文")]).docx()
        // Damage the stored XML: a valid archive around a document.xml cut short is made by
        // writing the archive anew with a broken part.
        let archive = try ZIPTestArchive.make(["word/document.xml": "<w:document><w:body><w:p>"])
        markup = archive
        do {
            _ = try DOCXReader().read(markup, options: .default)
            Issue.record("broken XML was read")
        } catch {
            #expect(error.message.contains("corrupt DOCX"))
        }
    }

    @Test("an archive without word/document.xml is not a DOCX")
    func missingPart() throws {
        let archive = try ZIPTestArchive.make(["other.xml": "<a/>"])
        #expect(throws: HanError.self) { try DOCXReader().read(archive, options: .default) }
    }
}

@Suite("DOCXReader regressions")
struct DOCXReaderRegressionTests {
    @Test("fuzz: a ZIP whose directory points past the end is an error, not a trap in the unzipper")
    func directoryPastTheEnd() throws {
        var bytes = try MarkupDocument(title: "", blocks: [.paragraph("正文")]).docx()
        // Point the end-of-central-directory's directory offset far past the end of the file.
        let signature: [UInt8] = [0x50, 0x4B, 5, 6]
        let found = (0..<(bytes.count - 3)).last { (offset: Int) -> Bool in bytes[offset..<(offset + 4)].elementsEqual(signature) }
        let eocd = try #require(found)
        for k in 0..<4 { bytes[eocd + 16 + k] = 0x7F }
        #expect(throws: HanError.self) { try DOCXReader().read(bytes, options: .default) }
        // And a local header's sizes beyond the file.
        var second = try MarkupDocument(title: "", blocks: [.paragraph("正文")]).docx()
        for k in 18..<26 { second[k] = 0xFF }
        _ = try? DOCXReader().read(second, options: .default)
    }
}

@Suite("DOCXReader regressions, bounds")
struct DOCXBoundsRegressionTests {
    @Test("fuzz: compressed data cut short is an error, not an endless read")
    func compressedDataCutShort() throws {
        let whole = try MarkupDocument(title: "", blocks: [.paragraph(String(repeating: "正文内容", count: 200))]).docx()
        // Raise word/document.xml's compressed size in the central directory beyond the file.
        var bytes = whole
        let name = Array("word/document.xml".utf8)
        var position = 0
        var patched = false
        while position + 46 < bytes.count {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 1, bytes[position + 3] == 2,
               bytes[(position + 46)..<min(bytes.count, position + 46 + name.count)].elementsEqual(name) {
                bytes[position + 20] = 0xF0
                bytes[position + 21] = 0xFF
                bytes[position + 22] = 0x00
                patched = true
            }
            position += 1
        }
        #expect(patched)
        do {
            _ = try DOCXReader().read(bytes, options: .default)
            Issue.record("a DOCX with data cut short was read")
        } catch {
            #expect(error.message.contains("corrupt DOCX"))
        }
        // The untouched archive still reads.
        #expect(try DOCXReader().read(whole, options: .default).text.count > 0)
    }
}
