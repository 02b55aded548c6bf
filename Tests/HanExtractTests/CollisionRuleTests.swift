import HanCore
import HanText
import Testing
@testable import HanExtract

/// Types never collide: one test per rule of issue 3, named after the rule.
@Suite("Extraction collision rules")
struct CollisionRuleTests {
    @Test("a 6-digit number labelled 邮编 is a postcode, not a phone")
    func labelledPostcodeIsNotPhone() throws {
        let record = try ExtractFixture.extract("请与区政府办公室联系（地址：滨河路8号，邮编：361200，电话：0592-6123456）。")
        #expect(record.contacts.postcodes.map(\.text) == ["361200"])
        #expect(record.contacts.phones.map(\.text) == ["0592-6123456"])
        #expect(record.contacts.phones.first?.value == "+86-592-6123456")
    }

    @Test("13号 in an address is not a date")
    func houseNumberInAddressIsNotDate() throws {
        let record = try ExtractFixture.extract("地址：云溪区府前路13号政府办公室，邮编：361200。")
        #expect(record.contacts.addresses.map(\.text) == ["云溪区府前路13号政府办公室"])
        #expect(record.dates.isEmpty, "dates: \(record.dates.map(\.text))")
    }

    @Test("the year in 〔2019〕60号 is not a report date")
    func yearInDocumentNumberIsNotDate() throws {
        let record = try ExtractFixture.extract("根据《通知》（国办公开办函〔2019〕60号）要求编制。")
        #expect(record.dates.isEmpty, "dates: \(record.dates.map(\.text))")
        let number = try #require(record.docNumbers.first)
        #expect(number.text == "国办公开办函〔2019〕60号")
        #expect(number.issuer == "国办公开办函")
        #expect(number.year == 2019)
        #expect(number.number == 60)
    }

    @Test("document numbers in [2019], (2019), 【2021】 and 国令第 711 号 form")
    func documentNumberVariants() throws {
        let record = try ExtractFixture.extract("依据（宁政办函[2015]12号）、（海新办(2021)15号）、海新管办【2021】7号和《条例》（国令第 711 号）。")
        #expect(record.docNumbers.map(\.text) == ["宁政办函[2015]12号", "海新办(2021)15号", "海新管办【2021】7号", "国令第 711 号"])
        #expect(record.docNumbers.last?.issuer == "国令")
        #expect(record.docNumbers.last?.number == 711)
    }

    @Test("runs of table zeros and glued table cells are not phone numbers")
    func tableZerosAreNotPhones() throws {
        let record = try ExtractFixture.extract("行政复议\n000000000000000\n（七）总计23000000230000000\n0 0 0 0 0 0 0\n")
        #expect(record.contacts.phones.isEmpty, "phones: \(record.contacts.phones.map(\.text))")
        #expect(record.contacts.faxes.isEmpty)
    }

    @Test("a URL ends at the first CJK character")
    func urlEndsAtFirstCJKCharacter() throws {
        let record = try ExtractFixture.extract("网址为http://www.yunxi-demo.gov.cn/index.html查阅，或见www.yunxi-demo.gov.cn政府信息公开专栏。")
        #expect(record.contacts.urls.map(\.text) == ["http://www.yunxi-demo.gov.cn/index.html", "www.yunxi-demo.gov.cn"])
    }

    @Test("an e-mail's domain is not a URL, and a full-width ＠ is an e-mail")
    func emailDomainIsNotURL() throws {
        let record = try ExtractFixture.extract("电子邮箱：yxgk＠yunxi-demo.gov.cn，备用邮箱：office@mail.yunxi-demo.gov.cn。")
        #expect(record.contacts.emails.map(\.text) == ["yxgk＠yunxi-demo.gov.cn", "office@mail.yunxi-demo.gov.cn"])
        #expect(record.contacts.urls.isEmpty, "urls: \(record.contacts.urls.map(\.text))")
    }

    @Test("万元 in a table header is a unit, not 10,000 yuan")
    func tenThousandYuanInHeaderIsUnit() throws {
        let record = try ExtractFixture.extract("信息内容 | 本年收费金额（单位：万元）\n行政事业性收费 | 0\n全年收取费用0.5万元。")
        #expect(record.money.map(\.text) == ["0.5万元"])
        #expect(record.money.first?.yuan == 5000)
    }

    @Test("电话/传真 and 电话(传真) label one number as both phone and fax")
    func phoneSlashFaxIsBoth() throws {
        let record = try ExtractFixture.extract("电话/传真：0591-23123456；另电话（传真）：0557-3123456。")
        #expect(record.contacts.phones.map(\.text) == ["0591-23123456", "0557-3123456"])
        #expect(record.contacts.faxes.map(\.text) == ["0591-23123456", "0557-3123456"])
    }

    @Test("an ordinal (第二十条) is not a count; 5500余条 is approximate")
    func ordinalIsNotCount() throws {
        let record = try ExtractFixture.extract("第二十条第（一）项。全年主动公开政府信息5500余条，办理申请两件。")
        #expect(record.counts.map(\.text) == ["5500余条", "两件"])
        #expect(record.counts.first?.approximate == true)
        #expect(record.counts.first?.value == 5500)
        #expect(record.counts.first?.subject == "主动公开政府信息")
        #expect(record.counts.last?.value == 2)
    }

    @Test("relative dates resolve against the report's year, never today")
    func relativeDatesUseReportYear() throws {
        let record = try ExtractFixture.extract("白鹭县2020年政府信息公开工作年度报告\n本年收到申请5件，上年结转1件，结转下年度办理0件。")
        #expect(record.year == 2020)
        let values = Dictionary(record.dates.map { ($0.text, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(values["本年"] == .point("2020"))
        #expect(values["上年"] == .point("2019"))
        #expect(values["下年度"] == .point("2021"))
    }

    @Test("a month-day inherits the year written before it")
    func monthDayInheritsYear() throws {
        let record = try ExtractFixture.extract("统计期限为2023年1月1日至12月31日。2022年工作中，11月5日召开会议。")
        #expect(record.period == Period(start: "2023-01-01", end: "2023-12-31"))
        #expect(record.dates.first { $0.text == "11月5日" }?.value == .point("2022-11-05"))
    }

    @Test("an agency is named as the title names it, before or after the year")
    func agencyFromTitle() throws {
        #expect(try ExtractFixture.extract("2023年度云溪区人民政府信息公开工作年度报告\n正文").agency == "云溪区人民政府")
        #expect(try ExtractFixture.extract("云溪区农业农村局2023年政府信息公开工作年度报告\n正文").agency == "云溪区农业农村局")
        #expect(try ExtractFixture.extract("当前位置：首页 > 年报\n来源：云溪区 发布时间：2024-01-02\n一、总体情况\n2023年，我局主动公开信息5条。").agency == nil)
    }

    @Test("sub-headings such as （一）2022年问题整改情况 are headings, not items")
    func subHeadingIsNotItem() throws {
        let text = """
        五、存在的主要问题及改进情况
        （一）2022年问题整改情况：一是目录进一步完善。二是解读更加丰富。
        （二）存在问题：一是解读不够深入。二是更新不够及时。
        （三）改进措施：一是加强解读。二是及时更新。
        六、其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["解读不够深入", "更新不够及时"])
        #expect(record.measures.map(\.text) == ["加强解读", "及时更新"])
        #expect(record.measures.map(\.index) == [1, 2])
        checkSpans(record, original: Array(text.utf8))
    }

    @Test("a section in plain prose gives no items; a cue sentence starts the measures")
    func proseGivesNoItems() throws {
        let text = "五、存在的主要问题及改进情况 还存在一些不足：一是公开意识不强。二是更新不够及时。 下一步，我们将加强培训，完善机制。 六、其他需要报告的事项 无。"
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["公开意识不强", "更新不够及时"])
        #expect(record.measures.isEmpty, "measures: \(record.measures.map(\.text))")
    }

    @Test("a line that starts with 针对存在问题， is prose, not a heading")
    func cueLineIsNotHeading() throws {
        let record = try ExtractFixture.extract("一、总体情况\n针对存在问题，我们做了以下工作：一是加强培训。二是完善制度。\n二、主动公开政府信息情况\n")
        #expect(record.problems.isEmpty && record.measures.isEmpty, "problems: \(record.problems.map(\.text))")
    }

    @Test("the list of sections in the preamble is not a heading")
    func sectionListIsNotHeading() throws {
        let record = try ExtractFixture.extract("全文包括总体情况、存在的主要问题及改进情况等部分：一是总体情况。二是其他。")
        #expect(record.problems.isEmpty && record.measures.isEmpty)
    }
}

@Suite("Regex time limit")
struct RegexTimeLimitTests {
    @Test("a pattern that hits its time limit gives a regex.timeout warning, not a hang")
    func timeoutBecomesWarning() throws {
        let text = Array((String(repeating: "a", count: 40) + "!").utf8)
        let document = Document(path: "t.txt", original: text, normalized: text, map: OffsetMap())
        let context = RuleContext(document: document)
        let pathological = try ICURegex("(a+)+b", timeLimit: 1)
        let matches = context.matches(pathological)
        #expect(matches.isEmpty)
        #expect(context.warnings.map(\.code) == ["regex.timeout"])
    }
}
