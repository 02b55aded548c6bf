import HanCore

/// How `hanmine tokenize` shows tokens.
public enum TokenFormat: String, Sendable, CaseIterable {
    /// Words separated by one space, one output line per input line (the SIGHAN format).
    /// Spaces and tabs of the input are not printed.
    case text
    /// `text⇥kind⇥start⇥end`, one token a line; tabs, line breaks and backslashes in `text`
    /// are escaped (`\t`, `\n`, `\r`, `\\`).
    case tsv
    /// One JSON object a token: `{"text","kind","start","end"}`, plus `"norm"` when the
    /// normalised form differs from the text.
    case jsonl
}

/// Renders tokens into a byte buffer. Holds the "at line start" state of the text format, so
/// one printer must see a stream's batches in order.
public struct TokenPrinter {
    public let format: TokenFormat
    private var atLineStart = true

    public init(format: TokenFormat) { self.format = format }

    /// Appends the rendering of `tokens` (whose spans point into `text` shifted by `base`).
    /// `normalized` gives a token's normalised form for jsonl (nil when unchanged).
    public mutating func render(_ tokens: [Token], text: UnsafeBufferPointer<UInt8>, base: Int, into out: inout [UInt8],
                                normalized: ((Span) -> String?)? = nil) {
        switch format {
        case .text:
            for token in tokens {
                switch token.kind {
                case .whitespace: continue
                case .newline:
                    out.append(0x0A)
                    atLineStart = true
                default:
                    if !atLineStart { out.append(0x20) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[(token.span.start - base)..<(token.span.end - base)]))
                    atLineStart = false
                }
            }
        case .tsv:
            for token in tokens {
                TSV.appendEscaped(UnsafeBufferPointer(rebasing: text[(token.span.start - base)..<(token.span.end - base)]), to: &out)
                out.append(0x09)
                out.append(contentsOf: token.kind.rawValue.utf8)
                out.append(0x09)
                Decimal.append(token.span.start, to: &out)
                out.append(0x09)
                Decimal.append(token.span.end, to: &out)
                out.append(0x0A)
            }
        case .jsonl:
            for token in tokens {
                out.append(contentsOf: #"{"text":"#.utf8)
                JSONString.append(UnsafeBufferPointer(rebasing: text[(token.span.start - base)..<(token.span.end - base)]), to: &out)
                out.append(contentsOf: #","kind":""#.utf8)
                out.append(contentsOf: token.kind.rawValue.utf8)
                out.append(contentsOf: #"","start":"#.utf8)
                Decimal.append(token.span.start, to: &out)
                out.append(contentsOf: #","end":"#.utf8)
                Decimal.append(token.span.end, to: &out)
                if let normalized, let form = normalized(token.span) {
                    out.append(contentsOf: #","norm":"#.utf8)
                    JSONString.append(Array(form.utf8), to: &out)
                }
                out.append(contentsOf: "}\n".utf8)
            }
        }
    }

    /// Ends the output: the text format closes an unterminated last line.
    public mutating func finish(into out: inout [UInt8]) {
        if format == .text, !atLineStart {
            out.append(0x0A)
            atLineStart = true
        }
    }
}

/// Decimal integers without going through `String`.
public enum Decimal {
    @inlinable
    public static func append(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            append(-value, to: &out)
            return
        }
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) + 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}

/// Escaping for the TSV outputs.
public enum TSV {
    public static func appendEscaped(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            default: out.append(byte)
            }
        }
    }
}

/// JSON string literals from UTF-8 bytes (valid UTF-8 passes through; controls are escaped).
public enum JSONString {
    public static func append(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in bytes {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    public static func append(_ string: String, to out: inout [UInt8]) { append(string.utf8, to: &out) }
}
