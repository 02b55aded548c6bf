import Foundation
import HanCore
import HanExtract
import HanStore
import HanTestSupport
import HanText

/// libFuzzer entry point for `hanmine query`'s lockdown: the input bytes drive `RandomSQL`
/// (structure-aware: mostly valid SQL over the store, mixed with every statement a reader must
/// not run), or are taken as SQL text as they are (odd first byte). Each script runs on a
/// locked-down read-only connection to a copy of a store built from Corpus/reports.
///
/// A crash is a bug; so is any change to the store file (checked by size and mtime after every
/// input, by SHA-256 every 256 inputs), a file the SQL managed to create, and a statement that
/// outlives its 2 s limit by much (libFuzzer's -timeout=10 catches it).
nonisolated(unsafe) private var fuzzStore: (store: CorpusStore, path: String, digest: String, size: Int64, modified: timespec)? = nil
nonisolated(unsafe) private var runs = 0

private func fileState(_ path: String) -> (Int64, timespec) {
    var status = stat()
    precondition(stat(path, &status) == 0, "the store file is gone")
    return (Int64(status.st_size), status.st_mtim)
}

private func digest(_ path: String) -> String {
    SHA256.hexDigest(Array(FileManager.default.contents(atPath: path) ?? Data()))
}

/// Builds the store once: every report of the seed folder ($HANMINE_FUZZ_REPORTS, default
/// ../../Corpus/reports), written (closing the writer folds the WAL in), then opened again
/// locked down.
private func makeStore() -> (store: CorpusStore, path: String, digest: String, size: Int64, modified: timespec) {
    let reports = ProcessInfo.processInfo.environment["HANMINE_FUZZ_REPORTS"] ?? "../../Corpus/reports"
    let folder = NSTemporaryDirectory() + "hanmine-query-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/store.sqlite"
    do {
        let writer = try CorpusStore(path: path, mode: .readWrite)
        let extractor = try Extractor()
        var batch: [IngestItem] = []
        for name in (try FileManager.default.contentsOfDirectory(atPath: reports)).sorted() where name.hasSuffix(".txt") {
            let bytes = Array(FileManager.default.contents(atPath: reports + "/" + name) ?? Data())
            let (text, encoding, _) = try DocumentReader.decodeAll(bytes, options: .default)
            let sha = SHA256.hexDigest(bytes)
            let source = Source(path: reports + "/" + name, sha256: sha, bytes: bytes.count, encoding: encoding.name)
            batch.append(.document(StoredDocument(path: source.path, sha256: sha, record: extractor.extract(text: text, source: source), text: text)))
        }
        precondition(!batch.isEmpty, "no reports in \(reports)")
        _ = try writer.write(batch)
        // The writer's connection closes here, and with it SQLite folds the WAL into the file.
    } catch {
        fatalError("could not build the store to fuzz: \(error)")
    }
    let state = fileState(path)
    let sum = digest(path)
    do {
        let store = try CorpusStore(path: path, mode: .readOnly, userSQL: UserSQLLimits(timeout: 2))
        return (store, path, sum, state.0, state.1)
    } catch {
        fatalError("could not open the store to fuzz: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if fuzzStore == nil { fuzzStore = makeStore() }
    guard let target = fuzzStore else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let sql: String
    if let first = bytes.first, first & 1 == 1 {
        sql = String(decoding: bytes.dropFirst(), as: UTF8.self)
    } else {
        var choices = RandomSQL.Bytes(Array(bytes.dropFirst()))
        sql = RandomSQL().script(&choices)
    }
    do throws(HanError) {
        try target.store.forEachRow(sql) { _, _ in }
    } catch {
        // Refusals, SQL errors and time limits are the documented outcomes.
    }
    let state = fileState(target.path)
    precondition(state.0 == target.size && state.1.tv_sec == target.modified.tv_sec && state.1.tv_nsec == target.modified.tv_nsec,
                 "the store file changed after: \(sql)")
    for made in ["/tmp/hanmine-fuzz-copy.sqlite", "/tmp/hanmine-fuzz-w", "/tmp/hanmine-fuzz-other.sqlite"] {
        precondition(access(made, F_OK) != 0, "\(made) was created by: \(sql)")
    }
    runs += 1
    if runs % 256 == 0 { precondition(digest(target.path) == target.digest, "the store's bytes changed after: \(sql)") }
    return 0
}

/// libFuzzer's driver, entered from the executable's `main` (SwiftPM names it `QueryFuzzer_main`),
/// as in ExtractFuzzer.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                             _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("QueryFuzzer_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
