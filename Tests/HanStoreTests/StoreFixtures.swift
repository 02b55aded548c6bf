import Foundation
import HanCore
import HanStore
import HanTestSupport

/// Small made-up documents and hand-built records for the store tests (no extractor needed:
/// the store's contract is the record).
enum StoreFixtures {
    static let texts: [String] = [
        "某县政府办公室2023年政府信息公开工作年度报告\n本年度收到行政复议申请3件。\n政府信息公开工作稳步推进，信息公开平台运行良好。\n",
        "某市交通局2022年政府信息公开工作年度报告\n全年未发生行政诉讼案件。行政复议决定均予维持。\n联系电话：0632-1234567\n",
        "某区教育局2023年政府信息公开工作年度报告\n依申请公开办理及时，主动公开信息536条。\n发行政策性文件两件。\n",
        "关于ＣＯＶＩＤ防控的通知\n各单位要加强COVID-19防控，做好２０２３年工作。\n",
        "某镇人民政府2021年工作总结\n完善政务公开制度，推进行政复议规范化建设。\n复议机关依法办理。\n",
    ]

    static func sha256(_ text: String) -> String {
        // A stand-in identity for hand-built documents: distinct texts give distinct strings.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// A record for `text` with a title, a count field, one table row and two checks.
    static func record(_ text: String, path: String, agency: String? = nil, year: Int? = nil,
                       carriedOver: Double = 0, carriedForward: Double = 0, balanced: Bool = true,
                       ambiguousCells: Int = 0) -> Record {
        let bytes = Array(text.utf8)
        var record = Record(source: Source(path: path, sha256: sha256(text), bytes: bytes.count, encoding: "UTF-8"))
        record.profile = .govDisclosure2021
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        record.title = firstLine
        record.agency = agency
        record.agencyCanonical = agency
        record.year = year
        record.titles = [TextField(text: firstLine, span: Span(0, firstLine.utf8.count))]
        if let range = text.range(of: "536条") {
            let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
            record.counts = [CountField(text: "536条", value: 536, unit: "条", subject: "主动公开信息", approximate: false,
                                        span: Span(start, start + "536条".utf8.count))]
        }
        let columns = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
        func row(_ name: String, _ total: Double?) -> TableRow {
            TableRow(name: name, cells: columns.map { TableCell(column: $0, value: $0 == "total" ? total : 0) })
        }
        record.tables = Tables(applications: Table(rows: [row("new_received", 3), row("carried_over", carriedOver),
                                                          row("handled_total", 3), row("carried_forward", carriedForward)]))
        record.checks = [Check(rule: "applications.balance.total", ok: balanced, detail: balanced ? "3+0 = 3+0" : "3+0 = 3+1"),
                         Check(rule: "review_litigation.sum.review", ok: nil, detail: "cells missing")]
        record.warnings = [Warning(code: "cell.blank", message: "blank cell", span: nil)]
        var quality = TableQuality(layout: .tsv, cells: 28, read: 28 - ambiguousCells, blank: 1, ambiguous: ambiguousCells)
        quality.count(record.checks)
        record.tableQuality = quality
        let body = Span(firstLine.utf8.count, bytes.count)
        record.sections = [Section(heading: firstLine, level: 1, role: .overview, span: Span(0, bytes.count),
                                   children: [Section(heading: "", level: 2, role: .unknown, span: body)])]
        return record
    }

    static func document(_ text: String, path: String, agency: String? = nil, year: Int? = nil,
                         carriedOver: Double = 0, carriedForward: Double = 0, balanced: Bool = true,
                         ambiguousCells: Int = 0) -> IngestItem {
        .document(StoredDocument(path: path, sha256: sha256(text),
                                 record: record(text, path: path, agency: agency, year: year, carriedOver: carriedOver,
                                                carriedForward: carriedForward, balanced: balanced,
                                                ambiguousCells: ambiguousCells),
                                 text: Array(text.utf8)))
    }

    /// A fresh store in a temporary directory.
    static func freshStore() throws -> (store: CorpusStore, directory: String) {
        let directory = try makeTemporaryDirectory("hanstore")
        return (try CorpusStore(path: directory + "/corpus.sqlite", mode: .readWrite), directory)
    }

    static func count(_ store: CorpusStore, _ sql: String) throws -> Int64 {
        let rows = try store.fetchAll(sql).rows
        guard case .integer(let value) = rows.first?.first else { return -1 }
        return value
    }
}
