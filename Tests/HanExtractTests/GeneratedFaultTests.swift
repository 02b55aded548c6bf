import HanCore
import Testing
@testable import HanExtract

/// Generated reports printed with the faults of real converters (`ReportGenerator.Fault`): every
/// cell comes back as printed or null, never another number; nearly all are read.
@Suite("Generated converter faults")
struct GeneratedFaultTests {
    struct Tally {
        var cells = 0
        var read = 0
        var wrong: [String] = []
        var falseFailures: [String] = []

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(cells: a.cells + b.cells, read: a.read + b.read, wrong: a.wrong + b.wrong,
                  falseFailures: a.falseFailures + b.falseFailures)
        }
    }

    /// Reads one report and compares every cell with its gold: a number where the gold has
    /// another (or a blank) is wrong; a null where the gold has a number is unread.
    /// `extractor`: read the document the extractor prepares (layout repair included), as
    /// `hanmine extract` does; without one, the text as printed.
    static func tally(_ report: ReportGenerator.Report, index: Int, extractor: Extractor? = nil) -> Tally {
        let document = extractor.map { $0.document(for: Array(report.text.utf8)) } ?? TableRoundTripTests.document(report.text)
        let result = TableExtraction.extract(document, profile: report.profile)
        var found: [String: Double?] = [:]
        for cell in result.tables?.longForm ?? [] { found["\(cell.table).\(cell.row).\(cell.column)"] = cell.value?.value }
        var tally = Tally()
        let location = "report \(index) (\(report.layout.rawValue), \(report.fault?.rawValue ?? "no fault"))"
        for cell in report.tables.longForm {
            let key = "\(cell.table).\(cell.row).\(cell.column)"
            let got = found[key] ?? nil
            let want = cell.value?.value
            tally.cells += 1
            if let got {
                if let want, abs(got - want) < 1e-6 { tally.read += 1 } else {
                    tally.wrong.append("\(location): \(key) read \(got), gold \(want.map { "\($0)" } ?? "blank")")
                }
            } else if want == nil {
                tally.read += 1
            }
        }
        for check in result.checks where check.ok == false {
            tally.falseFailures.append("\(location): \(check.rule) fails (\(check.detail))")
        }
        return tally
    }

    static func run(_ generator: ReportGenerator, count: Int, repaired: Bool = false) async -> Tally {
        await withTaskGroup(of: Tally.self) { group in
            for slice in 0..<4 {
                group.addTask {
                    var tally = Tally()
                    // One extractor per task: extractors are not thread-safe.
                    let extractor = repaired ? try? Extractor() : nil
                    for index in stride(from: slice, to: count, by: 4) {
                        tally = tally + Self.tally(generator.report(index: index), index: index, extractor: extractor)
                    }
                    return tally
                }
            }
            var all = Tally()
            for await part in group { all = all + part }
            return all
        }
    }

    @Test("each fault is printed: the text differs from the same report without it", arguments: ReportGenerator.Fault.allCases)
    func faultIsPrinted(_ fault: ReportGenerator.Fault) {
        let layout = fault.layouts.sorted { $0.rawValue < $1.rawValue }[0]
        for index in 0..<5 {
            let faulty = ReportGenerator(seed: 77, layouts: [layout], faults: [fault]).report(index: index)
            let clean = ReportGenerator(seed: 77, layouts: [layout]).report(index: index)
            #expect(faulty.fault == fault && clean.fault == nil)
            #expect(faulty.text != clean.text, "\(fault.rawValue) in \(layout.rawValue) left report \(index) unchanged")
        }
    }

    @Test("each fault on its own: 200 reports, no cell wrong, no check failing on numbers that add up",
          arguments: ReportGenerator.Fault.allCases)
    func faultAlone(_ fault: ReportGenerator.Fault) async {
        let layouts = ReportGenerator.Layout.allCases.filter { fault.layouts.contains($0) }
        let tally = await Self.run(ReportGenerator(seed: 4_242, layouts: layouts, faults: [fault]), count: 200)
        #expect(tally.wrong.isEmpty, "\(fault.rawValue): \(tally.wrong.prefix(5).joined(separator: "\n"))")
        #expect(tally.falseFailures.isEmpty, "\(fault.rawValue): \(tally.falseFailures.prefix(5).joined(separator: "\n"))")
        #expect(Double(tally.read) / Double(max(1, tally.cells)) >= 0.95, "\(fault.rawValue): \(tally.read) of \(tally.cells)")
    }

    @Test("1,000 reports over every layout and fault: 0 wrong cells, no false check failure, ≥ 99% of cells read")
    func everyFaultExactOrNull() async {
        let generator = ReportGenerator(seed: 20_261_207, faults: ReportGenerator.Fault.allCases)
        let tally = await Self.run(generator, count: 1_000)
        #expect(tally.wrong.isEmpty, "\(tally.wrong.count) wrong cells, first: \(tally.wrong.prefix(5).joined(separator: "\n"))")
        #expect(tally.falseFailures.isEmpty,
                "\(tally.falseFailures.count) false failures, first: \(tally.falseFailures.prefix(5).joined(separator: "\n"))")
        let share = Double(tally.read) / Double(max(1, tally.cells))
        #expect(share >= 0.99, "\(tally.read) of \(tally.cells) cells read (\(share))")
    }

    @Test("through the extractor's layout repair too: 500 reports with faults, 0 wrong cells, no false failure")
    func faultsThroughLayoutRepair() async {
        let tally = await Self.run(ReportGenerator(seed: 42, faults: ReportGenerator.Fault.allCases), count: 500, repaired: true)
        #expect(tally.wrong.isEmpty, "\(tally.wrong.count) wrong cells, first: \(tally.wrong.prefix(5).joined(separator: "\n"))")
        #expect(tally.falseFailures.isEmpty, "\(tally.falseFailures.prefix(5).joined(separator: "\n"))")
        #expect(Double(tally.read) / Double(max(1, tally.cells)) >= 0.99, "\(tally.read) of \(tally.cells) cells read")
    }
}
