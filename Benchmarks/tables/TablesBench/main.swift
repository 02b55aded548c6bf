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
var folders: [String] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--generated", index + 1 < arguments.count {
        generatedCount = Int(arguments[index + 1]) ?? generatedCount
        index += 2
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
let generator = ReportGenerator(seed: 42)
var expected: [Tables] = []
let generateStart = now()
for i in 0..<generatedCount {
    let report = generator.report(index: i)
    documents.append(("generated-\(i)", Array(report.text.utf8)))
    expected.append(report.tables)
}
let generateSeconds = Double(now() - generateStart) / 1e9

let extractor = try Extractor()
struct Totals { var whole: UInt64 = 0; var tables: UInt64 = 0; var documents = 0; var withTables = 0 }
var real = Totals(), synthetic = Totals()
var mismatches = 0
for round in 0..<2 {  // the first round warms caches and is not counted
    real = Totals()
    synthetic = Totals()
    for (position, document) in documents.enumerated() {
        let t0 = now()
        let record = try extractor.extract(contentsOf: document.bytes, path: document.name)
        let t1 = now()
        let prepared = extractor.document(for: document.bytes, path: document.name)
        let t2 = now()
        let tables = TableExtraction.extract(prepared, profile: position < realCount ? record.profile : .govDisclosure2021)
        let t3 = now()
        var totals = position < realCount ? real : synthetic
        totals.whole += t1 - t0
        totals.tables += t3 - t2
        totals.documents += 1
        totals.withTables += record.tables == nil ? 0 : 1
        if position < realCount { real = totals } else { synthetic = totals }
        if round == 1, position >= realCount {
            let want = expected[position - realCount].longForm.map(\.value)
            let got = (tables.tables?.longForm ?? []).map(\.value)
            if want.count != got.count || zip(want, got).contains(where: { a, b in
                (a == nil) != (b == nil) || (a != nil && abs(a!.value - b!.value) > 1e-6)
            }) {
                mismatches += 1
            }
        }
    }
}

func report(_ label: String, _ totals: Totals) {
    guard totals.documents > 0 else { return }
    let whole = Double(totals.whole) / 1e6 / Double(totals.documents)
    let tables = Double(totals.tables) / 1e6 / Double(totals.documents)
    // When the extractor already reads the tables, they are part of `whole`.
    let rest = totals.withTables == totals.documents ? max(whole - tables, 1e-9) : whole
    print(String(format: "%@: %d documents, extract %.3f ms/doc, tables %.3f ms/doc, tables add %.1f%% (extractor %@ tables)",
                 label, totals.documents, whole, tables, 100 * tables / rest,
                 totals.withTables == totals.documents ? "reads" : (totals.withTables == 0 ? "does not read" : "partly reads")))
}
report("real corpus", real)
report("generated", synthetic)
print(String(format: "generated %d reports in %.3f s (%.0f reports/s)", generatedCount, generateSeconds,
             Double(generatedCount) / max(generateSeconds, 1e-9)))
print("generated reports whose cells did not read back: \(mismatches)")
if mismatches > 0 { exit(1) }
