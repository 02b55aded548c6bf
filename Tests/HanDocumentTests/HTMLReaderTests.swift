import HanCore
@testable import HanDocument
import HanText
import Testing

@Suite("HTMLReader")
struct HTMLReaderTests {
    static func read(_ html: String) throws -> CanonicalDocument {
        try HTMLReader().read(Array(html.utf8), options: .default)
    }

    static func text(_ document: CanonicalDocument) -> String { String(decoding: document.text, as: UTF8.self) }

    static func cellText(_ document: CanonicalDocument, _ cell: GridCell) -> String {
        String(decoding: document.text[cell.span.start..<cell.span.end], as: UTF8.self)
    }

    @Test("blocks on their own lines; scripts, styles, navigation and hidden elements left out")
    func blocksAndChrome() throws {
        let document = try Self.read("""
        <html><head><title>某区2023年报告_政府信息公开年报_某区人民政府</title><style>p{color:red}</style></head>
        <body><nav><a href="/">首页</a></nav><div>第一段<b>加粗</b>文字</div><p>第二段</p>
        <script>document.write("脚本")</script><p style="display: none">隐藏</p><p>第三<br>段</p></body></html>
        """)
        #expect(Self.text(document) == "某区2023年报告\n第一段加粗文字\n第二段\n第三\n段\n")
        #expect(document.format == .html)
        #expect(document.encoding == "UTF-8")
    }

    @Test("a source line break between CJK characters joins them; between Latin words it is a space; &nbsp; is a space")
    func whitespaceRules() throws {
        let document = try Self.read("<body><p>政府信\n息公开 annual\nreport&nbsp;&nbsp;年报</p></body>")
        #expect(Self.text(document) == "政府信息公开 annual report 年报\n")
    }

    @Test("rows on lines, cells by tabs; rowspan and colspan expanded in the grid, spans slice the text")
    func tableGrid() throws {
        let document = try Self.read("""
        <body><p>表</p><table>
        <tr><td rowspan="2"><p>（三）不予</p><p>公开</p></td><td>1.国家秘密</td><td colspan="2">&nbsp;5&nbsp;</td></tr>
        <tr><td>2.禁止公开</td><td>/</td><td>7</td></tr>
        </table><p>后</p></body>
        """)
        #expect(Self.text(document) == "表\n（三）不予 公开\t1.国家秘密\t5\n2.禁止公开\t/\t7\n后\n")
        let grid = try #require(document.grids.first)
        #expect(grid.rowCount == 2 && grid.columnCount == 4)
        #expect(Self.cellText(document, grid.rows[1][0]) == "（三）不予 公开")
        #expect(!grid.rows[1][0].isOrigin(row: 1, column: 0))
        #expect(grid.rows[0][0].rowSpan == 2)
        #expect(Self.cellText(document, grid.rows[0][3]) == "5")
        #expect(grid.rows[0][2] == grid.rows[0][3])
        #expect(Self.cellText(document, grid.rows[1][2]) == "/")
        #expect(grid.sourceRows.map(\.count) == [3, 3])
    }

    @Test("a table holding another table is layout: its cells are blocks, the inner table is the grid")
    func nestedTables() throws {
        let document = try Self.read("""
        <body><table><tr><td><p>正文开头</p><table><tr><td>规章</td><td>3</td></tr></table><p>正文结尾</p></td></tr></table></body>
        """)
        #expect(Self.text(document) == "正文开头\n规章\t3\n正文结尾\n")
        #expect(document.grids.count == 1)
        #expect(document.grids[0].columnCount == 2)
    }

    @Test("broken markup is read: unclosed cells and paragraphs, stray end tags, an unterminated table")
    func brokenMarkup() throws {
        let document = try Self.read("<body><p>甲<p>乙</td></span><table><tr><td>一<td>2<tr><td>二<td>3")
        #expect(Self.text(document) == "甲\n乙\n一\t2\n二\t3\n")
        #expect(document.grids.first?.rowCount == 2)
    }

    @Test("a GBK page declared by meta charset is decoded as GB18030")
    func gbkPage() throws {
        let bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>".utf8)
            + [0xD6, 0xD0, 0xCE, 0xC4] + Array("</p></body></html>".utf8)
        let document = try HTMLReader().read(bytes, options: .default)
        #expect(Self.text(document) == "中文\n")
        #expect(document.encoding == "GB18030")
    }

    @Test("GBK without a declaration is detected")
    func gbkDetected() throws {
        // 政府信息公开工作年度报告 in GBK, twice, so the detector has enough to go on.
        let gbk: [UInt8] = [0xD5, 0xFE, 0xB8, 0xAE, 0xD0, 0xC5, 0xCF, 0xA2, 0xB9, 0xAB, 0xBF, 0xAA, 0xB9, 0xA4, 0xD7, 0xF7,
                            0xC4, 0xEA, 0xB6, 0xC8, 0xB1, 0xA8, 0xB8, 0xE6]
        let bytes = Array("<html><body><p>".utf8) + gbk + gbk + Array("</p></body></html>".utf8)
        let document = try HTMLReader().read(bytes, options: .default)
        #expect(Self.text(document) == "政府信息公开工作年度报告政府信息公开工作年度报告\n")
    }

    @Test("the main content is kept, the menus and link lists around it are not")
    func mainContent() throws {
        let article = String(repeating: "<p>本机关主动公开政府信息，依申请公开政府信息，办理情况良好。</p>", count: 20)
        let document = try Self.read("""
        <html><head><title>甲局2023年年报_年报栏目_甲市政府</title></head><body>
        <div class="top"><ul><li><a href="/">首页</a></li><li><a href="/x">政务公开栏目导航</a></li></ul><p>网站声明文字</p></div>
        <div class="main"><div class="content">\(article)</div></div>
        <div class="bottom"><p>主办单位：甲市人民政府办公室 版权所有</p></div></body></html>
        """)
        let text = Self.text(document)
        #expect(text.hasPrefix("甲局2023年年报\n本机关主动公开"))
        #expect(!text.contains("首页") && !text.contains("主办单位") && !text.contains("网站声明"))
    }

    @Test("a page over the size limit is refused with a clear error")
    func hugePage() {
        let bytes = [UInt8](repeating: 0x41, count: DocumentLimits.maxInputBytes + 1)
        #expect(throws: HanError.self) { try HTMLReader().read(bytes, options: .default) }
        do {
            _ = try HTMLReader().read(bytes, options: .default)
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("MiB"))
        }
    }

    @Test("a page of binary bytes is refused, not parsed")
    func binaryPage() {
        let bytes = Array("<html><body>".utf8) + [0, 1, 2, 0, 0, 3] + Array("</body></html>".utf8)
        #expect(throws: HanError.self) { try HTMLReader().read(bytes, options: .default) }
    }

    @Test("deep nesting ends in a result, not in a stack overflow (libxml2 stops at its depth limit)")
    func deepNesting() throws {
        let html = "<body><p>开头</p>" + String(repeating: "<div>", count: 20000) + "深处" + String(repeating: "</div>", count: 20000) + "</body>"
        let document = try Self.read(html)
        #expect(Self.text(document).hasPrefix("开头\n"))
    }
}
