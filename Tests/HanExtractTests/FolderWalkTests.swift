import Foundation
import HanTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Folder walks under hostile folders (issue 14.2): links to `.` and `..`, FIFOs, devices,
/// unreadable folders and names that are not UTF-8. Every run goes through the real binary
/// under `timeout`, so a walk that blocks or loops fails the test instead of hanging it.
@Suite("folder walks: links, FIFOs, devices, unreadable folders, odd names")
struct FolderWalkTests {
    static let report = "海宁县2022年政府信息公开工作年度报告\n邮编：350500\n"

    /// `hanmine ARGUMENTS` killed after 60 s (status 124), as the unprivileged `nobody` when
    /// `asNobody` (root reads every folder whatever its mode).
    func run(_ arguments: [String], asNobody: Bool = false) throws -> CommandResult {
        var command = ["timeout", "60"]
        if asNobody, geteuid() == 0 { command += ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] }
        command += [TestPaths.hanmineBinary] + arguments
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try runHanmine(["-c", quoted], shell: true)
    }

    func paths(_ result: CommandResult) throws -> [String] {
        try result.stdoutText.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["source"] as! [String: Any])["path"] as! String
        }
    }

    @Test("symlinkLoopRepeatsFiles: links to . and .. are skipped without --follow and walked once with it")
    func symlinkLoopRepeatsFiles() throws {
        let root = try makeTemporaryDirectory("walk-loop")
        defer { removeDirectory(root) }
        try FileManager.default.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
        try writeFile(root + "/docs/a.txt", Array(Self.report.utf8))
        try writeFile(root + "/b.txt", Array(Self.report.utf8))
        #expect(symlink(".", root + "/docs/self") == 0)
        #expect(symlink("..", root + "/docs/up") == 0)
        let plain = try run(["extract", root + "/docs"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try paths(plain) == [root + "/docs/a.txt"])
        #expect(plain.stderr.contains("docs/self: skipped: a symbolic link to a folder (pass --follow"), "\(plain.stderr)")
        let followed = try run(["extract", "--follow", root + "/docs"])
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(try paths(followed) == [root + "/docs/a.txt", root + "/docs/up/b.txt"])
        #expect(followed.stderr.contains("docs/self: skipped: a symbolic link to a folder already walked"), "\(followed.stderr)")
    }

    @Test("symlinkedFileIgnored: a link to a file is read like the file; a dangling link is reported")
    func symlinkedFileIgnored() throws {
        let root = try makeTemporaryDirectory("walk-filelink")
        defer { removeDirectory(root) }
        try FileManager.default.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try writeFile(root + "/elsewhere/x.txt", Array(Self.report.utf8))
        #expect(symlink("../elsewhere/x.txt", root + "/docs/linked.txt") == 0)
        #expect(symlink("../elsewhere/gone.txt", root + "/docs/dangling.txt") == 0)
        let result = try run(["extract", root + "/docs"])
        #expect(result.status == 1)
        #expect(try paths(result) == [root + "/docs/linked.txt"])
        #expect(result.stderr.contains("dangling.txt: a symbolic link to nothing"), "\(result.stderr)")
    }

    @Test("fifoInFolderBlocks: a FIFO, and a link to a device, inside a folder are skipped with a warning, never opened")
    func fifoInFolderBlocks() throws {
        let root = try makeTemporaryDirectory("walk-fifo")
        defer { removeDirectory(root) }
        try writeFile(root + "/a.txt", Array(Self.report.utf8))
        #expect(mkfifo(root + "/pipe.txt", 0o644) == 0)
        #expect(symlink("/dev/zero", root + "/zero.txt") == 0)
        let result = try run(["extract", root])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try paths(result) == [root + "/a.txt"])
        #expect(result.stderr.contains("pipe.txt: skipped: a FIFO (named pipe), not a document"), "\(result.stderr)")
        #expect(result.stderr.contains("zero.txt: skipped: a device, not a document"), "\(result.stderr)")
        let ingest = try run(["ingest", root, "--db", root + "/corpus.sqlite", "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
    }

    @Test("devZeroReadForever: /dev/zero named directly is refused at once; a FIFO named directly is read")
    func devZeroReadForever() throws {
        let zero = try run(["extract", "/dev/zero"])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("/dev/zero: a device, not a document; refused"), "\(zero.stderr)")
        let tokens = try run(["tokenize", "/dev/urandom"])
        #expect(tokens.status == 1)
        #expect(tokens.stderr.contains("/dev/urandom"), "\(tokens.stderr)")
        // A FIFO named on purpose (bash process substitution) is read.
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "timeout 60 '\(TestPaths.hanmineBinary)' extract <(printf '邮编：350500')"]
        let output = Pipe()
        bash.standardOutput = output
        try bash.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).contains("\"postcodes\":[{\"text\":\"350500\""))
    }

    @Test("unreadableFolderDropped: an unreadable folder is reported by name and the run exits 1")
    func unreadableFolderDropped() throws {
        let root = try makeTemporaryDirectory("walk-unreadable")
        defer {
            chmod(root + "/locked", 0o755)
            removeDirectory(root)
        }
        try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: true)
        try writeFile(root + "/locked/hidden.txt", Array(Self.report.utf8))
        try writeFile(root + "/a.txt", Array(Self.report.utf8))
        chmod(root + "/locked", 0)
        let result = try run(["extract", root], asNobody: true)
        #expect(result.status == 1)
        #expect(try paths(result) == [root + "/a.txt"])
        #expect(result.stderr.contains("locked: cannot read folder: Permission denied"), "\(result.stderr)")
    }

    @Test("nonUTF8NameDropped: a name that is not UTF-8 is reported with \\x escapes; ingest records it as a failure")
    func nonUTF8NameDropped() throws {
        let root = try makeTemporaryDirectory("walk-name")
        defer { removeDirectory(root) }
        try writeFile(root + "/a.txt", Array(Self.report.utf8))
        let raw = Array((root + "/r").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        let result = try run(["extract", root])
        #expect(result.status == 1)
        #expect(try paths(result) == [root + "/a.txt"])
        #expect(result.stderr.contains("r\\xFF\\xFE.txt: the name is not valid UTF-8"), "\(result.stderr)")
        let db = root + "/corpus.sqlite"
        let ingest = try run(["ingest", root, "--db", db, "--quiet"])
        #expect(ingest.status == 1)
        let failures = try run(["query", "--db", db, "--format", "csv", "SELECT path, code FROM failures"])
        #expect(failures.stdoutText == "path,code\n\(root)/r\\xFF\\xFE.txt,unreadable\n", "\(failures.stdoutText)")
    }

    @Test("ingestMissingCreatesStore: ingest of a path that does not exist creates no store file")
    func ingestMissingCreatesStore() throws {
        let root = try makeTemporaryDirectory("walk-missing")
        defer { removeDirectory(root) }
        let result = try run(["ingest", root + "/nonexistent", "--db", root + "/corpus.sqlite"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nonexistent: no such file or folder"), "\(result.stderr)")
        #expect(!fileExists(root + "/corpus.sqlite"))
    }
}
