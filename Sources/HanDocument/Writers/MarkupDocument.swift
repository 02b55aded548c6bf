import Foundation
import HanCore
import ZIPFoundation

/// A simple document model that can be written as Word-style HTML or as DOCX: paragraphs and
/// tables whose cells may span rows and columns. `hanmine generate --formats` writes the
/// made-up reports through it, so the readers are tested on markup whose every cell is known.
public struct MarkupDocument: Sendable {
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var rowSpan: Int
        public var columnSpan: Int
        public init(_ text: String, rowSpan: Int = 1, columnSpan: Int = 1) {
            self.text = text
            self.rowSpan = rowSpan
            self.columnSpan = columnSpan
        }
    }

    public enum Block: Sendable, Equatable {
        case paragraph(String)
        /// Rows of the cells printed in each (a cell covered by a span above is not repeated).
        case table([[Cell]])
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }

    /// Reads tab-separated text (the generator's `tsv` layout): a run of lines with tabs is a
    /// table, any other line a paragraph. In a table, a row with fewer cells than the widest
    /// continues the row group above when its first cell is a numbered sub-row label (`2.…`):
    /// the group's label cell spans down over it; otherwise its first cell spans the missing
    /// columns (a row label over two label columns, a header over several).
    public init(tabSeparated text: String) {
        var blocks: [Block] = []
        var tableLines: [[String]] = []
        func flushTable() {
            guard !tableLines.isEmpty else { return }
            blocks.append(.table(Self.spannedRows(tableLines)))
            tableLines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\t") {
                tableLines.append(line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
            } else {
                flushTable()
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { blocks.append(.paragraph(trimmed)) }
            }
        }
        flushTable()
        var title = ""
        if case .paragraph(let first)? = blocks.first { title = first }
        self.init(title: title, blocks: blocks)
    }

    static func spannedRows(_ lines: [[String]]) -> [[Cell]] {
        let width = lines.map(\.count).max() ?? 0
        var rows: [[Cell]] = []
        // The row and cell index of the open row-group label, if any.
        var group: (row: Int, missing: Int)?
        for line in lines {
            let missing = width - line.count
            let isSubRow = line.first.map { $0.first?.isNumber == true && $0.dropFirst().first == "." } ?? false
            if missing > 0, isSubRow, let open = group, open.missing == missing {
                // The label above spans down over this row.
                if case let cell? = rows[open.row].first { rows[open.row][0] = Cell(cell.text, rowSpan: cell.rowSpan + 1, columnSpan: cell.columnSpan) }
                rows.append(line.map { Cell($0) })
                continue
            }
            group = nil
            var cells = line.map { Cell($0) }
            if missing > 0, !cells.isEmpty {
                cells[0].columnSpan += missing
            }
            if missing == 0, line.count >= 2, line.dropFirst().first.map({ $0.first?.isNumber == true && $0.dropFirst().first == "." }) == true {
                group = (rows.count, 1)
            }
            rows.append(cells)
        }
        return rows
    }

    // MARK: - HTML

    /// The document as a CMS's Word-exported page: site chrome around the article, `MsoNormal`
    /// paragraphs with `<span>`s, cells holding `<p>`s, `&nbsp;` padding, source lines wrapped
    /// inside CJK text, comments; `seed` varies these choices.
    public func wordHTML(seed: UInt64) -> String {
        var random = seed | 1
        func next(_ bound: UInt64) -> UInt64 {
            random ^= random << 13
            random ^= random >> 7
            random ^= random << 17
            return random % bound
        }
        func wrap(_ text: String) -> String {
            // Word wraps its source lines, also between two CJK characters.
            var out = ""
            var run = 0
            for character in escape(text) {
                out.append(character)
                run += 1
                if run > 30, next(4) == 0, character.unicodeScalars.first.map({ $0.value >= 0x4E00 }) == true {
                    out += "\n"
                    run = 0
                }
            }
            return out
        }
        var html = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml"><head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
        <title>\(escape(title))_政府信息公开年报_示例市人民政府</title>
        <style type="text/css">p.MsoNormal { margin: 0pt; font-family: 宋体 }</style>
        <script type="text/javascript">var columnName = "年报"; document.write("<p>不是正文</p>");</script>
        </head><body>
        <div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
        <div class="main"><div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/nb/">年报</a></div>
        <div class="article">
        <div class="TRS_Editor"><!-- 正文开始 -->

        """
        for block in blocks {
            switch block {
            case .paragraph(let text):
                let style = next(3) == 0 ? " style=\"text-indent: 2em; text-align: justify\"" : ""
                html += "<p class=\"MsoNormal\"\(style)><span style=\"\(Self.wordRunStyle)\">\(wrap(text))</span></p>\n"
            case .table(let rows):
                html += "<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" style=\"border-collapse: collapse\"><tbody>\n"
                for row in rows {
                    html += "<tr style=\"height: 20pt\">"
                    for cell in row {
                        var attributes = " valign=\"center\" style=\"\(Self.wordCellStyle)\""
                        if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
                        if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                        let pad = next(4) == 0 ? "&nbsp;" : ""
                        let content = cell.text.isEmpty ? "<o:p>&nbsp;</o:p>" : pad + wrap(cell.text) + pad
                        html += "<td\(attributes)><p class=\"MsoNormal\" align=\"center\" style=\"text-align: center; mso-line-height-rule: exactly\"><span style=\"\(Self.wordRunStyle)\">\(content)</span></p></td>"
                    }
                    html += "</tr>\n"
                }
                html += "</tbody></table>\n"
            }
        }
        html += """
        <!-- 正文结束 --></div></div>
        <div class="related"><h3>相关链接</h3><ul><li><a href="/a.html">关于印发年度工作要点的通知</a></li><li><a href="/b.html">政府信息公开指南</a></li></ul></div>
        </div>
        <div class="footer"><p>主办单位：示例市人民政府办公室 <a href="/about">网站地图</a></p></div>
        </body></html>

        """
        return html
    }

    /// What Word writes on every run and cell: most of a Word-exported page's weight (100–400 KB).
    static let wordRunStyle = "font-family: 仿宋_GB2312; mso-hansi-font-family: 'Times New Roman'; mso-bidi-font-family: 'Times New Roman'; "
        + "mso-ascii-font-family: 'Times New Roman'; mso-font-kerning: 0.0000pt; font-size: 10.5pt; mso-spacerun: 'yes'"
    static let wordCellStyle = "border-bottom: windowtext 1pt solid; border-left: windowtext 1pt solid; padding-bottom: 0pt; "
        + "padding-left: 5.4pt; padding-right: 5.4pt; padding-top: 0pt; border-top: windowtext 1pt solid; border-right: windowtext 1pt solid; "
        + "mso-border-left-alt: 0.5000pt solid windowtext; mso-border-top-alt: 0.5000pt solid windowtext; width: 52.3pt"

    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: - DOCX

    /// The document as a minimal valid .docx: paragraphs as `w:p`, tables as `w:tbl` with
    /// `gridSpan` for column spans and `vMerge` restart/continue for row spans.
    public func docx() throws(HanError) -> [UInt8] {
        var body = ""
        for block in blocks {
            switch block {
            case .paragraph(let text):
                body += "<w:p><w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
            case .table(let rows):
                body += docxTable(rows)
                body += "<w:p/>"
            }
        }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr/></w:body></w:document>
        """
        let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """
        let relationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in [("[Content_Types].xml", contentTypes), ("_rels/.rels", relationships), ("word/document.xml", document)] {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else { throw HanError(.writeFailed, "the DOCX archive came out empty") }
            return [UInt8](data)
        } catch let error as HanError {
            throw error
        } catch {
            throw HanError(.writeFailed, "cannot write the DOCX archive: \(error)")
        }
    }

    func docxTable(_ rows: [[Cell]]) -> String {
        // Lay the cells on the grid to know where vertical merges continue.
        var occupied: [[(cell: Cell, isOrigin: Bool)?]] = Array(repeating: [], count: rows.count)
        for (r, row) in rows.enumerated() {
            var c = 0
            for cell in row {
                while c < occupied[r].count, occupied[r][c] != nil { c += 1 }
                for dr in 0..<max(1, min(cell.rowSpan, rows.count - r)) {
                    while occupied[r + dr].count <= c { occupied[r + dr].append(nil) }
                    occupied[r + dr][c] = (cell, dr == 0)
                    for _ in 1..<max(1, cell.columnSpan) { occupied[r + dr].append(nil) }
                }
                c += cell.columnSpan
            }
        }
        var xml = "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr>"
        for (r, _) in rows.enumerated() {
            xml += "<w:tr>"
            var c = 0
            while c < occupied[r].count {
                guard let (cell, isOrigin) = occupied[r][c] else { c += 1; continue }
                var properties = ""
                if cell.columnSpan > 1 { properties += "<w:gridSpan w:val=\"\(cell.columnSpan)\"/>" }
                if cell.rowSpan > 1 { properties += isOrigin ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>" }
                let text = isOrigin ? escape(cell.text) : ""
                xml += "<w:tc><w:tcPr>\(properties)</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p></w:tc>"
                c += max(1, cell.columnSpan)
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }
}
