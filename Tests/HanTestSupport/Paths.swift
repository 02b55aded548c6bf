/// Paths the tests use, found from this file's location (no resource bundles needed).
public enum TestPaths {
    /// The package root.
    public static let packageRoot: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/HanTestSupport/Paths.swift
        return parts.joined(separator: "/")
    }()

    /// `Corpus/` of the package.
    public static var corpus: String { packageRoot + "/Corpus" }

    /// `../shared` beside the package (absent on a machine without it).
    public static var shared: String { packageRoot + "/../shared" }

    /// The `hanmine` binary built beside the running test bundle (whatever `--scratch-path`
    /// and configuration the tests were built with).
    public static let hanmineBinary: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let executable = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var parts = executable.split(separator: "/", omittingEmptySubsequences: false)
            while parts.count > 1 {
                parts.removeLast()
                let candidate = parts.joined(separator: "/") + "/hanmine"
                if fileExists(candidate) { return candidate }
            }
        }
        return packageRoot + "/.build/debug/hanmine"
    }()
}

#if canImport(Glibc)
import Glibc
#endif

public func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }
