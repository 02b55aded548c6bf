// What the statistical tables add to `hanmine extract`, per document.
//
// For every document: the whole extraction (`Extractor.extract(contentsOf:path:)`, which reads
// the tables for the disclosure profiles) and, on the same prepared document, the table reader
// alone (`TableExtraction.extract`). Prints the totals and the share the tables add:
// tables / (whole − tables). Asserts, as a benchmark that doubles as a check, that every
// generated report's cells read back exactly.
import Foundation
import HanCore
import HanExtract

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let arguments = Array(CommandLine.arguments.dropFirst())
var generatedCount = 2_000
var withFaults = false
var folders: [String] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--generated", index + 1 < arguments.count {
        generatedCount = Int(arguments[index + 1]) ?? generatedCount
        index += 2
    } else if arguments[index] == "--faults" {
        // Print every converter fault (`ReportGenerator.Fault`): the reader's hypotheses at work.
        withFaults = true
        index += 1
    } else {
        folders.append(arguments[index])
        index += 1
    }
}

var documents: [(name: String, bytes: [UInt8])] = []
for folder in folders {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names.sorted() where name.hasSuffix(".txt") {
        if let data = FileManager.default.contents(atPath: folder + "/" + name) { documents.append((name, [UInt8](data))) }
    }
}
let realCount = documents.count
let generator = ReportGenerator(seed: 42, faults: withFaults ? ReportGenerator.Fault.allCases : [])
var expected: [Tables] = []
let generateStart = now()
for i in 0..<generatedCount {
    let report = generator.report(index: i)
    documents.append(("generated-\(i)", Array(report.text.utf8)))
    expected.append(report.tables)
}
let generateSeconds = Double(now() - generateStart) / 1e9

let extractor = try Extractor()
struct Totals { var whole: UInt64 = 0; var tables: UInt64 = 0; var rest: UInt64 = 0; var documents = 0; var withTables = 0 }
var real = Totals(), synthetic = Totals()
var mismatches = 0
// Each document is timed `rounds` times after a warm-up; the fastest run of each counts, so
// other work on the machine inflates neither figure.
let rounds = 3
for (position, document) in documents.enumerated() {
    var whole = UInt64.max, tablesTime = UInt64.max
    var record: Record?
    var tables: TableExtraction.Result?
    for round in 0...rounds {
        let t0 = now()
        let extracted = try extractor.extract(contentsOf: document.bytes, path: document.name)
        let t1 = now()
        let prepared = extractor.document(for: document.bytes, path: document.name)
        let t2 = now()
        let read = TableExtraction.extract(prepared, profile: position < realCount ? extracted.profile : .govDisclosure2021)
        let t3 = now()
        if round > 0 {
            whole = min(whole, t1 - t0)
            tablesTime = min(tablesTime, t3 - t2)
        }
        record = extracted
        tables = read
    }
    var totals = position < realCount ? real : synthetic
    let hasTables = record?.tables != nil
    totals.whole += whole
    totals.tables += tablesTime
    // Without the tables, the extraction would have taken `whole` less the reader's time.
    totals.rest += hasTables ? whole - min(whole, tablesTime) : whole
    totals.documents += 1
    totals.withTables += hasTables ? 1 : 0
    if position < realCount { real = totals } else { synthetic = totals }
    if position >= realCount {
        let want = expected[position - realCount].longForm.map(\.value)
        let got = (tables?.tables?.longForm ?? []).map(\.value)
        // With faults a cell may rightly be null (the text does not settle it); a number that
        // differs from the gold never is.
        if want.count != got.count || zip(want, got).contains(where: { a, b in
            (b != nil && (a == nil || abs(a!.value - b!.value) > 1e-6)) || (!withFaults && a != nil && b == nil)
        }) {
            mismatches += 1
            if mismatches <= 3 { print("did not read back: \(document.name)") }
        }
    }
}

func report(_ label: String, _ totals: Totals) {
    guard totals.documents > 0 else { return }
    let whole = Double(totals.whole) / 1e6 / Double(totals.documents)
    let tables = Double(totals.tables) / 1e6 / Double(totals.documents)
    let rest = max(Double(totals.rest) / 1e6 / Double(totals.documents), 1e-9)
    print(String(format: "%@: %d documents (%d with tables), extract %.3f ms/doc, tables %.3f ms/doc, tables add %.1f%%",
                 label, totals.documents, totals.withTables, whole, tables, 100 * tables / rest))
}
report("real corpus", real)
report("generated", synthetic)
print(String(format: "generated %d reports in %.3f s (%.0f reports/s)", generatedCount, generateSeconds,
             Double(generatedCount) / max(generateSeconds, 1e-9)))
print("generated reports whose cells did not read back: \(mismatches)")
if mismatches > 0 { exit(1) }
