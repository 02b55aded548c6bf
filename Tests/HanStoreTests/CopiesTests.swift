import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

@Suite("One record per report: other paths of the same bytes, copies, agencies")
struct CopiesTests {
    /// One made-up report as two sites would print it: the same body text, different chrome.
    static let body = """
        某某县某某局2023年政府信息公开工作年度报告
        本报告根据《中华人民共和国政府信息公开条例》编制。全年主动公开政府信息1234条，其中规范性文件12件。
        全年收到政府信息公开申请356件，办结349件，网站访问量45678次。行政复议3件，行政诉讼1件，均已依法办理。
        存在的主要问题：公开内容还不够全面，解读形式较为单一。下一步将加强培训，完善制度，提升公开质量。
        """
    static let siteA = "首页 > 政务公开 > 年度报告\n" + body + "\n打印本页 关闭窗口\n"
    static let siteB = "索引号：0000-2024-0001 发布机构：某某县某某局\n" + body + "\n相关链接 网站地图\n"
    static let other = """
        某某县某某局2023年政府工作总结
        一年来，全局上下围绕中心工作，统筹推进各项改革，道路建设完成投资二十亿元，新建学校两所。
        """

    /// A document without tables (the fixture record's tables are the same for every text, and
    /// equal tables are evidence of a copy by themselves).
    static func item(_ text: String, _ path: String, agency: String?, year: Int?) -> IngestItem {
        var record = StoreFixtures.record(text, path: path, agency: agency, year: year)
        record.tables = nil
        return .document(StoredDocument(path: path, sha256: StoreFixtures.sha256(text), record: record, text: Array(text.utf8)))
    }

    @Test("the same bytes under another path are one document with two paths")
    func samePathsOneDocument() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let summary = try store.write([Self.item(Self.siteA, "/a/x.txt", agency: "某某县某某局", year: 2023),
                                       Self.item(Self.siteA, "/b/x.txt", agency: "某某县某某局", year: 2023)])
        #expect(summary.added == 1)
        #expect(summary.aliased == 1)
        #expect(try store.write([.alias(path: "/b/x.txt", sha256: StoreFixtures.sha256(Self.siteA))]).aliased == 1)
        #expect(try StoreFixtures.count(store, "SELECT count(*) FROM documents") == 1)
        let hits = try store.search(SearchRequest(query: "行政复议"))
        #expect(hits.map(\.path) == ["/a/x.txt"])
        #expect(hits.first?.aliases == ["/b/x.txt"])
    }

    @Test("distinctive numbers: three or more significant digits, no years, no document numbers")
    func distinctiveNumbers() {
        let text = Array("主动公开1234条，2023年，国办发〔2019〕711号，0.5万元，12.75万元，356件，007，1234条".utf8)
        #expect(Copies.distinctiveNumbers(text).count == 3)  // 1234, 12.75, 356
        #expect(!Copies.sameFigures([1, 2], [1, 2]))
        #expect(Copies.sameFigures([1, 2, 3, 4, 5], [1, 2, 3, 4, 9, 10]))
        #expect(!Copies.sameFigures([1, 2, 3, 4, 5], [1, 2, 3, 9, 10]))
    }

    @Test("two captures of one report: one primary, the smallest hash, whatever the ingest order")
    func nearDuplicates() throws {
        var primaries: [String] = []
        for order in [[0, 1], [1, 0]] {
            let (store, directory) = try StoreFixtures.freshStore()
            defer { removeDirectory(directory) }
            let items = [Self.item(Self.siteA, "/site-a.txt", agency: "某某县某某局", year: 2023),
                         Self.item(Self.siteB, "/site-b.txt", agency: "某某县某某局", year: 2023)]
            for index in order { _ = try store.write([items[index]]) }
            // Not copies: another kind of report of the same body and year, the same report of
            // another year, of another body, and a report of the same body and year on the same
            // wording with other figures. Equal tables alone make a copy:
            _ = try store.write([StoreFixtures.document("表一", path: "/tables-1.txt", agency: "某县", year: 2020),
                                 StoreFixtures.document("表二", path: "/tables-2.txt", agency: "某县", year: 2020)])
            _ = try store.write([Self.item(Self.other, "/other.txt", agency: "某某县某某局", year: 2023),
                                 Self.item(Self.siteA + "。", "/next-year.txt", agency: "某某县某某局", year: 2024),
                                 Self.item(Self.siteA + "。。", "/other-body.txt", agency: "某某县某某局办公室", year: 2023),
                                 Self.item(Self.siteA.replacingOccurrences(of: "1234", with: "2345")
                                            .replacingOccurrences(of: "349", with: "298").replacingOccurrences(of: "45678", with: "56789"),
                                           "/other-figures.txt", agency: "某某县某某局", year: 2023)])
            try store.finishIngest()
            let rows = try store.fetchAll("""
                SELECT d.path, p.path FROM documents d JOIN documents p ON p.id = d.copy_of
                """).rows
            #expect(rows.count == 2)
            #expect(rows.contains { $0[0] == .text("/tables-1.txt") || $0[0] == .text("/tables-2.txt") })
            let copies = rows.filter { $0[0] != .text("/tables-1.txt") && $0[0] != .text("/tables-2.txt") }
            #expect(copies.count == 1)
            if case .text(let primary) = copies.first?[1] { primaries.append(primary) }
            let expectedPrimary = StoreFixtures.sha256(Self.siteA) < StoreFixtures.sha256(Self.siteB) ? "/site-a.txt" : "/site-b.txt"
            #expect(copies.first?[1] == .text(expectedPrimary))
            // Search lists both and marks the copy; primaries-only counts leave it out.
            let hits = try store.search(SearchRequest(query: "规范性文件", year: 2023, limit: 10))
            #expect(hits.count == 4)
            #expect(hits.filter { $0.copyOf != nil }.count == 1)
            var filters = DocumentFilters(year: 2023)
            filters.allCopies = false
            var request = SearchRequest(query: "规范性文件", limit: 10)
            request.filters = filters
            #expect(try store.search(request).count == 3)
        }
        #expect(primaries.count == 2 && primaries[0] == primaries[1])
    }

    @Test("agencies: 人民政府 = 政府, the name without its city when one city has it, user aliases; never two bodies")
    func agencies() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        let names = ["某某市东宝区人民政府", "东宝区政府", "甲市鼓楼区人民政府", "乙市鼓楼区人民政府", "鼓楼区人民政府",
                     "东宝区政府办公室", "某某市大数据局"]
        _ = try store.write(names.enumerated().map { index, name in
            Self.item("\(name)2023年政府信息公开工作年度报告\n第\(index)号\n", "/\(index).txt", agency: name, year: 2023)
        })
        try store.finishIngest()
        func body(_ name: String) throws -> StoreValue? {
            try store.fetchAll("SELECT body FROM agencies WHERE name = ?", arguments: [.text(name)]).rows.first?.first
        }
        #expect(try body("东宝区政府") == .text("某某市东宝区人民政府"))
        #expect(try body("东宝区政府办公室") == .text("东宝区政府办公室"))
        // 鼓楼区 is a district of two cities here: the short name links to neither.
        #expect(try body("鼓楼区人民政府") == .text("鼓楼区人民政府"))
        #expect(try body("甲市鼓楼区人民政府") != body("乙市鼓楼区人民政府"))
        // --agency: any piece of any name of the body.
        let hits = try store.search(SearchRequest(query: "年度报告", agency: "东宝", limit: 10))
        #expect(Set(hits.map(\.path)) == ["/0.txt", "/1.txt", "/5.txt"])
        let city = try store.search(SearchRequest(query: "年度报告", agency: "某某市东宝区", limit: 10))
        #expect(Set(city.map(\.path)) == ["/0.txt", "/1.txt"])
        // A user's alias: a renamed body.
        #expect(try store.addAgencyAliases(fileText: "# renames\n某某市数据局\t某某市大数据局\n", path: "aliases.tsv") == 1)
        #expect(try body("某某市数据局") == .text("某某市大数据局"))
        #expect(throws: HanError.self) { try store.addAgencyAliases(fileText: "only one column\n", path: "bad.tsv") }
    }
}
