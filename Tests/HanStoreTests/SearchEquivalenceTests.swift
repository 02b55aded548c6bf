import Foundation
import HanCore
@testable import HanStore
import HanTestSupport
import Testing

@Suite("Search --word: the word index finds exactly what a whole-word scan of the text finds")
struct SearchEquivalenceTests {
    static let words = ["行政复议", "复议", "行政", "信息公开", "政府信息公开", "公开", "政府信息公开工作", "年度报告",
                        "行政诉讼", "主动公开", "依申请公开", "政务公开", "防控", "工作", "人民政府", "536", "2023", "covid"]

    /// Documents where `word` occurs on term boundaries: the bytes match, and the terms of the
    /// document covering them are the terms of the word (the definition of a whole-word hit).
    static func wholeWordScan(_ word: String, texts: [String], terms: SearchTerms) -> Set<Int> {
        let wordTerms = terms.terms(of: word).map(\.bytes)
        var found: Set<Int> = []
        for (index, text) in texts.enumerated() {
            let documentTerms = terms.terms(of: text)
            for i in documentTerms.indices where i + wordTerms.count <= documentTerms.count {
                if (0..<wordTerms.count).allSatisfy({ documentTerms[i + $0].bytes == wordTerms[$0] }) {
                    found.insert(index)
                    break
                }
            }
        }
        return found
    }

    static func store(_ texts: [String]) throws -> (CorpusStore, String, [String: Int]) {
        let (store, directory) = try StoreFixtures.freshStore()
        var byPath: [String: Int] = [:]
        var batch: [IngestItem] = []
        for (index, text) in texts.enumerated() {
            let path = "/corpus/\(index).txt"
            byPath[path] = index
            batch.append(StoreFixtures.document(text, path: path))
        }
        _ = try store.write(batch)
        return (store, directory, byPath)
    }

    @Test("FTS hits = whole-word scan, and never more than a LIKE scan", arguments: words)
    func equalsScan(word: String) throws {
        let (store, directory, byPath) = try Self.store(StoreFixtures.texts)
        defer { removeDirectory(directory) }
        let terms = try SearchTerms()
        let hits = try store.search(SearchRequest(query: word, mode: .words, limit: 100))
        let found = Set(hits.map { byPath[$0.path]! })
        #expect(found == Self.wholeWordScan(word, texts: StoreFixtures.texts, terms: terms))
        let like = try store.fetchAll("SELECT d.path FROM documents d JOIN texts t ON t.document_id = d.id WHERE t.body LIKE ?",
                                      arguments: [.text("%" + word + "%")]).rows
        let likeFound = Set(like.compactMap { row -> Int? in if case .text(let path) = row[0] { return byPath[path] } else { return nil } })
        if word.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 }) {
            #expect(found.isSubset(of: likeFound))
        }
        // Every reported occurrence is the word's bytes in the document (or its normalised form).
        for hit in hits {
            #expect(!hit.occurrences.isEmpty)
            for line in hit.lines { #expect(terms.terms(of: line.match).map(\.bytes) == terms.terms(of: word).map(\.bytes)) }
        }
    }

    @Test("a word inside a longer lexicon word is found: 信息公开 in 政府信息公开工作")
    func wordInsideCompound() throws {
        let (store, directory, _) = try Self.store(["全面推进政府信息公开工作。"])
        defer { removeDirectory(directory) }
        for word in ["信息公开", "政府信息公开", "公开工作", "政府信息公开工作"] {
            let hits = try store.search(SearchRequest(query: word))
            #expect(hits.count == 1, "\(word)")
            #expect(hits.first?.lines.first?.match == word)
        }
    }

    @Test("full-width and case fold: covid finds ＣＯＶＩＤ and COVID, 2023 finds ２０２３")
    func normalisation() throws {
        let (store, directory, _) = try Self.store(StoreFixtures.texts)
        defer { removeDirectory(directory) }
        let covid = try store.search(SearchRequest(query: "covid"))
        #expect(covid.count == 1)
        #expect(covid.first?.lines.map(\.match) == ["ＣＯＶＩＤ", "COVID"])
        let year = try store.search(SearchRequest(query: "2023"))
        #expect(year.flatMap { $0.lines.map(\.match) }.contains("２０２３"))
    }

    @Test("substring search finds what word search does not: 行政 inside 发行政策")
    func substring() throws {
        let (store, directory, byPath) = try Self.store(StoreFixtures.texts)
        defer { removeDirectory(directory) }
        let hits = try store.search(SearchRequest(query: "行政", mode: .substring, limit: 100))
        let expected = Set(StoreFixtures.texts.indices.filter { StoreFixtures.texts[$0].contains("行政") })
        #expect(Set(hits.map { byPath[$0.path]! }) == expected)
        for hit in hits { #expect(hit.lines.allSatisfy { $0.match == "行政" }) }
        #expect(throws: HanError.self) { try store.search(SearchRequest(query: "，。", mode: .words)) }
    }

    @Test("filters: year, agency and profile narrow the hits")
    func filters() throws {
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        _ = try store.write([StoreFixtures.document(StoreFixtures.texts[0], path: "/a", agency: "甲", year: 2023),
                             StoreFixtures.document(StoreFixtures.texts[4], path: "/b", agency: "乙", year: 2021)])
        #expect(try store.search(SearchRequest(query: "行政复议")).count == 2)
        #expect(try store.search(SearchRequest(query: "行政复议", year: 2021)).map(\.path) == ["/b"])
        #expect(try store.search(SearchRequest(query: "行政复议", agency: "甲")).map(\.path) == ["/a"])
        #expect(try store.search(SearchRequest(query: "行政复议", profile: "generic")).isEmpty)
    }

    @Test("a concordance line is the text around the exact bytes, cut at line breaks")
    func concordance() {
        let text = Array("第一行\n前面的文字行政复议后面的文字\n第三行".utf8)
        let span = Concordance.find(Array("行政复议".utf8), in: text)
        #expect(span.count == 1)
        let line = Concordance.line(text, span[0], context: 3)
        #expect(line.left == "的文字")
        #expect(line.match == "行政复议")
        #expect(line.right == "后面的")
        let wide = Concordance.line(text, span[0], context: 50)
        #expect(wide.left == "前面的文字")
        #expect(wide.right == "后面的文字")
    }
}
