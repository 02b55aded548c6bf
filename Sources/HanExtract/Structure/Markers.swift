import HanCore

/// The normalised text as Unicode scalars with the byte offset of each: the structure scanners
/// look back and ahead by characters, and report byte spans.
///
/// Invariant: `offsets.count == scalars.count + 1`; `offsets[i]` is the byte offset of
/// `scalars[i]` in the normalised text and `offsets[scalars.count]` its length.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    let offsets: [Int]

    init(_ bytes: [UInt8]) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(bytes.count / 2)
        offsets.reserveCapacity(bytes.count / 2 + 1)
        var offset = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
    }

    var count: Int { scalars.count }

    subscript(_ index: Int) -> Unicode.Scalar { scalars[index] }

    /// The scalar at `index`, or a line feed outside the text (both ends read as line breaks).
    func at(_ index: Int) -> Unicode.Scalar { index >= 0 && index < scalars.count ? scalars[index] : "\n" }

    /// The normalised byte span of the scalars `from..<to`.
    func byteSpan(_ from: Int, _ to: Int) -> Span { Span(offsets[from], offsets[max(from, to)]) }

    func string(_ from: Int, _ to: Int) -> String {
        guard to > from else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[from..<to])
        return String(result)
    }

    /// Whether `word` stands at `index`.
    func has(_ word: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= scalars.count else { return false }
        for k in 0..<word.count where scalars[index + k] != word[k] { return false }
        return true
    }

    /// Whether only spaces stand between the previous line break (or the start) and `index`.
    func isLineStart(_ index: Int) -> Bool {
        var i = index - 1
        while i >= 0 {
            let s = scalars[i]
            if s == "\n" || s == "\r" || s == "\u{0C}" { return true }
            if !ScalarText.isSpace(s) { return false }
            i -= 1
        }
        return true
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}" }
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x20000...0x3134F).contains(s.value)
    }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isChineseNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }
    /// Sentence ends: 。！？ and their ASCII forms (the normaliser makes ！？ half-width).
    static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool { s == "。" || s == "!" || s == "?" || s == "\n" }
}

/// An enumerator or heading numeral in the text: `一、`, `(一)`, `1.`, `(1)`, `①`, `一是`, `第一,`,
/// `首先,`. Positions are scalar indices into a `ScalarText`.
struct Marker: Equatable {
    enum Kind: Int, CaseIterable {
        /// 一、 二、: the template's top-level headings.
        case topNumeral
        /// (一) (二), from （一） after normalisation.
        case parenNumeral
        /// 1. 1、
        case arabic
        /// (1)
        case parenArabic
        /// ① ②
        case circled
        /// 一是 二是: items inside a paragraph.
        case inlineShi
        /// 第一, 第二,
        case ordinalDi
        /// 首先, 其次, 再次, 最后,
        case sequenceWord

        /// Kinds that may open a heading line; the others only enumerate items in running text.
        var canHead: Bool {
            switch self {
            case .topNumeral, .parenNumeral, .arabic, .parenArabic, .circled: return true
            case .inlineShi, .ordinalDi, .sequenceWord: return false
            }
        }
    }

    var kind: Kind
    /// The ordinal (1 for 一 / 1 / ① / 首先); 0 for 最后, which continues whatever series it ends.
    var value: Int
    var start: Int
    /// The first scalar after the enumerator (and its punctuation).
    var contentStart: Int
    /// Whether only spaces stand before it on its line.
    var atLineStart: Bool
    /// Whether a Han character stands right before it (an enumerator glued to the previous sentence).
    var glued: Bool
}

enum MarkerScanner {
    static let badFollowers: Set<Unicode.Scalar> = ["项", "款", "条", "类", "号", "级", "批", "期", "次", "届", "个", "年", "月", "日"]
    static let sequenceWords: [(word: [Unicode.Scalar], value: Int)] = [
        (Array("首先".unicodeScalars), 1), (Array("其次".unicodeScalars), 2), (Array("再次".unicodeScalars), 3),
        (Array("最后".unicodeScalars), 0),
    ]

    /// Every marker of the text, in order. One pass; each position yields at most one marker.
    static func scan(_ text: ScalarText) -> [Marker] {
        var markers: [Marker] = []
        var i = 0
        let n = text.count
        while i < n {
            let s = text[i]
            if let marker = marker(at: i, scalar: s, text) {
                markers.append(marker)
                i = marker.contentStart
            } else {
                i += 1
            }
        }
        return markers
    }

    /// Whether an enumerator or heading numeral starts at `index`.
    static func startsMarker(_ text: ScalarText, at index: Int) -> Bool {
        index < text.count && marker(at: index, scalar: text[index], text) != nil
    }

    private static func numeralRun(_ text: ScalarText, from: Int, max: Int = 3) -> (value: Int, end: Int)? {
        var end = from
        while end < text.count, end - from < max, ScalarText.isChineseNumeral(text[end]) { end += 1 }
        guard end > from, !ScalarText.isChineseNumeral(text.at(end)) else { return nil }
        guard let value = Numerals.value(of: Substring(text.string(from, end))), value > 0, value <= 30 else { return nil }
        return (value, end)
    }

    private static func digitRun(_ text: ScalarText, from: Int) -> (value: Int, end: Int)? {
        var end = from
        while end < text.count, end - from < 3, ScalarText.isDigit(text[end]) { end += 1 }
        guard end > from, end - from <= 2, !ScalarText.isDigit(text.at(end)) else { return nil }
        let value = Int(text.string(from, end)) ?? 0
        return value > 0 ? (value, end) : nil
    }

    /// Whether a marker can start with this scalar (most scalars of a text cannot: a cheap test
    /// before the context is looked at).
    @inline(__always)
    private static func canStart(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "(", "第", "首", "其", "再", "最": return true
        default: return ScalarText.isDigit(s) || (0x2460...0x2473).contains(s.value)
        }
    }

    /// What may stand right before `1.` in running text.
    private static func opensArabicItem(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", ";", ":", "!", "?", "，", ",", " ", "\t", "\u{3000}": return true
        default: return false
        }
    }

    private static func marker(at i: Int, scalar s: Unicode.Scalar, _ text: ScalarText) -> Marker? {
        guard canStart(s) else { return nil }
        let before = text.at(i - 1)
        let lineStart = text.isLineStart(i)
        let hanBefore = ScalarText.isHan(before)
        func make(_ kind: Marker.Kind, _ value: Int, _ contentStart: Int) -> Marker {
            Marker(kind: kind, value: value, start: i, contentStart: contentStart, atLineStart: lineStart, glued: hanBefore)
        }
        if ScalarText.isChineseNumeral(s), !ScalarText.isChineseNumeral(before) {
            guard let run = numeralRun(text, from: i) else { return nil }
            let next = text.at(run.end)
            if next == "、" {
                // 一、二、三 inside a sentence (一、二级) is a list of numbers, not a heading.
                if ScalarText.isChineseNumeral(text.at(run.end + 1)) { return nil }
                if ScalarText.isDigit(before) || !hanBefore || lineStart { return make(.topNumeral, run.value, run.end + 1) }
                return Marker(kind: .topNumeral, value: run.value, start: i, contentStart: run.end + 1, atLineStart: false, glued: true)
            }
            if next == "是", run.end - i <= 2 {
                // 统一是 is a word, so 一是 glued to a Han character opens a list only right after a
                // heading (`改进措施一是…`); 二是 glued to the sentence before continues one (ItemLists).
                return make(.inlineShi, run.value, run.end + 1)
            }
            return nil
        }
        if s == "(" {
            if before == "第" { return nil }
            if let run = numeralRun(text, from: i + 1), text.at(run.end) == ")" {
                if badFollowers.contains(text.at(run.end + 1)) { return nil }
                return make(.parenNumeral, run.value, run.end + 1)
            }
            if let run = digitRun(text, from: i + 1), text.at(run.end) == ")" {
                if ScalarText.isDigit(before) || badFollowers.contains(text.at(run.end + 1)) { return nil }
                return make(.parenArabic, run.value, run.end + 1)
            }
            return nil
        }
        if ScalarText.isDigit(s), !ScalarText.isDigit(before) {
            guard let run = digitRun(text, from: i) else { return nil }
            let next = text.at(run.end)
            guard next == "." || next == "、" else { return nil }
            if ScalarText.isDigit(text.at(run.end + 1)) { return nil }  // 2.5, 1.2亿
            guard lineStart || opensArabicItem(before) else { return nil }
            if before == "." || before == "-" || before == "/" { return nil }
            return make(.arabic, run.value, run.end + 1)
        }
        if (0x2460...0x2473).contains(s.value) {
            return make(.circled, Int(s.value - 0x245F), i + 1)
        }
        if s == "第", !hanBefore, let run = numeralRun(text, from: i + 1, max: 2) {
            let next = text.at(run.end)
            if next == "," || next == "、" || next == "，" { return make(.ordinalDi, run.value, run.end + 1) }
            return nil
        }
        if !hanBefore {
            for (word, value) in sequenceWords where text.has(word, at: i) {
                let next = text.at(i + word.count)
                if next == "," || next == "，" { return make(.sequenceWord, value, i + word.count + 1) }
            }
        }
        return nil
    }
}

extension UTF8 {
    @inline(__always)
    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
    }
}
