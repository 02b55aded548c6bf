import HanCore
@testable import HanPDF
import Testing

/// The reader on hand-made PDFs: errors for what it cannot read, text and grids for what it can.
@Suite struct PDFReaderTests {
    func read(_ bytes: [UInt8], _ configuration: PDFReader.Configuration = .default) throws(HanError) -> CanonicalDocument {
        try PDFReader(configuration: configuration).read(bytes)
    }

    func code(of bytes: [UInt8], _ configuration: PDFReader.Configuration = .default) -> HanError.Code? {
        do { _ = try read(bytes, configuration); return nil } catch { return error.code }
    }

    @Test("a corrupt file is malformed, with a message that says so")
    func corrupt() throws {
        #expect(code(of: Array("%PDF-1.4\nnot a pdf at all\n".utf8)) == .malformed)
        #expect(code(of: []) == .malformed)
        let whole = TinyPDF.make(pages: [[.init(x: 72, y: 770, text: "Hello")]])
        #expect(code(of: Array(whole.prefix(whole.count / 3))) == .malformed, "a truncated PDF")
        do { _ = try read(Array("%PDF-1.7\n%%EOF".utf8)) } catch {
            #expect(error.message.hasPrefix("corrupt PDF"), "\(error.message)")
        }
    }

    @Test("a PDF that needs a password is encrypted, not corrupt")
    func encrypted() {
        #expect(code(of: TinyPDF.make(pages: [[.init(x: 72, y: 770, text: "Secret")]], encrypted: true)) == .encrypted)
    }

    @Test("a PDF without a text layer (a scan) is refused with no-text-layer")
    func scanned() {
        let drawing = "0 0 1 rg 100 100 300 400 re f\n"
        #expect(code(of: TinyPDF.make(pages: [[], []], drawing: drawing)) == .noTextLayer)
    }

    @Test("a page without text among pages with text gives a warning naming it")
    func scannedPage() throws {
        let document = try read(TinyPDF.make(pages: [[.init(x: 72, y: 770, text: "Report")], []]))
        #expect(document.warnings.map(\.code) == ["pdf.no_text_pages"])
        #expect(document.warnings.first?.message.contains(": 2;") == true, "\(document.warnings)")
    }

    @Test("more pages than allowed is limit-exceeded")
    func tooManyPages() {
        var configuration = PDFReader.Configuration()
        configuration.maxPages = 1
        let pages = [[TinyPDF.Run(x: 72, y: 770, text: "a")], [TinyPDF.Run(x: 72, y: 770, text: "b")]]
        #expect(code(of: TinyPDF.make(pages: pages), configuration) == .limitExceeded)
    }

    @Test("text in reading order: a wrapped paragraph joined, a running footer and page numbers left out")
    func readingOrder() throws {
        let chrome: (Int) -> [TinyPDF.Run] = { page in
            [.init(x: 280, y: 40, text: "- \(page) -"), .init(x: 72, y: 20, text: "Made-up Agency Annual Report \(2020 + page)")]
        }
        let first: [TinyPDF.Run] = [
            .init(x: 72, y: 721, text: "and ends on the next line."),
            .init(x: 72, y: 770, text: "Heading"),
            .init(x: 72, y: 735, text: "A paragraph that runs all the way to the right edge"),
        ] + chrome(1)
        let second: [TinyPDF.Run] = [.init(x: 72, y: 770, text: "Another heading"), .init(x: 72, y: 735, text: "Short text.")] + chrome(2)
        let third: [TinyPDF.Run] = [.init(x: 72, y: 770, text: "Last page")] + chrome(3)
        let document = try read(TinyPDF.make(pages: [first, second, third]))
        let text = String(decoding: document.text, as: UTF8.self)
        let expected = "Heading\nA paragraph that runs all the way to the right edge and ends on the next line.\n"
            + "Another heading\nShort text.\nLast page\n"
        #expect(text == expected, "\(text)")
        #expect(document.format == .pdf)
    }

    @Test("a table of labels and numbers becomes a grid whose cells slice the canonical text")
    func tableGrid() throws {
        var runs: [TinyPDF.Run] = [.init(x: 72, y: 780, text: "Intro paragraph")]
        let rows = [("Item", ["Issued", "Repealed", "InForce"]), ("Rules", ["1", "0", "11"]), ("Documents", ["8", "26", "66"])]
        for (r, row) in rows.enumerated() {
            let y = 740 - Double(r) * 24
            runs.append(.init(x: 72, y: y, text: row.0))
            for (c, cell) in row.1.enumerated() { runs.append(.init(x: 250 + Double(c) * 90, y: y, text: cell)) }
        }
        let document = try read(TinyPDF.make(pages: [runs]))
        let text = String(decoding: document.text, as: UTF8.self)
        #expect(text == "Intro paragraph\nItem\tIssued\tRepealed\tInForce\nRules\t1\t0\t11\nDocuments\t8\t26\t66\n", "\(text)")
        let grid = try #require(document.grids.first)
        #expect(grid.rowCount == 3 && grid.columnCount == 4)
        #expect(grid.page == 1)
        for (r, row) in rows.enumerated() {
            let expected = [row.0] + row.1
            for (c, cell) in grid.rows[r].enumerated() {
                #expect(String(decoding: document.text[cell.span.start..<cell.span.end], as: UTF8.self) == expected[c])
                #expect(cell.isOrigin(row: r, column: c))
            }
        }
        #expect(grid.sourceRows.map(\.count) == [4, 4, 4])
    }

    @Test("a table continued on the next page is one grid")
    func tableOverPageBreak() throws {
        func row(_ label: String, _ numbers: [String], y: Double) -> [TinyPDF.Run] {
            [.init(x: 72, y: y, text: label)] + numbers.enumerated().map { .init(x: 250 + Double($0.offset) * 90, y: y, text: $0.element) }
        }
        let first = row("Item", ["A", "B"], y: 120) + row("One", ["1", "2"], y: 96) + row("Two", ["3", "4"], y: 72)
        let second = row("Three", ["5", "6"], y: 780) + row("Four", ["7", "8"], y: 756) + [.init(x: 72, y: 700, text: "After the table.")]
        let document = try read(TinyPDF.make(pages: [first, second]))
        #expect(document.grids.count == 1)
        let grid = try #require(document.grids.first)
        #expect(grid.rowCount == 5)
        #expect(String(decoding: document.text, as: UTF8.self).hasSuffix("Four\t7\t8\nAfter the table.\n"))
    }

    @Test("page numbers by their form", arguments: [
        ("-3-", true), ("- 12 -", true), ("3", true), ("第3页", true), ("第 3 页 共 6 页", true), ("3/6", true),
        ("2024", true), ("第二十条", false), ("3001 53", false), ("规章", false), ("1.属于国家秘密", false),
    ])
    func pageNumbers(_ text: String, _ expected: Bool) {
        #expect(RunningChrome.isPageNumber(text) == expected, "\(text)")
    }
}
