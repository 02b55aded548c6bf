import CICU
import HanCore

/// An encoding HanMine reads. Everything is decoded to UTF-8 before any other step.
public struct TextEncoding: Hashable, Sendable, CustomStringConvertible {
    /// The name ICU knows the encoding by, and the one written into `source.encoding`.
    public let name: String
    public init(name: String) { self.name = name }

    public static let utf8 = TextEncoding(name: "UTF-8")
    public static let utf16LE = TextEncoding(name: "UTF-16LE")
    public static let utf16BE = TextEncoding(name: "UTF-16BE")
    public static let gb18030 = TextEncoding(name: "GB18030")
    public static let big5 = TextEncoding(name: "Big5")

    public var description: String { name }

    /// Parses a user's `--encoding` value. GBK and GB2312 are read as GB18030, their superset, so
    /// every byte sequence that is valid in them decodes the same.
    public init?(userName: String) {
        switch String(userName.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le", "utf16le": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "gb18030", "gbk", "gb2312", "cp936", "euc-cn": self = .gb18030
        case "big5", "big-5", "cp950": self = .big5
        default:
            var error: Int32 = 0
            guard let probe = hm_decoder_open(userName, 0, &error) else { return nil }
            hm_decoder_close(probe)
            self.init(name: userName)
        }
    }
}

/// What the detector decided about a stream's first bytes.
public struct DetectedEncoding: Sendable, Equatable {
    public var encoding: TextEncoding
    /// Length of the byte-order mark to skip (0 when none).
    public var bomLength: Int
}

/// Decides the encoding of a document from its first bytes.
///
/// Order: a byte-order mark; then UTF-8 validity of the sample; then ICU's charset detector,
/// restricted to the encodings Chinese documents use (GB18030 and its subsets, Big5). A sample
/// that has NUL bytes (without a UTF-16 BOM) or a high share of control bytes is binary.
public enum EncodingDetector {
    /// How many leading bytes the detector reads.
    public static let sampleSize = 64 * 1024

    public static func detect(_ sample: [UInt8], isComplete: Bool) throws(HanError) -> DetectedEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return DetectedEncoding(encoding: .utf8, bomLength: 3) }
        if sample.starts(with: [0xFF, 0xFE]) { return DetectedEncoding(encoding: .utf16LE, bomLength: 2) }
        if sample.starts(with: [0xFE, 0xFF]) { return DetectedEncoding(encoding: .utf16BE, bomLength: 2) }
        if let offset = binaryEvidence(sample) {
            if let utf16 = utf16WithoutBOM(sample) {
                throw HanError(.binaryInput, "this looks like \(utf16.name) text without a byte-order mark; "
                               + "read it with --encoding \(utf16.name)", offset: Int64(offset))
            }
            throw HanError(.binaryInput, "binary data, not text (control byte 0x\(String(sample[offset], radix: 16, uppercase: true)))",
                           offset: Int64(offset))
        }
        switch UTF8Validator.validate(sample, allowTruncatedEnd: !isComplete) {
        case .valid: return DetectedEncoding(encoding: .utf8, bomLength: 0)
        case .invalid:
            // Mostly-UTF-8 text with a few bad bytes is reported as invalid UTF-8, not guessed as
            // another charset: that is the honest error for a damaged file.
            if looksMostlyUTF8(sample) {
                return DetectedEncoding(encoding: .utf8, bomLength: 0)
            }
        }
        var name = [CChar](repeating: 0, count: 64)
        var error: Int32 = 0
        let confidence = sample.withUnsafeBufferPointer { buffer in
            hm_detect_charset(buffer.baseAddress, Int32(min(buffer.count, sampleSize)), &name, 64, &error)
        }
        let detected = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if confidence >= 0, detected.lowercased().hasPrefix("big5") {
            return DetectedEncoding(encoding: .big5, bomLength: 0)
        }
        // GB18030 is the superset of GBK and GB2312 and the common case for non-UTF-8 Chinese text;
        // ICU's detector also reports it for most double-byte Chinese it cannot place.
        return DetectedEncoding(encoding: .gb18030, bomLength: 0)
    }

    /// UTF-16 without a byte-order mark, told from binary data: the NUL bytes (the high bytes of
    /// ASCII characters) fall on one parity (five to one: a CJK unit such as 开 U+5F00 has one too), and nearly every 16-bit unit is an ASCII
    /// character, a CJK character or punctuation, with surrogates paired. Only used to word an
    /// error: guessing the encoding silently could misread a binary file as text.
    static func utf16WithoutBOM(_ sample: [UInt8]) -> TextEncoding? {
        let count = sample.count & ~1
        guard count >= 8 else { return nil }
        var zeros = [0, 0]
        for i in 0..<count where sample[i] == 0 { zeros[i & 1] += 1 }
        let candidates: [(TextEncoding, Bool)] = [(.utf16LE, true), (.utf16BE, false)]
        for (encoding, little) in candidates {
            let high = little ? 1 : 0
            guard zeros[high] > 0, zeros[1 - high] * 5 <= zeros[high] else { continue }
            var plausible = 0
            var units = 0
            var i = 0
            while i + 1 < count {
                let unit = little ? UInt16(sample[i]) | UInt16(sample[i + 1]) << 8 : UInt16(sample[i]) << 8 | UInt16(sample[i + 1])
                units += 1
                switch unit {
                case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x3000...0x303F, 0x3400...0x9FFF, 0xFF00...0xFFEF, 0x2000...0x206F:
                    plausible += 1
                case 0xD800...0xDBFF where i + 3 < count:
                    let next = little ? UInt16(sample[i + 2]) | UInt16(sample[i + 3]) << 8 : UInt16(sample[i + 2]) << 8 | UInt16(sample[i + 3])
                    if (0xDC00...0xDFFF).contains(next) { plausible += 2; units += 1; i += 2 }
                default:
                    break
                }
                i += 2
            }
            if plausible * 10 >= units * 9 { return encoding }
        }
        return nil
    }

    /// The offset of the first byte that marks the sample as binary, if any: a NUL, or (past the
    /// first 512 bytes) a share of C0 control bytes above 10%.
    static func binaryEvidence(_ sample: [UInt8]) -> Int? {
        var controls = 0
        var firstControl: Int?
        for (offset, byte) in sample.enumerated() {
            if byte == 0 { return offset }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C, byte != 0x1B {
                controls += 1
                if firstControl == nil { firstControl = offset }
            }
        }
        if sample.count >= 512, controls * 10 > sample.count { return firstControl }
        return nil
    }

    /// True when valid multi-byte UTF-8 sequences outnumber invalid bytes at least two to one:
    /// text in GBK or Big5 is almost all invalid as UTF-8, damaged UTF-8 is almost all valid.
    static func looksMostlyUTF8(_ sample: [UInt8]) -> Bool {
        var valid = 0
        var invalid = 0
        sample.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                let (bad, _) = UTF8Validator.firstInvalid(UnsafeBufferPointer(rebasing: buffer[i...]), allowTruncatedEnd: true)
                let stop = bad.map { i + $0 } ?? buffer.count
                for byte in buffer[i..<stop] where byte >= 0xC2 { valid += 1 }
                if bad == nil { break }
                invalid += 1
                i = stop + 1
            }
        }
        return valid >= 4 && valid >= 2 * invalid
    }
}

/// Validates UTF-8 by the Unicode standard (no overlongs, no surrogates, nothing above U+10FFFF).
public enum UTF8Validator {
    public enum Result: Equatable, Sendable {
        case valid
        /// The byte offset of the first byte of the first invalid sequence.
        case invalid(at: Int)
    }

    /// Validates `bytes`; with `allowTruncatedEnd` a sequence cut by the end of the buffer is fine.
    public static func validate(_ bytes: [UInt8], allowTruncatedEnd: Bool = false) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            let (offset, _) = firstInvalid(buffer, allowTruncatedEnd: allowTruncatedEnd)
            return offset.map { .invalid(at: $0) } ?? .valid
        }
    }

    /// Returns the offset of the first invalid sequence (nil when none) and the length of a
    /// complete prefix: with `allowTruncatedEnd`, a sequence cut at the end is left out of it.
    @inlinable
    public static func firstInvalid(_ buffer: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> (Int?, Int) {
        let count = buffer.count
        var i = 0
        while i < count {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= count {
                let word = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= count { break }
            let lead = buffer[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return (i, i)
            }
            var k = 1
            while k <= need {
                if i + k >= count {
                    return allowTruncatedEnd ? (nil, i) : (i, i)
                }
                let byte = buffer[i + k]
                let low: UInt8 = k == 1 ? lower : 0x80
                let high: UInt8 = k == 1 ? upper : 0xBF
                if byte < low || byte > high { return (i, i) }
                k += 1
            }
            i += need + 1
        }
        return (nil, count)
    }
}
