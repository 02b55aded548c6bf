import HanCore
import Testing
@testable import HanExtract

/// The outline (`sections`) and the problems and measures read from it, on made-up reports
/// written in the layouts real ones use: headings on lines of their own, one-line crawler pages
/// with headings run into their text, and the numbering slips reports contain.
@Suite("Section tree and enumerated items")
struct StructureTests {
    static func roles(_ sections: [Section]) -> [String] {
        sections.flatMap(\.flattened).map { "\($0.level):\($0.role.rawValue)" }
    }

    @Test("the template outline on lines of its own, with the overview's parts and the table sections as leaves")
    func templateOutline() throws {
        let text = """
        某县水利局2023年政府信息公开工作年度报告
        一、总体情况
        （一）主动公开
        本年度主动公开信息12条。
        （二）依申请公开
        收到申请3件。
        （三）政府信息管理
        （四）平台建设
        （五）监督保障
        二、主动公开政府信息情况
        第二十条第（一）项
        三、收到和处理政府信息公开申请情况
        （一）予以公开
        三、本年度办理结果
        四、结转下年度继续办理
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        （一）存在问题：一是解读不深。二是更新不及时。
        （二）改进措施：一是加强解读。二是及时更新。
        六、其他需要报告的事项
        无。
        """
        let record = try ExtractFixture.extract(text)
        #expect(Self.roles(record.sections) == [
            "1:overview", "2:proactive", "2:on_request", "2:management", "2:platform", "2:supervision",
            "1:table_proactive", "1:table_applications", "1:table_review",
            "1:problems_and_measures", "2:problems", "2:measures", "1:other_matters",
        ])
        #expect(record.sections.map(\.heading).first == "一、总体情况")
        checkSections(record.sections, original: Array(text.utf8))
        #expect(record.problems.map(\.text) == ["解读不深", "更新不及时"])
        #expect(record.measures.map(\.text) == ["加强解读", "及时更新"])
    }

    @Test("a one-line crawler page: headings glued to digits and text, roles from the lead sentences")
    func oneLinePage() throws {
        let text = "某区商务局2022年度政府信息公开工作年度报告一、总体情况2022年，我局主动公开信息8条。二、主动公开政府信息情况0 0 0三、收到和处理政府信息公开申请情况0000四、政府信息公开行政复议、行政诉讼情况000000五、存在的主要问题及改进情况今年工作取得一定成效，但还存在一些不足，一是业务培训不够，二是公开栏目更新不及时。三是解读形式单一。2023年我局将继续抓好以下两个方面的工作：（一）提高业务水平。组织人员学习条例，提升能力。（二）抓制度促规范。健全公开制度，规范公开内容。六、其他需要报告的事项无。"
        let record = try ExtractFixture.extract(text)
        #expect(record.sections.map(\.role) == [.overview, .tableProactive, .tableApplications, .tableReview, .problemsAndMeasures, .otherMatters])
        #expect(record.problems.map(\.text) == ["业务培训不够", "公开栏目更新不及时", "解读形式单一"])
        #expect(record.measures.map(\.text) == ["提高业务水平。组织人员学习条例，提升能力", "抓制度促规范。健全公开制度，规范公开内容"])
        checkSections(record.sections, original: Array(text.utf8))
    }

    @Test("sub-headings run into their text: （一）主要问题今年… and （二）改进措施一是…")
    func gluedSubHeadings() throws {
        let text = "五、存在的主要问题及改进情况（一）主要问题今年我局工作虽有进展，但也存在一些问题：一是公开方式不够丰富；二是解读深度不够。（二）改进措施一是拓展公开渠道；二是丰富解读形式；三是加强队伍培训。六、其他需要报告的事项无。"
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["公开方式不够丰富", "解读深度不够"])
        #expect(record.measures.map(\.text) == ["拓展公开渠道", "丰富解读形式", "加强队伍培训"])
        let section = try #require(record.sections.first)
        #expect(section.children.map(\.role) == [.problems, .measures])
        #expect(section.children.map(\.heading) == ["（一）主要问题", "（二）改进措施"])
    }

    @Test("measures taken on last year's problems, introduced as steps taken, are measures; a plan in prose gives none")
    func stepsTakenAreMeasures() throws {
        let text = "五、存在的主要问题及改进情况我局针对上年存在的问题，采取措施，扎实改进。一是成立领导小组。二是组织集中学习。2023年，我局工作取得一定成效，但也存在一些问题。一是属性界定不够清晰。二是解读还要加强。下一步，我局将继续加强培训，规范公开。六、其他需要报告的事项无。"
        let record = try ExtractFixture.extract(text)
        #expect(record.measures.map(\.text) == ["成立领导小组", "组织集中学习"])
        #expect(record.problems.map(\.text) == ["属性界定不够清晰", "解读还要加强"])
    }

    @Test("problems or measures written as prose give no items")
    func proseGivesNone() throws {
        let text = "五、存在的主要问题及改进情况（一）存在问题2023年，我局工作虽稳步推进，但仍存在一些问题：公开质效不够高，时效性有待加强。（二）改进措施健全常态化发布机制，严格把关。六、其他需要报告的事项无。"
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.isEmpty && record.measures.isEmpty, "\(record.problems.map(\.text)) \(record.measures.map(\.text))")
    }

    @Test("numbering slips: a first item without 一是, a repeated ordinal, a sub-list inside an item")
    func numberingSlips() throws {
        let text = """
        五、存在的主要问题及改进情况
        存在以下不足：栏目设置不够完整，二是规范性文件公布不够规范，三是解读不到位。
        下一步，我们将做好以下工作：一是完善栏目。二是规范发布，具体包括：1、建立台账；2、定期核查。三是加强解读。三是强化考核。
        六、其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["栏目设置不够完整", "规范性文件公布不够规范", "解读不到位"])
        #expect(record.measures.map(\.text) == ["完善栏目", "规范发布，具体包括：1、建立台账；2、定期核查", "加强解读", "强化考核"])
        #expect(record.measures.map(\.index) == [1, 2, 3, 4])
    }

    @Test("items numbered 1. on lines of their own; the last ends with its paragraph")
    func arabicItemsOnLines() throws {
        let text = """
        六、存在的不足和改进措施
        （一）存在的不足
        1．信息更新不够及时。
        2．解读形式单一。
        （二）改进措施
        1．建立更新台账，按月核查。
        2．丰富解读形式。
        此外，本机关将按要求报送年报。
        七、其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["信息更新不够及时", "解读形式单一"])
        #expect(record.measures.map(\.text) == ["建立更新台账，按月核查", "丰富解读形式"])
    }

    @Test("a last item wrapped mid-sentence (PDF text) goes on to the end of its sentence")
    func wrappedLastItem() throws {
        let text = """
        五、存在的主要问题及改进情况
        存在的问题：一是信息更新不够及时；二是部分单位对政府信息公开工作的重视程度
        还不够高。
        下一步，我们将：一是加强培训；二是完善制度，进一步提升工作人员的业务能力和
        服务水平。
        六、其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["信息更新不够及时", "部分单位对政府信息公开工作的重视程度\n还不够高"])
        #expect(record.measures.map(\.text) == ["加强培训", "完善制度，进一步提升工作人员的业务能力和\n服务水平"])
    }

    @Test("a closing signature and date are not part of the last item")
    func signatureIsNotItem() throws {
        let text = "六、存在的主要问题及改进措施2025年工作取得成效，但仍存在短板。对此，我局将靶向整改：一是加大重点领域公开力度；二是优化办理流程；三是加强业务培训，夯实工作基础。 某某片区管理局2026年1月20日"
        let record = try ExtractFixture.extract(text)
        #expect(record.measures.map(\.text) == ["加大重点领域公开力度", "优化办理流程", "加强业务培训，夯实工作基础"])
        #expect(record.problems.isEmpty)
    }

    @Test("the problems section is found under any numbering style and in a legacy outline")
    func legacyAndOtherStyles() throws {
        let text = """
        （一）概述
        本年度工作情况良好。
        （二）存在的主要问题及改进措施
        主要问题：1.公开意识不强；2.制度不健全。
        改进措施：1.加强培训；2.健全制度。
        （三）其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.sections.map(\.role) == [.overview, .problemsAndMeasures, .otherMatters])
        #expect(record.problems.map(\.text) == ["公开意识不强", "制度不健全"])
        #expect(record.measures.map(\.text) == ["加强培训", "健全制度"])
    }

    @Test("problems and measures in top-level parts of their own; 一、 numbering items under a sub-heading")
    func separatePartsAndTopStyleItems() throws {
        let text = """
        五、存在的问题
        （一）主要问题
        一、信息更新不够及时。
        二、解读形式单一。
        六、下一步工作思路
        1.建立更新台账。
        2.丰富解读形式。
        七、其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.sections.map(\.role) == [.problemsAndMeasures, .problemsAndMeasures, .otherMatters])
        #expect(record.problems.map(\.text) == ["信息更新不够及时", "解读形式单一"])
        #expect(record.measures.map(\.text) == ["建立更新台账", "丰富解读形式"])
    }

    @Test("（一）（二） items of one list, then a lead and a list of another style: the second item is not a sub-heading")
    func itemsThenAnotherList() throws {
        let text = """
        五、存在的主要问题及改进情况
        本年度工作取得一定成效，但仍有差距，主要是：
        （一）主动公开的内容不够全面；
        （二）政策解读的针对性不强。
        下一步，我局将重点做好以下工作：
        一是完善公开目录。
        二是提高解读质量。
        总之，我局将持续做好公开工作。
        六、其他需要报告的事项
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.problems.map(\.text) == ["主动公开的内容不够全面", "政策解读的针对性不强"])
        #expect(record.measures.map(\.text) == ["完善公开目录", "提高解读质量"])
    }

    @Test("a sentence naming a template part on a line of its own is not a heading")
    func sentenceLineIsNotHeading() throws {
        let record = try ExtractFixture.extract("一、总体情况\n本年度开展培训2次，主动公开信息30条。\n二、主动公开政府信息情况\n")
        #expect(record.sections.map(\.heading) == ["一、总体情况", "二、主动公开政府信息情况"])
    }

    @Test("a table's row label is not a count; a sentence inside a table section still counts")
    func tableLabelsAreNotCounts() throws {
        let text = """
        某县档案局2023年政府信息公开工作年度报告
        本报告根据国办公开办函〔2021〕30号编制。
        二、主动公开政府信息情况
        本年度主动公开政府信息120条，其中规范性文件5件。
        三、收到和处理政府信息公开申请情况
        5.属于三类内部事务信息	0	0	0	0	0	0	0
        四、政府信息公开行政复议、行政诉讼情况
        """
        let record = try ExtractFixture.extract(text)
        #expect(record.profile.hasStandardTables)
        #expect(record.counts.map(\.text) == ["120条", "5件"], "\(record.counts.map(\.text))")
    }

    @Test("references such as 第二十条第（一）项 and numbers like 1.5 are not enumerators")
    func notEnumerators() throws {
        let markers = MarkerScanner.scan(ScalarText(Array("依据第二十条第（一）项，增长1.5倍，(3)类，统一是原则".utf8)))
        // 统一是 yields only a glued marker, which never opens a list in running text.
        #expect(markers.filter { !$0.glued }.isEmpty, "\(markers)")
    }
}

/// Every section's span starts with its heading's bytes, lies in its parent's, and siblings do not overlap.
func checkSections(_ sections: [Section], original: [UInt8], parent: Span? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    var previousEnd = parent?.start ?? 0
    for section in sections {
        #expect(section.span.end <= original.count, "section \(section.heading) ends outside the text", sourceLocation: sourceLocation)
        guard section.span.end <= original.count else { continue }
        #expect(section.span.slice(original).hasPrefix(section.heading), "\(section.heading) is not where its span starts", sourceLocation: sourceLocation)
        if let parent { #expect(parent.contains(section.span), "\(section.heading) outside its parent", sourceLocation: sourceLocation) }
        #expect(section.span.start >= previousEnd, "\(section.heading) overlaps its sibling", sourceLocation: sourceLocation)
        previousEnd = section.span.end
        checkSections(section.children, original: original, parent: section.span, sourceLocation: sourceLocation)
    }
}
