import CICU
import HanCore

/// How to decode a document.
public struct DecodingOptions: Sendable {
    /// The encoding to use; nil detects it (BOM, UTF-8 validity, ICU's detector).
    public var encoding: TextEncoding?
    /// Replace invalid bytes with U+FFFD (and warn) instead of failing.
    public var lossy: Bool

    public init(encoding: TextEncoding? = nil, lossy: Bool = false) {
        self.encoding = encoding
        self.lossy = lossy
    }

    public static let `default` = DecodingOptions()
}

/// Turns a document's bytes, arriving in pieces of any size, into UTF-8 text in pieces that end
/// on whole characters.
///
/// Lifecycle: `push` any number of times, then `finish` once. The decoder holds back at most the
/// detection sample (64 KiB) before the encoding is known, and at most one incomplete character
/// after. Errors carry the byte offset in the *input* stream.
public final class StreamDecoder {
    public let options: DecodingOptions
    /// Known once the sample has been seen (or at once when forced).
    public private(set) var encoding: TextEncoding?
    /// How many invalid sequences `lossy` replaced, and where the first one was (input offset).
    public private(set) var replacements = 0
    public private(set) var firstReplacementOffset: Int64?

    private var sample: [UInt8] = []
    private var carry: [UInt8] = []
    /// Input bytes consumed before `carry` (the offset of carry[0] in the input stream).
    private var consumed: Int64 = 0
    private var icuDecoder: OpaquePointer?
    private var output: [UInt8] = []

    public init(options: DecodingOptions = .default) {
        self.options = options
        if let forced = options.encoding { encoding = forced }
    }

    deinit { if let icuDecoder { hm_decoder_close(icuDecoder) } }

    /// Decodes the next bytes; returns the complete characters decoded so far (may be empty).
    public func push(_ bytes: UnsafeRawBufferPointer) throws(HanError) -> [UInt8] {
        if !sampleHandled {
            sample.append(contentsOf: bytes)
            if sample.count < EncodingDetector.sampleSize { return [] }
            return try drainSample(isComplete: false)
        }
        return try decode(bytes, flush: false)
    }

    public func push(_ bytes: [UInt8]) throws(HanError) -> [UInt8] {
        var result: [UInt8] = []
        var failure: HanError?
        bytes.withUnsafeBytes { raw in
            do throws(HanError) { result = try push(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    /// Ends the stream; returns the rest. A character cut by the end of the input is an error
    /// (or U+FFFD when lossy).
    public func finish() throws(HanError) -> [UInt8] {
        var result: [UInt8] = []
        if !sampleHandled {
            result = try drainSample(isComplete: true)
        }
        result.append(contentsOf: try decode(UnsafeRawBufferPointer(start: nil, count: 0), flush: true))
        return result
    }

    private var sampleHandled = false

    private func drainSample(isComplete: Bool) throws(HanError) -> [UInt8] {
        sampleHandled = true
        var bomLength = 0
        if encoding == nil {
            let detected = try EncodingDetector.detect(sample, isComplete: isComplete)
            encoding = detected.encoding
            bomLength = detected.bomLength
        } else if encoding == .utf8, sample.starts(with: [0xEF, 0xBB, 0xBF]) {
            bomLength = 3
        } else if encoding == .utf16LE, sample.starts(with: [0xFF, 0xFE]) {
            bomLength = 2
        } else if encoding == .utf16BE, sample.starts(with: [0xFE, 0xFF]) {
            bomLength = 2
        }
        consumed = Int64(bomLength)
        let body = sample[bomLength...]
        let pending = Array(body)
        sample = []
        var result: [UInt8] = []
        var failure: HanError?
        pending.withUnsafeBytes { raw in
            do throws(HanError) { result = try decode(raw, flush: false) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, flush: Bool) throws(HanError) -> [UInt8] {
        if encoding == .utf8 { return try decodeUTF8(bytes, flush: flush) }
        return try decodeWithICU(bytes, flush: flush)
    }

    private func decodeUTF8(_ bytes: UnsafeRawBufferPointer, flush: Bool) throws(HanError) -> [UInt8] {
        var input = carry
        input.append(contentsOf: bytes)
        carry = []
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var start = 0
        while true {
            let (bad, complete) = input.withUnsafeBufferPointer { buffer in
                UTF8Validator.firstInvalid(UnsafeBufferPointer(rebasing: buffer[start...]), allowTruncatedEnd: !flush)
            }
            if let bad {
                let at = start + bad
                let offset = consumed + Int64(at)
                guard options.lossy else {
                    throw HanError(.invalidEncoding, "invalid UTF-8 (byte 0x\(hex(input[at]))); use --lossy to replace invalid bytes with U+FFFD, or --encoding to name the encoding",
                                   offset: offset)
                }
                out.append(contentsOf: input[start..<at])
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                noteReplacement(at: offset)
                start = at + 1
                continue
            }
            let end = start + complete
            out.append(contentsOf: input[start..<end])
            carry = Array(input[end...])
            consumed += Int64(end)
            return out
        }
    }

    private func decodeWithICU(_ bytes: UnsafeRawBufferPointer, flush: Bool) throws(HanError) -> [UInt8] {
        guard let encoding else { return [] }
        if icuDecoder == nil {
            var error: Int32 = 0
            icuDecoder = hm_decoder_open(encoding.name, options.lossy ? 1 : 0, &error)
            if icuDecoder == nil {
                throw HanError(.icu, "ICU cannot decode \(encoding.name) (error \(error))")
            }
        }
        let capacity = 4 * bytes.count + 16
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        var badOffset: Int64 = 0
        var error: Int32 = 0
        let written = output.withUnsafeMutableBufferPointer { out in
            hm_decoder_decode(icuDecoder, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(bytes.count),
                              flush ? 1 : 0, out.baseAddress, Int32(capacity), &badOffset, &error)
        }
        if written == -2 {
            throw HanError(.invalidEncoding, "invalid \(encoding.name) input; use --lossy to replace invalid bytes with U+FFFD, or --encoding to name the encoding",
                           offset: consumed + badOffset)
        }
        if written < 0 { throw HanError(.icu, "ICU failed decoding \(encoding.name) (error \(error))", offset: consumed) }
        consumed += Int64(bytes.count)
        let decoded = Array(output[0..<Int(written)])
        if options.lossy { countReplacements(in: decoded) }
        return decoded
    }

    private func countReplacements(in decoded: [UInt8]) {
        var i = 0
        while i + 2 < decoded.count {
            if decoded[i] == 0xEF, decoded[i + 1] == 0xBF, decoded[i + 2] == 0xBD {
                noteReplacement(at: consumed)
                i += 3
            } else {
                i += 1
            }
        }
    }

    private func noteReplacement(at offset: Int64) {
        replacements += 1
        if firstReplacementOffset == nil { firstReplacementOffset = offset }
    }
}

@inline(__always)
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// Reads a whole file or stdin through a `StreamDecoder` in fixed-size reads.
public enum DocumentReader {
    /// Reads and decodes a whole document into memory (extraction wants the whole text).
    public static func decodeAll(_ bytes: [UInt8], options: DecodingOptions) throws(HanError) -> (text: [UInt8], encoding: TextEncoding, replacements: Int) {
        let decoder = StreamDecoder(options: options)
        var text = try decoder.push(bytes)
        text.append(contentsOf: try decoder.finish())
        return (text, decoder.encoding ?? .utf8, decoder.replacements)
    }
}
