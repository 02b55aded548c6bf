import Foundation

/// Every `*.txt` under `Corpus/` that is valid UTF-8, with its bytes (sorted by path).
public func corpusTextFiles() throws -> [(path: String, bytes: [UInt8])] {
    let root = TestPaths.corpus
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [(String, [UInt8])] = []
    for case let relative as String in walker where relative.hasSuffix(".txt") {
        let path = root + "/" + relative
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        if String(validating: bytes, as: UTF8.self) != nil { files.append((path, bytes)) }
    }
    return files.sorted { $0.0 < $1.0 }
}
