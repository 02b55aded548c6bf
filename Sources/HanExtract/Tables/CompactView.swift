#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stretch of the normalised text with every whitespace byte left out, for matching labels
/// that a layout broke over lines or spaced out (`商 业 企`, `尚未\n\n审结`).
///
/// Invariant: `bytes[i]` is the normalised byte at `offsets[i]`, and `offsets` is strictly
/// increasing, so a match `[i, j)` covers the normalised range `[offsets[i], offsets[j-1] + 1)`.
struct CompactView {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = []

    init(_ text: [UInt8], _ range: Range<Int>) {
        bytes.reserveCapacity(range.count)
        offsets.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = text[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                i += 1
                continue
            }
            if byte == 0xE3, i + 2 < range.upperBound, text[i + 1] == 0x80, text[i + 2] == 0x80 {
                i += 3
                continue
            }
            bytes.append(byte)
            offsets.append(i)
            i += 1
        }
    }

    /// The compact index of the first byte at or after normalised offset `offset`.
    func index(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The normalised range of the first occurrence of any of `patterns` in the normalised range
    /// `[from, to)`, earliest first.
    func find(_ patterns: [[UInt8]], from: Int, to: Int = Int.max) -> Range<Int>? {
        let start = index(atOrAfter: from)
        let limit = to == Int.max ? bytes.count : index(atOrAfter: to)
        var best: (Int, Int)?
        for pattern in patterns {
            let cap = best.map { min(limit, $0.0 + pattern.count - 1) } ?? limit
            guard let hit = firstIndex(of: pattern, from: start, before: cap) else { continue }
            if best == nil || hit < best!.0 { best = (hit, hit + pattern.count) }
        }
        guard let (i, j) = best else { return nil }
        let range = offsets[i]..<(offsets[j - 1] + 1)
        return range.upperBound <= to ? range : nil
    }

    /// Every occurrence of `pattern` at or after normalised `from`, as normalised ranges.
    func findAll(_ pattern: [UInt8], from: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = index(atOrAfter: from)
        while let hit = firstIndex(of: pattern, from: i, before: bytes.count) {
            out.append(offsets[hit]..<(offsets[hit + pattern.count - 1] + 1))
            i = hit + pattern.count
        }
        return out
    }

    /// The first match starting at or after `start` and ending at or before `limit`.
    ///
    /// Scans with `memchr` for the last byte of the pattern's first character (for Han text
    /// that byte is spread over 64 values, so most of the text is skipped at memory speed).
    private func firstIndex(of pattern: [UInt8], from start: Int, before limit: Int) -> Int? {
        guard pattern.count >= 1, pattern.count <= bytes.count else { return nil }
        let last = min(bytes.count, limit) - pattern.count
        guard start <= last else { return nil }
        let probe = min(2, pattern.count - 1)
        let key = Int32(pattern[probe])
        return bytes.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress else { return nil }
                var i = start
                while i <= last {
                    guard let hit = memchr(base + i + probe, key, last - i + 1) else { return nil }
                    i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - probe
                    if haystack[i] == needle[0] {
                        var k = 1
                        while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                        if k == needle.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}
