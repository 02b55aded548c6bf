import ArgumentParser
import HanCore
import HanText

/// Options every command that reads documents shares.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read input as ENCODING (UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK, GB2312, Big5) instead of detecting it.", valueName: "encoding"))
    var encoding: String?

    @Flag(name: .long, help: "Replace invalid bytes with U+FFFD (with a warning) instead of failing.")
    var lossy = false

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let encoding, TextEncoding(userName: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var decoding: DecodingOptions {
        DecodingOptions(encoding: encoding.flatMap(TextEncoding.init(userName:)), lossy: lossy)
    }

    var workerCount: Int { jobs ?? coreCount() }
}
