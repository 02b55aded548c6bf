import Foundation
import Testing

/// Golden files: compare `actual` with the file at `path`; with `HANMINE_RECORD=1` in the
/// environment, write it instead and record a failure, so a re-recorded run never passes silently
/// (swift-argument-parser's snapshot rule). A mismatch prints a line diff of the first changes.
public func assertGolden(_ actual: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["HANMINE_RECORD"] == "1" {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record("recorded \(path); run again without HANMINE_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        Issue.record("no golden file \(path); record it with HANMINE_RECORD=1 swift test", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record("\(path) differs (re-record with HANMINE_RECORD=1 if the change is intended):\n\(lineDiff(expected, actual))",
                     sourceLocation: sourceLocation)
    }
}

/// The first differences between two texts, line by line, with line numbers: `-` expected, `+` actual.
public func lineDiff(_ expected: String, _ actual: String, limit: Int = 12) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    var index = 0
    while index < max(old.count, new.count), lines.count < limit * 2 {
        let a = index < old.count ? String(old[index]) : nil
        let b = index < new.count ? String(new[index]) : nil
        if a != b {
            if let a { lines.append("-\(index + 1): \(a)") }
            if let b { lines.append("+\(index + 1): \(b)") }
        }
        index += 1
    }
    if old.count != new.count { lines.append("(expected \(old.count) lines, got \(new.count))") }
    return lines.joined(separator: "\n")
}
