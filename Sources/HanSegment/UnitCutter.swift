/// Finds where a stream of UTF-8 text may be cut without changing its tokens.
///
/// A *unit* ends right after a safe character: a line break (`\n`, form feed, U+2028/2029) or
/// sentence punctuation (`。！？；` and ASCII `!?;`). No tokenizer rule joins anything across
/// one, so tokenizing units one by one, or any run of whole units at once, gives the same tokens
/// as tokenizing the whole text. That is what makes the stream's output independent of how its
/// input arrives.
///
/// A stretch of more than `hardCap` bytes without a safe character is cut anyway (bounded
/// memory): at the last change of character class inside the window (Han | non-Han, a space, a
/// digit run's end), else at the last character boundary. The cut is decided by the bytes from
/// the previous unit end alone, so it too is the same however the input arrives. Its effect: a
/// word or number that straddles the forced cut is split in two; nothing is lost.
public struct UnitCutter: Sendable {
    /// The longest unit, in bytes. Lines longer than this without sentence punctuation are cut.
    public let hardCap: Int

    public static let defaultHardCap = 64 * 1024

    public init(hardCap: Int = UnitCutter.defaultHardCap) {
        precondition(hardCap >= 8, "a unit must hold a few characters")
        self.hardCap = hardCap
    }

    /// A cut found by `scan`.
    public struct Cut: Equatable, Sendable {
        /// Offset just past the cut.
        public var offset: Int
        /// True for a hard-cap cut (tokens must not be joined across it).
        public var isForced: Bool
        public init(offset: Int, isForced: Bool) {
            self.offset = offset
            self.isForced = isForced
        }
    }

    /// Scans `text[from...]`, where `from` is a unit end, and reports the cuts it can decide:
    /// every forced cut, and the last safe cut (cuts between consecutive safe characters are not
    /// reported: whole units may be tokenized together). Without `isFinal`, bytes after the last
    /// reported cut may still grow into a longer unit and stay unreported.
    ///
    /// - Complexity: O(n) in the bytes scanned.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, from: Int, isFinal: Bool) -> [Cut] {
        var cuts: [Cut] = []
        var unitStart = from
        var lastSafe = -1
        var i = from
        let count = text.count
        while i < count {
            let byte = text[i]
            var safeEnd = -1
            switch byte {
            case 0x0A, 0x0C, 0x21, 0x3F, 0x3B:
                safeEnd = i + 1
            case 0xE3:
                if i + 2 < count, text[i + 1] == 0x80, text[i + 2] == 0x82 { safeEnd = i + 3 }
            case 0xEF:
                if i + 2 < count, text[i + 1] == 0xBC, text[i + 2] == 0x81 || text[i + 2] == 0x9F || text[i + 2] == 0x9B {
                    safeEnd = i + 3
                }
            case 0xE2:
                if i + 2 < count, text[i + 1] == 0x80, text[i + 2] == 0xA8 || text[i + 2] == 0xA9 { safeEnd = i + 3 }
            default:
                break
            }
            if safeEnd > 0, safeEnd - unitStart <= hardCap {
                lastSafe = safeEnd
                unitStart = safeEnd
                i = safeEnd
                continue
            }
            if i + 1 - unitStart > hardCap || (safeEnd > 0 && safeEnd - unitStart > hardCap) {
                if lastSafe > 0 {
                    cuts.append(Cut(offset: lastSafe, isForced: false))
                    lastSafe = -1
                }
                let forced = forcedCut(text, unitStart: unitStart)
                cuts.append(Cut(offset: forced, isForced: true))
                unitStart = forced
                i = forced
                continue
            }
            i += 1
        }
        if isFinal {
            if lastSafe > 0, lastSafe < count { cuts.append(Cut(offset: lastSafe, isForced: false)) }
            if cuts.last?.offset != count, count > from { cuts.append(Cut(offset: count, isForced: false)) }
        } else if lastSafe > 0 {
            cuts.append(Cut(offset: lastSafe, isForced: false))
        }
        return cuts
    }

    /// The forced cut inside `[unitStart, unitStart + hardCap]`: the last class change, else the
    /// last character boundary.
    func forcedCut(_ text: UnsafeBufferPointer<UInt8>, unitStart: Int) -> Int {
        let limit = unitStart + hardCap
        var best = -1
        var fallback = unitStart
        var i = unitStart
        var previousClass: CharacterClass?
        while i < limit {
            let width = UTF8Scalar.width(lead: text[i])
            if i + width > limit { break }
            let (value, _) = UTF8Scalar.decode(text, at: i)
            let characterClass = CharacterClass.of(value)
            if let previousClass, previousClass != characterClass, i > unitStart, value != 0x0A { best = i }
            previousClass = characterClass
            fallback = i
            i += width
        }
        if i == limit { fallback = limit }
        if best > unitStart { return best }
        return fallback > unitStart ? fallback : unitStart + UTF8Scalar.width(lead: text[unitStart])
    }
}

import HanText
