import Foundation
import HanCore
import HanText
import Testing
@testable import HanExtract

/// Targeted layouts and edge cases of the table reader, on small made-up tables.
@Suite("Table reader")
struct TableReaderTests {
    static let keys = TemplateLabels.applicationRowKeys

    static func read(_ text: String, profile: Profile = .govDisclosure2021) -> (TableExtraction.Result, Document) {
        let bytes = Array(text.utf8)
        let document = Document(path: "t", original: bytes, normalized: bytes, map: OffsetMap())
        return (TableExtraction.extract(document, profile: profile), document)
    }

    /// Table 3 (and an all-zero table 4) printed with `separator` between a row's cells and
    /// `rowEnd` after each row; `rows` gives a row's printed cells (default: seven zeros).
    static func applications(_ rows: [String: [String]], separator: String, rowEnd: String,
                             singleOther: Bool = false) -> String {
        var text = "三、收到和处理政府信息公开申请情况" + rowEnd + "申请人情况" + rowEnd
        for key in keys {
            if singleOther && (key == "other_no_correction" || key == "other_no_fee") { continue }
            var labels = ReportContent.applicationLabels[key]!
            if singleOther && key == "other_other" { labels = ["（六）其他处理"] }
            let cells = rows[key] ?? Array(repeating: "0", count: 7)
            text += labels.joined(separator: separator) + separator + cells.joined(separator: separator) + rowEnd
        }
        text += "四、政府信息公开行政复议、行政诉讼情况" + rowEnd + "行政复议" + separator + "行政诉讼" + rowEnd
        text += "结果维持" + separator + "结果纠正" + separator + "其他结果" + separator + "尚未审结" + separator + "总计" + rowEnd
        text += Array(repeating: "0", count: 15).joined(separator: separator) + rowEnd
        text += "五、存在的主要问题及改进情况" + rowEnd
        return text
    }

    static func row(_ table: Table?, _ key: String) -> [Double?] {
        TemplateLabels.applicantColumns.map { table?[key, $0] }
    }

    @Test("glued rows that two cuts fit are settled by the column sums with other rows")
    func jointSplit() {
        // 270020130 reads 27,0,0,2,0,1,30 or 2,7,0,0,20,1,30; the printed （七）总计 decides.
        let rows: [String: [String]] = [
            "new_received": ["270020130"], "granted": ["270020130"],
            "handled_total": ["27 0 0 2 0 1 30"],
        ]
        let (result, _) = Self.read(Self.applications(rows, separator: "", rowEnd: ""))
        let app = result.tables?.applications
        #expect(Self.row(app, "granted") == [27, 0, 0, 2, 0, 1, 30])
        #expect(Self.row(app, "new_received") == [27, 0, 0, 2, 0, 1, 30])
        #expect(!result.warnings.contains { $0.code == "cell.ambiguous" })
        #expect(result.checks.filter { $0.ok == true }.count == result.checks.count)
    }

    @Test("glued rows that the arithmetic cannot settle stay null with cell.ambiguous")
    func jointlyAmbiguous() {
        // Every row reads either way and all checks hold either way: no guess.
        let rows: [String: [String]] = [
            "new_received": ["270020130"], "granted": ["270020130"], "handled_total": ["270020130"],
        ]
        let (result, _) = Self.read(Self.applications(rows, separator: "", rowEnd: ""))
        let granted = Self.row(result.tables?.applications, "granted")
        #expect(granted[0] == nil && granted[1] == nil && granted[6] == 30)
        #expect(result.warnings.contains { $0.code == "cell.ambiguous" && $0.message.contains("granted") })
    }

    @Test("a document's own wrong arithmetic keeps its numbers and fails its check")
    func wrongArithmetic() {
        let rows: [String: [String]] = [
            "new_received": ["5", "0", "0", "0", "0", "0", "5"],
            "granted": ["4", "0", "0", "0", "0", "0", "4"],
            "rejected_repeated": ["3", "0", "0", "0", "0", "0", "3"],
            "handled_total": ["5", "0", "0", "0", "0", "0", "5"],
        ]
        let (result, _) = Self.read(Self.applications(rows, separator: "\t", rowEnd: "\n"))
        #expect(result.tables?.applications?["handled_total", "natural_person"] == 5)
        let check = result.checks.first { $0.rule == "applications.handled_sum.natural_person" }
        #expect(check?.ok == false)
        #expect(check?.detail == "4+0+0+0+0+0+0+0+0+0+0+0+0+0+3+0+0+0+0+0+0 = 5")
        let balance = result.checks.first { $0.rule == "applications.balance.natural_person" }
        #expect(balance?.ok == true && balance?.detail == "5+0 = 5+0")
    }

    @Test("blank cells, `/`, `—`, `-`, `无` are null with cell.blank, spans on the markers")
    func blanks() {
        let rows: [String: [String]] = [
            "new_received": ["3", "", "/", "—", "-", "无", "3"],
            "handled_total": ["3", "", "", "", "", "", ""],
            "granted": ["3", "", "", "", "", "", "3"],
        ]
        let (result, document) = Self.read(Self.applications(rows, separator: "\t", rowEnd: "\n"))
        let app = result.tables?.applications
        #expect(Self.row(app, "new_received") == [3, nil, nil, nil, nil, nil, 3])
        #expect(Self.row(app, "handled_total") == [3, nil, nil, nil, nil, nil, nil])
        let blanks = result.warnings.filter { $0.code == "cell.blank" }
        #expect(blanks.count == 5 + 6 + 5)
        let markers = blanks.compactMap(\.span).filter { !$0.isEmpty }.map { $0.slice(document.original) }
        #expect(Set(markers) == ["/", "—", "-", "无"])
        #expect(result.checks.first { $0.rule == "applications.row_sum.handled_total" }?.ok == nil)
    }

    @Test("one （六）其他处理 row fills other_other; the two sub-rows are null without warnings")
    func singleOtherRow() {
        let rows: [String: [String]] = ["other_other": ["2", "0", "0", "1", "0", "0", "3"]]
        let (result, _) = Self.read(Self.applications(rows, separator: " | ", rowEnd: " |\n", singleOther: true))
        let app = result.tables?.applications
        #expect(Self.row(app, "other_other") == [2, 0, 0, 1, 0, 0, 3])
        #expect(Self.row(app, "other_no_correction") == Array(repeating: nil, count: 7))
        #expect(!result.warnings.contains { $0.code == "table.row_missing" })
    }

    @Test("PDF text: labels first, then the numbers column by column, across a page footer")
    func columnMajor() {
        var text = "三、收到和处理政府信息公开申请情况\n\n申请人情况\n\n"
        let first = Array(Self.keys.prefix(13)), rest = Array(Self.keys.dropFirst(13))
        var values: [String: [Int]] = [:]
        for (index, key) in Self.keys.enumerated() {
            let parts = (0..<6).map { (index * 7 + $0 * 3) % 5 }
            values[key] = parts + [parts.reduce(0, +)]
        }
        for (page, keys) in [first, rest].enumerated() {
            for key in keys { text += ReportContent.applicationLabels[key]!.joined(separator: "\n\n") + "\n\n" }
            if page == 0 { text += "- 4 -\n\n自然人\n\n商 业 企\n\n总计\n\n其他\n\n" }
            for column in 0..<7 { for key in keys { text += "\(values[key]![column])\n\n" } }
        }
        text += "四、政府信息公开行政复议、行政诉讼情况\n\n结果维持\n\n" + (0..<15).map { _ in "0\n\n" }.joined()
        let (result, _) = Self.read(text)
        for key in Self.keys {
            #expect(Self.row(result.tables?.applications, key) == values[key]!.map(Double.init), "\(key)")
        }
    }

    @Test("table 2: the 2019 variant is told by its labels, glued cells cut one way only are kept")
    func proactive2019() {
        let text = "二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量"
            + "规章000规范性文件693665第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量"
            + "行政许可12 -3 40其他对外管理服务事项0 0 0第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量"
            + "行政处罚5 1 9行政强制0 0 0第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费7-2"
            + "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购4 182300.5元"
            + Self.applications([:], separator: "", rowEnd: "")
        let (result, _) = Self.read(text, profile: .govDisclosure2021)
        let table = result.tables?.proactive
        #expect(table?.rows.map(\.name).contains("procurement") == true)
        #expect(table?["regulations", "made"] == 0 && table?["regulations", "in_force"] == 0)
        #expect(table?["normative_documents", "made"] == nil)
        #expect(result.warnings.contains { $0.code == "cell.ambiguous" && $0.message.contains("normative_documents") })
        #expect(table?["licensing", "change"] == -3 && table?["licensing", "decisions"] == 40)
        #expect(table?["fees", "prev_items"] == 7 && table?["fees", "change"] == -2)
        #expect(table?["procurement", "projects"] == 4 && table?["procurement", "amount_yuan"] == 182_300.5)
    }

    @Test("the report's own prose settles a glued table-2 row; prose that fits no cut is ignored")
    func proseCorroboration() {
        let table2 = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
            + "规章000行政规范性文件1234567第二十条第（五）项信息内容本年处理决定数量行政许可5"
            + Self.applications([:], separator: "", rowEnd: "")
        let settled = "一、总体情况。全年现行有效行政规范性文件567件，本年制发规范性文件12件。" + table2
        let (result, _) = Self.read(settled)
        let table = result.tables?.proactive
        #expect(table?["normative_documents", "issued"] == 12)
        #expect(table?["normative_documents", "repealed"] == 34)
        #expect(table?["normative_documents", "in_force"] == 567)
        let contradicted = "一、总体情况。现行有效规范性文件999件。" + table2
        let (other, _) = Self.read(contradicted)
        #expect(other.tables?.proactive?["normative_documents", "in_force"] == nil)
        #expect(other.warnings.contains { $0.code == "cell.ambiguous" })
    }

    @Test("labels broken over lines and enumerators glued to the previous row's digits")
    func brokenLabels() {
        var rows: [String: [String]] = [:]
        rows["denied_state_secret"] = ["1000001"]
        rows["denied_prohibited"] = ["2000002"]
        rows["granted"] = ["0", "0", "0", "0", "0", "0", "0"]
        var text = Self.applications(rows, separator: "", rowEnd: "")
        text = text.replacingOccurrences(of: "重复申请", with: "重复\n申请")
        let (result, _) = Self.read(text)
        #expect(Self.row(result.tables?.applications, "denied_state_secret") == [1, 0, 0, 0, 0, 0, 1])
        #expect(Self.row(result.tables?.applications, "denied_prohibited") == [2, 0, 0, 0, 0, 0, 2])
    }

    @Test("other profiles have no tables")
    func legacyHasNoTables() {
        let (result, _) = Self.read(Self.applications([:], separator: "\t", rowEnd: "\n"), profile: .govDisclosureLegacy)
        #expect(result.tables == nil && result.checks.isEmpty)
    }
}
