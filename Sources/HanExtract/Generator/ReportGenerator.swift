import HanCore

/// Made-up 政府信息公开工作年度报告 with their gold tables, for round-trip tests and benchmarks.
///
/// Each report has an agency composed from name parts, one of the two templates (2021 or
/// 2019–2020), and numbers that satisfy every SPEC check (row sums, handled sums, balance,
/// table-4 group sums), printed in one of the layouts real archives hold (`Layout`). Blank cells
/// (`/`, `—`, `-`, `无`, empty fields) appear where the layout can show them; their gold is null.
///
/// The same seed and index always give the same report, so a failing case can be regenerated
/// on its own: `ReportGenerator(seed: s).report(index: i)`.
public struct ReportGenerator: Sendable {
    public enum Layout: String, Sendable, CaseIterable {
        /// One cell per line, tab indented, blank lines between rows, some labels split over lines.
        case cellPerLine = "cell-per-line"
        /// Tab-separated rows with 1–3 merged label cells and empty fields for blank cells.
        case tsv
        /// PDF text: a grid's row labels first, then its numbers column by column, page footers.
        case pdf
        /// Crawler text: the whole body on one line, a row's cells glued into one digit string.
        case glued
        /// Markdown pipe rows.
        case pipe
    }

    /// What real converters get wrong, printed on purpose so a reader proves it comes back exact
    /// or null, never wrong. Each applies to the layouts that show it.
    public enum Fault: String, Sendable, CaseIterable {
        /// PDF: one page fragment of table 3 printed without a column whose cells are all blank.
        case droppedBlankColumn = "dropped-blank-column"
        /// A page footer (`- 5 -`, `第5页`, or a bare page number) between two cells of a table-3 row.
        case footerInRow = "footer-in-row"
        /// Header cells broken over several lines.
        case multilineHeader = "multiline-header"
        /// A pipe row of table 3 without the field of a blank cell.
        case missingPipeCell = "missing-pipe-cell"
        /// Table-3 rows printed without their labels, on lines of their own after a labelled row.
        case unlabelledRows = "unlabelled-rows"

        public var layouts: Set<Layout> {
            switch self {
            case .droppedBlankColumn: [.pdf]
            case .footerInRow: [.cellPerLine, .tsv]
            case .multilineHeader: [.cellPerLine, .tsv, .pipe]
            case .missingPipeCell: [.pipe]
            case .unlabelledRows: [.tsv]
            }
        }
    }

    public struct Report: Sendable {
        public var text: String
        public var profile: Profile
        public var layout: Layout
        /// The converter fault printed into the text, if any.
        public var fault: Fault?
        public var agency: String
        public var year: Int
        /// The tables as printed: what a reader must return.
        public var tables: Tables
    }

    public let seed: UInt64
    public let layouts: [Layout]
    public let faults: [Fault]

    /// `faults`: every report whose layout shows one of them gets one, in turn; none by default.
    public init(seed: UInt64 = 1, layouts: [Layout] = Layout.allCases, faults: [Fault] = []) {
        precondition(!layouts.isEmpty, "a generator needs at least one layout")
        self.seed = seed
        self.layouts = layouts
        self.faults = faults
    }

    /// The report at `index`: its layout cycles through `layouts`, its fault through the faults
    /// its layout shows; everything else is drawn.
    public func report(index: Int) -> Report {
        var random = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        let layout = layouts[index % layouts.count]
        let shown = faults.filter { $0.layouts.contains(layout) }
        let fault = shown.isEmpty ? nil : shown[(index / layouts.count) % shown.count]
        let is2019 = random.next(below: 3) == 0
        let year = is2019 ? 2019 + random.next(below: 2) : 2021 + random.next(below: 4)
        let agency = AgencyNames.make(&random)
        var content = ReportContent.make(&random, is2019: is2019, layout: layout, fault: fault)
        var renderer = ReportRenderer(layout: layout, random: random, fault: fault)
        let text = renderer.render(agency: agency, year: year, content: &content)
        return Report(text: text, profile: is2019 ? .govDisclosure2019 : .govDisclosure2021, layout: layout,
                      fault: fault, agency: agency, year: year, tables: content.goldTables())
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ percent: Int) -> Bool { next(below: 100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[next(below: items.count)] }

    /// A count as reports print them: mostly 0, sometimes small, rarely large.
    mutating func count(zeroPercent: Int = 55, scale: Int = 30) -> Int {
        if chance(zeroPercent) { return 0 }
        if chance(80) { return 1 + next(below: 9) }
        return 1 + next(below: scale * (chance(20) ? 100 : 1))
    }
}

enum AgencyNames {
    static let places = ["青", "石", "河", "安", "平", "东", "西", "南", "北", "阳", "泉", "山", "林", "江", "宁", "兴",
                         "和", "丰", "清", "长", "永", "新", "云", "湖", "嘉", "德", "华", "荣", "金", "宝"]
    static let levels = ["市", "区", "县", "旗"]
    static let bodies = ["人民政府办公室", "人民政府", "发展和改革委员会", "教育局", "财政局", "自然资源局",
                         "住房和城乡建设局", "交通运输局", "卫生健康委员会", "市场监督管理局", "生态环境局",
                         "民政局", "司法局", "应急管理局", "人力资源和社会保障局", "农业农村局", "街道办事处",
                         "镇人民政府", "乡人民政府", "税务局"]

    static func make(_ random: inout SplitMix64) -> String {
        var name = random.pick(places) + random.pick(places) + random.pick(levels)
        if random.chance(40) { name += random.pick(places) + random.pick(places) + "区" }
        return name + random.pick(bodies)
    }
}
