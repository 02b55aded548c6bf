import Foundation
import HanCore
import HanTestSupport
import Testing
@testable import HanExtract

/// Date expressions and the intervals they mean, with the report's year 2024.
@Suite("Date expressions")
struct DateExpressionTests {
    /// The interval of the date field that starts where `expression` starts in `record`.
    static func interval(of expression: String, in record: Record, prefixBytes: Int) -> (String, String)? {
        guard let field = record.dates.first(where: { $0.span.start == prefixBytes }) else { return nil }
        let value = DateRules.interval(of: field.value)
        return (value.start, value.end)
    }

    static let prefix = "白鹭县2024年政府信息公开工作年度报告\n据统计，"

    static func check(_ expression: String, _ start: String, _ end: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let record = try ExtractFixture.extract(prefix + expression + "，工作有序开展。")
        let got = interval(of: expression, in: record, prefixBytes: prefix.utf8.count)
        #expect(got?.0 == start && got?.1 == end, "\(expression): got \(got.map { "\($0.0)…\($0.1)" } ?? "no date")",
                sourceLocation: sourceLocation)
    }

    @Test("absolute, range, part-of-year and relative forms")
    func builtInExamples() throws {
        try Self.check("2023年1月1日至2023年12月31日", "2023-01-01", "2023-12-31")
        try Self.check("12月31日", "2024-12-31", "2024-12-31")
        try Self.check("二〇二三年", "2023-01-01", "2023-12-31")
        try Self.check("２０２３年", "2023-01-01", "2023-12-31")
        try Self.check("2023年度", "2023-01-01", "2023-12-31")
        try Self.check("2023年1-6月", "2023-01-01", "2023-06-30")
        try Self.check("上半年", "2024-01-01", "2024-06-30")
        try Self.check("2023年第三季度", "2023-07-01", "2023-09-30")
        try Self.check("2023年底", "2023-12-01", "2023-12-31")
        try Self.check("去年", "2023-01-01", "2023-12-31")
        try Self.check("下年度", "2025-01-01", "2025-12-31")
    }

    /// `../shared/dates/expressions.tsv` (a test resource beside the package, read at run time).
    @Test("the shared table of real expressions, when present")
    func sharedExpressions() throws {
        let path = TestPaths.shared + "/dates/expressions.tsv"
        guard let table = try? String(contentsOfFile: path, encoding: .utf8) else {
            print("shared date expressions absent: skipped comparison with \(path)")
            return
        }
        var checked = 0
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { continue }
            let expression = fields[1]
            if fields[2].isEmpty {
                let record = try ExtractFixture.extract(Self.prefix + expression + "，工作有序开展。")
                let start = Self.prefix.utf8.count
                let overlapping = record.dates.filter { $0.span.start < start + expression.utf8.count && $0.span.end > start }
                #expect(overlapping.isEmpty, "\(expression) is not a date, got \(overlapping.map(\.text))")
            } else {
                try Self.check(expression, fields[2], fields[3])
            }
            checked += 1
        }
        #expect(checked > 10)
    }
}
