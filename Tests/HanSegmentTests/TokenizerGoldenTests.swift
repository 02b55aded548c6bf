import Foundation
import HanCore
import HanSegment
import HanTestSupport
import HanText
import Testing

/// The tokens of every report in `Corpus/`, pinned as golden TSV files beside this test.
/// ICU's dictionary decides most words, so the ICU version is pinned beside them: a different
/// ICU is reported as such, not as a tokenizer regression.
@Suite struct TokenizerGoldenTests {
    static let goldens = TestPaths.packageRoot + "/Tests/HanSegmentTests/Goldens"

    static func corpusReports() -> [String] {
        let root = TestPaths.corpus
        let walker = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".txt") { paths.append(relative) }
        }
        return paths.sorted()
    }

    func render(_ tokens: [Token], _ text: [UInt8]) -> String {
        var lines: [String] = []
        for token in tokens {
            let piece = token.span.slice(text).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
            lines.append("\(piece)\t\(token.kind.rawValue)\t\(token.span.start)\t\(token.span.end)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func corpusHasReports() {
        #expect(Self.corpusReports().count >= 5, "Corpus/ holds the hand-written reports")
    }

    @Test func icuVersionIsTheRecordedOne() throws {
        try assertGolden(Tokenizer.icuVersion + "\n", path: Self.goldens + "/ICU_VERSION")
    }

    @Test(arguments: corpusReports())
    func tokensOfCorpusReport(_ relative: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.corpus + "/" + relative)))
        let decoded = try DocumentReader.decodeAll(bytes, options: .default)
        let tokens = try Tokenizer().tokenize(decoded.text)
        checkTokenInvariants(tokens, text: decoded.text)
        let name = relative.replacingOccurrences(of: "/", with: "__")
        try assertGolden(render(tokens, decoded.text), path: Self.goldens + "/\(name).tsv")
    }
}
