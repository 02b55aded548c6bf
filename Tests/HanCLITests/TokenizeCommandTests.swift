import HanTestSupport
import Testing

/// `hanmine tokenize` end to end, through the real binary.
@Suite struct TokenizeCommandTests {
    @Test func textFormatIsOneLinePerInputLine() throws {
        let result = try runHanmine(["tokenize"], stdin: Array("本年度主动公开信息536条。\n\n行政复议0件\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdoutText == "本年度 主动公开 信息 536 条 。\n\n行政复议 0 件\n")
    }

    @Test func tsvAndJSONLCarryKindsAndByteOffsets() throws {
        let tsv = try runHanmine(["tokenize", "--format", "tsv"], stdin: Array("共536条".utf8))
        #expect(tsv.stdoutText == "共\than\t0\t3\n536\tnumber\t3\t6\n条\than\t6\t9\n")
        let jsonl = try runHanmine(["tokenize", "--format", "jsonl"], stdin: Array("５".utf8))
        #expect(jsonl.stdoutText == #"{"text":"５","kind":"number","start":0,"end":3,"norm":"5"}"# + "\n")
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let text = Array(String(repeating: "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n政务公开", count: 40000).utf8)
        let one = try runHanmine(["tokenize", "--jobs", "1"], stdin: text)
        let two = try runHanmine(["tokenize", "--jobs", "2"], stdin: text)
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.count > text.count)
    }

    @Test func manyFilesInParallelComeOutInOrder() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        var paths: [String] = []
        var expected: [UInt8] = []
        for index in 0..<30 {
            let path = directory + "/\(index).txt"
            // Every other file ends without a line break: each file's output still ends its line.
            let text = String(repeating: "第\(index)号文件，政务公开。", count: index + 1) + (index % 2 == 0 ? "\n" : "")
            try writeFile(path, Array(text.utf8))
            paths.append(path)
            expected += try runHanmine(["tokenize", "--jobs", "1", path]).stdout
        }
        let together = try runHanmine(["tokenize", "--jobs", "2"] + paths)
        #expect(together.status == 0)
        #expect(together.stdout == expected)
    }

    @Test func invalidUTF8NamesTheFileAndOffsetAndExitsOne() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        var bytes = Array(String(repeating: "政府", count: 20).utf8)
        bytes.insert(0xC3, at: 12)
        try writeFile(directory + "/bad.txt", bytes)
        try writeFile(directory + "/good.txt", Array("政府".utf8))
        let strict = try runHanmine(["tokenize", directory + "/bad.txt", directory + "/good.txt"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("bad.txt: byte 12: invalid UTF-8"))
        #expect(strict.stdoutText.hasSuffix("政府\n"), "the next file is still tokenized")
        let lossy = try runHanmine(["tokenize", "--lossy", directory + "/bad.txt"])
        #expect(lossy.status == 0)
        #expect(lossy.stdoutText.contains("\u{FFFD}"))
    }

    @Test func emptyAndBinaryFiles() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try writeFile(directory + "/empty.txt", [])
        try writeFile(directory + "/junk.bin", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00])
        let empty = try runHanmine(["tokenize", directory + "/empty.txt"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        let junk = try runHanmine(["tokenize", directory + "/junk.bin"])
        #expect(junk.status == 1)
        #expect(junk.stderr.contains("junk.bin: byte 7: binary data"))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try runHanmine(["tokenize", "--format", "xml"])
        #expect(result.status == 2)
        let missing = try runHanmine(["tokenize", "/nonexistent/file.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/file.txt: cannot open"))
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try writeFile(directory + "/big.txt", Array(String(repeating: "政府信息公开工作年度报告。\n", count: 200_000).utf8))
        let result = try runHanmine(["-c", "\(TestPaths.hanmineBinary) tokenize \(directory)/big.txt | head -n 1"], shell: true)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        #expect(result.stdoutText == "政府信息公开工作 年度报告 。\n")
    }
}

/// Issue 2: input of any size is tokenized in bounded memory.
@Suite struct BoundedMemoryTests {
    /// Reads `peak RSS N MiB` from a `--stats` line.
    func peakMiB(_ stderr: String) -> Double? {
        guard let range = stderr.range(of: "peak RSS ") else { return nil }
        return Double(stderr[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    @Test func aHundredMegabyteLineWithoutNewlineStaysSmall() throws {
        let size = 100 * 1024 * 1024
        var input = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        input.append(contentsOf: Array("政府".utf8))
        let result = try runHanmine(["tokenize", "--stats", "--jobs", "2"], stdin: input)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // Every byte comes back, split at the 64 KiB hard cap: words joined by single spaces.
        let letters = result.stdout.filter { $0 == UInt8(ascii: "a") }.count
        #expect(letters == size)
        #expect(result.stdoutText.hasSuffix(" 政府\n"))
        #expect(result.stderr.contains("\(input.count) bytes"))
        let peak = try #require(peakMiB(result.stderr), "no --stats line in \(result.stderr)")
        #expect(peak < 100, "peak RSS \(peak) MiB on a 100 MB line")
    }
}
