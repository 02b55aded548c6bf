import HanCore

/// The numbers of one made-up report, as they will be printed: each cell is a number with its
/// printed text or a blank (with its marker; "" is an empty field).
struct ReportContent {
    enum Cell {
        case number(String, Double)
        case blank(String)

        var gold: Double? { if case .number(_, let value) = self { value } else { nil } }
        var printed: String {
            switch self {
            case .number(let text, _): text
            case .blank(let marker): marker
            }
        }
    }

    struct Row {
        var key: String
        /// The label cells printed before the numbers (merged cells first), e.g.
        /// `["三、本年度办理结果", "（一）予以公开"]`.
        var labels: [String]
        var columns: [String]
        var kinds: [TemplateLabels.CellKind]
        var cells: [Cell]
    }

    struct Grid {
        var heading: String
        var headers: [String]
        var rows: [Row]
    }

    var is2019: Bool
    var proactive: [Grid]
    var applications: [Row]
    var singleOther: Bool
    var review: [Cell]
    /// `droppedBlankColumn`: the applicant column whose cells are all zero, printed blank and
    /// left out of one page fragment.
    var droppedColumn: Int? = nil

    static let applicationLabels: [String: [String]] = [
        "new_received": ["一、本年新收政府信息公开申请数量"],
        "carried_over": ["二、上年结转政府信息公开申请数量"],
        "granted": ["三、本年度办理结果", "（一）予以公开"],
        "partly_granted": ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
        "denied_state_secret": ["（三）不予公开", "1.属于国家秘密"],
        "denied_prohibited": ["2.其他法律行政法规禁止公开"],
        "denied_security_stability": ["3.危及“三安全一稳定”"],
        "denied_third_party": ["4.保护第三方合法权益"],
        "denied_internal_affairs": ["5.属于三类内部事务信息"],
        "denied_process_info": ["6.属于四类过程性信息"],
        "denied_enforcement_files": ["7.属于行政执法案卷"],
        "denied_inquiry": ["8.属于行政查询事项"],
        "unable_not_held": ["（四）无法提供", "1.本机关不掌握相关政府信息"],
        "unable_needs_creation": ["2.没有现成信息需要另行制作"],
        "unable_unclear": ["3.补正后申请内容仍不明确"],
        "rejected_petition": ["（五）不予处理", "1.信访举报投诉类申请"],
        "rejected_repeated": ["2.重复申请"],
        "rejected_publication": ["3.要求提供公开出版物"],
        "rejected_excessive": ["4.无正当理由大量反复申请"],
        "rejected_reconfirm": ["5.要求行政机关确认或重新出具已获取信息"],
        "other_no_correction": ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
        "other_no_fee": ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
        "other_other": ["3.其他"],
        "handled_total": ["（七）总计"],
        "carried_forward": ["四、结转下年度继续办理"],
    ]

    static func integer(_ value: Int) -> Cell { .number(String(value), Double(value)) }

    /// `1234567` → `1,234,567`.
    static func thousands(_ digits: String) -> String {
        let characters = Array(digits)
        var out = ""
        for (index, character) in characters.enumerated() {
            if index > 0, (characters.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    static func amount(_ random: inout SplitMix64, scale: Int) -> Cell {
        if random.chance(30) { return integer(0) }
        let whole = random.next(below: scale)
        let cents = random.next(below: 100)
        if cents == 0 { return integer(whole) }
        let text = "\(whole).\(cents < 10 ? "0" : "")\(cents)"
        return .number(text, Double(text) ?? Double(whole))
    }

    /// Zero cells a layout can show blank become blank with their marker.
    static func blanked(_ cell: Cell, _ random: inout SplitMix64, markers: [String]) -> Cell {
        guard !markers.isEmpty, case .number(_, let value) = cell, value == 0, random.chance(10) else { return cell }
        return .blank(random.pick(markers))
    }

    static func markers(for layout: ReportGenerator.Layout) -> [String] {
        switch layout {
        case .cellPerLine: ["/", "—", "-", "无", ""]
        case .tsv: ["", "", "/", "—"]
        case .pipe: ["", "/", "-", "无"]
        case .pdf: ["—", "/", "无"]
        case .glued: []
        }
    }

    static func make(_ random: inout SplitMix64, is2019: Bool, layout: ReportGenerator.Layout,
                     fault: ReportGenerator.Fault? = nil) -> ReportContent {
        let marks = markers(for: layout)
        var proactive: [Grid] = []
        let separatesThousands = layout != .glued && random.chance(30)
        func row(_ key: String, _ label: String, _ template: [TemplateLabels.Row], _ cells: [Cell]) -> Row {
            let spec = template.first { $0.key == key }!
            let printed = cells.map { cell -> Cell in
                guard separatesThousands, case .number(let text, let value) = cell, value >= 1000, value.rounded() == value
                else { return blanked(cell, &random, markers: marks) }
                return .number(thousands(text), value)
            }
            return Row(key: key, labels: [label], columns: spec.columns.map(\.key), kinds: spec.columns.map(\.kind),
                       cells: printed)
        }
        let normativeLabel = random.chance(50) ? "行政规范性文件" : "规范性文件"
        if is2019 {
            let t = TemplateLabels.proactive2019
            func documents() -> [Cell] {
                let made = random.count(zeroPercent: 30, scale: 80)
                let published = random.chance(70) ? made : random.next(below: made + 1)
                return [integer(made), integer(published), integer(published + random.count(zeroPercent: 20, scale: 400))]
            }
            func items() -> [Cell] {
                let previous = random.count(zeroPercent: 30, scale: 400)
                let change = random.chance(60) ? 0 : random.next(below: 40) - min(previous, 20)
                return [integer(previous), integer(change), integer(random.count(zeroPercent: 30, scale: 900))]
            }
            proactive = [
                Grid(heading: "第二十条第（一）项", headers: ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                     rows: [row("regulations", "规章", t, documents()),
                            row("normative_documents", normativeLabel, t, documents())]),
                Grid(heading: "第二十条第（五）项", headers: ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                     rows: [row("licensing", "行政许可", t, items()), row("other_services", "其他对外管理服务事项", t, items())]),
                Grid(heading: "第二十条第（六）项", headers: ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                     rows: [row("punishment", "行政处罚", t, items()), row("enforcement", "行政强制", t, items())]),
                Grid(heading: "第二十条第（八）项", headers: ["信息内容", "上一年项目数量", "本年增/减"],
                     rows: [row("fees", "行政事业性收费", t, Array(items().prefix(2)))]),
                Grid(heading: "第二十条第（九）项", headers: ["信息内容", "采购项目数量", "采购总金额"],
                     rows: [row("procurement", "政府集中采购", t,
                                [integer(random.count(zeroPercent: 20, scale: 300)), amount(&random, scale: 90_000_000)])]),
            ]
        } else {
            let t = TemplateLabels.proactive2021
            func documents() -> [Cell] {
                [integer(random.count(zeroPercent: 40, scale: 60)), integer(random.count(zeroPercent: 60, scale: 20)),
                 integer(random.count(zeroPercent: 20, scale: 500))]
            }
            proactive = [
                Grid(heading: "第二十条第（一）项", headers: ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                     rows: [row("regulations", "规章", t, documents()),
                            row("normative_documents", normativeLabel, t, documents())]),
                Grid(heading: "第二十条第（五）项", headers: ["信息内容", "本年处理决定数量"],
                     rows: [row("licensing", "行政许可", t, [integer(random.count(zeroPercent: 20, scale: 3000))])]),
                Grid(heading: "第二十条第（六）项", headers: ["信息内容", "本年处理决定数量"],
                     rows: [row("punishment", "行政处罚", t, [integer(random.count(zeroPercent: 20, scale: 3000))]),
                            row("enforcement", "行政强制", t, [integer(random.count(zeroPercent: 40, scale: 300))])]),
                Grid(heading: "第二十条第（八）项", headers: ["信息内容", "本年收费金额（单位：万元）"],
                     rows: [row("fees", "行政事业性收费", t, [amount(&random, scale: 30_000)])]),
            ]
        }

        // Table 3: per applicant column, result rows first, then the totals that make every
        // check hold.
        let singleOther = random.chance(25)
        let keys = TemplateLabels.applicationRowKeys
        let index = TemplateLabels.applicationIndex
        let new = index("new_received"), carriedOver = index("carried_over")
        let handledTotal = index("handled_total"), carriedForward = index("carried_forward")
        // A single （六）其他处理 row: its cells are other_other's, the two sub-rows absent.
        let subRows: Set<Int> = [index("other_no_correction"), index("other_no_fee")]
        let width = TemplateLabels.applicantColumns.count
        var values = [[Int]](repeating: [Int](repeating: 0, count: width), count: keys.count)
        let busy = random.chance(30)
        for column in 0..<(width - 1) {
            let quiet = column > 0 && random.chance(50)
            for row in TemplateLabels.resultRowIndices {
                if singleOther && subRows.contains(row) { continue }
                let zeroPercent = quiet ? 92 : (row < index("denied_state_secret") ? 35 : 75)
                values[row][column] = random.count(zeroPercent: zeroPercent, scale: busy ? 200 : 12)
            }
            let handled = TemplateLabels.resultRowIndices.reduce(0) { $0 + values[$1][column] }
            let forward = random.chance(60) ? 0 : random.count(zeroPercent: 30, scale: 10)
            let carried = min(handled + forward, random.chance(60) ? 0 : random.count(zeroPercent: 30, scale: 10))
            values[handledTotal][column] = handled
            values[carriedForward][column] = forward
            values[carriedOver][column] = carried
            values[new][column] = handled + forward - carried
        }
        let droppedColumn = fault == .droppedBlankColumn ? 1 + random.next(below: width - 2) : nil
        if let droppedColumn {
            for row in keys.indices { values[row][droppedColumn] = 0 }
        }
        for row in keys.indices { values[row][width - 1] = values[row][0..<(width - 1)].reduce(0, +) }
        var applications: [Row] = []
        for (rowIndex, key) in keys.enumerated() {
            if singleOther && subRows.contains(rowIndex) { continue }
            var labels = applicationLabels[key]!
            if singleOther && key == "other_other" { labels = ["（六）其他处理"] }
            let cells = values[rowIndex].map { blanked(integer($0), &random, markers: marks) }
            applications.append(Row(key: key, labels: labels, columns: TemplateLabels.applicantColumns,
                                    kinds: Array(repeating: .count, count: width), cells: cells))
        }

        var review: [Cell] = []
        for _ in 0..<3 {
            let parts = (0..<4).map { _ in random.count(zeroPercent: 60, scale: 15) }
            // One cell per line, a tab-only line before the first number cannot be told from the
            // header's debris: table 4 shows its blanks with markers there.
            let reviewMarks = layout == .cellPerLine ? marks.filter { !$0.isEmpty } : marks
            review += (parts + [parts.reduce(0, +)]).map { blanked(integer($0), &random, markers: reviewMarks) }
        }
        return ReportContent(is2019: is2019, proactive: proactive, applications: applications, singleOther: singleOther,
                             review: review, droppedColumn: droppedColumn)
    }

    /// The tables a reader must return for this report.
    func goldTables() -> Tables {
        var tables = Tables()
        let template = is2019 ? TemplateLabels.proactive2019 : TemplateLabels.proactive2021
        let printed = Dictionary(uniqueKeysWithValues: proactive.flatMap(\.rows).map { ($0.key, $0) })
        tables.proactive = Table(rows: template.map { spec in
            TableRow(name: spec.key, cells: spec.columns.enumerated().map { index, column in
                TableCell(column: column.key, value: printed[spec.key]?.cells[index].gold)
            })
        })
        let rows = Dictionary(uniqueKeysWithValues: applications.map { ($0.key, $0) })
        tables.applications = Table(rows: TemplateLabels.applicationRowKeys.map { key in
            TableRow(name: key, cells: TemplateLabels.applicantColumns.enumerated().map { index, column in
                TableCell(column: column, value: rows[key]?.cells[index].gold)
            })
        })
        tables.reviewLitigation = Table(rows: TemplateLabels.reviewGroups.enumerated().map { group, key in
            TableRow(name: key, cells: TemplateLabels.reviewParts.enumerated().map { part, column in
                TableCell(column: column, value: review[group * 5 + part].gold)
            })
        })
        return tables
    }
}
