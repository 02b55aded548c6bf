import Foundation
import HanChart
import HanTestSupport
import Testing

/// The charts read back as a person would: the SVG parsed, its axes, series and values checked.
@Suite("HanChart: SVG and Unicode charts")
struct ChartTests {
    static func parse(_ chart: Chart) throws -> XMLNode { try XMLNode.parse(Data(SVGChart.render(chart).utf8)) }

    static func number(_ node: XMLNode, _ attribute: String) -> Double { Double(node.attributes[attribute] ?? "") ?? .nan }

    @Test("a line over the years: one point per value at its height, a gap splits the line, axes labelled")
    func line() throws {
        let chart = Chart(kind: .line, title: "公开率（grant_rate）", categories: ["2019", "2020", "2021", "2022", "2023"],
                          series: [Chart.Series(name: "公开率", values: [0.5, 0.619047619047619, nil, 0.8, 0.25])], fractions: true)
        let svg = try Self.parse(chart)
        #expect(svg.name == "svg")
        #expect(svg.attributes["font-family"]?.contains("Noto Sans CJK SC") == true)
        #expect(svg.all("title").first?.text == "公开率（grant_rate）")
        let yTicks = svg.all("g", class: "y").flatMap { $0.all("text", class: "tick") }.map(\.text)
        #expect(yTicks == ["0%", "20%", "40%", "60%", "80%", "100%"])
        let xTicks = svg.all("g", class: "x").flatMap { $0.all("text", class: "tick") }.map(\.text)
        #expect(xTicks == chart.categories)
        let points = svg.all("circle")
        #expect(points.map { $0.attributes["data-category"]! } == ["2019", "2020", "2022", "2023"])
        #expect(points.map { Double($0.attributes["data-value"]!)! } == [0.5, 0.619047619047619, 0.8, 0.25])
        // Heights: y falls as the value rises, linearly (0 → the 0% gridline, 1 → the 100% one).
        let grid = svg.all("g", class: "y").flatMap { $0.all("line") }.map { Self.number($0, "y1") }
        let zero = grid.first!, hundred = grid.last!
        for point in points {
            let expected = zero + (hundred - zero) * Double(point.attributes["data-value"]!)!
            #expect(abs(Self.number(point, "cy") - expected) < 0.2)
        }
        // The gap at 2021 leaves two pieces (two M commands).
        let path = svg.all("path", class: "line").first?.attributes["d"] ?? ""
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(svg.all("text", class: "value").map(\.text) == ["50.0%", "61.9%", "80.0%", "25.0%"])
    }

    @Test("bars across agencies: one bar per agency, lengths proportional to the values, names on the axis")
    func bars() throws {
        let chart = Chart(kind: .bars, title: "按机关", categories: ["甲市人民政府办公室", "乙区教育局", "丙县"],
                          series: [Chart.Series(name: "申请数", values: [1200, 300, 0])], fractions: false)
        let svg = try Self.parse(chart)
        let bars = svg.all("rect", class: "bar")
        #expect(bars.map { $0.attributes["data-category"]! } == chart.categories)
        let widths = bars.map { Self.number($0, "width") }
        #expect(abs(widths[0] / widths[1] - 4) < 0.01)
        #expect(widths[2] == 0)
        #expect(svg.all("g", class: "y").flatMap { $0.all("text") }.map(\.allText) == chart.categories)
        #expect(svg.all("text", class: "value").map(\.text) == ["1,200", "300", "0"])
        // Every label starts right of the left edge: the names have room.
        let left = svg.all("g", class: "y").flatMap { $0.all("text") }.map { Self.number($0, "x") }
        #expect(left.allSatisfy { $0 >= 16 + 9 * 13 })
    }

    @Test("stacked outcome shares: segments stack to the bar's total, the legend names each series")
    func stacked() throws {
        let chart = Chart(kind: .stacked, title: "构成", categories: ["2021", "2022"],
                          series: [Chart.Series(name: "予以公开", values: [0.5, 0.25]), Chart.Series(name: "部分公开", values: [0.25, 0.25]),
                                   Chart.Series(name: "不予公开", values: [0.25, 0.5])], fractions: true)
        let svg = try Self.parse(chart)
        let bars = svg.all("rect", class: "bar")
        #expect(bars.count == 6)
        for category in chart.categories {
            let segments = bars.filter { $0.attributes["data-category"] == category }.sorted { Self.number($0, "y") > Self.number($1, "y") }
            #expect(segments.map { $0.attributes["data-series"]! } == ["予以公开", "部分公开", "不予公开"])
            // Each segment starts where the one below ends.
            for (lower, upper) in zip(segments, segments.dropFirst()) {
                #expect(abs(Self.number(upper, "y") + Self.number(upper, "height") - Self.number(lower, "y")) < 0.2)
            }
        }
        let total = bars.filter { $0.attributes["data-category"] == "2021" }.map { Self.number($0, "height") }.reduce(0, +)
        let other = bars.filter { $0.attributes["data-category"] == "2022" }.map { Self.number($0, "height") }.reduce(0, +)
        #expect(abs(total - other) < 0.5)
        #expect(svg.all("g", class: "legend").flatMap { $0.all("text") }.map(\.text) == ["予以公开", "部分公开", "不予公开"])
    }

    @Test("text is escaped; the same chart is the same bytes")
    func escaping() throws {
        let chart = Chart(kind: .bars, title: "A & B <c>", categories: ["\"x\""], series: [Chart.Series(name: "s", values: [1])], fractions: false)
        let svg = try Self.parse(chart)
        #expect(svg.all("title").first?.text == "A & B <c>")
        #expect(SVGChart.render(chart) == SVGChart.render(chart))
    }

    @Test("Unicode bars: lengths in eighths proportional to the values, a dash for a gap")
    func text() {
        let chart = Chart(kind: .line, title: "公开率", categories: ["2021", "2022", "2023"],
                          series: [Chart.Series(name: "公开率", values: [0.5, 1, nil])], fractions: true)
        let lines = TextChart.render(chart, width: 40).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "公开率")
        let full = lines[2].filter { $0 == "█" }.count
        let half = lines[1].filter { $0 == "█" }.count
        #expect(full == 22)  // 40 columns − label 4 − 14 for the value
        #expect(half == 11)
        #expect(lines[2].hasSuffix(" 100.0%"))
        #expect(lines[3].hasSuffix("–"))
    }

    @Test("formats: percentages, grouped numbers, exact values")
    func formats() {
        #expect(Format.percent(0.619047619047619) == "61.9%")
        #expect(Format.percent(0.0005) == "0.1%")
        #expect(Format.number(1234567) == "1,234,567")
        #expect(Format.number(-1200) == "-1,200")
        #expect(Format.number(12.5) == "12.50")
        #expect(Format.exact(0.619047619047619) == "0.619047619047619")
        #expect(Format.exact(42) == "42")
    }
}
