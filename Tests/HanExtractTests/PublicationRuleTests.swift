import HanCore
import Testing
@testable import HanExtract

/// `published` and `source_url` (issue 9, item 6), on made-up pages.
@Suite("Publication date and page address")
struct PublicationRuleTests {
    static let body = "云溪县民政局2023年政府信息公开工作年度报告\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n2023年，我局主动公开信息36条。\n"

    static func record(_ text: String) throws -> Record {
        let record = try ExtractFixture.extract(text)
        checkSpans(record, original: Array(text.utf8))
        return record
    }

    @Test("a crawler header gives the publication time and the page's address")
    func crawlerHeaderGivesPublishedAndSourceURL() throws {
        let header = "标题: 云溪县民政局2023年政府信息公开工作年度报告\n发布时间: 2024-01-19 09:30\n原文链接: https://www.yunxi.gov.cn/mzj/202401/t20240119_101.htm\n栏目: 年报\n"
        let record = try Self.record(header + Self.body + "云溪县民政局\n2024年1月18日\n")
        #expect(record.published == "2024-01-19", "the page's own label comes before the signature")
        #expect(record.publishedText?.text == "2024-01-19")
        #expect(record.sourceURL == "https://www.yunxi.gov.cn/mzj/202401/t20240119_101.htm")
        #expect(record.contacts.urls.map(\.text).contains("https://www.yunxi.gov.cn/mzj/202401/t20240119_101.htm"))
    }

    @Test("publication labels: 发布日期 in a table row, 公开日期, 发布于 with a Chinese date")
    func publicationLabelVariants() throws {
        #expect(try Self.record("发布日期 | 2024-01-22 |\n" + Self.body).published == "2024-01-22")
        #expect(try Self.record("公开日期：2024/1/5\n" + Self.body).published == "2024-01-05")
        #expect(try Self.record("发布于2024年1月30日\n" + Self.body).published == "2024-01-30")
    }

    @Test("a bare 时间： in page chrome counts, 统计时间 and a period do not")
    func bareTimeLabel() throws {
        #expect(try Self.record("时间：2024-01-19 20:23 来源：办公室\n" + Self.body).published == "2024-01-19")
        #expect(try Self.record("统计时间：2024-01-19\n" + Self.body).published == nil)
        #expect(try Self.record("时间：2023年1月1日至2023年12月31日\n" + Self.body).published == nil)
    }

    @Test("the date under the signature, on its own line, after a space or glued to the body's name")
    func signatureDate() throws {
        #expect(try Self.record(Self.body + "云溪县民政局\n2024年1月18日\n").published == "2024-01-18")
        #expect(try Self.record(Self.body + "云溪县民政局 二〇二四年一月十八日 （此件主动公开）").published == "2024-01-18")
        #expect(try Self.record(Self.body + "云溪县民政局2024年1月18日").published == "2024-01-18")
    }

    @Test("a date inside the last sentence is no signature")
    func lastSentenceDateIsNoSignature() throws {
        let record = try Self.record(Self.body + "本报告于2024年1月18日经局务会审议通过。\n")
        #expect(record.published == nil)
        #expect(record.sourceURL == nil)
    }

    @Test("a signature dated before the year reported on is a slip, not the publication")
    func signatureBeforeReportedYear() throws {
        #expect(try Self.record(Self.body + "云溪县民政局\n2022年1月18日\n").published == nil)
    }
}
