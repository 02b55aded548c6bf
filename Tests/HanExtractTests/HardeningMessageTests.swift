import Foundation
import HanCore
import HanTestSupport
import HanText
import Testing
@testable import HanExtract
#if canImport(Glibc)
import Glibc
#endif

/// Each message of issue 14.6 and the document size limit of 14.7, run again: a clear error
/// naming the file and saying what to do.
@Suite("messages under bad input")
struct HardeningMessageTests {
    @Test("statsOnFolderBlamesBatch: --db naming a folder says so, not 'a rolled-back batch'")
    func statsOnFolderBlamesBatch() throws {
        let folder = try makeTemporaryDirectory("dbfolder")
        defer { removeDirectory(folder) }
        for command in ["stats", "query"] {
            let result = try runHanmine(command == "stats" ? ["stats", "--db", folder] : ["query", "SELECT 1", "--db", folder])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("--db names a folder, not a store file"), "\(result.stderr)")
            #expect(!result.stderr.contains("batch"))
        }
    }

    @Test("generateOutCocoaError: generate --out naming a file says so, with no NSCocoaErrorDomain")
    func generateOutCocoaError() throws {
        let folder = try makeTemporaryDirectory("genout")
        defer { removeDirectory(folder) }
        try writeFile(folder + "/file", Array("x".utf8))
        let result = try runHanmine(["generate", "--count", "1", "--out", folder + "/file"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("file: --out must be a folder"), "\(result.stderr)")
        let below = try runHanmine(["generate", "--count", "1", "--out", folder + "/file/sub"])
        #expect(below.status == 1)
        #expect(below.stderr.contains("cannot create the folder: Not a directory"), "\(below.stderr)")
        #expect(!(result.stderr + below.stderr).contains("NSCocoaErrorDomain"))
    }

    @Test("utf16WithoutBOMNoHint: UTF-16 text without a byte-order mark is refused with the --encoding to use")
    func utf16WithoutBOMNoHint() throws {
        let folder = try makeTemporaryDirectory("utf16")
        defer { removeDirectory(folder) }
        let text = "海宁县2022年政府信息公开工作年度报告\n邮编：350500\n电话：0591-22123456\n"
        var little: [UInt8] = []
        var big: [UInt8] = []
        for unit in text.utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        try writeFile(folder + "/le.txt", little)
        try writeFile(folder + "/be.txt", big)
        let result = try runHanmine(["extract", folder + "/le.txt", folder + "/be.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("le.txt: byte"), "\(result.stderr)")
        #expect(result.stderr.contains("UTF-16LE text without a byte-order mark; read it with --encoding UTF-16LE"), "\(result.stderr)")
        #expect(result.stderr.contains("UTF-16BE text without a byte-order mark; read it with --encoding UTF-16BE"), "\(result.stderr)")
        let forced = try runHanmine(["extract", "--encoding", "UTF-16LE", folder + "/le.txt"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdoutText.contains("\"postcodes\":[{\"text\":\"350500\""))
        // Binary data with NUL bytes is still called binary.
        try writeFile(folder + "/bin.txt", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        let binary = try runHanmine(["extract", folder + "/bin.txt"])
        #expect(binary.stderr.contains("binary data, not text"), "\(binary.stderr)")
    }

    @Test("regexTimeoutAlwaysByteZero: a regex.timeout warning says where the search stopped and which window it searched")
    func regexTimeoutAlwaysByteZero() throws {
        let text = Array(("aab " + String(repeating: "a", count: 40) + "!").utf8)
        let document = Document(path: "t.txt", original: text, normalized: text, map: OffsetMap())
        let context = RuleContext(document: document)
        let pathological = try ICURegex("a*b|(a+)+c", timeLimit: 1)
        let matches = context.matches(pathological, in: 0..<text.count)
        #expect(matches.map(\.span) == [Span(0, 3)])
        let message = try #require(context.warnings.first?.message)
        #expect(message.contains("stopped after byte 3"), "\(message)")
        #expect(message.contains("bytes 0–\(text.count)"), "\(message)")
    }

    @Test("tokenizeLossySilent: tokenize --lossy says how many byte sequences it replaced")
    func tokenizeLossySilent() throws {
        let bad: [UInt8] = Array("政府".utf8) + [0xFF, 0xFE] + Array("信息公开\n".utf8) + [0xC3]
        let result = try runHanmine(["tokenize", "--lossy"], stdin: bad)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("\u{FFFD}"))
        #expect(result.stderr.contains("warning: <stdin>: 3 invalid byte sequence(s) replaced with U+FFFD (--lossy)"), "\(result.stderr)")
        let clean = try runHanmine(["tokenize", "--lossy"], stdin: Array("政府信息公开\n".utf8))
        #expect(clean.stderr.isEmpty)
    }

    @Test("extractHugeLineMemory: a document over --max-bytes is refused by name; an endless one stops at the limit")
    func extractHugeLineMemory() throws {
        let folder = try makeTemporaryDirectory("maxbytes")
        defer { removeDirectory(folder) }
        try writeFile(folder + "/big.txt", Array(String(repeating: "政府信息公开", count: 200).utf8))
        try writeFile(folder + "/small.txt", Array("邮编：350500\n".utf8))
        let result = try runHanmine(["extract", "--max-bytes", "1000", folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("big.txt: byte 1000: the document is larger than --max-bytes (1000 bytes)"), "\(result.stderr)")
        #expect(result.stdoutText.split(separator: "\n").count == 1)
        let endless = try runHanmine(["-c", "yes 政府 | timeout 60 '\(TestPaths.hanmineBinary)' extract --max-bytes 1000000"], shell: true)
        #expect(endless.status == 1)
        #expect(endless.stderr.contains("<stdin>: byte 1000000: the document is larger than --max-bytes"), "\(endless.stderr)")
        let help = try runHanmine(["extract", "--help"])
        #expect(help.stdoutText.contains("default 16 MiB"))
        #expect(try runHanmine(["ingest", folder, "--max-bytes", "0"]).status == 2)
    }
}
