/// The coarse class of a scalar: decides which run it belongs to before any word break.
///
/// Han runs (with kana, 〇 and 々) go to ICU's dictionary word break; every other class is
/// tokenized by HanMine's own rules, which is both faster and keeps numbers, Latin words and
/// punctuation whole.
@usableFromInline
enum CharacterClass: UInt8, Sendable {
    case han
    case digit
    case letter
    case whitespace
    case newline
    case punctuation
    case symbol

    @inlinable @inline(__always)
    static func of(_ value: UInt32) -> CharacterClass {
        if value < 0x80 { return asciiTable[Int(value)] }
        if value >= 0x4E00, value <= 0x9FFF { return .han }
        return classifyNonASCII(value)
    }

    @usableFromInline
    static let asciiTable: [CharacterClass] = (0..<128).map { code -> CharacterClass in
        switch UInt8(code) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case 0x0A, 0x0D, 0x0C, 0x0B: return .newline
        case 0x20, 0x09: return .whitespace
        case 0x00..<0x20, 0x7F: return .symbol
        case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
             UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return .symbol
        default: return .punctuation
        }
    }

    @usableFromInline
    static func classifyNonASCII(_ value: UInt32) -> CharacterClass {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3007, 0x3005,
             0x3040...0x30FF, 0x31F0...0x31FF:
            return .han
        case 0xFF10...0xFF19: return .digit
        case 0xFF21...0xFF3A, 0xFF41...0xFF5A: return .letter
        case 0x3000, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F: return .whitespace
        case 0x2028, 0x2029, 0x0085: return .newline
        case 0x3001...0x3004, 0x3008...0x3011, 0x3014...0x301F, 0xFF01...0xFF0F, 0xFF1A...0xFF20,
             0xFF3B...0xFF40, 0xFF5B...0xFF65, 0x2010...0x2027, 0x2030...0x205E, 0x00B7, 0xFE30...0xFE4F,
             0xFE10...0xFE19:
            return .punctuation
        default:
            guard let scalar = Unicode.Scalar(value) else { return .symbol }
            let properties = scalar.properties
            if properties.isAlphabetic { return properties.isIdeographic ? .han : .letter }
            switch properties.generalCategory {
            case .decimalNumber: return .digit
            case .spaceSeparator: return .whitespace
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return .punctuation
            case .nonspacingMark, .spacingMark, .enclosingMark: return .letter
            default: return .symbol
            }
        }
    }
}

/// Scalars with a meaning of their own to the rules.
@usableFromInline
enum Scalars {
    /// Chinese numerals, including the financial (大写) forms.
    @inlinable @inline(__always)
    static func isChineseNumeral(_ value: UInt32) -> Bool {
        // Every numeral is in U+3007…U+96F6 (〇…零): one range check rejects most characters.
        guard value >= 0x3007, value <= 0x96F6 else { return false }
        switch value {
        case 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
             0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x96F6,
             0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646, 0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70, 0x4EDF:
            return true
        default: return false
        }
    }

    /// Units that fuse with a preceding number into one date or time word (2023年, 十二月, ８时).
    @inlinable @inline(__always)
    static func isDateUnit(_ value: UInt32) -> Bool {
        switch value {
        case 0x5E74, 0x6708, 0x65E5, 0x53F7, 0x65F6, 0x5206, 0x79D2: return true  // 年月日号时分秒
        default: return false
        }
    }

    /// Magnitudes that a number in digits carries as one word (3.5亿, 12万): 十百千万亿.
    @inlinable @inline(__always)
    static func isMagnitude(_ value: UInt32) -> Bool {
        value == 0x5341 || value == 0x767E || value == 0x5343 || value == 0x4E07 || value == 0x4EBF
    }

    /// Percent and per-mille signs that end a number.
    @inlinable @inline(__always)
    static func isPercent(_ value: UInt32) -> Bool { value == 0x25 || value == 0xFF05 || value == 0x2030 }

    /// Decimal points inside a number (ASCII and full-width).
    @inlinable @inline(__always)
    static func isDecimalPoint(_ value: UInt32) -> Bool { value == 0x2E || value == 0xFF0E }

    /// Punctuation that repeats as one token (——, ……).
    @inlinable @inline(__always)
    static func repeatsAsOneToken(_ value: UInt32) -> Bool {
        value == 0x2014 || value == 0x2026 || value == 0x2500 || value == 0xFF0D
    }

    static let di: UInt32 = 0x7B2C  // 第

    /// Single-character function words and measure words: particles, prepositions, pronouns,
    /// conjunctions, copulas, common measure words and place suffixes. A lone one is a word of its
    /// own, never a piece of an unknown word.
    @usableFromInline static let functionCharacters: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for scalar in "的了在是和与及或也都就而并被把对向从以为于将由等中上下个这那我你他她它们有无不没很又还才只各每之其此所者要会能可让给到去来说着过地得吗呢吧啊呀么已再更最太但却则若如因该些位名件条次项种类家人年月日号时分秒元万亿第前后内外里间东西南北大小多少高新老本全共".unicodeScalars {
            bits[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
        }
        return bits
    }()

    @inlinable @inline(__always)
    static func isFunctionCharacter(_ value: UInt32) -> Bool {
        value < 0x10000 && (functionCharacters[Int(value >> 6)] >> UInt64(value & 63)) & 1 != 0
    }
}
