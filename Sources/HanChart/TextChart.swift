/// Draws a `Chart` as Unicode bars for a terminal: one line per category (and series), bars
/// in eighths of a cell (▏▎▍▌▋▊▉█) scaled to the largest value, the value printed after.
public enum TextChart {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// `width`: the terminal's columns.
    public static func render(_ chart: Chart, width: Int = 80) -> String {
        var lines = [chart.title]
        if let subtitle = chart.subtitle { lines.append(subtitle) }
        let several = chart.series.count > 1
        let labels = chart.categories.map { $0 }
        let seriesWidth = several ? (chart.series.map { columns($0.name) }.max() ?? 0) : 0
        let labelWidth = min(24, labels.map(columns).max() ?? 0)
        let maximum = chart.series.flatMap { $0.values.compactMap { $0 } }.map { max(0, $0) }.max() ?? 0
        let barWidth = max(10, width - labelWidth - seriesWidth - 14)
        for (index, category) in chart.categories.enumerated() {
            for (seriesIndex, series) in chart.series.enumerated() {
                var line = seriesIndex == 0 ? pad(category, labelWidth) : String(repeating: " ", count: labelWidth)
                if several { line += "  " + pad(series.name, seriesWidth) }
                line += "  "
                if let value = series.values[index] {
                    line += bar(maximum > 0 ? max(0, value) / maximum * Double(barWidth) : 0) + " " + chart.label(value)
                } else {
                    line += "–"
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `cells` terminal cells of bar, in eighths.
    static func bar(_ cells: Double) -> String {
        let eighthsCount = Int((cells * 8).rounded())
        var out = String(repeating: "█", count: eighthsCount / 8)
        if eighthsCount % 8 > 0 { out.append(eighths[eighthsCount % 8 - 1]) }
        return out
    }

    /// Terminal columns: CJK two, others one.
    static func columns(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + (TextWidth.isWide($1.value) ? 2 : 1) } }

    static func pad(_ text: String, _ width: Int) -> String {
        var shown = text
        while columns(shown) > width, !shown.isEmpty { shown.removeLast() }
        if shown != text, !shown.isEmpty {
            shown.removeLast()
            shown += "…"
        }
        return shown + String(repeating: " ", count: max(0, width - columns(shown)))
    }
}
