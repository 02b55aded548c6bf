/// The national templates of a disclosure report's three statistical tables, named once for
/// every part of HanMine: the rows and columns of SPEC.md (国办公开办函〔2021〕30号 and
/// 〔2019〕60号), the kind of number each cell holds, and the check rules (勾稽关系) that tie them.
///
/// Readers fit text to these rows, `checks` evaluates these rules, the generator prints these
/// tables and the store's views pivot these columns; nothing indexes a row by a bare number.
/// Invariant: every row and column key is unique within its table, and every rule names rows and
/// columns of the table it checks.
public struct TableTemplate: Sendable {
    /// What a cell may hold; decides which digit strings a glued run may be cut into.
    public enum CellKind: Sendable, Equatable {
        /// A count: a non-negative integer.
        case count
        /// 本年增/减: an integer that may be negative.
        case signedCount
        /// An amount of money: a non-negative decimal.
        case amount
    }

    public struct Column: Sendable, Equatable {
        public let key: String
        public let kind: CellKind
        public init(_ key: String, _ kind: CellKind = .count) {
            self.key = key
            self.kind = kind
        }
    }

    public struct Row: Sendable, Equatable {
        public let key: String
        public let columns: [Column]
        public init(_ key: String, _ columns: [Column]) {
            self.key = key
            self.columns = columns
        }
    }

    /// One table: `proactive`, `applications` or `review_litigation`.
    public struct Table: Sendable {
        public let name: String
        public let rows: [Row]

        /// A row's position in template order.
        public func index(of row: String) -> Int? { rows.firstIndex { $0.key == row } }

        public func row(_ key: String) -> Row? { rows.first { $0.key == key } }

        /// The number of cells.
        public var cellCount: Int { rows.reduce(0) { $0 + $1.columns.count } }
    }

    /// A check rule; it gives one check per row or column it names, `<table>.<name>.<row|column>`.
    public struct Rule: Sendable {
        public enum Kind: Sendable {
            /// In each of `rows`, the `parts` columns add up to the `total` column.
            case rowSum(rows: [String], parts: [String], total: String)
            /// In each of `columns`, the `parts` rows add up to the `total` row; a part row the
            /// document does not have (or left all blank) is not counted.
            case columnSum(parts: [String], total: String, columns: [String])
            /// In each of `columns`, the `left` rows add up to the `right` rows.
            case balance(left: [String], right: [String], columns: [String])
        }

        public let table: String
        public let name: String
        public let kind: Kind
    }

    public let profile: Profile
    public let proactive: Table
    public let applications: Table
    public let reviewLitigation: Table
    public let rules: [Rule]

    public var tables: [Table] { [proactive, applications, reviewLitigation] }

    /// A table of this template by its name.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// The template a profile's reports follow; nil for profiles without the standard tables.
    public static func forProfile(_ profile: Profile) -> TableTemplate? {
        switch profile {
        case .govDisclosure2021: template2021
        case .govDisclosure2019: template2019
        case .govDisclosureLegacy, .generic: nil
        }
    }

    // MARK: - The templates

    static func counts(_ keys: [String]) -> [Column] { keys.map { Column($0) } }

    /// 三: the applicant columns, natural_person + the five organisation columns = total.
    public static let applicantColumns = counts(["natural_person", "commercial", "research", "social_welfare",
                                                 "legal_service", "other_org", "total"])

    /// 三: the rows from granted to other_other, which add up to handled_total.
    public static let resultRows = [
        "granted", "partly_granted",
        "denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party",
        "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_inquiry",
        "unable_not_held", "unable_needs_creation", "unable_unclear",
        "rejected_petition", "rejected_repeated", "rejected_publication", "rejected_excessive", "rejected_reconfirm",
        "other_no_correction", "other_no_fee", "other_other",
    ]

    /// 三、收到和处理政府信息公开申请情况: the same in both templates.
    public static let applicationsTable = Table(
        name: "applications",
        rows: (["new_received", "carried_over"] + resultRows + ["handled_total", "carried_forward"])
            .map { Row($0, applicantColumns) })

    public static let reviewParts = counts(["upheld", "corrected", "other", "pending", "total"])

    /// 四、行政复议、行政诉讼: three groups of five, the same in both templates.
    public static let reviewTable = Table(
        name: "review_litigation",
        rows: ["review", "litigation_direct", "litigation_after_review"].map { Row($0, reviewParts) })

    /// The rules of SPEC.md's "Checks", in the order records list them: the same in both
    /// templates (table 2 has no arithmetic).
    public static let rules: [Rule] = {
        let columns = applicantColumns.map(\.key)
        return [
            Rule(table: "applications", name: "row_sum", kind: .rowSum(
                rows: applicationsTable.rows.map(\.key), parts: Array(columns.dropLast()), total: "total")),
            Rule(table: "applications", name: "handled_sum", kind: .columnSum(
                parts: resultRows, total: "handled_total", columns: columns)),
            Rule(table: "applications", name: "balance", kind: .balance(
                left: ["new_received", "carried_over"], right: ["handled_total", "carried_forward"], columns: columns)),
            Rule(table: "review_litigation", name: "sum", kind: .rowSum(
                rows: reviewTable.rows.map(\.key), parts: reviewParts.dropLast().map(\.key), total: "total")),
        ]
    }()

    /// 二、主动公开政府信息情况 of the 2021 template.
    public static let template2021 = TableTemplate(
        profile: .govDisclosure2021,
        proactive: Table(name: "proactive", rows: [
            Row("regulations", counts(["issued", "repealed", "in_force"])),
            Row("normative_documents", counts(["issued", "repealed", "in_force"])),
            Row("licensing", counts(["decisions"])),
            Row("punishment", counts(["decisions"])),
            Row("enforcement", counts(["decisions"])),
            Row("fees", [Column("amount_10k_yuan", .amount)]),
        ]),
        applications: applicationsTable, reviewLitigation: reviewTable, rules: rules)

    static let items2019 = [Column("prev_items"), Column("change", .signedCount), Column("decisions")]

    /// 二 of the 2019–2020 template: 上一年项目数量, 本年增/减, 处理决定数量, and 政府集中采购.
    public static let template2019 = TableTemplate(
        profile: .govDisclosure2019,
        proactive: Table(name: "proactive", rows: [
            Row("regulations", counts(["made", "published", "in_force"])),
            Row("normative_documents", counts(["made", "published", "in_force"])),
            Row("licensing", items2019),
            Row("other_services", items2019),
            Row("punishment", items2019),
            Row("enforcement", items2019),
            Row("fees", [Column("prev_items"), Column("change", .signedCount)]),
            Row("procurement", [Column("projects"), Column("amount_yuan", .amount)]),
        ]),
        applications: applicationsTable, reviewLitigation: reviewTable, rules: rules)
}
