/// Running headers, footers and page numbers: lines near the top or bottom edge of a page that
/// are not part of the document's text.
///
/// A line is chrome when it sits in the top or bottom band of its page and either reads as a page
/// number on its own (`-3-`, `- 3 -`, `3`, `第3页`, `第 3 页 共 6 页`, `3/6`), or repeats — digits
/// ignored — at about the same height on at least two pages (a running title, a site's footer).
/// Judged by position and repetition, never by wording, so any agency's header goes.
enum RunningChrome {
    /// The bands, as a fraction of the page height.
    static let band = 0.12

    static func remove(from pages: [[Line]], heights: [Double]) -> [[Line]] {
        var counts: [String: [(page: Int, y: Double)]] = [:]
        for (page, lines) in pages.enumerated() {
            for line in candidates(lines, height: heights[page]) {
                counts[key(line), default: []].append((page, line.yMid))
            }
        }
        return pages.enumerated().map { page, lines in
            let height = heights[page]
            let chrome = Set(candidates(lines, height: height).compactMap { line -> Double? in
                if isPageNumber(line.text) { return line.yMid }
                let seen = counts[key(line)] ?? []
                let pagesAlike = Set(seen.filter { abs($0.y - line.yMid) < 0.03 * height }.map(\.page))
                return pagesAlike.count >= 2 ? line.yMid : nil
            })
            return lines.filter { !chrome.contains($0.yMid) }
        }
    }

    /// The first two and last two lines of a page, when they lie in its bands.
    private static func candidates(_ lines: [Line], height: Double) -> [Line] {
        let top = lines.prefix(2).filter { $0.yMax < band * height }
        let bottom = lines.suffix(2).filter { $0.yMin > (1 - band) * height }
        return top + bottom
    }

    private static func key(_ line: Line) -> String {
        String(line.text.unicodeScalars.compactMap { scalar -> Character? in
            if scalar.properties.isWhitespace { return nil }
            if ("0"..."9").contains(scalar) { return "#" }
            return Character(scalar)
        })
    }

    static func isPageNumber(_ text: String) -> Bool {
        let squeezed = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        let dashes: Set<Character> = ["-", "－", "—", "–", "·"]
        var core = Substring(squeezed)
        while let first = core.first, dashes.contains(first) { core.removeFirst() }
        while let last = core.last, dashes.contains(last) { core.removeLast() }
        if core.hasPrefix("第"), let page = core.firstIndex(of: "页") {
            let number = core[core.index(after: core.startIndex)..<page]
            let rest = core[core.index(after: page)...]
            let restOK = rest.isEmpty || (rest.hasPrefix("共") && rest.hasSuffix("页") && rest.dropFirst().dropLast().allSatisfy(\.isASCIIDigitOrFullWidth))
            return !number.isEmpty && number.allSatisfy(\.isASCIIDigitOrFullWidth) && restOK
        }
        let parts = core.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCIIDigitOrFullWidth) }
    }
}

extension Character {
    var isASCIIDigitOrFullWidth: Bool {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        return ("0"..."9").contains(scalar) || (0xFF10...0xFF19).contains(scalar.value)
    }
}
