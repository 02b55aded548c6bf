import HanChart
import HanCore
import HanStore

/// Charts of indicator tables (what `hanmine plot` draws and the report pages show).
public enum IndicatorCharts {
    /// The pseudo-indicator `plot` takes for the stacked outcome shares.
    public static let outcomes = "outcomes"

    /// A line per series over the years: one series, or one per agency when the table is by
    /// agency,year. Years without a row are gaps.
    public static func trend(_ table: IndicatorTable, _ indicator: Indicator) -> Chart {
        let years = Set(table.rows.compactMap { table.number($0, "year") }.map { Int($0) }).sorted()
        var series: [Chart.Series] = []
        if table.columns.contains("agency") {
            var order: [String] = []
            var values: [String: [Int: Double]] = [:]
            for row in table.rows {
                let agency = table.text(row, "agency") ?? "（未识别机关）"
                if values[agency] == nil { order.append(agency) }
                if let year = table.number(row, "year"), let value = table.number(row, indicator.name) {
                    values[agency, default: [:]][Int(year)] = value
                }
            }
            series = order.map { agency in Chart.Series(name: agency, values: years.map { values[agency]?[$0] }) }
        } else {
            var values: [Int: Double] = [:]
            for row in table.rows {
                if let year = table.number(row, "year"), let value = table.number(row, indicator.name) { values[Int(year)] = value }
            }
            series = [Chart.Series(name: indicator.label, values: years.map { values[$0] })]
        }
        return Chart(kind: .line, title: "\(indicator.label)（\(indicator.name)）", categories: years.map(String.init),
                     series: series, fractions: indicator.isRate, subtitle: basis(table))
    }

    /// Horizontal bars across agencies, largest value first, at most `top` agencies (those
    /// resting on the most reports).
    public static func across(_ table: IndicatorTable, _ indicator: Indicator, top: Int = 20) -> Chart {
        let rows = table.rows.filter { table.number($0, indicator.name) != nil }
            .sorted { (table.number($0, "reports") ?? 0) > (table.number($1, "reports") ?? 0) }
            .prefix(top)
            .sorted { (table.number($0, indicator.name) ?? 0) > (table.number($1, indicator.name) ?? 0) }
        let shown = rows.count < table.rows.count ? "，取报告最多的 \(rows.count) 个机关" : ""
        return Chart(kind: .bars, title: "\(indicator.label)（\(indicator.name)），按机关", categories: rows.map { table.text($0, "agency") ?? "（未识别机关）" },
                     series: [Chart.Series(name: indicator.label, values: rows.map { table.number($0, indicator.name) })],
                     fractions: indicator.isRate, subtitle: basis(table) + shown)
    }

    /// Stacked bars of the outcome shares of handled applications per year (or agency).
    public static func outcomeShares(_ table: IndicatorTable) -> Chart {
        let key = table.columns.contains("year") ? "year" : "agency"
        let categories = table.rows.map { table.text($0, key) ?? "–" }
        let series = Indicators.outcomeShares.compactMap(Indicators.named).map { indicator in
            Chart.Series(name: shortLabels[indicator.name] ?? indicator.label, values: table.rows.map { table.number($0, indicator.name) })
        }
        return Chart(kind: .stacked, title: "申请办理结果构成（占办理总数）", categories: categories, series: series, fractions: true,
                     subtitle: basis(table))
    }

    static let shortLabels = ["full_grant_rate": "予以公开", "partial_grant_rate": "部分公开", "denial_rate": "不予公开",
                              "unable_rate": "无法提供", "not_processed_rate": "不予处理", "other_rate": "其他处理"]

    /// "基于 N 份报告；比率为总和之比": what the chart rests on.
    static func basis(_ table: IndicatorTable) -> String {
        let reports = table.rows.compactMap { table.number($0, "reports") }.reduce(0, +)
        return "基于 \(Format.number(reports)) 份含统计表的报告；比率为分子之和除以分母之和"
    }
}
