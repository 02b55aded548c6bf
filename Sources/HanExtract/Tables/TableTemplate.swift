/// The national templates of the three statistical tables (国办公开办函〔2021〕30号 and
/// 〔2019〕60号): the fixed row and column keys of SPEC.md, the words that identify each row's
/// label, and the kind of number each cell holds.
///
/// Keywords are matched on the text with all whitespace removed, so labels that a layout broke
/// over lines (`尚未\n审结`, `（三）不\n\n予公开`) still match. Each row lists alternatives so a
/// label garbled by a PDF's text layer (其他法律行政止公开) is still found by another fragment.
enum TableTemplate {
    /// What a cell may hold; decides which digit strings a glued run may be cut into.
    enum CellKind: Sendable, Equatable {
        /// A count: a non-negative integer.
        case count
        /// 本年增/减: an integer that may be negative.
        case signedCount
        /// An amount of money: a non-negative decimal.
        case amount
    }

    struct Column: Sendable {
        let key: String
        let kind: CellKind
    }

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

        init(_ key: String, _ keywords: [String], enumerator: Int? = nil, columns: [Column], grid: Int) {
            self.key = key
            self.keywords = keywords.map { Array($0.utf8) }
            self.enumerator = enumerator
            self.columns = columns
            self.grid = grid
        }
    }

    static func counts(_ keys: [String]) -> [Column] { keys.map { Column(key: $0, kind: .count) } }

    // MARK: - 二、主动公开政府信息情况

    static let proactive2021: [Row] = [
        Row("regulations", ["规章"], columns: counts(["issued", "repealed", "in_force"]), grid: 0),
        Row("normative_documents", ["规范性文件"], columns: counts(["issued", "repealed", "in_force"]), grid: 0),
        Row("licensing", ["行政许可"], columns: counts(["decisions"]), grid: 1),
        Row("punishment", ["行政处罚"], columns: counts(["decisions"]), grid: 2),
        Row("enforcement", ["行政强制"], columns: counts(["decisions"]), grid: 2),
        Row("fees", ["行政事业性收费"], columns: [Column(key: "amount_10k_yuan", kind: .amount)], grid: 3),
    ]

    static let itemColumns2019: [Column] = [
        Column(key: "prev_items", kind: .count), Column(key: "change", kind: .signedCount),
        Column(key: "decisions", kind: .count),
    ]

    static let proactive2019: [Row] = [
        Row("regulations", ["规章"], columns: counts(["made", "published", "in_force"]), grid: 0),
        Row("normative_documents", ["规范性文件"], columns: counts(["made", "published", "in_force"]), grid: 0),
        Row("licensing", ["行政许可"], columns: itemColumns2019, grid: 1),
        Row("other_services", ["其他对外管理服务", "对外管理服务事项"], columns: itemColumns2019, grid: 1),
        Row("punishment", ["行政处罚"], columns: itemColumns2019, grid: 2),
        Row("enforcement", ["行政强制"], columns: itemColumns2019, grid: 2),
        Row("fees", ["行政事业性收费"],
            columns: [Column(key: "prev_items", kind: .count), Column(key: "change", kind: .signedCount)], grid: 3),
        Row("procurement", ["政府集中采购"],
            columns: [Column(key: "projects", kind: .count), Column(key: "amount_yuan", kind: .amount)], grid: 4),
    ]

    /// Words only the 2019–2020 table 2 prints.
    static let markers2019: [[UInt8]] = ["新制作", "新公开数量", "对外公开总数量", "上一年项目", "本年增/减", "政府集中采购",
                                         "对外管理服务"].map { Array($0.utf8) }
    /// Words only the 2021 table 2 prints.
    static let markers2021: [[UInt8]] = ["制发件数", "废止件数", "现行有效件数", "收费金额"].map { Array($0.utf8) }

    // MARK: - 三、收到和处理政府信息公开申请情况

    static let applicantColumns: [String] = [
        "natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total",
    ]

    static let applicationRowKeys: [String] = [
        "new_received", "carried_over", "granted", "partly_granted",
        "denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party",
        "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_inquiry",
        "unable_not_held", "unable_needs_creation", "unable_unclear",
        "rejected_petition", "rejected_repeated", "rejected_publication", "rejected_excessive", "rejected_reconfirm",
        "other_no_correction", "other_no_fee", "other_other", "handled_total", "carried_forward",
    ]

    /// The rows from granted to other_other: they add up to handled_total.
    static let resultRowKeys: ArraySlice<String> = applicationRowKeys[2..<23]

    /// A table-3 row's index in template order, by its key.
    static func applicationIndex(_ key: String) -> Int { applicationRowKeys.firstIndex(of: key)! }

    /// The indices of the result rows.
    static let resultRowIndices: Range<Int> = resultRowKeys.startIndex..<resultRowKeys.endIndex

    static func applicationRow(_ key: String, _ keywords: [String], enumerator: Int? = nil) -> Row {
        Row(key, keywords, enumerator: enumerator, columns: counts(applicantColumns), grid: 0)
    }

    /// Every row but other_other, whose label depends on whether （六）其他处理 has sub-rows.
    static let applications: [Row] = [
        applicationRow("new_received", ["本年新收"]),
        applicationRow("carried_over", ["上年结转"]),
        applicationRow("granted", ["予以公开"]),
        applicationRow("partly_granted", ["部分公开"]),
        applicationRow("denied_state_secret", ["国家秘密"], enumerator: 1),
        applicationRow("denied_prohibited", ["禁止公开", "法律行政", "止公开"], enumerator: 2),
        applicationRow("denied_security_stability", ["三安全一稳定", "危及"], enumerator: 3),
        applicationRow("denied_third_party", ["第三方"], enumerator: 4),
        applicationRow("denied_internal_affairs", ["内部事务"], enumerator: 5),
        applicationRow("denied_process_info", ["过程性"], enumerator: 6),
        applicationRow("denied_enforcement_files", ["执法案卷"], enumerator: 7),
        applicationRow("denied_inquiry", ["查询事项"], enumerator: 8),
        applicationRow("unable_not_held", ["不掌握"], enumerator: 1),
        applicationRow("unable_needs_creation", ["另行制作", "没有现成"], enumerator: 2),
        applicationRow("unable_unclear", ["仍不明确", "补正后申请"], enumerator: 3),
        applicationRow("rejected_petition", ["信访", "举报投诉"], enumerator: 1),
        applicationRow("rejected_repeated", ["重复申请"], enumerator: 2),
        applicationRow("rejected_publication", ["公开出版物"], enumerator: 3),
        applicationRow("rejected_excessive", ["大量反复"], enumerator: 4),
        applicationRow("rejected_reconfirm", ["确认或重新", "已获取信息"], enumerator: 5),
        applicationRow("other_no_correction", ["逾期不补正"], enumerator: 1),
        applicationRow("other_no_fee", ["收费通知", "缴纳费用"], enumerator: 2),
        applicationRow("other_other", ["其他"], enumerator: 3),
        applicationRow("handled_total", ["七)总计", "七）总计"]),
        applicationRow("carried_forward", ["结转下年度"]),
    ]

    /// The label of a （六）其他处理 printed as one row, without sub-rows.
    static let singleOtherKeywords: [[UInt8]] = [Array("其他处理".utf8)]

    // MARK: - 四、行政复议、行政诉讼

    static let reviewGroups: [String] = ["review", "litigation_direct", "litigation_after_review"]
    static let reviewParts: [String] = ["upheld", "corrected", "other", "pending", "total"]

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
