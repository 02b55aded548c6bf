import CICU
import Foundation
import HanCore
import HanExtract
@testable import HanStore
import HanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Search recall is the truth: for words drawn at random from the texts (1–6 characters,
/// traditional forms among them), the documents `search` finds are exactly the documents whose
/// folded text contains the folded word, and every line shows the original bytes of a match.
@Suite("Search recall: found = the documents whose folded text contains the word")
struct SearchRecallTests {
    /// Simplified → traditional, scalar by scalar (ICU's Simplified-Traditional): the queries'
    /// and documents' traditional forms.
    final class Traditional {
        let transliterator: OpaquePointer
        init() throws {
            var error: Int32 = 0
            guard let opened = hm_transliterator_open("Simplified-Traditional", &error) else {
                throw HanError(.icu, "no Simplified-Traditional transliterator (\(error))")
            }
            transliterator = opened
        }
        deinit { hm_transliterator_close(transliterator) }

        func convert(_ text: String) -> String {
            var out = ""
            var buffer = [UInt8](repeating: 0, count: 32)
            for scalar in text.unicodeScalars {
                var error: Int32 = 0
                let length = buffer.withUnsafeMutableBufferPointer {
                    hm_transliterate_scalar(transliterator, scalar.value, $0.baseAddress, 32, &error)
                }
                out += length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : String(scalar)
            }
            return out
        }
    }

    /// A deterministic generator (SplitMix64) so a failure names a reproducible word.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// `count` words of 1–6 characters without whitespace, each at a random place of a random
    /// text (of `pool` when given); a fifth of them turned into traditional characters.
    static func randomWords(_ texts: [String], count: Int, seed: UInt64, traditional: Traditional,
                            pool: [Int]? = nil) -> [String] {
        var random = Random(state: seed)
        var words: [String] = []
        let characters = texts.map { Array($0.unicodeScalars) }
        while words.count < count {
            let index = pool.map { $0[random.next($0.count)] } ?? random.next(texts.count)
            let scalars = characters[index]
            guard !scalars.isEmpty else { continue }
            let length = 1 + random.next(6)
            let start = random.next(scalars.count)
            guard start + length <= scalars.count else { continue }
            let piece = scalars[start..<(start + length)]
            guard !piece.contains(where: { SearchFold.isSeparator($0.value) }) else { continue }
            let word = String(String.UnicodeScalarView(piece))
            words.append(words.count % 5 == 4 ? traditional.convert(word) : word)
        }
        return words
    }

    /// Whether `needle` occurs in `haystack`, both NUL-terminated (glibc's strstr: a scan that
    /// owes nothing to the index).
    static func contains(_ haystack: [CChar], _ needle: [CChar]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in strstr(h.baseAddress!, n.baseAddress!) != nil } }
    }

    static func cString(_ bytes: [UInt8]) -> [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }

    /// Checks every word: the set of paths found equals the set of paths whose folded text holds
    /// the folded word; for the first documents, each line's match folds to the word.
    static func expectRecall(_ store: CorpusStore, texts: [String: String], words: [String]) throws {
        let fold = try SearchFold()
        let folded = texts.mapValues { cString(fold.fold(Array($0.utf8)).bytes) }
        for word in words {
            let needle = fold.fold(Array(word.utf8)).bytes
            let cNeedle = cString(needle)
            let expected = Set(folded.filter { contains($0.value, cNeedle) }.keys)
            var request = SearchRequest(query: word, limit: 1_000_000)
            request.withOccurrences = false
            let hits = try store.search(request)
            #expect(Set(hits.map(\.path)) == expected, "\(word): found \(hits.count), \(expected.count) contain it")
            #expect(Set(hits.map(\.path)).count == hits.count, "\(word): a document listed twice")
            // Lines of the top hits: the original bytes, which fold to the word.
            for hit in try store.search(SearchRequest(query: word, limit: 3)) {
                #expect(!hit.lines.isEmpty, "\(word): \(hit.path) has no line")
                for line in hit.lines {
                    #expect(fold.fold(Array(line.match.utf8)).bytes == needle, "\(word): line shows \(line.match)")
                    let body = Array(texts[hit.path]!.utf8)
                    #expect(String(decoding: body[line.span.start..<line.span.end], as: UTF8.self) == line.match)
                }
            }
        }
    }

    @Test("generated reports (some in traditional characters): 200 random words")
    func generated() throws {
        let count = Int(ProcessInfo.processInfo.environment["HANMINE_RECALL_REPORTS"] ?? "") ?? 10_000
        let generator = ReportGenerator(seed: 11)
        let traditional = try Traditional()
        var texts: [String: String] = [:]
        var ordered: [String] = []
        let (store, directory) = try StoreFixtures.freshStore()
        defer { removeDirectory(directory) }
        var batch: [IngestItem] = []
        for index in 0..<count {
            var text = generator.report(index: index).text
            // Every tenth report as a traditional-character site would print it.
            if index % 10 == 3 { text = traditional.convert(text) }
            let path = "/generated/\(index).txt"
            texts[path] = text
            ordered.append(text)
            batch.append(StoreFixtures.document(text, path: path))
            if batch.count == 500 {
                _ = try store.write(batch)
                batch = []
            }
        }
        _ = try store.write(batch)
        let words = Self.randomWords(ordered, count: 200, seed: 7, traditional: traditional)
        try Self.expectRecall(store, texts: texts, words: words)
    }

    @Test("the dev corpus, ingested: 200 random words, traditional documents among the sources",
          .enabled(if: fileExists(TestPaths.shared + "/corpus/raw")))
    func devCorpus() throws {
        let directory = try makeTemporaryDirectory("recall-dev")
        defer { removeDirectory(directory) }
        let db = directory + "/dev.sqlite"
        let ingest = try runHanmine(["ingest", TestPaths.shared + "/corpus/raw", "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let store = try CorpusStore(path: db, mode: .readOnly)
        var texts: [String: String] = [:]
        try store.forEachRow("SELECT d.path, t.body FROM documents d JOIN texts t ON t.document_id = d.id") { _, row in
            if case .text(let path) = row[0], case .text(let body) = row[1] { texts[path] = body }
        }
        let ordered = texts.keys.sorted().map { texts[$0]! }
        let fold = try SearchFold()
        // Documents printed in traditional characters: their folded Han text differs.
        let traditionalDocuments = ordered.indices.filter { index in
            ordered[index].unicodeScalars.contains { $0.value >= 0x4E00 && fold.fold(String($0)) != Array(String($0).utf8) }
        }
        #expect(!traditionalDocuments.isEmpty)
        let traditional = try Traditional()
        let words = Self.randomWords(ordered, count: 160, seed: 3, traditional: traditional)
            + Self.randomWords(ordered, count: 40, seed: 5, traditional: traditional, pool: traditionalDocuments)
        try Self.expectRecall(store, texts: texts, words: words)
    }

    @Test("a word the segmenter splits differently in context is found: 行政复议和")
    func segmentationIndependent() throws {
        let texts = ["申请行政复议和行政诉讼。", "行政复议决定书", "发行政策性文件", "行政復議", "ＡＢＣ行政复议"]
        let (store, directory, byPath) = try SearchEquivalenceTests.store(texts)
        defer { removeDirectory(directory) }
        let found = try store.search(SearchRequest(query: "行政复议")).map { byPath[$0.path]! }
        #expect(Set(found) == [0, 1, 3, 4])
        // The original bytes in context: the traditional form as printed.
        let traditional = try store.search(SearchRequest(query: "行政复议")).first { byPath[$0.path] == 3 }
        #expect(traditional?.lines.first?.match == "行政復議")
        // --word keeps word boundaries: 行政 is no word inside 发行政策.
        #expect(try store.search(SearchRequest(query: "行政")).count == 5)
        #expect(!(try store.search(SearchRequest(query: "行政", mode: .words)).map { byPath[$0.path]! }.contains(2)))
        // One character, several pieces, Latin case and width.
        #expect(Set(try store.search(SearchRequest(query: "复")).map { byPath[$0.path]! }) == [0, 1, 3, 4])
        #expect(try store.search(SearchRequest(query: "abc 复议")).map { byPath[$0.path]! } == [4])
        #expect(try store.search(SearchRequest(query: "政策 申请")).isEmpty)
    }
}
