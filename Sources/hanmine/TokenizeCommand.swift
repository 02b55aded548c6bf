import ArgumentParser
import HanCore
import HanPrint
import HanSegment
import HanText

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split text into words, numbers, Latin runs and punctuation, with byte offsets.",
        discussion: """
        Reads the FILEs in order (standard input when none, or for '-'). Input is streamed in
        bounded memory: text is cut only where segmentation cannot change (a line break or
        。！？；), and a stretch of 64 KiB without one is cut at a character-class change.

        Exit status: 0 done, 1 a file could not be read or decoded (the others are tokenized), 2 usage.

        Examples:
          hanmine tokenize report.txt
          hanmine tokenize --format jsonl report.txt | head
          hanmine tokenize --lexicon terms.txt --t2s old-report.txt
          cat *.txt | hanmine tokenize --format tsv --jobs 2
        """
    )

    @Argument(help: "Files to tokenize ('-' for standard input).")
    var files: [String] = []

    @Option(name: .long, help: "Output format: text (words separated by one space, one line per input line), tsv (text, kind, start, end), jsonl.")
    var format: TokenFormatOption = .text

    @Option(name: .long, help: ArgumentHelp("A user lexicon: one word a line, or jieba's 'word freq tag' lines. Repeatable.", valueName: "file"))
    var lexicon: [String] = []

    @Flag(name: .long, help: "Leave out the built-in lexicon of report vocabulary.")
    var noBuiltinLexicon = false

    @Flag(name: .long, help: "Read traditional characters as simplified for segmentation (output text stays as printed).")
    var t2s = false

    @Flag(name: .long, help: "Print bytes, tokens, seconds, MB/s and peak memory to standard error at the end.")
    var stats = false

    @OptionGroup var input: InputOptions

    func run() throws {
        var words = noBuiltinLexicon ? Lexicon() : Lexicon.builtIn
        for path in lexicon {
            let bytes = try ByteSource(path: path).readAll()
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw HanError(.malformed, "a lexicon must be UTF-8", path: path)
            }
            words.formUnion(try Lexicon.parse(text, path: path))
        }
        let configuration = Tokenizer.Configuration(lexicon: words, traditionalToSimplified: t2s)
        let jobs = input.workerCount
        let pool = try WorkerPool(count: jobs) { try Tokenizer(configuration: configuration) }
        let sink = OutputSink()
        let counters = TokenizeCounters()
        let clock = ContinuousClock()
        let started = clock.now
        let pipeline = TokenizePipeline(pool: pool, format: format.value, jobs: jobs, decoding: input.decoding, sink: sink,
                                        counters: counters)
        let failed = try pipeline.run(paths: files.isEmpty ? ["-"] : files)
        try sink.flush()
        if stats {
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let megabytes = Double(counters.bytes) / 1_000_000
            printError("hanmine: tokenize: \(counters.bytes) bytes, \(counters.tokens) tokens, "
                       + "\(format2(seconds)) s, \(format2(megabytes / max(seconds, 1e-9))) MB/s, "
                       + "peak RSS \(format2(Double(peakResidentBytes()) / 1_048_576)) MiB")
        }
        if failed { throw ExitCode.failure }
    }
}

/// Totals of a tokenize run, for `--stats` (updated by the single writer).
final class TokenizeCounters {
    var bytes = 0
    var tokens = 0
}

/// A number with two decimals.
func format2(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = abs(hundredths % 100)
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

enum TokenFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, tsv, jsonl
    var value: TokenFormat { TokenFormat(rawValue: rawValue)! }
}

/// Streams inputs through decoder → unit chunker → tokenizers (in parallel) → printer, and
/// writes everything in input order.
///
/// Pieces of about `pieceSize` bytes of whole units, from one large file or from many small
/// ones, are gathered `4 × jobs` at a time, tokenized and rendered on all workers, then written
/// in order: memory stays at a few pieces whatever the inputs' sizes, and both cores work
/// whether the input is one stream or a folder of small reports.
struct TokenizePipeline {
    let pool: WorkerPool<Tokenizer>
    let format: TokenFormat
    let jobs: Int
    let decoding: DecodingOptions
    let sink: OutputSink
    let counters: TokenizeCounters
    var pieceSize = 256 << 10

    /// A rendered piece, and whether its text ends at the start of a line.
    struct Rendered {
        var bytes: [UInt8]
        var endsAtLineStart: Bool
        var textBytes: Int
        var tokenCount: Int
    }

    /// What the writer meets, in input order: a piece to tokenize, or the end of an input (with
    /// the error that ended it early, if any).
    enum Item {
        case piece(UnitChunker.Piece)
        case end(path: String, error: HanError?, replaced: Int)
    }

    /// Runs every input; reports each bad input on stderr and goes on. Returns true when any failed.
    func run(paths: [String]) throws(HanError) -> Bool {
        var batch: [Item] = []
        var pending = 0
        var atLineStart = true
        var failed = false
        let batchLimit = 4 * max(1, jobs)

        func flushBatch() throws(HanError) {
            guard !batch.isEmpty else { return }
            let pieces = batch.compactMap { item -> UnitChunker.Piece? in
                if case .piece(let piece) = item { return piece }
                return nil
            }
            var rendered = parallelMap(pieces, jobs: jobs) { piece in render(piece) }.makeIterator()
            for item in batch {
                switch item {
                case .piece:
                    guard let piece = rendered.next() else { continue }
                    counters.bytes += piece.textBytes
                    counters.tokens += piece.tokenCount
                    guard !piece.bytes.isEmpty else { continue }
                    if !atLineStart, piece.bytes.first != 0x0A, format == .text { try sink.write(CollectionOfOne(0x20)) }
                    try sink.write(piece.bytes)
                    atLineStart = piece.endsAtLineStart
                case .end(let path, let error, let replaced):
                    if format == .text, !atLineStart { try sink.write(CollectionOfOne(0x0A)) }
                    atLineStart = true
                    if replaced > 0 {
                        try sink.flush()
                        printError("hanmine: warning: \(path == "-" ? "<stdin>" : path): \(replaced) invalid byte sequence(s) replaced with U+FFFD (--lossy)")
                    }
                    if let error {
                        // What the input gave before its error is written; then the error, in order.
                        try sink.flush()
                        printError("hanmine: \(error.located(at: path == "-" ? "<stdin>" : path))")
                        failed = true
                    }
                }
            }
            batch.removeAll(keepingCapacity: true)
            pending = 0
        }

        func add(_ item: Item) throws(HanError) {
            batch.append(item)
            if case .piece = item { pending += 1 }
            if pending >= batchLimit { try flushBatch() }
        }

        for path in paths {
            var chunker = UnitChunker(minimumPiece: pieceSize)
            var endError: HanError?
            var replaced = 0
            do throws(HanError) {
                let source = try ByteSource(path: path)
                let decoder = StreamDecoder(options: decoding)
                defer { replaced = decoder.replacements }
                func take(_ text: [UInt8]) throws(HanError) {
                    var pieces: [UnitChunker.Piece] = []
                    chunker.push(text) { pieces.append($0) }
                    for piece in pieces { try add(.piece(piece)) }
                }
                while try source.read({ raw throws(HanError) in try take(try decoder.push(raw)) }) {}
                try take(try decoder.finish())
                var pieces: [UnitChunker.Piece] = []
                chunker.finish { pieces.append($0) }
                for piece in pieces { try add(.piece(piece)) }
            } catch {
                if error.code == .brokenPipe || error.code == .writeFailed { throw error }
                endError = error
            }
            try add(.end(path: path, error: endError, replaced: replaced))
        }
        try flushBatch()
        return failed
    }

    /// Tokenizes and renders one piece on whichever worker is free. The text format is rendered
    /// as if the piece started a line; `run` adds the joining space.
    func render(_ piece: UnitChunker.Piece) -> Rendered {
        pool.with { tokenizer in
            var tokens: [Token] = []
            var out: [UInt8] = []
            out.reserveCapacity(piece.text.count * 2)
            var printer = TokenPrinter(format: format)
            var endsAtLineStart = true
            piece.text.withUnsafeBufferPointer { buffer in
                tokenizer.tokenize(buffer, range: 0..<buffer.count, base: piece.base, into: &tokens)
                printer.render(tokens, text: buffer, base: piece.base, into: &out,
                               normalized: format == .jsonl ? { span in
                                   tokenizer.normalizedForm(buffer, span.shifted(by: -piece.base))
                               } : nil)
                if let last = tokens.last(where: { $0.kind != .whitespace }) { endsAtLineStart = last.kind == .newline }
                else { endsAtLineStart = true }
            }
            return Rendered(bytes: out, endsAtLineStart: endsAtLineStart, textBytes: piece.text.count, tokenCount: tokens.count)
        }
    }
}
