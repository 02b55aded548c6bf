import HanCore
import HanText

/// Builds the text the rules read from a document's original text, through an `OffsetMap`, so
/// every span found in the repaired text maps back to the bytes the document printed.
///
/// Repairs, in one pass over the original:
/// - characters: full-width ASCII → half-width, U+3000 → space, traditional → simplified (when
///   the normalizer is configured for it);
/// - pinyin left by input methods after a character, `國(guó)`, is read as nothing;
/// - form feeds are dropped;
/// - PDF page numbers alone on a line (`- 3 -`, `— 3 —`, `第3页`) are dropped with the blank lines
///   around them;
/// - hard wraps: in a document whose lines break at a fixed width (text converted from PDF), the
///   line break (and the blank lines, page numbers between) after a full line that does not end a
///   sentence is dropped, so `淮\n\n安市` reads `淮安市`. A break before a line of bare numbers (a
///   table cell) is kept, and documents with free-length lines are never joined.
public enum LayoutRepair {
    /// A line of the original: `[start, contentEnd)` is its text, `[contentEnd, end)` its line break.
    struct Line {
        var start: Int
        var contentEnd: Int
        var end: Int
        /// Display width in CJK columns: a Han character counts 1, ASCII ½.
        var width: Double
        var isBlank: Bool
        var isPageNumber: Bool
        var lastScalar: UInt32
        var firstScalar: UInt32
        var isBareNumbers: Bool
    }

    public static func makeDocument(path: String, original: [UInt8], normalizer: CharacterNormalizer) -> Document {
        let deletions = layoutDeletions(original)
        var builder = NormalizedTextBuilder(reservingCapacity: original.count)
        original.withUnsafeBufferPointer { buffer in
            var copiedFrom = 0
            var nextDeletion = 0
            var i = 0
            var previousWasHan = false
            func flush(to end: Int) {
                if copiedFrom < end { builder.copy(buffer, copiedFrom..<end) }
            }
            while i < buffer.count {
                if nextDeletion < deletions.count, deletions[nextDeletion].lowerBound == i {
                    flush(to: i)
                    let range = deletions[nextDeletion]
                    builder.replace(range, with: EmptyCollection())
                    i = range.upperBound
                    copiedFrom = i
                    nextDeletion += 1
                    continue
                }
                let (value, width) = UTF8Scalar.decode(buffer, at: i)
                if value == 0x0C {
                    flush(to: i)
                    builder.replace(i..<(i + 1), with: EmptyCollection())
                    copiedFrom = i + 1
                    i += 1
                    continue
                }
                if previousWasHan, value == 0x28 || value == 0xFF08, let end = pinyinArtefactEnd(buffer, openingAt: i, width: width) {
                    flush(to: i)
                    builder.replace(i..<end, with: EmptyCollection())
                    copiedFrom = end
                    i = end
                    continue
                }
                if width > 1, let replacement = normalizer.normalized(value) {
                    flush(to: i)
                    builder.replace(i..<(i + width), with: replacement)
                    copiedFrom = i + width
                }
                previousWasHan = CharacterClasses.isHan(value)
                i += width
            }
            flush(to: buffer.count)
        }
        let (text, map) = builder.finish()
        return Document(path: path, original: original, normalized: text, map: map)
    }

    /// `(guó)` after a Han character: 1–7 lowercase pinyin letters with at least one tone mark.
    static func pinyinArtefactEnd(_ buffer: UnsafeBufferPointer<UInt8>, openingAt start: Int, width: Int) -> Int? {
        var i = start + width
        var letters = 0
        var toneMarks = 0
        while i < buffer.count, letters <= 7 {
            let (value, w) = UTF8Scalar.decode(buffer, at: i)
            if value == 0x29 || value == 0xFF09 {
                return letters >= 1 && toneMarks >= 1 ? i + w : nil
            }
            if value >= 0x61, value <= 0x7A {
                letters += 1
            } else if CharacterClasses.isPinyinToneLetter(value) {
                letters += 1
                toneMarks += 1
            } else {
                return nil
            }
            i += w
        }
        return nil
    }

    /// The original ranges the layout repair drops (page-number lines, hard-wrap breaks), sorted
    /// and disjoint.
    static func layoutDeletions(_ original: [UInt8]) -> [Range<Int>] {
        let lines = splitLines(original)
        var deletions: [Range<Int>] = []
        // Page-number lines are dropped in any document.
        let wrapWidth = fixedWrapWidth(lines)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isBlank || line.isPageNumber {
                index += 1
                continue
            }
            // Find the next content line, skipping blanks and page numbers.
            var next = index + 1
            var sawPageNumber = false
            while next < lines.count, lines[next].isBlank || lines[next].isPageNumber {
                if lines[next].isPageNumber { sawPageNumber = true }
                next += 1
            }
            if let wrapWidth, next < lines.count, isWrapped(line, width: wrapWidth), !lines[next].isBareNumbers,
               !CharacterClasses.startsEnumeration(original, at: lines[next].start) {
                deletions.append(line.contentEnd..<lines[next].start)
            } else if sawPageNumber {
                for k in (index + 1)..<next where lines[k].isPageNumber {
                    deletions.append(lines[k].start..<lines[k].end)
                }
            }
            index = next
        }
        return deletions
    }

    static func isWrapped(_ line: Line, width: Double) -> Bool {
        line.width >= width - max(2.5, 0.12 * width) && !CharacterClasses.endsSentence(line.lastScalar)
    }

    /// The column at which a PDF-converted document wraps its lines, or nil when its lines have
    /// free lengths (web pages, one paragraph a line). Evidence: many lines of nearly the same,
    /// moderate width.
    static func fixedWrapWidth(_ lines: [Line]) -> Double? {
        let widths = lines.filter { !$0.isBlank && !$0.isPageNumber && $0.width >= 8 }.map(\.width).sorted()
        guard widths.count >= 5 else { return nil }
        let top = widths[Int(Double(widths.count - 1) * 0.75)]
        guard top >= 15, top <= 60 else { return nil }
        let nearTop = widths.filter { $0 >= top - max(2.5, 0.12 * top) && $0 <= top + 4 }.count
        return nearTop * 3 >= widths.count ? top : nil
    }

    static func splitLines(_ text: [UInt8]) -> [Line] {
        var lines: [Line] = []
        text.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                var contentEnd = end
                while contentEnd > start, buffer[contentEnd - 1] == 0x0D || buffer[contentEnd - 1] == 0x20
                        || buffer[contentEnd - 1] == 0x09 || buffer[contentEnd - 1] == 0x0C {
                    contentEnd -= 1
                }
                let lineEnd = end < buffer.count ? end + 1 : end
                lines.append(describe(buffer, start: start, contentEnd: contentEnd, end: lineEnd))
                start = lineEnd
            }
        }
        return lines
    }

    /// A page number is one run of one to four digits, either between dashes (`- 3 -`, `—12—`)
    /// or as 第N页. A table row of dash blanks and numbers (`8 — 0 0 — — 8`, `— — 5`) has
    /// several runs or no closing dash and is not one.
    static func isPageNumberShape(_ shape: [UInt8]) -> Bool {
        let dash = UInt8(ascii: "-")
        var core = shape[...]
        if core.first == UInt8(ascii: "f"), core.last == UInt8(ascii: "p") {
            core = core.dropFirst().dropLast()
        } else {
            guard core.first == dash, core.last == dash else { return false }
            while core.first == dash { core = core.dropFirst() }
            while core.last == dash { core = core.dropLast() }
            guard shape.count - core.count <= 4 else { return false }
        }
        return (1...4).contains(core.count) && core.allSatisfy { $0 == UInt8(ascii: "d") }
    }

    static func describe(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, contentEnd: Int, end: Int) -> Line {
        var width = 0.0
        var i = start
        var first: UInt32 = 0
        var last: UInt32 = 0
        var visible = 0
        var digits = 0
        var others = 0
        var han = 0
        /// The visible scalars' shape: d (digit), - (dash), 第, 页, or x; only short lines matter.
        var shape: [UInt8] = []
        while i < contentEnd {
            let (value, w) = UTF8Scalar.decode(buffer, at: i)
            i += w
            if value == 0x20 || value == 0x09 || value == 0x3000 || value == 0x0C { continue }
            if visible == 0 { first = value }
            last = value
            visible += 1
            width += value < 0x80 ? 0.5 : 1
            let kind: UInt8
            if (value >= 0x30 && value <= 0x39) || (value >= 0xFF10 && value <= 0xFF19) {
                digits += 1
                kind = UInt8(ascii: "d")
            } else if value == 0x2D || value == 0x2014 || value == 0x2013 || value == 0xFF0D || value == 0x2212 {
                kind = UInt8(ascii: "-")
            } else if value == 0x7B2C || value == 0x9875 {  // 第, 页
                han += 1
                kind = value == 0x7B2C ? UInt8(ascii: "f") : UInt8(ascii: "p")
            } else {
                others += 1
                kind = UInt8(ascii: "x")
            }
            if visible <= 12 { shape.append(kind) }
        }
        let isPageNumber = visible > 0 && visible <= 12 && LayoutRepair.isPageNumberShape(shape)
        let isBareNumbers = visible > 0 && digits > 0 && (others + han) == 0
        return Line(start: start, contentEnd: contentEnd, end: end, width: width, isBlank: visible == 0,
                    isPageNumber: isPageNumber, lastScalar: last, firstScalar: first, isBareNumbers: isBareNumbers)
    }
}

/// Character classes the rules and the layout repair share.
enum CharacterClasses {
    @inline(__always)
    static func isHan(_ value: UInt32) -> Bool {
        (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF) || (value >= 0x20000 && value <= 0x3134F)
            || (value >= 0xF900 && value <= 0xFAFF) || value == 0x3007
    }

    static func isPinyinToneLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8, 0x12B, 0xED, 0x1D0, 0xEC,
             0x14D, 0xF3, 0x1D2, 0xF2, 0x16B, 0xFA, 0x1D4, 0xF9, 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC, 0x144, 0x148, 0x1F9:
            return true
        default: return false
        }
    }

    /// Characters after which a line break ends a sentence, a heading or a list item.
    static func endsSentence(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x21, 0x3F, 0x3B, 0x3A, 0x2E, 0xFF0E: return true
        default: return false
        }
    }

    /// Whether a line starting at `offset` begins with an enumerator or heading numeral
    /// (一、 （一） 1. 第一), which a hard wrap never joins onto the previous line.
    static func startsEnumeration(_ text: [UInt8], at offset: Int) -> Bool {
        var i = offset
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
        guard i < text.count else { return false }
        let head = String(decoding: text[i..<min(text.count, i + 12)], as: UTF8.self)
        let scalars = Array(head.unicodeScalars)
        guard let first = scalars.first else { return false }
        if first == "(" || first == "（" { return scalars.count > 1 && Numerals.digitValue(scalars[1]) != nil }
        if Numerals.digitValue(first) != nil, first.value > 0x7F {
            return scalars.count > 1 && (scalars[1] == "、" || scalars[1] == "是")
        }
        if first.value >= 0x30, first.value <= 0x39 {
            var k = 1
            while k < scalars.count, scalars[k].value >= 0x30, scalars[k].value <= 0x39 { k += 1 }
            return k < scalars.count && (scalars[k] == "、" || scalars[k] == "．" || (scalars[k] == "." && k + 1 < scalars.count
                                                                                       && !(scalars[k + 1].value >= 0x30 && scalars[k + 1].value <= 0x39)))
        }
        return false
    }
}
