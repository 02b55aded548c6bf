import Benchmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HanCore
import HanSegment
import HanText

/// Tokenizer benchmarks over one fixed text, built once per run: every `.txt` file under the root
/// package's `Corpus/` (decoded as `hanmine` would, so GBK files count too), repeated until the
/// text is at least `minimumTextBytes`; when `Corpus/` holds no text, a generated one
/// (`BenchmarkText.generated`).
///
/// Each benchmark counts the tokens it produced and asserts the count (tantivy's analyzer bench,
/// aho-corasick's expected `count`): zero tokens, or a count that changes between iterations, fails
/// the run. The streaming benchmark must also find exactly the whole-text count, so a speed-up that
/// changes the output cannot pass unnoticed. The count is reported as the `tokens` metric next to
/// the timings, and `MB/s` is the text size over the iteration's wall time.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, tokensMetric, megabytesPerSecondMetric],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    let text = BenchmarkText.shared

    Benchmark("Tokenizer.tokenize, whole text (\(text.description))") { benchmark in
        let tokenizer = try Tokenizer()
        let clock = ContinuousClock()
        let started = clock.now
        let tokens = tokenizer.tokenize(text.bytes)
        report(benchmark, count: tokens.count, bytes: text.bytes.count, elapsed: clock.now - started,
               check: text.wholeTextCount)
        blackHole(tokens)
    }

    Benchmark("TokenStream, 64 KiB pushes (\(text.description))") { benchmark in
        let stream = TokenStream(tokenizer: try Tokenizer())
        let clock = ContinuousClock()
        let started = clock.now
        var count = 0
        var offset = 0
        let pushSize = 64 * 1024
        while offset < text.bytes.count {
            let end = min(offset + pushSize, text.bytes.count)
            stream.push(text.bytes[offset..<end]) { tokens, _ in count += tokens.count }
            offset = end
        }
        stream.finish { tokens, _ in count += tokens.count }
        report(benchmark, count: count, bytes: text.bytes.count, elapsed: clock.now - started,
               check: text.wholeTextCount)
    }

    Benchmark("Tokenizer.tokenize, no lexicon (\(text.description))") { benchmark in
        let tokenizer = try Tokenizer(configuration: .init(lexicon: Lexicon()))
        let clock = ContinuousClock()
        let started = clock.now
        let tokens = tokenizer.tokenize(text.bytes)
        report(benchmark, count: tokens.count, bytes: text.bytes.count, elapsed: clock.now - started,
               check: text.noLexiconCount)
        blackHole(tokens)
    }
}

let tokensMetric = BenchmarkMetric.custom("tokens", polarity: .prefersLarger, useScalingFactor: false)
let megabytesPerSecondMetric = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)

/// Records the metrics of one iteration, or ends the run when `check` refuses the count.
///
/// `Benchmark.error` alone is not enough: `swift package benchmark` prints the reason but still
/// exits 0 outside baseline checks, so the process exits 1 itself and the run fails.
func report(_ benchmark: Benchmark, count: Int, bytes: Int, elapsed: Duration, check: TokenCount) {
    if let failure = check.verify(count) {
        benchmark.error(failure)
        let message = Array("TokenizerBenchmark: \(benchmark.name): \(failure)\n".utf8)
        _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(1)
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    benchmark.measurement(tokensMetric, count)
    benchmark.measurement(megabytesPerSecondMetric, seconds > 0 ? Int((Double(bytes) / 1e6 / seconds).rounded()) : 0)
}

/// The token count every iteration must find: given up front, or else the first count seen.
final class TokenCount: @unchecked Sendable {
    private var expected: Int?

    init(expected: Int? = nil) { self.expected = expected }

    /// Returns a failure message, or nil when `count` is positive and equals the expected count.
    func verify(_ count: Int) -> String? {
        guard count > 0 else { return "the tokenizer produced no tokens" }
        guard let expected else {
            expected = count
            return nil
        }
        return count == expected ? nil : "token count changed: \(count) tokens, expected \(expected)"
    }
}

/// The text every benchmark tokenizes, and the counts they must agree on.
struct BenchmarkText: @unchecked Sendable {
    /// The text, valid UTF-8.
    let bytes: [UInt8]
    /// Where it came from, e.g. "Corpus/ 12 files ×3, 2.4 MB".
    let description: String
    /// The count of `Tokenizer.tokenize` on the whole text, taken once when the text is built
    /// (outside any timing): the whole-text and the streaming benchmarks must both find it.
    let wholeTextCount: TokenCount
    let noLexiconCount = TokenCount()

    /// Texts are repeated up to at least this size, so an iteration lasts long enough (about
    /// 0.2 s at 10 MB/s) for the clock to be precise and short enough for 20 iterations.
    static let minimumTextBytes = 2_000_000

    static let shared = BenchmarkText.load()

    /// The root package's `Corpus/`, found from this file's path:
    /// `Benchmarks/Benchmarks/TokenizerBenchmark/TokenizerBenchmark.swift`.
    static var corpusDirectory: String {
        var components = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(4)
        return components.joined(separator: "/") + "/Corpus"
    }

    static func load() -> BenchmarkText {
        var corpus: [UInt8] = []
        var files = 0
        for path in textFiles(in: corpusDirectory) {
            guard let bytes = try? ByteSource(path: path).readAll(),
                  let decoded = try? DocumentReader.decodeAll(bytes, options: .default) else { continue }
            corpus += decoded.text
            if corpus.last != 0x0A { corpus.append(0x0A) }
            files += 1
        }
        let source = corpus.isEmpty ? generated(bytes: minimumTextBytes) : corpus
        var text = source
        var copies = 1
        while text.count < minimumTextBytes {
            text += source
            copies += 1
        }
        let megabytes = (Double(text.count) / 1e5).rounded() / 10
        let origin = corpus.isEmpty ? "generated text" : "Corpus/ \(files) files ×\(copies)"
        let reference = (try? Tokenizer())?.tokenize(text).count
        return BenchmarkText(bytes: text, description: "\(origin), \(megabytes) MB",
                             wholeTextCount: TokenCount(expected: reference))
    }

    /// The `.txt` files under `directory` and its subfolders (`Corpus/reports/`,
    /// `Corpus/generated/`), sorted by path; none when it is absent.
    static func textFiles(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var files: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = directory + "/" + name
            if entry.pointee.d_type == UInt8(DT_DIR) {
                files += textFiles(in: path)
            } else if name.hasSuffix(".txt") {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// A deterministic text shaped like a report: sentences of common words, report vocabulary,
    /// Arabic and Chinese numbers with units, Latin words, full-width digits, punctuation, and a
    /// line break every few sentences. The same `bytes` always gives the same text.
    static func generated(bytes size: Int) -> [UInt8] {
        let words = ["本机关", "年度", "工作", "情况", "政府", "信息", "公开", "依申请公开", "主动公开", "办理",
                     "答复", "行政复议", "行政诉讼", "规范性文件", "制定", "废止", "有效", "数量", "统计", "网站",
                     "发布", "政务", "新媒体", "平台", "群众", "咨询", "按照", "要求", "进一步", "加强", "推进",
                     "落实", "建设", "管理", "服务", "人员", "培训", "监督", "保障", "存在", "问题", "改进",
                     "情况", "其中", "以及", "全年", "累计", "同比", "增长", "下降", "收到", "申请", "件"]
        let units = ["年", "月", "日", "件", "条", "人次", "万元", "%", "个"]
        let latin = ["APP", "PDF", "H5", "Excel", "www"]
        let punctuation = ["，", "、", "；", "：", "。", "。", "！"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var text: [UInt8] = []
        text.reserveCapacity(size + 256)
        var sentences = 0
        while text.count < size {
            for _ in 0..<(4 + next(12)) {
                switch next(10) {
                case 0: text += Array("\(next(100_000))".utf8) + Array(units[next(units.count)].utf8)
                case 1: text += Array("二〇二\(["一", "二", "三"][next(3)])年".utf8)
                case 2: text += Array(latin[next(latin.count)].utf8)
                case 3: text += Array("１２.５％".utf8)
                default: text += Array(words[next(words.count)].utf8)
                }
                if next(5) == 0 { text += Array(punctuation[next(3)].utf8) }
            }
            text += Array(punctuation[4 + next(3)].utf8)
            sentences += 1
            if sentences % 4 == 0 { text.append(0x0A) }
        }
        text.append(0x0A)
        return text
    }
}
