import HanCore
import HanTestSupport
import Testing
@testable import HanExtract

/// Layout repair goes through the offset map: the rules read the repaired text, spans slice the
/// original exactly.
@Suite("Layout repair")
struct LayoutRepairTests {
    /// A PDF-style text: lines wrapped at a fixed width, blank lines between, page numbers.
    static let wrapped = """
    东川市人民政府
    2024 年政府信息公开工作年度报告

    本报告由东川市人民政府办公室根据《中华人民共和国政府信息公

    开条例》规定编制。报告所列统计期限自 2024 年 1 月 1 日至 2024

    年 12 月 31 日。如对本报告有疑问，请与东川市政府办公室联系（地址：东

    川市长宁大道 1 号，邮编：650500，电话：0871-63123456）。

    全市共受理政府信息公开申请 1180 件，答复 1150 件，其中信息公开行政复

    - 1 -

    议 35 件，行政诉讼 4 件。

    """

    @Test("hard wraps inside words and numbers are joined; the span keeps the break")
    func hardWrapsJoined() throws {
        let record = try ExtractFixture.extract(Self.wrapped)
        #expect(record.contacts.addresses.map(\.text) == ["东\n\n川市长宁大道 1 号"])
        #expect(record.titles.map(\.text) == ["《中华人民共和国政府信息公\n\n开条例》"])
        #expect(record.period == Period(start: "2024-01-01", end: "2024-12-31"))
        #expect(record.title == "东川市人民政府2024年政府信息公开工作年度报告")
        #expect(record.agency == "东川市人民政府")
        checkSpans(record, original: Array(Self.wrapped.utf8))
    }

    @Test("a page number between two halves of a sentence is skipped")
    func pageNumberSkipped() throws {
        let record = try ExtractFixture.extract(Self.wrapped)
        let count = try #require(record.counts.first { $0.value == 35 })
        #expect(count.text == "35 件")
        #expect(count.subject == "信息公开行政复议")
        let extractor = try Extractor()
        let document = extractor.document(for: Array(Self.wrapped.utf8))
        #expect(!String(decoding: document.normalized, as: UTF8.self).contains("- 1 -"))
    }

    @Test("free-length lines (web pages) are never joined")
    func freeLinesNotJoined() throws {
        let text = "一、总体情况\n2023年，本单位主动公开信息12条。\n二、主动公开政府信息情况\n规章\n0\n"
        let extractor = try Extractor()
        let document = extractor.document(for: Array(text.utf8))
        #expect(document.normalized.filter { $0 == 0x0A }.count == 5)
        #expect(String(decoding: document.normalized, as: UTF8.self) == text.replacingOccurrences(of: "，", with: ","))
    }

    @Test("traditional characters and pinyin artefacts 國(guó) are read, spans stay on the original")
    func traditionalAndPinyin() throws {
        let text = "特向社會(huì)公布2020年開平市農(nóng)業(yè)局政府信息公開工作年度報(bào)告。地址：開平市良園路六十號(hào)；郵編：529300。"
        let record = try ExtractFixture.extract(text)
        #expect(record.agency == "開平市農(nóng)業(yè)局")
        #expect(record.contacts.addresses.map(\.text) == ["開平市良園路六十號(hào)"])
        #expect(record.contacts.postcodes.map(\.text) == ["529300"])
        let extractor = try Extractor()
        let normalized = String(decoding: extractor.document(for: Array(text.utf8)).normalized, as: UTF8.self)
        #expect(normalized.contains("开平市农业局政府信息公开工作年度报告"))
        checkSpans(record, original: Array(text.utf8))
    }

    @Test("full-width digits and punctuation read like half-width")
    func fullWidthRead() throws {
        let text = "统计期限为２０２３年１月１日至２０２３年１２月３１日。电话：０５９２－６１２３４５６。"
        let record = try ExtractFixture.extract(text)
        #expect(record.period == Period(start: "2023-01-01", end: "2023-12-31"))
        #expect(record.contacts.phones.map(\.text) == ["０５９２－６１２３４５６"])
        checkSpans(record, original: Array(text.utf8))
    }

    @Test("form feeds are dropped")
    func formFeedsDropped() throws {
        let text = "全年公开信息\u{0C}12条。"
        let record = try ExtractFixture.extract(text)
        #expect(record.counts.map(\.text) == ["\u{0C}12条"] || record.counts.map(\.text) == ["12条"])
        checkSpans(record, original: Array(text.utf8))
    }

    @Test("spans slice the original on random mixtures of report pieces")
    func randomMixtures() throws {
        let pieces = ["（一）", "一是", "2023年", "1月1日至12月31日", "\n\n", "- 3 -", "國(guó)", "電話：0592-6123456", "邮编：361200",
                      "＠", "www.demo-x.gov.cn", "主动公开536条", "0.5万元", "〔2019〕60号", "《条例》", "五、存在的主要问题及改进情况",
                      "改进措施：", "。", "，", "\u{0C}", "１２３", "   ", "淮", "安市", "地址：", "号", "|", "\t"]
        var generator = HanTestSupport.SplitMix64(seed: 7)
        let extractor = try Extractor()
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int(generator.next() % 40) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            let record = try extractor.extract(contentsOf: bytes, path: "random.txt")
            checkSpans(record, original: bytes)
        }
    }
}

/// A table row of dash blanks and numbers once read as a page number and vanished before the
/// table reader saw it.
@Suite("Layout repair: page numbers")
struct PageNumberShapeTests {
    func isPageNumber(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { LayoutRepair.describe($0, start: 0, contentEnd: $0.count, end: $0.count).isPageNumber }
    }

    @Test func pageFootersArePageNumbers() {
        #expect(isPageNumber("- 3 -"))
        #expect(isPageNumber("—12—"))
        #expect(isPageNumber("－ 7 －"))
        #expect(isPageNumber("第 3 页"))
    }

    @Test func tableRowsWithDashBlanksAreNot() {
        #expect(!isPageNumber("8 — 0 0 — — 8"))
        #expect(!isPageNumber("— — 5"))
        #expect(!isPageNumber("- 3 - 4 -"))
        #expect(!isPageNumber("2648-18538"))
    }
}
