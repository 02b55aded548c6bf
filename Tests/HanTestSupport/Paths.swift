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

    /// The built `hanmine` binary of the current build configuration.
    public static var hanmineBinary: String {
        for configuration in ["debug", "release"] {
            let path = packageRoot + "/.build/\(configuration)/hanmine"
            if fileExists(path) { return path }
        }
        return packageRoot + "/.build/debug/hanmine"
    }
}

#if canImport(Glibc)
import Glibc
#endif

public func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }
