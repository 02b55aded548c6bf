import HanCore

/// The words that identify each row of the national templates (`HanCore.TableTemplate`, which
/// names the rows, columns and check rules) in a report's text, and the headings around them.
///
/// Keywords are matched on the text with all whitespace removed, so labels that a layout broke
/// over lines (`尚未\n审结`, `（三）不\n\n予公开`) still match. Each row lists alternatives so a
/// label garbled by a PDF's text layer (其他法律行政止公开) is still found by another fragment.
/// Rows come in the template's order with the template's columns: only the words are here.
enum TemplateLabels {
    typealias CellKind = TableTemplate.CellKind
    typealias Column = TableTemplate.Column

    struct Row: Sendable {
        let key: String
        let keywords: [[UInt8]]
        /// The `N.` or `N、` a sub-row's label starts with, so digits glued in front of the label
        /// (`00000002.其他法律…`) are read as the label's enumerator, not as a cell.
        let enumerator: Int?
        let columns: [Column]
        /// Rows of one sub-table (the same columns, printed as one grid) share a group number; a
        /// column-major layout lists a sub-table's numbers column by column.
        let grid: Int
    }

    /// A row's words: keywords, enumerator, grid.
    struct Label {
        let keywords: [String]
        var enumerator: Int? = nil
        var grid = 0
    }

    /// The template table's rows, in its order, with their labels; a row without words is a
    /// programming error, caught by the tests that read every template.
    static func rows(_ table: TableTemplate.Table, _ labels: [String: Label]) -> [Row] {
        table.rows.map { row in
            let label = labels[row.key]!
            return Row(key: row.key, keywords: label.keywords.map { Array($0.utf8) }, enumerator: label.enumerator,
                       columns: row.columns, grid: label.grid)
        }
    }

    // MARK: - 二、主动公开政府信息情况

    static let proactiveLabels: [String: Label] = [
        "regulations": Label(keywords: ["规章"], grid: 0),
        "normative_documents": Label(keywords: ["规范性文件"], grid: 0),
        "licensing": Label(keywords: ["行政许可"], grid: 1),
        "other_services": Label(keywords: ["其他对外管理服务", "对外管理服务事项"], grid: 1),
        "punishment": Label(keywords: ["行政处罚"], grid: 2),
        "enforcement": Label(keywords: ["行政强制"], grid: 2),
        "fees": Label(keywords: ["行政事业性收费"], grid: 3),
        "procurement": Label(keywords: ["政府集中采购"], grid: 4),
    ]

    static let proactive2021 = rows(TableTemplate.template2021.proactive, proactiveLabels)
    static let proactive2019 = rows(TableTemplate.template2019.proactive, proactiveLabels)

    /// Words only the 2019–2020 table 2 prints.
    static let markers2019: [[UInt8]] = ["新制作", "新公开数量", "对外公开总数量", "上一年项目", "本年增/减", "政府集中采购",
                                         "对外管理服务"].map { Array($0.utf8) }
    /// Words only the 2021 table 2 prints.
    static let markers2021: [[UInt8]] = ["制发件数", "废止件数", "现行有效件数", "收费金额"].map { Array($0.utf8) }

    // MARK: - 三、收到和处理政府信息公开申请情况

    static let applicantColumns: [String] = TableTemplate.applicantColumns.map(\.key)
    static let applicationRowKeys: [String] = TableTemplate.applicationsTable.rows.map(\.key)

    /// A table-3 row's index in template order, by its key.
    static func applicationIndex(_ key: String) -> Int { TableTemplate.applicationsTable.index(of: key)! }

    /// The indices of the result rows (granted … other_other), which add up to handled_total.
    static let resultRowIndices: [Int] = TableTemplate.resultRows.map(applicationIndex)

    static let applicationLabels: [String: Label] = [
        "new_received": Label(keywords: ["本年新收"]),
        "carried_over": Label(keywords: ["上年结转"]),
        "granted": Label(keywords: ["予以公开"]),
        "partly_granted": Label(keywords: ["部分公开"]),
        "denied_state_secret": Label(keywords: ["国家秘密"], enumerator: 1),
        "denied_prohibited": Label(keywords: ["禁止公开", "法律行政", "止公开"], enumerator: 2),
        "denied_security_stability": Label(keywords: ["三安全一稳定", "危及"], enumerator: 3),
        "denied_third_party": Label(keywords: ["第三方"], enumerator: 4),
        "denied_internal_affairs": Label(keywords: ["内部事务"], enumerator: 5),
        "denied_process_info": Label(keywords: ["过程性"], enumerator: 6),
        "denied_enforcement_files": Label(keywords: ["执法案卷"], enumerator: 7),
        "denied_inquiry": Label(keywords: ["查询事项"], enumerator: 8),
        "unable_not_held": Label(keywords: ["不掌握"], enumerator: 1),
        "unable_needs_creation": Label(keywords: ["另行制作", "没有现成"], enumerator: 2),
        "unable_unclear": Label(keywords: ["仍不明确", "补正后申请"], enumerator: 3),
        "rejected_petition": Label(keywords: ["信访", "举报投诉"], enumerator: 1),
        "rejected_repeated": Label(keywords: ["重复申请"], enumerator: 2),
        "rejected_publication": Label(keywords: ["公开出版物"], enumerator: 3),
        "rejected_excessive": Label(keywords: ["大量反复"], enumerator: 4),
        "rejected_reconfirm": Label(keywords: ["确认或重新", "已获取信息"], enumerator: 5),
        "other_no_correction": Label(keywords: ["逾期不补正"], enumerator: 1),
        "other_no_fee": Label(keywords: ["收费通知", "缴纳费用"], enumerator: 2),
        // Its label depends on whether （六）其他处理 has sub-rows (`singleOtherKeywords`).
        "other_other": Label(keywords: ["其他"], enumerator: 3),
        "handled_total": Label(keywords: ["七)总计", "七）总计"]),
        "carried_forward": Label(keywords: ["结转下年度"]),
    ]

    static let applications = rows(TableTemplate.applicationsTable, applicationLabels)

    /// The label of a （六）其他处理 printed as one row, without sub-rows.
    static let singleOtherKeywords: [[UInt8]] = [Array("其他处理".utf8)]

    // MARK: - 四、行政复议、行政诉讼

    static let reviewGroups: [String] = TableTemplate.reviewTable.rows.map(\.key)
    static let reviewParts: [String] = TableTemplate.reviewParts.map(\.key)

    // MARK: - Headings

    static let applicationsHeading = Array("收到和处理政府信息公开申请".utf8)
    /// Words of table 3's column header.
    static let applicantHeaderWords: [[UInt8]] = ["申请人情况", "自然人", "勾稽关系"].map { Array($0.utf8) }
    static let proactiveHeading = Array("主动公开政府信息情况".utf8)
    /// 第二十条第（一）项 …: the sub-table headings of table 2.
    static let articleTwenty = Array("第二十条第".utf8)
    static let reviewHeading = Array("行政诉讼".utf8)
    static let reviewHeaderWord = Array("维持".utf8)
    static let tablesEnd: [[UInt8]] = [Array("主要问题".utf8), Array("其他需要报告".utf8)]
    /// The next chapter's heading (`五、信息处理费收取情况`): table 4 is the last table of its
    /// chapter, so its numbers end where another chapter begins.
    static let chapterHeadings: [[UInt8]] = ["五、", "六、", "七、", "八、", "九、"].map { Array($0.utf8) }
}
