import Foundation

/// The outcome of running the real `hanmine` binary.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: String
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs `hanmine` with `arguments` (or, with `shell`, `/bin/sh` with them), feeding `stdin`, and collects everything it printed
/// (swift-argument-parser's `AssertExecuteCommand` idea: stdout, stderr and the exit status).
public func runHanmine(_ arguments: [String], stdin: [UInt8] = [], currentDirectory: String? = nil,
                       shell: Bool = false) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell ? "/bin/sh" : TestPaths.hanmineBinary)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let writer = Thread {
        try? input.fileHandleForWriting.write(contentsOf: stdin)
        try? input.fileHandleForWriting.close()
    }
    writer.start()
    let errorBox = DataBox()
    let errorsDone = DispatchSemaphore(value: 0)
    let errorReader = Thread {
        errorBox.data = errors.fileHandleForReading.readDataToEndOfFile()
        errorsDone.signal()
    }
    errorReader.start()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errorsDone.wait()
    return CommandResult(status: process.terminationStatus, stdout: Array(outData),
                         stderr: String(decoding: errorBox.data, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller with `removeDirectory`.
public func makeTemporaryDirectory(_ label: String = "hanmine") throws -> String {
    let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

public func removeDirectory(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

public func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Data filled by one thread and read by another after a semaphore says it is done.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
