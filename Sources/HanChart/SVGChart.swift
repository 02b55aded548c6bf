/// Draws a `Chart` as a standalone SVG document (also valid inline in HTML).
///
/// Layout is computed, not measured: text widths come from `TextWidth` (CJK one em, Latin
/// about half), so labels get the room they need without a font engine. Labels use a CJK font
/// stack so Chinese renders wherever one of the usual fonts is installed. Every mark carries
/// its data (`data-series`, `data-category`, `data-value`), so tests and scripts can read the
/// chart back.
public enum SVGChart {
    public static let fontStack = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"

    /// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#999999", "#F0E442"]

    static let fontSize = 13.0
    static let titleSize = 17.0

    public static func render(_ chart: Chart, width: Double = 760) -> String {
        var svg = SVGWriter()
        switch chart.kind {
        case .line: line(chart, width: width, into: &svg)
        case .bars: bars(chart, width: width, into: &svg)
        case .stacked: stacked(chart, width: width, into: &svg)
        }
        return svg.document(title: chart.title)
    }

    // MARK: - Shared parts

    /// Title and subtitle; returns the height they take.
    static func heading(_ chart: Chart, width: Double, into svg: inout SVGWriter) -> Double {
        svg.text(chart.title, x: 16, y: 26, size: titleSize, weight: "bold", className: "title")
        guard let subtitle = chart.subtitle else { return 40 }
        svg.text(subtitle, x: 16, y: 46, size: fontSize - 1, fill: "#555", className: "subtitle")
        return 60
    }

    static func maximum(_ chart: Chart, stacked: Bool = false) -> Double {
        if stacked {
            return chart.categories.indices.map { index in chart.series.reduce(0) { $0 + max(0, $1.values[index] ?? 0) } }.max() ?? 0
        }
        return chart.series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
    }

    /// Ticks of the value axis: fractions end at 100% at most when their values do.
    static func ticks(_ chart: Chart, stacked: Bool = false) -> [Double] {
        let top = maximum(chart, stacked: stacked)
        // Shares that add up to 1 may come out a hair above it in floating point.
        if chart.fractions, top <= 1 + 1e-9, top > 0.5 { return stride(from: 0.0, through: 1.0, by: 0.2).map { $0 } }
        return Ticks.nice(maximum: top)
    }

    /// The value axis of a vertical chart: gridlines and labels from `top` (value max) to `bottom` (0).
    static func valueAxis(_ chart: Chart, ticks: [Double], left: Double, right: Double, top: Double, bottom: Double,
                          into svg: inout SVGWriter) {
        let maximum = ticks.last ?? 1
        svg.open("g", ["class": "axis y"])
        for tick in ticks {
            let y = bottom - (bottom - top) * tick / maximum
            svg.line(x1: left, y1: y, x2: right, y2: y, stroke: tick == 0 ? "#333" : "#ddd", className: "grid")
            svg.text(chart.tickLabel(tick, among: ticks), x: left - 8, y: y + 4, anchor: "end", fill: "#444", className: "tick")
        }
        svg.close("g")
    }

    /// A legend of the series in one row under the plot (wrapping when it is wide).
    static func legend(_ chart: Chart, x: Double, y: Double, width: Double, into svg: inout SVGWriter) -> Double {
        var cx = x
        var cy = y
        svg.open("g", ["class": "legend"])
        for (index, series) in chart.series.enumerated() {
            let itemWidth = 22 + TextWidth.ems(series.name) * fontSize + 18
            if cx + itemWidth > x + width, cx > x {
                cx = x
                cy += 20
            }
            svg.rect(x: cx, y: cy - 10, width: 12, height: 12, fill: palette[index % palette.count], className: "swatch")
            svg.text(series.name, x: cx + 18, y: cy, fill: "#222", className: "legend-label")
            cx += itemWidth
        }
        svg.close("g")
        return cy - y + 20
    }

    // MARK: - Line

    static func line(_ chart: Chart, width: Double, into svg: inout SVGWriter) {
        let top = heading(chart, width: width, into: &svg) + 10
        let ticks = ticks(chart)
        let left = 20 + (ticks.map { TextWidth.ems(chart.tickLabel($0, among: ticks)) }.max() ?? 2) * fontSize
        let right = width - 30
        let plotHeight = 260.0
        let bottom = top + plotHeight
        valueAxis(chart, ticks: ticks, left: left, right: right, top: top, bottom: bottom, into: &svg)
        let step = chart.categories.count > 1 ? (right - left - 40) / Double(chart.categories.count - 1) : 0
        func x(_ index: Int) -> Double { chart.categories.count > 1 ? left + 20 + Double(index) * step : (left + right) / 2 }
        let maximum = ticks.last ?? 1
        func y(_ value: Double) -> Double { bottom - plotHeight * value / maximum }
        svg.open("g", ["class": "axis x"])
        let every = max(1, Int((TextWidth.ems(chart.categories.max { $0.count < $1.count } ?? "") * fontSize + 12) / max(step, 1)) + 1)
        for (index, category) in chart.categories.enumerated() where index % every == 0 || index == chart.categories.count - 1 {
            svg.text(category, x: x(index), y: bottom + 20, anchor: "middle", fill: "#444", className: "tick")
        }
        svg.close("g")
        let labelPoints = chart.series.count == 1 && chart.categories.count <= 12
        for (seriesIndex, series) in chart.series.enumerated() {
            let colour = palette[seriesIndex % palette.count]
            svg.open("g", ["class": "series", "data-series": series.name])
            // A gap (nil) breaks the line: each run of values is its own path.
            var path = ""
            var pen = false
            for (index, value) in series.values.enumerated() {
                guard let value else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(SVGWriter.number(x(index))) \(SVGWriter.number(y(value)))"
                pen = true
            }
            if !path.isEmpty { svg.path(String(path.dropFirst()), stroke: colour, width: 2.5, className: "line") }
            for (index, value) in series.values.enumerated() {
                guard let value else { continue }
                svg.circle(cx: x(index), cy: y(value), r: 4, fill: colour,
                           data: ["data-series": series.name, "data-category": chart.categories[index], "data-value": Format.exact(value)])
                if labelPoints {
                    svg.text(chart.label(value), x: x(index), y: y(value) - 10, anchor: "middle", fill: "#222", className: "value")
                }
            }
            svg.close("g")
        }
        var height = bottom + 36
        if chart.series.count > 1 { height += legend(chart, x: left, y: bottom + 44, width: right - left, into: &svg) + 6 }
        svg.size(width: width, height: height)
    }

    // MARK: - Horizontal bars

    static func bars(_ chart: Chart, width: Double, into svg: inout SVGWriter) {
        let top = heading(chart, width: width, into: &svg) + 24
        let ticks = ticks(chart)
        let longest = chart.categories.map(TextWidth.ems).max() ?? 4
        let left = 16 + min(longest, 16) * fontSize + 10
        let valueRoom = 64.0
        let right = width - valueRoom
        let rowHeight = 24.0
        let bottom = top + rowHeight * Double(chart.categories.count)
        let maximum = ticks.last ?? 1
        func x(_ value: Double) -> Double { left + (right - left) * value / maximum }
        svg.open("g", ["class": "axis x"])
        for tick in ticks {
            svg.line(x1: x(tick), y1: top - 6, x2: x(tick), y2: bottom, stroke: tick == 0 ? "#333" : "#ddd", className: "grid")
            svg.text(chart.tickLabel(tick, among: ticks), x: x(tick), y: top - 12, anchor: "middle", fill: "#444", className: "tick")
        }
        svg.close("g")
        svg.open("g", ["class": "axis y"])
        for (index, category) in chart.categories.enumerated() {
            let shown = TextWidth.ems(category) > 16 ? String(category.prefix(15)) + "…" : category
            svg.text(shown, x: left - 8, y: top + rowHeight * Double(index) + rowHeight / 2 + 4, anchor: "end", fill: "#222",
                     className: "tick", tooltip: shown == category ? nil : category)
        }
        svg.close("g")
        let series = chart.series.first ?? Chart.Series(name: "", values: [])
        svg.open("g", ["class": "series", "data-series": series.name])
        for (index, value) in series.values.enumerated() {
            guard let value else { continue }
            let y = top + rowHeight * Double(index) + 4
            svg.rect(x: left, y: y, width: max(0, x(value) - left), height: rowHeight - 8, fill: palette[0], className: "bar",
                     data: ["data-series": series.name, "data-category": chart.categories[index], "data-value": Format.exact(value)])
            svg.text(chart.label(value), x: x(value) + 6, y: y + rowHeight / 2, fill: "#222", className: "value")
        }
        svg.close("g")
        svg.size(width: width, height: bottom + 16)
    }

    // MARK: - Stacked bars

    static func stacked(_ chart: Chart, width: Double, into svg: inout SVGWriter) {
        let top = heading(chart, width: width, into: &svg) + 10
        let ticks = ticks(chart, stacked: true)
        let left = 20 + (ticks.map { TextWidth.ems(chart.tickLabel($0, among: ticks)) }.max() ?? 2) * fontSize
        let right = width - 20
        let plotHeight = 260.0
        let bottom = top + plotHeight
        valueAxis(chart, ticks: ticks, left: left, right: right, top: top, bottom: bottom, into: &svg)
        let maximum = ticks.last ?? 1
        let slot = (right - left) / Double(max(1, chart.categories.count))
        let barWidth = min(56, slot * 0.7)
        svg.open("g", ["class": "axis x"])
        for (index, category) in chart.categories.enumerated() {
            svg.text(category, x: left + slot * (Double(index) + 0.5), y: bottom + 20, anchor: "middle", fill: "#444", className: "tick")
        }
        svg.close("g")
        var base = Array(repeating: 0.0, count: chart.categories.count)
        for (seriesIndex, series) in chart.series.enumerated() {
            svg.open("g", ["class": "series", "data-series": series.name])
            for (index, value) in series.values.enumerated() {
                guard let value, value > 0 else { continue }
                let y0 = bottom - plotHeight * base[index] / maximum
                let y1 = bottom - plotHeight * (base[index] + value) / maximum
                let x = left + slot * (Double(index) + 0.5) - barWidth / 2
                svg.rect(x: x, y: y1, width: barWidth, height: y0 - y1, fill: palette[seriesIndex % palette.count], className: "bar",
                         data: ["data-series": series.name, "data-category": chart.categories[index], "data-value": Format.exact(value)],
                         tooltip: "\(chart.categories[index]) \(series.name) \(chart.label(value))")
                if y0 - y1 >= 16, barWidth >= 34 {
                    svg.text(chart.label(value), x: x + barWidth / 2, y: (y0 + y1) / 2 + 4, anchor: "middle", size: 11,
                             fill: "#fff", className: "value")
                }
                base[index] += value
            }
            svg.close("g")
        }
        let height = bottom + 36 + legend(chart, x: left, y: bottom + 44, width: right - left, into: &svg) + 6
        svg.size(width: width, height: height)
    }
}

/// Accumulates SVG elements; `document` wraps them once the size is known.
struct SVGWriter {
    private var body = ""
    private var width = 0.0
    private var height = 0.0

    mutating func size(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    func document(title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(width))" height="\(Self.number(height))" \
        viewBox="0 0 \(Self.number(width)) \(Self.number(height))" font-family="\(Markup.escape(SVGChart.fontStack))" \
        font-size="\(Self.number(SVGChart.fontSize))" role="img"><title>\(Markup.escape(title))</title>\
        <rect class="background" x="0" y="0" width="\(Self.number(width))" height="\(Self.number(height))" fill="#fff"/>
        \(body)</svg>

        """
    }

    mutating func open(_ element: String, _ attributes: [String: String]) {
        body += "<\(element)\(Self.attributes(attributes))>\n"
    }

    mutating func close(_ element: String) { body += "</\(element)>\n" }

    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil, weight: String? = nil,
                       fill: String = "#000", className: String, tooltip: String? = nil) {
        var attributes = ["x": Self.number(x), "y": Self.number(y), "fill": fill, "class": className]
        if anchor != "start" { attributes["text-anchor"] = anchor }
        if let size { attributes["font-size"] = Self.number(size) }
        if let weight { attributes["font-weight"] = weight }
        let title = tooltip.map { "<title>\(Markup.escape($0))</title>" } ?? ""
        body += "<text\(Self.attributes(attributes))>\(title)\(Markup.escape(text))</text>\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, className: String) {
        body += "<line\(Self.attributes(["x1": Self.number(x1), "y1": Self.number(y1), "x2": Self.number(x2), "y2": Self.number(y2), "stroke": stroke, "class": className]))/>\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, className: String,
                       data: [String: String] = [:], tooltip: String? = nil) {
        var attributes = data
        attributes.merge(["x": Self.number(x), "y": Self.number(y), "width": Self.number(width), "height": Self.number(height),
                          "fill": fill, "class": className]) { _, new in new }
        if let tooltip {
            body += "<rect\(Self.attributes(attributes))><title>\(Markup.escape(tooltip))</title></rect>\n"
        } else {
            body += "<rect\(Self.attributes(attributes))/>\n"
        }
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, data: [String: String]) {
        var attributes = data
        attributes.merge(["cx": Self.number(cx), "cy": Self.number(cy), "r": Self.number(r), "fill": fill, "class": "point"]) { _, new in new }
        body += "<circle\(Self.attributes(attributes))/>\n"
    }

    mutating func path(_ d: String, stroke: String, width: Double, className: String) {
        body += "<path\(Self.attributes(["d": d, "fill": "none", "stroke": stroke, "stroke-width": Self.number(width), "stroke-linejoin": "round", "class": className]))/>\n"
    }

    /// Attributes in a fixed (sorted) order, so the same chart is the same bytes.
    static func attributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(Markup.escape($0.value))\"" }.joined()
    }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
