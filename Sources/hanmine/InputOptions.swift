import ArgumentParser
import HanCore
import HanText

/// Options every command that reads documents shares.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read input as ENCODING (UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK, GB2312, Big5) instead of detecting it.", valueName: "encoding"))
    var encoding: String?

    @Flag(name: .long, help: "Replace invalid bytes with U+FFFD (with a warning) instead of failing.")
    var lossy = false

    @Option(name: .long, help: ArgumentHelp("Worker threads, 1 to 256 (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let encoding, TextEncoding(userName: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'")
        }
        try checkRange(jobs, "--jobs", workerRange)
    }

    var decoding: DecodingOptions {
        DecodingOptions(encoding: encoding.flatMap(TextEncoding.init(userName:)), lossy: lossy)
    }

    var workerCount: Int { jobs ?? coreCount() }
}

/// Worker threads a command may start: each holds a tokenizer or an extractor (tens of MiB),
/// so `--jobs 100000` would allocate gigabytes before doing anything.
let workerRange = 1...256

/// Refuses a numeric option outside the range its help states (exit 2, naming the option).
func checkRange(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws {
    guard let value, !range.contains(value) else { return }
    let bounds = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
    throw ValidationError("\(name) must be \(bounds) (got \(value))")
}

/// Years a report can be about (`--year`).
let yearRange = 1900...2200

/// The size limit of one document for the commands that hold a document whole (extract,
/// ingest): extraction keeps several copies and maps of the text; a one-line document of 32 MB
/// peaked at 520 MiB (about 16×), one of 200 MB at 1.4 GB. 16 MiB is far above any real report
/// (they are kilobytes to a few megabytes) and keeps a worker near 260 MiB.
struct DocumentLimitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Refuse a document larger than this many bytes (default 16 MiB = 16777216), with an error naming it.", valueName: "n"))
    var maxBytes = 16 << 20

    func validate() throws {
        try checkRange(maxBytes, "--max-bytes", 1...(1 << 40))
    }
}
