import HanChart
import HanCore
import HanStore
#if canImport(Glibc)
import Glibc
#endif

/// `hanmine report`: a static site of the corpus's indicators. `index.html` (the corpus in
/// figures, the indicators by year as tables and charts, the agencies), one page per agency
/// under `agencies/`, and the tables as CSV beside them.
///
/// Every page stands alone: styles and charts (inline SVG) are in the page, nothing is fetched
/// from the network and there is no script. Pages are well-formed XML (XHTML syntax of HTML5)
/// so tools, and the tests, can parse them.
public struct ReportSite {
    let store: CorpusStore
    let base: IndicatorQuery
    let agencyPages: Int

    /// `base`: the filters (agencies, years, complete, checked) every table of the site uses.
    /// `agencyPages`: how many agencies, those with the most reports, get a page and a line in
    /// agencies.html (a generated corpus may name 80,000; the CSV holds every one).
    public init(store: CorpusStore, base: IndicatorQuery, agencyPages: Int = 200) {
        self.store = store
        self.base = base
        self.agencyPages = agencyPages
    }

    /// How many agencies the index lists (those with the most reports).
    static let indexAgencies = 30

    /// The indicators the tables show, in this order; the CSV files hold them all.
    static let shown = ["received", "handled", "grant_rate", "full_grant_rate", "denial_rate", "unable_rate",
                        "not_processed_rate", "other_rate", "carried_forward_share", "review_total", "review_correction_rate",
                        "lawsuit_total", "lawsuit_correction_rate"]

    func query(_ grouping: IndicatorQuery.Grouping, agencies: [String]? = nil) -> IndicatorQuery {
        var query = base
        query.grouping = grouping
        query.indicators = Indicators.all
        if let agencies { query.agencies = agencies }
        return query
    }

    /// Writes the site into `directory` (created if missing); returns the files written.
    @discardableResult
    public func write(to directory: String) throws(HanError) -> [String] {
        try Self.makeDirectory(directory)
        try Self.makeDirectory(directory + "/agencies")
        var written: [String] = []
        let byYear = try store.indicators(query(.year))
        var outcomesQuery = query(.year)
        outcomesQuery.indicators = Indicators.outcomeShares.compactMap(Indicators.named)
        outcomesQuery.sameReports = true
        let outcomesByYear = try store.indicators(outcomesQuery)

        let byAgency = try store.indicators(query(.agency))
        let byAgencyYear = try store.indicators(query(.agencyYear))
        let summary = try store.corpusSummary()

        let ranked = IndicatorTable(columns: byAgency.columns, rows: byAgency.rows.enumerated()
            .sorted { (byAgency.number($0.element, "reports") ?? 0, -$0.offset) > (byAgency.number($1.element, "reports") ?? 0, -$1.offset) }
            .map(\.element))
        let paged = IndicatorTable(columns: ranked.columns, rows: Array(ranked.rows.prefix(agencyPages)))
        let agencies = paged.rows.compactMap { paged.text($0, "agency") }
        var pageOf: [String: String] = [:]
        for (index, agency) in agencies.enumerated() { pageOf[agency] = "agencies/\(index + 1).html" }

        var page = HTMLPage(title: "政府信息公开工作年度报告：指标")
        page.heading(1, "政府信息公开工作年度报告：指标")
        page.paragraph("由 HanMine 从语料库各报告的统计表计算（每份报告取当前版本）。比率为各报告分子之和除以分母之和，不是各报告比率的平均数；某指标所需的单元格空白的报告不计入该指标。")
        page.heading(2, "语料概况")
        page.keyFigures(summary)
        page.heading(2, "按年度")
        if byYear.rows.isEmpty {
            page.paragraph("语料库中没有含统计表的报告。")
        } else {
            if let grant = Indicators.named("grant_rate") { page.chart(IndicatorCharts.trend(byYear, grant)) }
            page.chart(IndicatorCharts.outcomeShares(outcomesByYear))
            if let review = Indicators.named("review_correction_rate"), let lawsuit = Indicators.named("lawsuit_correction_rate") {
                page.chart(Self.twoLines(byYear, review, lawsuit))
            }
            page.table(byYear, keys: ["year"], indicators: Self.shown, links: [:], caption: "各年度指标（全部指标见 indicators-by-year.csv）")
        }
        page.heading(2, "按机关")
        if let grant = Indicators.named("grant_rate"), !byAgency.rows.isEmpty {
            page.chart(IndicatorCharts.across(byAgency, grant))
        }
        // The index lists the agencies with the most reports, agencies.html those with a page.
        let agencyColumns = ["received", "handled", "grant_rate", "denial_rate", "review_correction_rate"]
        let most = IndicatorTable(columns: ranked.columns, rows: Array(ranked.rows.prefix(Self.indexAgencies)))
        let listed = most.rows.count < ranked.rows.count ? "报告最多的 \(most.rows.count) 个机关，共 \(ranked.rows.count) 个" : "所有机关"
        page.table(most, keys: ["agency"], indicators: agencyColumns, links: pageOf,
                   caption: "各机关指标（\(listed)，所有年度合计）")
        let more = paged.rows.count < ranked.rows.count ? "报告最多的 \(paged.rows.count) 个机关" : "全部 \(ranked.rows.count) 个机关"
        page.link("agencies.html", "\(more)；每个机关每年的全部指标见 indicators-by-agency-year.csv")
        page.heading(2, "指标定义")
        page.definitions()
        try Self.save(page.html, to: directory + "/index.html")
        written.append(directory + "/index.html")

        var list = HTMLPage(title: more)
        list.link("index.html", "← 总览")
        list.heading(1, more)
        list.table(paged, keys: ["agency"], indicators: agencyColumns, links: pageOf, caption: "各机关指标（所有年度合计）")
        try Self.save(list.html, to: directory + "/agencies.html")
        written.append(directory + "/agencies.html")

        // The agencies with a page, by year: queried for them alone (a corpus may name 80,000).
        var pagedByYear = IndicatorTable(columns: [], rows: [])
        var outcomesByAgencyYear = pagedByYear
        if !agencies.isEmpty {
            pagedByYear = try store.indicators(query(.agencyYear, agencies: agencies))
            outcomesQuery.grouping = .agencyYear
            outcomesQuery.agencies = agencies
            outcomesByAgencyYear = try store.indicators(outcomesQuery)
        }
        for agency in agencies {
            guard let path = pageOf[agency] else { continue }
            let years = pagedByYear.rows(where: "agency", is: agency)
            var agencyPage = HTMLPage(title: agency)
            agencyPage.link("../index.html", "← 全部机关")
            agencyPage.heading(1, agency)
            if let grant = Indicators.named("grant_rate") { agencyPage.chart(IndicatorCharts.trend(years, grant)) }
            agencyPage.chart(IndicatorCharts.outcomeShares(outcomesByAgencyYear.rows(where: "agency", is: agency)))
            agencyPage.table(years, keys: ["year"], indicators: Self.shown, links: [:], caption: "各年度指标")
            try Self.save(agencyPage.html, to: directory + "/" + path)
            written.append(directory + "/" + path)
        }
        try Self.save(CSV.text(byYear), to: directory + "/indicators-by-year.csv")
        try Self.save(CSV.text(byAgencyYear), to: directory + "/indicators-by-agency-year.csv")
        written += [directory + "/indicators-by-year.csv", directory + "/indicators-by-agency-year.csv"]
        return written
    }

    /// Two rates over the years in one chart.
    static func twoLines(_ table: IndicatorTable, _ first: Indicator, _ second: Indicator) -> Chart {
        var chart = IndicatorCharts.trend(table, first)
        let other = IndicatorCharts.trend(table, second)
        chart.series[0].name = first.label
        chart.series.append(Chart.Series(name: second.label, values: other.series[0].values))
        chart.title = "行政复议、行政诉讼纠错率"
        return chart
    }

    static func makeDirectory(_ path: String) throws(HanError) {
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw HanError(.writeFailed, "cannot create the folder: \(String(cString: strerror(errno)))", path: path)
        }
    }

    public static func save(_ text: String, to path: String) throws(HanError) {
        guard let file = fopen(path, "w") else {
            throw HanError(.writeFailed, "cannot write: \(String(cString: strerror(errno)))", path: path)
        }
        var copy = text
        let ok = copy.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count }
        if fclose(file) != 0 || !ok {
            throw HanError(.writeFailed, "cannot write: \(String(cString: strerror(errno)))", path: path)
        }
    }
}

/// RFC 4180 CSV of an indicator table (full precision, empty for NULL).
enum CSV {
    static func text(_ table: IndicatorTable) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        var out = table.columns.map(field).joined(separator: ",") + "\n"
        for row in table.rows { out += row.map { field($0.description) }.joined(separator: ",") + "\n" }
        return out
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}

/// One page of the site, built element by element.
struct HTMLPage {
    private var body = ""
    let title: String

    init(title: String) { self.title = title }

    static let style = """
    body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif;
           color: #222; background: #fafafa; margin: 0; }
    main { max-width: 980px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
    h1 { font-size: 26px; margin: 8px 0 12px; }
    h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #0072B2; }
    p { line-height: 1.6; }
    figure { margin: 20px 0; }
    svg { max-width: 100%; height: auto; }
    table { border-collapse: collapse; font-size: 13px; margin: 12px 0; width: 100%; }
    caption { text-align: left; font-weight: bold; padding: 6px 0; }
    th, td { padding: 5px 8px; border-bottom: 1px solid #e4e4e4; white-space: nowrap; }
    th { background: #f0f4f8; text-align: left; font-weight: 600; white-space: normal; vertical-align: bottom; font-size: 12px; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    tbody tr:nth-child(even) { background: #fafcfe; }
    .figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
    .figure { flex: 1 1 0; border: 1px solid #dde5ee; border-radius: 6px; padding: 10px 14px; background: #f7fafd; }
    .figure .value { font-size: 24px; font-weight: bold; color: #0072B2; }
    .figure .name { font-size: 13px; color: #555; }
    .scroll { overflow-x: auto; }
    dl { font-size: 13px; } dt { font-family: monospace; margin-top: 6px; } dd { margin-left: 16px; color: #444; }
    a { color: #0062a0; }
    """

    var html: String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(Markup.escape(title))</title>
        <style>
        \(Self.style)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    mutating func heading(_ level: Int, _ text: String) { body += "<h\(level)>\(Markup.escape(text))</h\(level)>\n" }
    mutating func paragraph(_ text: String) { body += "<p>\(Markup.escape(text))</p>\n" }
    mutating func link(_ href: String, _ text: String) { body += "<p><a href=\"\(Markup.escape(href))\">\(Markup.escape(text))</a></p>\n" }
    mutating func chart(_ chart: Chart) { body += "<figure class=\"chart\">\n\(SVGChart.render(chart))</figure>\n" }

    /// The corpus in a few large numbers.
    mutating func keyFigures(_ summary: IndicatorTable) {
        guard let row = summary.rows.first else { return }
        let names = ["documents": "报告", "with_tables": "含统计表", "agencies": "机关", "first_year": "最早年度",
                     "last_year": "最晚年度", "failing_checks": "勾稽关系不符的报告"]
        body += "<div class=\"figures\">\n"
        for column in summary.columns {
            let value = summary.number(row, column)
            let shown = value.map { column.hasSuffix("year") ? String(Int($0)) : Format.number($0) } ?? "–"
            body += "<div class=\"figure\" data-name=\"\(column)\"><div class=\"value\">\(shown)</div><div class=\"name\">\(Markup.escape(names[column] ?? column))</div></div>\n"
        }
        body += "</div>\n"
    }

    /// A table of `keys`, reports and the named indicators: rates as percentages with one
    /// decimal (the exact fraction in `data-value`), counts with separators.
    mutating func table(_ table: IndicatorTable, keys: [String], indicators: [String], links: [String: String], caption: String) {
        let headers = ["year": "年度", "agency": "机关", "reports": "报告数"]
        let columns = keys + ["reports"] + indicators
        body += "<div class=\"scroll\"><table>\n<caption>\(Markup.escape(caption))</caption>\n<thead><tr>"
        for column in columns {
            let label = headers[column] ?? Indicators.named(column)?.label ?? column
            body += "<th title=\"\(Markup.escape(column))\" data-column=\"\(Markup.escape(column))\">\(Markup.escape(label))</th>"
        }
        body += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            body += "<tr>"
            for column in columns {
                if keys.contains(column) {
                    let text = table.text(row, column) ?? "（未识别）"
                    if let href = links[text] {
                        body += "<td><a href=\"\(Markup.escape(href))\">\(Markup.escape(text))</a></td>"
                    } else {
                        body += "<td>\(Markup.escape(text))</td>"
                    }
                    continue
                }
                guard let value = table.number(row, column) else {
                    body += "<td class=\"number\" data-column=\"\(column)\">–</td>"
                    continue
                }
                let rate = Indicators.named(column)?.isRate == true
                body += "<td class=\"number\" data-column=\"\(column)\" data-value=\"\(Format.exact(value))\">\(rate ? Format.percent(value) : Format.number(value))</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table></div>\n"
    }

    /// Every indicator's formula.
    mutating func definitions() {
        body += "<dl>\n"
        for indicator in Indicators.all {
            body += "<dt>\(Markup.escape(indicator.name))</dt><dd>\(Markup.escape(indicator.label))：\(Markup.escape(indicator.doc))</dd>\n"
        }
        body += "</dl>\n"
    }
}
