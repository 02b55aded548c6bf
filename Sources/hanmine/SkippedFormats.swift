import HanCore
import HanDocument

/// Counts the documents a run skipped because of their format, for the line printed at its end
/// ("skipped 3: .doc ×2, .wps ×1"): never dropped silently.
struct SkippedFormats {
    /// What folder walks take by default: the formats read, and the ones named as skipped.
    static let defaultWalkSuffixes: Set<String> = Set(DocumentSniffer.defaultSuffixes)
        .union(["doc", "wps", "xls", "xlsx", "ppt", "pptx", "et", "dps", "rtf", "png", "jpg", "jpeg", "gif", "tif", "tiff", "bmp"])

    private(set) var counts: [String: Int] = [:]

    /// Counts `error` when it is a skipped format; false for any other error.
    mutating func count(_ error: HanError) -> Bool {
        guard let format = DocumentLoader.skippedFormat(of: error) else { return false }
        counts[format, default: 0] += 1
        return true
    }

    var summary: String? {
        guard !counts.isEmpty else { return nil }
        let total = counts.values.reduce(0, +)
        let parts = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ".\($0.key) ×\($0.value)" }
        return "skipped \(total): " + parts.joined(separator: ", ")
    }
}
