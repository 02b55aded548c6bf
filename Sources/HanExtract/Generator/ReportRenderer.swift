/// Prints a made-up report's text in one layout.
///
/// Glued (crawler) text only glues what the template's arithmetic can cut again one way: a row
/// whose digits allow a second cut gets a space at a cell boundary until they do not, as real
/// crawler text that is usable at all does (`230 000023`). Table 2 has no arithmetic, so its
/// cells are glued only when the digits leave a single cut (`000`).
struct ReportRenderer {
    let layout: ReportGenerator.Layout
    var random: SplitMix64
    let fault: ReportGenerator.Fault?
    private var out = ""

    init(layout: ReportGenerator.Layout, random: SplitMix64, fault: ReportGenerator.Fault? = nil) {
        self.layout = layout
        self.random = random
        self.fault = fault
        out.reserveCapacity(12_000)
    }

    /// A header cell as printed: broken over two lines under `multilineHeader`.
    func header(_ cell: String) -> String {
        guard fault == .multilineHeader, cell.count >= 4 else { return cell }
        let cut = cell.index(cell.startIndex, offsetBy: cell.count / 2)
        return cell[..<cut] + "\n" + cell[cut...]
    }

    /// A page footer between two cells of a row: a page number alone or dressed.
    mutating func footer() -> String {
        let page = 2 + random.next(below: 8)
        return random.pick(["- \(page) -", "— \(page) —", "第\(page)页", "\(page)"])
    }

    /// A paragraph break: glued text runs on.
    var breakLine: String { layout == .glued ? "" : "\n" }
    var paragraph: String { layout == .glued ? "" : (layout == .pdf ? "\n\n" : "\n") }

    mutating func render(agency: String, year: Int, content: inout ReportContent) -> String {
        let title = "\(agency)\(year)年政府信息公开工作年度报告"
        if layout == .glued {
            out += "标题：\(title)\n发布时间：\(year + 1)-01-\(10 + random.next(below: 18))\n发布机构：\(agency)\n==== 正文 ====\n"
        }
        out += title + paragraph
        out += "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自\(year)年1月1日起至\(year)年12月31日止。" + paragraph
        out += "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况等。" + paragraph
        out += "一、总体情况" + paragraph
        out += "本年新收政府信息公开申请\(content.applications[0].cells[6].printed)件，上年结转政府信息公开申请"
            + "\(content.applications[1].cells[6].printed)件。" + paragraph
        out += "\(year)年，\(agency)坚持以公开为常态、不公开为例外，全年主动公开政府信息\(100 + random.next(below: 5000))条，"
            + "办理依申请公开事项\(content.applications[0].cells[6].printed)件。" + paragraph
        out += "二、主动公开政府信息情况" + paragraph
        for grid in content.proactive { renderGrid(grid) }
        out += "三、收到和处理政府信息公开申请情况" + paragraph
        renderApplications(&content)
        out += (random.chance(50) ? "四、政府信息公开行政复议、行政诉讼情况" : "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况") + paragraph
        renderReview(content.review)
        out += "五、存在的主要问题及改进情况" + paragraph
        out += "一是政策解读形式还需丰富；二是公开平台建设有待加强。下一步将持续规范公开内容。" + paragraph
        out += "六、其他需要报告的事项" + paragraph + "本年度未收取信息处理费。" + breakLine
        return out
    }

    // MARK: - Table 2

    mutating func renderGrid(_ grid: ReportContent.Grid) {
        switch layout {
        case .cellPerLine:
            out += "\t\(grid.heading)\n\n"
            for cell in grid.headers { out += "\t\(header(cell))\n" }
            out += "\n"
            for row in grid.rows {
                out += "\t\(row.labels[0])\n"
                for cell in row.cells { out += "\t\(cell.printed)\n" }
                out += "\n"
            }
        case .tsv:
            out += grid.heading + "\n" + grid.headers.map(header).joined(separator: "\t") + "\n"
            for row in grid.rows { out += ([row.labels[0]] + row.cells.map(\.printed)).joined(separator: "\t") + "\n" }
        case .pipe:
            out += grid.heading + "\n\n"
            out += "| " + grid.headers.map(header).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: grid.headers.count) + "\n"
            for row in grid.rows { out += "| " + ([row.labels[0]] + row.cells.map(\.printed)).joined(separator: " | ") + " |\n" }
            out += "\n"
        case .pdf:
            out += "第二十条 " + grid.heading.dropFirst(4) + "\n\n信息内容\n\n"
            for row in grid.rows { out += row.labels[0] + "\n\n" }
            out += grid.headers.dropFirst().joined(separator: random.chance(50) ? " " : "\n\n") + "\n\n"
            let width = grid.rows[0].cells.count
            if width > 1, random.chance(40) {
                // Some converters print a grid's numbers row by row, space separated.
                for row in grid.rows { out += row.cells.map(\.printed).joined(separator: " ") + "\n\n" }
                return
            }
            var printed = 0
            for column in 0..<width {
                for row in grid.rows {
                    out += row.cells[column].printed + "\n\n"
                    printed += 1
                    if printed == 3, random.chance(15) { out += "- \(2 + random.next(below: 3)) -\n\n" }
                }
            }
        case .glued:
            out += grid.heading + grid.headers.joined()
            for row in grid.rows {
                out += row.labels[0] + (random.chance(20) ? " " : "")
                out += gluedCells(row.cells.map(\.printed), kinds: row.kinds, sumGroups: [])
            }
        }
    }

    // MARK: - Table 3

    static let applicantHeader = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    static let balanceNoteHead = "（本列数据的勾稽关系为：第一项加第二项之和，"
    static let balanceNoteTail = "等于第三项加第四项之和）"
    static let balanceNote = balanceNoteHead + balanceNoteTail

    /// A long label broken over two lines, as converted HTML tables often print it.
    mutating func split(_ label: String) -> String {
        guard label.count > 12, random.chance(30) else { return label }
        let cut = label.index(label.startIndex, offsetBy: 4 + random.next(below: label.count - 8))
        return label[..<cut] + "\n" + label[cut...]
    }

    mutating func renderApplications(_ content: inout ReportContent) {
        let rows = content.applications
        // footerInRow: the row and the cell a page footer interrupts; unlabelledRows: the rows
        // printed without labels (after a labelled row, never the first or the last rows).
        var footerRow = -1
        var footerAfter = 0
        if fault == .footerInRow {
            footerRow = random.next(below: rows.count)
            footerAfter = 1 + random.next(below: 6)
        }
        var unlabelled: Set<Int> = []
        if fault == .unlabelledRows {
            let first = 3 + random.next(below: rows.count - 6)
            unlabelled = Set(first..<(first + 1 + random.next(below: 2)))
        }
        switch layout {
        case .cellPerLine:
            out += "\t" + Self.balanceNoteHead + "\n" + Self.balanceNoteTail + "\n\t申请人情况\n\n"
            out += "\t\n\t自然人\n\t法人或其他组织\n\t总\n\n计\n\n\t\n\t\n"
            for cell in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"] { out += "\t\(header(cell))\n" }
            out += "\t\n\n"
            for (index, row) in rows.enumerated() {
                for label in row.labels { out += "\t" + split(label) + "\n" }
                for (column, cell) in row.cells.enumerated() {
                    out += "\t\(cell.printed)\n"
                    if index == footerRow, column + 1 == footerAfter { out += "\n" + footer() + "\n\n" }
                }
                out += "\n\t\n\t\n"
            }
        case .tsv:
            out += Self.balanceNote + "\t申请人情况\n自然人\t法人或其他组织\t总计\n"
            out += ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map(header).joined(separator: "\t") + "\n"
            for (index, row) in rows.enumerated() {
                let labels = row.labels.count > 1 && random.chance(30) ? Array(row.labels.suffix(1)) : row.labels
                let cells = row.cells.map(\.printed)
                let line = (unlabelled.contains(index) ? [] : labels) + cells
                if index == footerRow {
                    // The row breaks at the footer: its first cells, the footer, the rest.
                    let cut = line.count - 7 + footerAfter
                    out += line[..<cut].joined(separator: "\t") + "\n" + footer() + "\n"
                        + line[cut...].joined(separator: "\t") + "\n"
                } else {
                    out += line.joined(separator: "\t") + "\n"
                }
            }
        case .pipe:
            out += "| " + Self.balanceNote + " | 申请人情况 | | | | | | |\n"
            out += "| | " + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"].map(header)
                .joined(separator: " | ") + " |\n"
            out += "|---|---|---|---|---|---|---|---|\n"
            // missingPipeCell: the first row (from a random one on) with a zero organisation cell
            // prints it as nothing at all: its field is gone.
            var missing: (row: Int, column: Int)?
            if fault == .missingPipeCell {
                let first = random.next(below: rows.count)
                for offset in 0..<rows.count where missing == nil {
                    let index = (first + offset) % rows.count
                    if let column = (1..<6).first(where: { rows[index].cells[$0].gold == 0 }) { missing = (index, column) }
                }
            }
            for (index, row) in rows.enumerated() {
                var cells = row.cells.map(\.printed)
                if let missing, missing.row == index {
                    cells.remove(at: missing.column)
                    content.applications[index].cells[missing.column] = .blank("")
                }
                out += "| " + (row.labels + cells).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        case .pdf:
            out += Self.balanceNoteHead + "\n\n法人或其他组织\n\n申请人情况\n\n" + Self.balanceNoteTail + "\n\n"
            let pageBreak = 8 + random.next(below: 9)
            // droppedBlankColumn: one page fragment without the all-zero column; its cells there
            // are blank in the gold.
            let droppedPage = content.droppedColumn == nil ? -1 : random.next(below: 2)
            if let column = content.droppedColumn {
                let range = droppedPage == 0 ? 0..<pageBreak : pageBreak..<rows.count
                for index in range { content.applications[index].cells[column] = .blank("") }
            }
            renderColumnMajor(rows[..<pageBreak], footer: true, dropping: droppedPage == 0 ? content.droppedColumn : nil)
            renderColumnMajor(rows[pageBreak...], footer: false, dropping: droppedPage == 1 ? content.droppedColumn : nil)
        case .glued:
            out += Self.balanceNote + Self.applicantHeader.joined()
            for row in rows {
                out += row.labels.joined() + (random.chance(15) ? " " : "")
                out += gluedCells(row.cells.map(\.printed), kinds: row.kinds, sumGroups: [0..<7])
            }
            out += " "
        }
    }

    /// One PDF page of table 3: its row labels, a vertical header, a page footer, the column
    /// headers, then the numbers column by column.
    mutating func renderColumnMajor(_ rows: ArraySlice<ReportContent.Row>, footer: Bool, dropping: Int? = nil) {
        let columns = (0..<7).filter { $0 != dropping }
        for row in rows {
            for label in row.labels {
                if label.hasPrefix("（"), label.count > 6, random.chance(40) {
                    let cut = label.index(label.startIndex, offsetBy: 4)
                    out += label[..<cut] + "\n\n" + label[cut...] + "\n\n"
                } else {
                    out += label + "\n\n"
                }
            }
        }
        if footer {
            out += "三、\n\n" + "本年度办理结果".map { "\($0)\n\n" }.joined()
            out += "- \(3 + random.next(below: 3)) -\n\n"
            out += "自然人\n\n商 业 企\n\n科研机\n\n社 会 公 益\n\n法 律 服 务\n\n业\n\n构\n\n组织\n\n机构\n\n总计\n\n其他\n\n"
        }
        if random.chance(30) {
            for row in rows { out += columns.map { row.cells[$0].printed }.joined(separator: " ") + "\n\n" }
            return
        }
        for column in columns {
            for row in rows { out += row.cells[column].printed + "\n\n" }
        }
    }

    // MARK: - Table 4

    mutating func renderReview(_ cells: [ReportContent.Cell]) {
        let parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        switch layout {
        case .cellPerLine:
            out += "\t行政复议\n\t行政诉讼\n\n\t结果\n\n维持\n\t结果纠正\n\t其他结果\n\t尚未\n\n审结\n\t总\n\n计\n"
            out += "\t未经复议直接起诉\n\t复议后起诉\n\n\t\n\t\n"
            for _ in 0..<2 { for part in parts { out += "\t\(part)\n" } }
            out += "\n"
            for cell in cells { out += "\t\(cell.printed)\n" }
            out += "\n\n"
        case .tsv:
            out += "行政复议\t行政诉讼\n" + (parts + ["未经复议直接起诉", "复议后起诉"]).joined(separator: "\t") + "\n"
            out += (parts + parts).joined(separator: "\t") + "\n"
            out += cells.map(\.printed).joined(separator: "\t") + "\n"
        case .pipe:
            out += "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n"
            out += "| " + (parts + parts + parts).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: 15) + "\n"
            out += "| " + cells.map(\.printed).joined(separator: " | ") + " |\n\n"
        case .pdf:
            out += "行政复议\n\n行政诉讼\n\n未经复议直接起诉\n\n复议后起诉\n\n"
            out += "结 果\n\n结 果\n\n其 他 结\n\n尚 未\n\n维持\n\n纠正\n\n果\n\n审结\n\n总计\n\n"
            for cell in cells { out += cell.printed + "\n\n" }
        case .glued:
            out += "行政复议行政诉讼" + (parts + ["未经复议直接起诉", "复议后起诉"] + parts + parts).joined()
            out += gluedCells(cells.map(\.printed), kinds: Array(repeating: .count, count: 15),
                              sumGroups: [0..<5, 5..<10, 10..<15])
            out += " "
        }
    }

    // MARK: - Glue

    /// The cells glued with as few spaces as keep them cut one way only.
    mutating func gluedCells(_ cells: [String], kinds: [TemplateLabels.CellKind], sumGroups: [Range<Int>]) -> String {
        if cells.allSatisfy({ $0.utf8.count == 1 }) { return cells.joined() }
        var spaced = [Bool](repeating: false, count: cells.count)
        for _ in 0..<cells.count {
            let text = Self.join(cells, spaced)
            if Self.cutsOneWay(text, kinds: kinds, sumGroups: sumGroups) { return text }
            let open = (1..<cells.count).filter { !spaced[$0] }
            guard let boundary = open.isEmpty ? nil : open[random.next(below: open.count)] else { break }
            spaced[boundary] = true
        }
        return cells.joined(separator: " ")
    }

    static func join(_ cells: [String], _ spaced: [Bool]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            if index > 0, spaced[index] { text += " " }
            text += cell
        }
        return text
    }

    static func cutsOneWay(_ text: String, kinds: [TemplateLabels.CellKind], sumGroups: [Range<Int>]) -> Bool {
        let bytes = Array(text.utf8)
        var runs: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x20 {
            runs.append(start..<index)
            start = index + 1
        }
        runs.append(start..<bytes.count)
        var splitter = DigitSplitter(text: bytes, kinds: kinds, sumGroups: sumGroups)
        splitter.splitLimit = 2
        splitter.nodeLimit = 2_000
        let result = splitter.split(runs)
        return !result.truncated && result.splits.count == 1
    }
}
