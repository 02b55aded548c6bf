import ArgumentParser
import Dispatch
import Foundation
import HanCore
import HanDocument
import HanExtract
import HanPrint
import HanStore
import HanText
#if canImport(Glibc)
import Glibc
#endif

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Extract reports into a corpus store (SQLite) for query, search, freq, check, stats and export.",
        discussion: """
        Reads the FILEs and the .txt .html .htm .shtml .pdf .docx files under each DIR (recursively; --glob to choose others;
        links to folders only with --follow; FIFOs and devices skipped with a warning),
        extracts every record on all cores and writes them from one writer, a batch of whole
        documents per transaction, into the store (WAL journal).

        Documents are filed under their absolute path and identified by the SHA-256 of their
        bytes: ingesting the same folder again adds nothing, and a changed file becomes the next
        version of its document (the older one stays, no longer current). A run that is killed
        at any moment leaves only whole documents behind; the next run skips them and finishes
        the job. A document that cannot be read, decoded or extracted is recorded in the
        failures table with its error, and the run goes on (exit status 1 at the end).

        A file is its content: a new path whose bytes are already in the store is recorded as
        another path of that document (`document_paths`, the `aliases` of search), not as a new
        one ("N already in the store under another path"). After the last batch, copies of one
        report captured twice (same canonical agency and year, equal tables or texts alike:
        README, "One record per report") are grouped under the one with the smallest content
        hash (`copy_of`), and the `agencies` table is rebuilt.

        --aliases FILE adds a user's agency names: one `alias<TAB>canonical name` a line (renames,
        abbreviations); `hanmine agencies` shows the result.

        Exit status: 0 done, 1 some file could not be read or extracted (the rest is stored) or a
        store error, 2 usage.

        A progress bar (documents, documents/s, ETA, failures) is drawn on standard error when it
        is a terminal; --quiet or a pipe turns it off.

        Examples:
          hanmine ingest reports/
          hanmine ingest reports/2023 reports/2024 --db corpus.sqlite
          hanmine ingest archive/ --glob '*.md' --jobs 2 --quiet
          hanmine ingest reports/ --aliases renames.tsv
        """
    )

    @Argument(help: "Files and folders to ingest.")
    var paths: [String]

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Which files to take from folders (shell pattern on the file name).", valueName: "pattern"))
    var glob: String?

    @Option(name: .long, help: ArgumentHelp("Documents per transaction, 1 to 100000.", valueName: "n"))
    var batchSize = 512

    @Option(name: .long, help: ArgumentHelp("Agency aliases: one 'alias<TAB>canonical name' a line.", valueName: "file"))
    var aliases: String?

    @Flag(name: .long, help: "No progress bar and no summary line.")
    var quiet = false

    @Flag(name: .long, help: "Do not read traditional characters as simplified.")
    var noT2s = false

    @Flag(name: .long, help: "Walk into symbolic links to folders (each folder once; links to files are always read).")
    var follow = false

    @Flag(name: .long, help: "At the end, print the CPU time of the writer thread and of the whole process (for benchmarks).")
    var timings = false

    @OptionGroup var input: InputOptions
    @OptionGroup var limits: DocumentLimitOptions

    func validate() throws {
        // A batch is held in memory whole (records and texts) until it is written.
        try checkRange(batchSize, "--batch-size", 1...100_000)
        if paths.isEmpty && aliases == nil { throw ValidationError("name the files or folders to ingest") }
    }

    func run() throws {
        // Walk first: a path that does not exist is refused before a store file is created.
        let walk = InputWalker(glob: glob, follow: follow).walk(paths)
        if let missing = walk.missing.first { throw missing }
        if !quiet { for skipped in walk.skipped { printError("hanmine: warning: \(skipped)") } }
        let corpus = try store.open(.readWrite)
        if let aliases {
            let text: String
            do throws(HanError) {
                text = String(decoding: try ByteSource(path: aliases).readAll(), as: UTF8.self)
            } catch {
                throw error.located(at: aliases)
            }
            let added = try corpus.addAgencyAliases(fileText: text, path: aliases)
            if !quiet { printError("hanmine: \(aliases): \(added) agency aliases") }
        }
        let files = walk.documents.filter { $0 != "-" }.map(Self.absolutePath)
        var seen: Set<String> = []
        let unique = files.filter { seen.insert($0).inserted }
        let walkFailures = walk.failures.map { error -> IngestItem? in
            let path = Self.absolutePath(error.path ?? "")
            return .failure(path: path, sha256: nil, error: error.located(at: path))
        }
        let known = try corpus.knownVersions()
        let stored = try corpus.currentHashes()
        let options = ExtractionOptions(decoding: input.decoding, traditionalToSimplified: !noT2s)
        let jobs = max(1, min(input.workerCount, unique.count))
        let pool = try WorkerPool(count: jobs) { try Extractor(options: options) }
        let maxBytes = limits.maxBytes
        let progress = ProgressBar(total: unique.count + walkFailures.count, enabled: !quiet && isatty(2) == 1)
        let writer = BackgroundWriter(store: corpus, progress: progress)
        if !walkFailures.isEmpty { writer.enqueue(walkFailures) }

        var start = 0
        while start < unique.count, writer.error == nil {
            let chunk = Array(unique[start..<min(unique.count, start + batchSize)])
            start += chunk.count
            let items = parallelMap(chunk, jobs: jobs) { path in
                pool.with { extractor in
                    Self.prepare(path, known: known[path], stored: stored, extractor: extractor, decoding: options.decoding,
                                 maxBytes: maxBytes)
                }
            }
            writer.enqueue(items)
        }
        let summary = writer.finish()
        progress.finish()
        if let error = writer.error { throw error }
        try corpus.finishIngest()
        if !quiet {
            printError("hanmine: \(corpus.path): \(summary.added) added, \(summary.newVersions) new versions, "
                       + "\(summary.unchanged) unchanged, \(summary.aliased) already in the store under another path, "
                       + "\(summary.failed) failed")
        }
        if timings {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let process = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            printError("hanmine: timings: writer thread \(String(format: "%.2f", writer.cpuSeconds)) s CPU, "
                       + "whole process \(String(format: "%.2f", process)) s CPU")
        }
        if summary.failed > 0 { throw ExitCode.failure }
    }

    /// Reads, hashes and extracts one file on a worker. Nil when the store already holds this
    /// exact content as the path's current version (nothing to write).
    static func prepare(_ path: String, known: KnownPath?, stored: Set<String>, extractor: Extractor,
                        decoding: DecodingOptions, maxBytes: Int = .max) -> IngestItem? {
        let bytes: [UInt8]
        do throws(HanError) {
            bytes = try ByteSource(path: path).readAll(limit: maxBytes)
        } catch {
            return .failure(path: path, sha256: nil, error: error.located(at: path))
        }
        let sha256 = SHA256.hexDigest(bytes)
        if let known, known.hashes.contains(sha256) {
            return known.current == sha256 ? nil : .unchanged(path: path, sha256: sha256)
        }
        if known?.aliasOf == sha256 { return nil }
        // The same bytes under another path: no extraction needed, the writer links the path.
        if known == nil || known?.hashes.isEmpty == true, stored.contains(sha256) { return .alias(path: path, sha256: sha256) }
        let document: CanonicalDocument
        do throws(HanError) {
            document = try DocumentLoader(options: decoding).load(bytes, name: path)
        } catch {
            return .failure(path: path, sha256: sha256, error: error.located(at: path))
        }
        let record = extractor.extract(canonical: document, original: bytes, path: path)
        return .document(StoredDocument(path: path, sha256: sha256, record: record, text: document.text))
    }

    static func absolutePath(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        if realpath(path, &buffer) != nil {
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// The one writer: takes prepared batches from the extraction loop on its own thread, so
/// extraction and writing overlap, and at most two batches wait (bounded memory).
///
/// A plain thread rather than a dispatch queue: libdispatch counts its own busy threads when it
/// sizes `concurrentPerform`, and a busy writer queue would cost the extraction a worker.
final class BackgroundWriter: @unchecked Sendable {
    private let store: CorpusStore
    private let progress: ProgressBar
    private let condition = NSCondition()
    private var pending: [(batch: [IngestItem], count: Int)] = []
    private var closed = false
    private var running = true
    private var firstError: HanError?
    private var total = WriteSummary()
    private var thread: Thread?
    /// CPU time the writer thread has used, set when it ends.
    private(set) var cpuSeconds = 0.0

    init(store: CorpusStore, progress: ProgressBar) {
        self.store = store
        self.progress = progress
        let thread = Thread { [unowned self] in self.drain() }
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    var error: HanError? { condition.withLock { firstError } }

    /// Queues a batch for writing; nil items are files already stored as they are. Waits while
    /// two batches are already queued.
    func enqueue(_ items: [IngestItem?]) {
        condition.withLock {
            while pending.count >= 2, firstError == nil { condition.wait() }
            pending.append((items.compactMap { $0 }, items.count))
            condition.broadcast()
        }
    }

    private func drain() {
        while true {
            let next: (batch: [IngestItem], count: Int)? = condition.withLock {
                while pending.isEmpty, !closed { condition.wait() }
                return pending.isEmpty ? nil : pending.removeFirst()
            }
            guard let next else { break }
            let failed = condition.withLock { firstError != nil }
            if !failed {
                do throws(HanError) {
                    let summary = next.batch.isEmpty ? WriteSummary() : try store.write(next.batch)
                    condition.withLock {
                        total.added += summary.added
                        total.newVersions += summary.newVersions
                        total.unchanged += summary.unchanged + (next.count - next.batch.count)
                        total.aliased += summary.aliased
                        total.failed += summary.failed
                    }
                    progress.advance(by: next.count, failed: summary.failed)
                } catch {
                    condition.withLock { if firstError == nil { firstError = error } }
                }
            }
            condition.withLock { condition.broadcast() }
        }
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        condition.withLock {
            cpuSeconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
            running = false
            condition.broadcast()
        }
    }

    /// Waits for every batch to be written; returns the totals.
    func finish() -> WriteSummary {
        condition.withLock {
            closed = true
            condition.broadcast()
            while running { condition.wait() }
            return total
        }
    }
}

/// `  1234/100000 ▕████▌     ▏ 412 docs/s  ETA 3m58s  2 failed` on standard error, redrawn at
/// most ten times a second; nothing at all when disabled.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    private var done = 0
    private var failed = 0
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private let lock = NSLock()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        if enabled { draw(force: true) }
    }

    func advance(by count: Int, failed newFailures: Int) {
        lock.withLock {
            done += count
            failed += newFailures
        }
        if enabled { draw(force: false) }
    }

    func finish() {
        if enabled {
            draw(force: true)
            printErrorRaw("\n")
        }
    }

    private func draw(force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        let (done, failed) = lock.withLock { (self.done, self.failed) }
        if !force, now - lastDraw < 100_000_000 { return }
        lastDraw = now
        let seconds = max(0.001, Double(now - started) / 1e9)
        let rate = Double(done) / seconds
        let width = 24
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: max(0, width - filled))
        var line = "\r\u{1B}[K\(String(done).leftPadded(String(total).count))/\(total) ▕\(bar)▏ \(Int(rate)) docs/s"
        if done < total, rate > 0 { line += "  ETA \(Self.duration(Double(total - done) / rate))" }
        else { line += "  \(Self.duration(seconds))" }
        if failed > 0 { line += "  \(failed) failed" }
        printErrorRaw(line)
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return "\(whole / 3600)h\(String((whole % 3600) / 60).leftPadded(2, with: "0"))m" }
        if whole >= 60 { return "\(whole / 60)m\(String(whole % 60).leftPadded(2, with: "0"))s" }
        return "\(whole)s"
    }
}

private func printErrorRaw(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
}

extension String {
    fileprivate func leftPadded(_ width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
