/// The indicators researchers compute from the statistical tables, defined once as data: the
/// store's views, `hanmine indicators`, the charts and the tests all iterate `Indicators.all`,
/// so a formula is written in one place only.
///
/// Every indicator is a sum of cells (the numerator), divided by a sum of cells (the denominator)
/// when it is a rate. A rate is a plain fraction at full precision (0.619047…, never a percent).
/// Null, never NaN or a division error: when a cell it needs is blank or absent, or the
/// denominator is 0, the value is nil and `IndicatorValue.note` says why.
///
/// Cell names are the SPEC keys of the national templates (国办公开办函〔2021〕30号, 〔2019〕60号);
/// a test checks each against the reader's template.
public struct IndicatorCell: Hashable, Sendable, CustomStringConvertible {
    public let table: String
    public let row: String
    public let column: String
    /// A cell a template variant leaves out: nil counts as 0 as long as another cell of the same
    /// sum is printed. Only the two （六） sub-rows are: a report printing a single 其他处理 row
    /// has its count in `other_other` and no sub-rows.
    public let nilIsZero: Bool

    public init(_ table: String, _ row: String, _ column: String, nilIsZero: Bool = false) {
        self.table = table
        self.row = row
        self.column = column
        self.nilIsZero = nilIsZero
    }

    /// The column of the store's `indicator_cells` that holds this cell: `row_column` (row keys
    /// are unique across the three tables).
    public var storeColumn: String { "\(row)_\(column)" }

    /// `table.row.column`, as notes name it.
    public var description: String { "\(table).\(row).\(column)" }
}

/// One indicator: a name (the column name everywhere), what it reads and what it means.
public struct Indicator: Sendable, Hashable {
    public enum Group: String, Sendable, CaseIterable {
        case applications, reviewLitigation = "review_litigation", proactive
    }

    public let name: String
    public let group: Group
    public let numerator: [IndicatorCell]
    /// Empty for a count (the numerator alone).
    public let denominator: [IndicatorCell]
    /// A short Chinese label for charts and report pages.
    public let label: String
    /// The formula in words, for `--help`, the README and the report.
    public let doc: String

    public var isRate: Bool { !denominator.isEmpty }

    /// Every cell the indicator reads, numerator first.
    public var cells: [IndicatorCell] { numerator + denominator.filter { !numerator.contains($0) } }

    /// The indicator of one report. `cell` gives a cell's value (nil: blank, or not printed).
    public func evaluate(_ cell: (IndicatorCell) -> Double?) -> IndicatorValue {
        let top = Self.sum(numerator, cell)
        guard isRate else {
            if let value = top.value { return IndicatorValue(value: value) }
            return IndicatorValue(value: nil, note: "\(name): blank \(top.missing.map(\.description).joined(separator: ", "))")
        }
        let bottom = Self.sum(denominator, cell)
        let missing = top.missing + bottom.missing.filter { !top.missing.contains($0) }
        if !missing.isEmpty {
            return IndicatorValue(value: nil, note: "\(name): blank \(missing.map(\.description).joined(separator: ", "))")
        }
        guard let numerator = top.value, let denominator = bottom.value, denominator != 0 else {
            return IndicatorValue(value: nil, note: "\(name): denominator \(self.denominator.map(\.description).joined(separator: " + ")) is 0")
        }
        return IndicatorValue(value: numerator / denominator)
    }

    /// A sum of cells: nil, with the required cells that are nil, when any is. A `nilIsZero`
    /// cell adds 0 when nil. Every sum has at least one required cell.
    static func sum(_ cells: [IndicatorCell], _ value: (IndicatorCell) -> Double?) -> (value: Double?, missing: [IndicatorCell]) {
        var total = 0.0
        var missing: [IndicatorCell] = []
        for cell in cells {
            if let number = value(cell) {
                total += number
            } else if !cell.nilIsZero {
                missing.append(cell)
            }
        }
        return missing.isEmpty ? (total, []) : (nil, missing)
    }
}

/// An indicator of one report: the value, or nil with the reason.
public struct IndicatorValue: Sendable, Equatable {
    public var value: Double?
    public var note: String?
    public init(value: Double?, note: String? = nil) {
        self.value = value
        self.note = note
    }
}

public enum Indicators {
    static func application(_ row: String, nilIsZero: Bool = false) -> IndicatorCell {
        IndicatorCell("applications", row, "total", nilIsZero: nilIsZero)
    }

    /// The eight refusal reasons of （三）不予公开, in template order, with their labels.
    public static let denialReasons: [(row: String, label: String)] = [
        ("denied_state_secret", "国家秘密"), ("denied_prohibited", "法律行政法规禁止公开"),
        ("denied_security_stability", "危及“三安全一稳定”"), ("denied_third_party", "保护第三方合法权益"),
        ("denied_internal_affairs", "内部事务信息"), ("denied_process_info", "过程性信息"),
        ("denied_enforcement_files", "行政执法案卷"), ("denied_inquiry", "行政查询事项"),
    ]
    static let unableRows = ["unable_not_held", "unable_needs_creation", "unable_unclear"]
    static let rejectedRows = ["rejected_petition", "rejected_repeated", "rejected_publication", "rejected_excessive",
                               "rejected_reconfirm"]
    static let otherCells = [application("other_no_correction", nilIsZero: true), application("other_no_fee", nilIsZero: true),
                             application("other_other")]
    static let handled = [application("handled_total")]
    static let received = [application("new_received"), application("carried_over")]

    static func rate(_ name: String, _ numerator: [IndicatorCell], _ label: String, _ doc: String) -> Indicator {
        Indicator(name: name, group: .applications, numerator: numerator, denominator: handled, label: label,
                  doc: doc + " / handled_total (（七）总计), total column")
    }

    /// Table 4: one group's totals and its correction rate.
    static func review(_ group: String, _ prefix: String, _ label: String) -> [Indicator] {
        let cell = { (part: String) in IndicatorCell("review_litigation", group, part) }
        let decided = [cell("upheld"), cell("corrected"), cell("other")]
        return [
            Indicator(name: "\(prefix)_total", group: .reviewLitigation, numerator: [cell("total")], denominator: [],
                      label: "\(label)总数", doc: "review_litigation.\(group).total"),
            Indicator(name: "\(prefix)_correction_rate", group: .reviewLitigation, numerator: [cell("corrected")],
                      denominator: decided, label: "\(label)纠错率",
                      doc: "\(group).corrected / (upheld + corrected + other): the share of decided cases that ended in correction"),
        ]
    }

    /// Every indicator, in the order commands print them: grouped by table in `Group`'s order
    /// (a test holds this, `evaluate` relies on it).
    public static let all: [Indicator] = {
        var out: [Indicator] = [
            Indicator(name: "received", group: .applications, numerator: received, denominator: [],
                      label: "收到申请数", doc: "new_received + carried_over (本年新收 + 上年结转), total column"),
            Indicator(name: "handled", group: .applications, numerator: handled, denominator: [],
                      label: "办理申请数", doc: "handled_total (（七）总计), total column"),
            rate("grant_rate", [application("granted"), application("partly_granted")], "公开率（含部分公开）",
                 "(granted + partly_granted)"),
            rate("full_grant_rate", [application("granted")], "予以公开率", "granted"),
            rate("partial_grant_rate", [application("partly_granted")], "部分公开率", "partly_granted"),
            rate("denial_rate", denialReasons.map { application($0.row) }, "不予公开率", "the eight denied_* rows"),
        ]
        for reason in denialReasons {
            out.append(rate("\(reason.row)_rate", [application(reason.row)], "不予公开：\(reason.label)", reason.row))
        }
        out += [
            rate("unable_rate", unableRows.map { application($0) }, "无法提供率", "the three unable_* rows"),
            rate("not_processed_rate", rejectedRows.map { application($0) }, "不予处理率", "the five rejected_* rows"),
            rate("other_rate", otherCells, "其他处理率",
                 "(other_no_correction + other_no_fee + other_other; a single 其他处理 row has its count in other_other)"),
            Indicator(name: "carried_forward_share", group: .applications, numerator: [application("carried_forward")],
                      denominator: received, label: "结转下年度占比",
                      doc: "carried_forward / (new_received + carried_over), total column"),
        ]
        out += review("review", "review", "行政复议")
        out += review("litigation_direct", "lawsuit_direct", "未经复议直接起诉")
        out += review("litigation_after_review", "lawsuit_after_review", "复议后起诉")
        let both = ["litigation_direct", "litigation_after_review"]
        out += [
            Indicator(name: "lawsuit_total", group: .reviewLitigation,
                      numerator: both.map { IndicatorCell("review_litigation", $0, "total") }, denominator: [],
                      label: "行政诉讼总数", doc: "litigation_direct.total + litigation_after_review.total"),
            Indicator(name: "lawsuit_correction_rate", group: .reviewLitigation,
                      numerator: both.map { IndicatorCell("review_litigation", $0, "corrected") },
                      denominator: both.flatMap { group in ["upheld", "corrected", "other"].map { IndicatorCell("review_litigation", group, $0) } },
                      label: "行政诉讼纠错率", doc: "corrected / (upheld + corrected + other), both lawsuit groups summed"),
        ]
        let proactive = { (row: String, column: String) in IndicatorCell("proactive", row, column) }
        out += [
            Indicator(name: "normative_documents_issued", group: .proactive, numerator: [proactive("normative_documents", "issued")],
                      denominator: [], label: "规范性文件制发件数",
                      doc: "proactive.normative_documents.issued (2021 template; the 2019 one prints made/published)"),
            Indicator(name: "normative_documents_in_force", group: .proactive, numerator: [proactive("normative_documents", "in_force")],
                      denominator: [], label: "现行有效规范性文件", doc: "proactive.normative_documents.in_force"),
            Indicator(name: "licensing_decisions", group: .proactive, numerator: [proactive("licensing", "decisions")],
                      denominator: [], label: "行政许可决定数", doc: "proactive.licensing.decisions"),
            Indicator(name: "punishment_decisions", group: .proactive, numerator: [proactive("punishment", "decisions")],
                      denominator: [], label: "行政处罚决定数", doc: "proactive.punishment.decisions"),
            Indicator(name: "fees_10k_yuan", group: .proactive, numerator: [proactive("fees", "amount_10k_yuan")],
                      denominator: [], label: "行政事业性收费（万元）", doc: "proactive.fees.amount_10k_yuan (2021 template)"),
        ]
        return out
    }()

    /// The indicator called `name`.
    public static func named(_ name: String) -> Indicator? { all.first { $0.name == name } }

    /// The rates that split handled applications into outcomes; they add up to 1 when the
    /// report's handled-sum check holds. Stacked bars show them.
    public static let outcomeShares = ["full_grant_rate", "partial_grant_rate", "denial_rate", "unable_rate",
                                       "not_processed_rate", "other_rate"]

    /// Every cell any indicator reads, each once, in first-use order.
    public static let cells: [IndicatorCell] = {
        var seen: Set<String> = []
        var out: [IndicatorCell] = []
        for indicator in all {
            for cell in indicator.cells where seen.insert(cell.storeColumn).inserted { out.append(cell) }
        }
        return out
    }()

    /// Every indicator of one report, in `all`'s order, and the notes of the nil ones joined by
    /// "; " (nil when there are none). A table the report lacks gives one note, `no <table>
    /// table`, for all its indicators.
    public static func evaluate(has table: (Indicator.Group) -> Bool,
                                _ cell: (IndicatorCell) -> Double?) -> (values: [Double?], notes: String?) {
        var values: [Double?] = []
        var notes: [String] = []
        for group in Indicator.Group.allCases {
            let present = table(group)
            if !present { notes.append("no \(group.rawValue) table") }
            for indicator in all where indicator.group == group {
                let result = present ? indicator.evaluate(cell) : IndicatorValue(value: nil)
                values.append(result.value)
                if let note = result.note { notes.append(note) }
            }
        }
        return (values, notes.isEmpty ? nil : notes.joined(separator: "; "))
    }
}

extension Tables {
    /// The table with this SPEC key (`proactive`, `applications`, `review_litigation`).
    public func table(_ name: String) -> Table? {
        switch name {
        case "proactive": return proactive
        case "applications": return applications
        case "review_litigation": return reviewLitigation
        default: return nil
        }
    }

    public func table(_ group: Indicator.Group) -> Table? { table(group.rawValue) }

    /// Every indicator of a report with these tables (`Indicators.evaluate`).
    public var indicators: (values: [Double?], notes: String?) {
        Indicators.evaluate(has: { table($0) != nil }) { table($0.table)?[$0.row, $0.column] }
    }
}
