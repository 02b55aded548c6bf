/// A run of words on one line with no wide gap inside: a phrase of running text or one table
/// cell's line.
struct Segment: Sendable {
    var text: String
    var xMin: Double
    var xMax: Double
    var yMin: Double
    var yMax: Double
    var fontSize: Double

    var yMid: Double { (yMin + yMax) / 2 }
    var width: Double { xMax - xMin }
}

/// Words that share a baseline, split into segments at gaps wider than about one character.
struct Line: Sendable {
    var page: Int
    var segments: [Segment]
    var xMin: Double
    var xMax: Double
    var yMin: Double
    var yMax: Double
    var fontSize: Double

    var yMid: Double { (yMin + yMax) / 2 }
    var height: Double { yMax - yMin }
    /// The whole line as running text: segments joined as words are.
    var text: String {
        var result = ""
        for segment in segments { result = TextJoin.append(segment.text, to: result, spaced: true) }
        return result
    }
}

/// How words are glued: Chinese needs no space between words, Latin words and numbers among
/// themselves keep one. A space poppler reports between a Han character and a digit is
/// typesetting (autospace), not text, so it is dropped.
enum TextJoin {
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF,
             0x2018...0x201F, 0x2026, 0x2014, 0x00B7:
            return true
        default:
            return false
        }
    }

    /// `head` + `tail` with a space between them when `spaced` and neither side is wide.
    static func append(_ tail: String, to head: String, spaced: Bool) -> String {
        guard let last = head.unicodeScalars.last else { return tail }
        guard let first = tail.unicodeScalars.first else { return head }
        if spaced && !isWide(last) && !isWide(first) && last != " " { return head + " " + tail }
        return head + tail
    }
}

/// Words → lines → segments for one page.
enum PageLines {
    /// A gap wider than this many font sizes between two words on a line starts a new segment:
    /// a space in running text is a quarter to half of one; table cells stand further apart.
    static let segmentGap = 0.9
    /// Lines whose median baselines differ by less than this share of their height are one.
    static let baselineTolerance = 0.15

    private static func mergeSharedBaselines(_ groups: [[PDFWord]]) -> [[PDFWord]] {
        var sorted = groups.map { (words: $0, baseline: median($0.map(\.yMax)), height: median($0.map(\.height))) }
        sorted.sort { $0.baseline < $1.baseline }
        var merged: [(words: [PDFWord], baseline: Double, height: Double)] = []
        for group in sorted {
            if let last = merged.last, abs(group.baseline - last.baseline) <= baselineTolerance * min(group.height, last.height),
               !overlapsHorizontally(last.words, group.words) {
                merged[merged.count - 1].words += group.words
            } else {
                merged.append(group)
            }
        }
        return merged.map(\.words)
    }

    /// Two word sets that overlap left to right are stacked text, not one line.
    private static func overlapsHorizontally(_ a: [PDFWord], _ b: [PDFWord]) -> Bool {
        a.contains { x in b.contains { y in min(x.xMax, y.xMax) - max(x.xMin, y.xMin) > 0.5 } }
    }

    static func lines(of page: PDFPageWords, index: Int) -> [Line] {
        let words = page.words.filter { !$0.text.allSatisfy(\.isWhitespace) && $0.height > 0 }
            .sorted { $0.yMin < $1.yMin }
        // Cluster by vertical overlap: a word joins the line it overlaps most, by at least half
        // of the smaller height (a baseline shared within a few points).
        var groups: [[PDFWord]] = []
        var bounds: [(yMin: Double, yMax: Double)] = []
        for word in words {
            var best = -1
            var bestOverlap = 0.0
            for candidate in groups.indices.suffix(8).reversed() {
                let overlap = min(bounds[candidate].yMax, word.yMax) - max(bounds[candidate].yMin, word.yMin)
                let smaller = min(bounds[candidate].yMax - bounds[candidate].yMin, word.height)
                // Words of one line never overprint each other.
                if overlap >= 0.5 * smaller && overlap > bestOverlap,
                   !groups[candidate].contains(where: { min($0.xMax, word.xMax) - max($0.xMin, word.xMin) > 0.5 }) {
                    best = candidate
                    bestOverlap = overlap
                }
            }
            if best < 0 {
                groups.append([word])
                bounds.append((word.yMin, word.yMax))
            } else {
                groups[best].append(word)
                // The line's band stays that of its first word, so a tall neighbour cannot drag
                // two rows together.
            }
        }
        // A word that started a line a little above its row (a label centred between two rows)
        // can leave that row's other words on a line of their own; lines whose words mostly share
        // one baseline are one line.
        groups = mergeSharedBaselines(groups)
        var lines: [Line] = []
        lines.reserveCapacity(groups.count)
        for group in groups {
            let sorted = group.sorted { $0.xMin < $1.xMin }
            lines.append(line(from: sorted, page: index))
        }
        lines.sort { $0.yMid < $1.yMid }
        return lines
    }

    private static func line(from words: [PDFWord], page: Int) -> Line {
        var segments: [Segment] = []
        var current: Segment?
        var previous: PDFWord?
        for word in words {
            if var open = current, let previous {
                let size = max(previous.fontSize, word.fontSize, 1)
                let gap = word.xMin - previous.xMax
                if gap > segmentGap * size {
                    segments.append(open)
                    current = segment(word)
                } else {
                    let spaced = previous.spaceAfter || gap > 0.2 * size
                    open.text = TextJoin.append(word.text, to: open.text, spaced: spaced)
                    open.xMax = max(open.xMax, word.xMax)
                    open.yMin = min(open.yMin, word.yMin)
                    open.yMax = max(open.yMax, word.yMax)
                    open.fontSize = max(open.fontSize, word.fontSize)
                    current = open
                }
            } else {
                current = segment(word)
            }
            previous = word
        }
        if let current { segments.append(current) }
        return Line(
            page: page, segments: segments,
            xMin: segments.map(\.xMin).min() ?? 0, xMax: segments.map(\.xMax).max() ?? 0,
            yMin: segments.map(\.yMin).min() ?? 0, yMax: segments.map(\.yMax).max() ?? 0,
            fontSize: median(segments.map(\.fontSize)))
    }

    private static func segment(_ word: PDFWord) -> Segment {
        Segment(text: word.text, xMin: word.xMin, xMax: word.xMax, yMin: word.yMin, yMax: word.yMax, fontSize: word.fontSize)
    }
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

extension String {
    /// Without leading and trailing white space (no Foundation needed).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
