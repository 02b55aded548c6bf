import HanCore

/// Reads the three statistical tables of a 政府信息公开工作年度报告 (SPEC.md `tables`), checks
/// their arithmetic (勾稽关系, `checks`) and reports what it could not read (`warnings`).
///
/// Works on `document.normalized`; every cell span is mapped back through
/// `document.originalSpan`, so it covers the digits as printed. The table-2 variant (2021:
/// 本年制发件数 …; 2019–2020: 本年新制作数量 …, 政府集中采购) is read from the labels; `profile` only
/// decides whether the document has the standard tables at all and breaks a tie.
///
/// Numbers are never invented: a blank cell is null with `cell.blank`; glued digits that the
/// template's arithmetic cannot cut one way only are null with `cell.ambiguous`; checks run on
/// the numbers as printed and fail where the document's own arithmetic is wrong.
public enum TableExtraction {
    public struct Result: Sendable {
        public var tables: Tables?
        public var checks: [Check]
        public var warnings: [Warning]
        /// nil when the profile has no standard tables.
        public var quality: TableQuality?
        public init(tables: Tables?, checks: [Check], warnings: [Warning], quality: TableQuality? = nil) {
            self.tables = tables
            self.checks = checks
            self.warnings = warnings
            self.quality = quality
        }
    }

    public static func extract(_ document: Document, profile: Profile) -> Result {
        guard profile.hasStandardTables else { return Result(tables: nil, checks: [], warnings: []) }
        var reader = TableReader(document: document, profileHint: profile)
        let tables = reader.read()
        let checks = TableChecks.checks(tables, template: TableTemplate.forProfile(profile) ?? .template2021,
                                        unsettled: reader.unsettledApplicationRows)
        var quality = reader.tally.quality
        quality.count(checks)
        return Result(tables: tables, checks: checks, warnings: reader.warnings, quality: quality)
    }
}

/// Counts what the reader made of each template cell, for `TableQuality`.
struct QualityTally {
    var cells = 0
    var read = 0
    var blank = 0
    var ambiguous = 0
    /// Cells read in each layout: the record's layout is the one most cells were read in.
    var cellsByLayout: [TableLayout: Int] = [:]

    var quality: TableQuality {
        let layout = TableLayout.allCases.max { (cellsByLayout[$0] ?? 0) < (cellsByLayout[$1] ?? 0) }
            .flatMap { (cellsByLayout[$0] ?? 0) > 0 ? $0 : nil } ?? .none
        return TableQuality(layout: layout, cells: cells, read: read, blank: blank, ambiguous: ambiguous)
    }
}

extension TableExtraction {
    /// Checks and the quality summary for tables a reader took from the document's own grid of
    /// cells (HTML `<td>`, DOCX) rather than from text: the same template rules as text, layout
    /// `grid`. `blank` holds the cells (`table.row.column`) the grid printed blank; every other
    /// null cell counts as unread, and a table-3 row holding one leaves its column sums unjudged.
    public static func result(grid tables: Tables, profile: Profile, blank: Set<String>,
                              warnings: [Warning] = []) -> Result {
        guard let template = TableTemplate.forProfile(profile) else { return Result(tables: nil, checks: [], warnings: []) }
        var quality = TableQuality(layout: .grid, cells: 0, read: 0, blank: 0, ambiguous: 0)
        var unsettled: Set<String> = []
        for table in template.tables {
            quality.cells += table.cellCount
            for cell in tables.longForm where cell.table == table.name {
                if cell.value != nil {
                    quality.read += 1
                } else if blank.contains("\(cell.table).\(cell.row).\(cell.column)") {
                    quality.read += 1
                    quality.blank += 1
                } else if cell.table == "applications" {
                    unsettled.insert(cell.row)
                }
            }
        }
        if quality.read == 0 { quality.layout = .none }
        let checks = TableChecks.checks(tables, template: template, unsettled: unsettled)
        quality.count(checks)
        return Result(tables: tables, checks: checks, warnings: warnings, quality: quality)
    }
}

/// One document's tables, read once.
struct TableReader {
    let document: Document
    let profileHint: Profile
    let text: [UInt8]
    let assembler: TableAssembler
    private(set) var warnings: [Warning] = []
    private(set) var tally = QualityTally()
    /// Table-3 rows found or expected but not wholly read (missing, or with an unsettled cell).
    private(set) var unsettledApplicationRows: Set<String> = []

    init(document: Document, profileHint: Profile) {
        self.document = document
        self.profileHint = profileHint
        self.text = document.normalized
        // Labels are matched from the first table heading on (or in the whole text without one).
        let start = [TemplateLabels.proactiveHeading, TemplateLabels.applicationsHeading, TemplateLabels.articleTwenty]
            .compactMap { Self.firstIndex(of: $0, in: document.normalized) }.min() ?? 0
        self.assembler = TableAssembler(text: text, compact: CompactView(text, start..<text.count))
    }

    var compact: CompactView { assembler.compact }

    static func firstIndex(of pattern: [UInt8], in text: [UInt8]) -> Int? {
        guard let first = pattern.first, pattern.count <= text.count else { return nil }
        var i = 0
        let last = text.count - pattern.count
        while i <= last {
            if text[i] == first, text[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    mutating func read() -> Tables {
        var tables = Tables()
        let applicationsHeading = findApplicationsHeading()
        var reviewStart: Range<Int>?
        if let heading = applicationsHeading {
            let (table, end) = readApplications(from: heading.upperBound)
            tables.applications = table
            reviewStart = findReviewHeading(from: end ?? heading.upperBound)
        } else {
            reviewStart = findReviewHeading(from: 0)
        }
        tables.proactive = readProactive(before: applicationsHeading?.lowerBound)
        if let reviewStart { tables.reviewLitigation = readReview(heading: reviewStart) }
        // A table not found: its template cells are all unread.
        if tables.proactive == nil {
            let rows = profileHint == .govDisclosure2019 ? TemplateLabels.proactive2019 : TemplateLabels.proactive2021
            tally.cells += rows.reduce(0) { $0 + $1.columns.count }
        }
        if tables.applications == nil { tally.cells += TemplateLabels.applications.count * TemplateLabels.applicantColumns.count }
        if tables.reviewLitigation == nil { tally.cells += TemplateLabels.reviewGroups.count * TemplateLabels.reviewParts.count }
        return tables
    }

    // MARK: - Regions

    /// The table-3 heading that the table follows (the summary may name the section earlier).
    func findApplicationsHeading() -> Range<Int>? {
        // The heading the table follows: its column header (申请人情况, 自然人) comes before the
        // first row; a summary naming the section, or prose counting 本年新收, does not qualify.
        var plausible: Range<Int>?
        for hit in compact.findAll(TemplateLabels.applicationsHeading, from: 0) {
            guard let first = compact.find(TemplateLabels.applications[0].keywords, from: hit.upperBound,
                                           to: hit.upperBound + 2000) else { continue }
            if compact.find(TemplateLabels.applicantHeaderWords, from: hit.upperBound, to: first.lowerBound) != nil {
                return hit
            }
            if plausible == nil { plausible = hit }
        }
        if let plausible { return plausible }
        // A heading worded otherwise: the table starts at its first two rows' labels.
        for hit in compact.findAll(TemplateLabels.applications[0].keywords[0], from: 0) {
            if compact.find(TemplateLabels.applications[1].keywords, from: hit.upperBound, to: hit.upperBound + 800) != nil {
                let start = assembler.labelStart(keywordAt: hit.lowerBound, floor: 0, enumerator: nil)
                return start..<start
            }
        }
        return nil
    }

    func findReviewHeading(from start: Int) -> Range<Int>? {
        for hit in compact.findAll(TemplateLabels.reviewHeading, from: start) {
            if compact.find([TemplateLabels.reviewHeaderWord], from: hit.upperBound, to: hit.upperBound + 1200) != nil {
                return hit
            }
        }
        return nil
    }

    func sectionEnd(after start: Int) -> Int {
        guard let hit = compact.find(TemplateLabels.tablesEnd, from: start) else { return text.count }
        return assembler.labelStart(keywordAt: hit.lowerBound, floor: start, enumerator: nil)
    }

    // MARK: - Cells

    func originalSpan(_ range: Range<Int>?) -> Span? {
        guard let range else { return nil }
        return document.originalSpan(Span(range.lowerBound, range.upperBound))
    }

    mutating func cell(_ slot: TableAssembler.Slot, name: @autoclosure () -> String) -> TableCell.Reading {
        switch slot {
        case .value(let value, let range):
            return TableCell.Reading(value: value, span: document.originalSpan(Span(range.lowerBound, range.upperBound)))
        case .blank(let range):
            let span = document.originalSpan(Span(range.lowerBound, range.upperBound))
            warnings.append(Warning(code: "cell.blank", message: "\(name()) is blank", span: span))
            return TableCell.Reading(value: nil, span: range.isEmpty ? nil : span)
        case .unknown:
            return TableCell.Reading(value: nil, span: nil)
        }
    }

    /// The cells every reading of a row agrees on; the others are unknown.
    static func agreement(_ options: [[TableAssembler.Slot]]) -> [TableAssembler.Slot] {
        guard var common = options.first else { return [] }
        for option in options.dropFirst() {
            for (index, slot) in option.enumerated() where common[index] != slot { common[index] = .unknown }
        }
        return common
    }

    /// Builds a table's rows from settled slots; rows not read get null cells.
    mutating func table(name: String, rows: [(key: String, columns: [String])], slots: [Int: [TableAssembler.Slot]],
                        spans: [Int: Range<Int>?], absent: Set<Int>, ambiguous: Set<Int>, overBudget: Set<Int> = [],
                        layouts: [Int: TableLayout] = [:]) -> Table {
        var out: [TableRow] = []
        for (index, row) in rows.enumerated() {
            var cells: [TableCell] = []
            let rowSlots = slots[index]
            if !absent.contains(index) {
                count(rowSlots, width: row.columns.count, ambiguous: ambiguous.contains(index), layout: layouts[index])
                if name == "applications", rowSlots?.contains(.unknown) ?? true { unsettledApplicationRows.insert(row.key) }
            }
            if rowSlots == nil, !absent.contains(index) {
                warnings.append(Warning(code: "table.row_missing",
                                        message: "\(name).\(row.key): row not found or its numbers do not fit the template",
                                        span: originalSpan(spans[index] ?? nil)))
            }
            var unknownCells: [String] = []
            for (column, key) in row.columns.enumerated() {
                let slot = rowSlots?[column] ?? .unknown
                if rowSlots != nil, slot == .unknown { unknownCells.append(key) }
                let reading = cell(slot, name: "\(name).\(row.key).\(key)")
                cells.append(TableCell(column: key, value: reading.value, span: reading.span))
            }
            if overBudget.contains(index) {
                warnings.append(Warning(code: "cell.budget",
                                        message: "\(name).\(row.key): the search for a reading of its digits ran out of "
                                            + "budget; left null",
                                        span: originalSpan(spans[index] ?? nil)))
            } else if !unknownCells.isEmpty || ambiguous.contains(index) {
                let span = originalSpan(spans[index] ?? nil)
                warnings.append(Warning(code: "cell.ambiguous",
                                        message: "\(name).\(row.key): the printed numbers can be read more than one way "
                                            + "for \(unknownCells.isEmpty ? "its cells" : unknownCells.joined(separator: ", ")); left null",
                                        span: span))
            }
            out.append(TableRow(name: row.key, cells: cells))
        }
        return Table(rows: out)
    }

    /// Counts one row's cells into the quality tally: a cell of a row that was read but not
    /// settled is ambiguous; a cell of a row not found is unread.
    mutating func count(_ slots: [TableAssembler.Slot]?, width: Int, ambiguous: Bool, layout: TableLayout?) {
        tally.cells += width
        guard let slots else {
            if ambiguous { tally.ambiguous += width }
            return
        }
        var read = 0
        for slot in slots {
            switch slot {
            case .value: read += 1
            case .blank:
                read += 1
                tally.blank += 1
            case .unknown: tally.ambiguous += 1
            }
        }
        tally.read += read
        if let layout { tally.cellsByLayout[layout, default: 0] += read }
    }

    // MARK: - 二、主动公开政府信息情况

    mutating func readProactive(before limit: Int?) -> Table? {
        let end = limit ?? text.count
        let headings = compact.findAll(TemplateLabels.proactiveHeading, from: 0).filter { $0.upperBound <= end }
        let regionStart: Int
        if limit != nil, let last = headings.last {
            regionStart = last.upperBound
        } else if let first = headings.first(where: {
            compact.find(TemplateLabels.proactive2021[0].keywords, from: $0.upperBound, to: $0.upperBound + 600) != nil
        }) {
            regionStart = first.upperBound
        } else if let first = compact.findAll(TemplateLabels.articleTwenty, from: 0).first(where: {
            $0.upperBound <= end
                && compact.find(TemplateLabels.proactive2021[0].keywords, from: $0.upperBound, to: $0.upperBound + 600) != nil
        }) {
            // A heading worded otherwise (三、主动公开情况): the table starts at 第二十条第（一）项.
            regionStart = first.lowerBound
        } else {
            return nil
        }
        let regionEnd = limit.map { assembler.labelStart(keywordAt: $0, floor: regionStart, enumerator: nil) }
            ?? min(text.count, regionStart + 4000)
        let region = regionStart..<max(regionStart, regionEnd)
        let is2019: Bool
        if compact.find(TemplateLabels.markers2019, from: region.lowerBound, to: region.upperBound) != nil {
            is2019 = true
        } else if compact.find(TemplateLabels.markers2021, from: region.lowerBound, to: region.upperBound) != nil {
            is2019 = false
        } else {
            is2019 = profileHint == .govDisclosure2019
        }
        let rows = is2019 ? TemplateLabels.proactive2019 : TemplateLabels.proactive2021
        let anchors = assembler.anchors(rows, in: region)
        guard !anchors.isEmpty else { return nil }
        let groups = assembler.groups(anchors, regionEnd: region.upperBound)
        let readings = assembler.readRows(rows, anchors: anchors, groups: groups, sumGroups: { _ in [] })
        let statements = readings.values.contains { $0.options.count > 1 }
            ? ProseCorroboration.statements(text, 0..<regionStart, is2019: is2019) : []
        var slots: [Int: [TableAssembler.Slot]] = [:]
        var spans: [Int: Range<Int>?] = [:]
        var ambiguous: Set<Int> = []
        var overBudget: Set<Int> = []
        for (index, reading) in readings {
            spans[index] = reading.span
            if reading.tooManyReadings {
                slots[index] = Array(repeating: .unknown, count: rows[index].columns.count)
                ambiguous.insert(index)
                if reading.overBudget { overBudget.insert(index) }
            } else if !reading.options.isEmpty {
                slots[index] = Self.agreement(ProseCorroboration.filter(reading.options, row: rows[index].key,
                                                                        statements: statements))
            }
        }
        return table(name: "proactive", rows: rows.map { ($0.key, $0.columns.map(\.key)) }, slots: slots,
                     spans: spans, absent: [], ambiguous: ambiguous, overBudget: overBudget, layouts: readings.compactMapValues(\.layout))
    }

    // MARK: - 三、收到和处理政府信息公开申请情况

    /// Table 3 and the offset where its stretch of text ends.
    mutating func readApplications(from start: Int) -> (Table, Int?) {
        let rows = TemplateLabels.applications
        let forward = compact.find(rows[TemplateLabels.applicationIndex("carried_forward")].keywords, from: start)
        let heading = findReviewHeading(from: forward?.upperBound ?? start)
        let regionEnd = heading.map { assembler.labelStart(keywordAt: $0.lowerBound, floor: forward?.upperBound ?? start, enumerator: nil) }
            ?? sectionEnd(after: forward?.upperBound ?? start)
        let region = start..<max(start, regionEnd)
        let noCorrection = TemplateLabels.applicationIndex("other_no_correction")
        let noFee = TemplateLabels.applicationIndex("other_no_fee"), other = TemplateLabels.applicationIndex("other_other")
        // （六）其他处理 has sub-rows when either of the first two is printed; otherwise its one
        // row holds the cells of other_other.
        let subRowsFound = compact.find(rows[noCorrection].keywords + rows[noFee].keywords,
                                        from: region.lowerBound, to: region.upperBound) != nil
        let anchors = assembler.anchors(rows, in: region) { index in
            if subRowsFound { return nil }
            if index == noCorrection || index == noFee { return [] }
            return index == other ? TemplateLabels.singleOtherKeywords : nil
        }
        let groups = assembler.groups(anchors, regionEnd: region.upperBound)
        let rowSumGroups = [0..<TemplateLabels.applicantColumns.count]
        let absent: Set<Int> = subRowsFound ? [] : [noCorrection, noFee]
        var readings = assembler.readRows(rows, anchors: anchors, groups: groups, sumGroups: { _ in rowSumGroups },
                                          absent: absent) { rowMajor, columnMajor in
            Self.rowSumsHolding(rowMajor) - Self.rowSumsHolding(columnMajor)
        }
        var ambiguous: Set<Int> = []
        var overBudget: Set<Int> = []
        var spans: [Int: Range<Int>?] = [:]
        for (index, reading) in readings {
            spans[index] = reading.span
            if reading.tooManyReadings { ambiguous.insert(index) }
            if reading.overBudget { overBudget.insert(index) }
        }
        let settled = ApplicationsSolver.settle(&readings)
        var slots = settled
        for index in ambiguous { slots[index] = Array(repeating: .unknown, count: 7) }
        let table = table(name: "applications", rows: rows.map { ($0.key, TemplateLabels.applicantColumns) },
                          slots: slots, spans: spans, absent: absent, ambiguous: ambiguous, overBudget: overBudget,
                          layouts: readings.compactMapValues(\.layout))
        return (table, region.upperBound)
    }

    static func rowSumsHolding(_ rows: [[TableAssembler.Slot]]) -> Int {
        rows.reduce(0) { count, row in
            let values = row.compactMap { slot -> Double? in if case .value(let v, _) = slot { v } else { nil } }
            // A row of zeros adds up either way: it says nothing about the reading.
            guard values.count == 7, values[6] != 0 else { return count }
            return count + (abs(values[0..<6].reduce(0, +) - values[6]) < 1e-6 ? 1 : 0)
        }
    }

    // MARK: - 四、行政复议、行政诉讼

    mutating func readReview(heading: Range<Int>) -> Table? {
        var end = sectionEnd(after: heading.upperBound)
        guard heading.upperBound < end else { return nil }
        // A chapter after the numbers began (五、信息处理费收取情况 …000) is not table 4's.
        if let firstDigit = text[heading.upperBound..<end].firstIndex(where: CellLexer.isDigit),
           let next = compact.find(TemplateLabels.chapterHeadings, from: firstDigit, to: end) {
            end = next.lowerBound
        }
        var items = CellLexer.items(text, heading.upperBound..<end, startsMidLine: true)
        let columns = TableTemplate.reviewTable.rows.flatMap(\.columns)
        if items.filter({ !$0.isEmpty && !$0.isGap }).count > columns.count {
            items = Array(items.filter { !$0.isGap }.prefix(columns.count))
        }
        let reading = assembler.readRow(items, columns: columns, sumGroups: [0..<5, 5..<10, 10..<15], leadingGaps: false)
        var slots: [Int: [TableAssembler.Slot]] = [:]
        var ambiguous: Set<Int> = []
        let overBudget: Set<Int> = reading.overBudget ? [0, 1, 2] : []
        if reading.tooManyReadings {
            ambiguous = [0, 1, 2]
            for group in 0..<3 { slots[group] = Array(repeating: .unknown, count: 5) }
        } else if !reading.options.isEmpty {
            let settled = Self.agreement(reading.options)
            for group in 0..<3 { slots[group] = Array(settled[(group * 5)..<(group * 5 + 5)]) }
        }
        let rows = TemplateLabels.reviewGroups.map { ($0, TemplateLabels.reviewParts) }
        return table(name: "review_litigation", rows: rows, slots: slots,
                     spans: [0: reading.span, 1: reading.span, 2: reading.span], absent: [], ambiguous: ambiguous,
                     overBudget: overBudget,
                     layouts: reading.layout.map { [0: $0, 1: $0, 2: $0] } ?? [:])
    }
}

extension TableCell {
    /// A cell's value and span before it gets its column key.
    struct Reading {
        var value: Double?
        var span: Span?
    }
}
