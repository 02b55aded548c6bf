import HanCore
import HanText
import Testing
@testable import HanExtract

/// Generate → print in every layout → read back: every cell as generated, every span on its
/// digits, and no check failing on numbers that satisfy the template's arithmetic.
@Suite("Table round trip")
struct TableRoundTripTests {
    static func document(_ text: String) -> Document {
        let bytes = Array(text.utf8)
        return Document(path: "generated", original: bytes, normalized: bytes, map: OffsetMap())
    }

    /// Every difference between what the generator printed and what the reader returned.
    static func differences(_ report: ReportGenerator.Report, index: Int) -> [String] {
        let document = document(report.text)
        let result = TableExtraction.extract(document, profile: report.profile)
        var found: [String: TableCellField] = [:]
        for cell in result.tables?.longForm ?? [] { found["\(cell.table).\(cell.row).\(cell.column)"] = cell }
        var out: [String] = []
        let location = "report \(index) (\(report.layout.rawValue), \(report.profile.rawValue))"
        for cell in report.tables.longForm {
            let key = "\(cell.table).\(cell.row).\(cell.column)"
            let got = found[key]?.value?.value
            let want = cell.value?.value
            let same = (got == nil && want == nil) || (got != nil && want != nil && abs(got! - want!) < 1e-6)
            if !same { out.append("\(location): \(key) expected \(want.map { "\($0)" } ?? "null"), read \(got.map { "\($0)" } ?? "null")") }
            if let span = found[key]?.span, let got {
                let printed = span.slice(document.original)
                if Double(printed.filter { $0 != "," }).map({ abs($0 - got) > 1e-6 }) ?? true {
                    out.append("\(location): \(key) span \(span) holds '\(printed)', not \(got)")
                }
            }
        }
        if found.count != report.tables.longForm.count {
            out.append("\(location): \(found.count) cells read, \(report.tables.longForm.count) expected")
        }
        for check in result.checks where check.ok == false {
            out.append("\(location): \(check.rule) fails (\(check.detail)) on numbers that add up")
        }
        return out
    }

    @Test("1,000 generated reports in every layout read back exactly")
    func everyLayoutReadsBack() async {
        let generator = ReportGenerator(seed: 20_261_201)
        let count = 1_000
        let slices = 4
        let failures = await withTaskGroup(of: [String].self) { group in
            for slice in 0..<slices {
                group.addTask {
                    var out: [String] = []
                    for index in stride(from: slice, to: count, by: slices) {
                        out += Self.differences(generator.report(index: index), index: index)
                    }
                    return out
                }
            }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(failures.isEmpty, "\(failures.count) differences, first: \(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test("each layout is generated and both templates occur")
    func coversLayoutsAndTemplates() {
        let generator = ReportGenerator(seed: 3)
        let reports = (0..<40).map { generator.report(index: $0) }
        #expect(Set(reports.map(\.layout)) == Set(ReportGenerator.Layout.allCases))
        #expect(Set(reports.map(\.profile)) == [.govDisclosure2019, .govDisclosure2021])
        // Glued text holds the body on one line, as crawler text does.
        let glued = reports.first { $0.layout == .glued }!
        #expect(glued.text.split(separator: "\n").last!.utf8.count > 2_000)
    }

    @Test("the same seed and index give the same report")
    func deterministic() {
        let a = ReportGenerator(seed: 99).report(index: 17)
        let b = ReportGenerator(seed: 99).report(index: 17)
        let c = ReportGenerator(seed: 98).report(index: 17)
        #expect(a.text == b.text && a.tables == b.tables)
        #expect(a.text != c.text)
    }

    @Test("generated numbers satisfy every check")
    func generatedNumbersAddUp() {
        let generator = ReportGenerator(seed: 5, layouts: [.tsv])
        for index in 0..<50 {
            let checks = TableChecks.checks(generator.report(index: index).tables)
            #expect(!checks.contains { $0.ok == false }, "report \(index)")
            #expect(checks.count == 25 + 7 + 7 + 3)
        }
    }
}
