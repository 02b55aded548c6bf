import HanCore

/// The ways a test feeds the same input to a stream (swift-nio's `ByteToMessageDecoderVerifier`
/// idea): whole, line by line, byte by byte, and random chunk sizes. A stream's output must be
/// the same for all of them.
public enum Feeding: CustomStringConvertible, Sendable {
    case whole
    case lines
    case bytes
    case random(seed: UInt64, maximum: Int)

    public static let all: [Feeding] = [.whole, .lines, .bytes, .random(seed: 1, maximum: 7), .random(seed: 2, maximum: 100),
                                        .random(seed: 3, maximum: 5000)]

    public var description: String {
        switch self {
        case .whole: return "whole"
        case .lines: return "line by line"
        case .bytes: return "byte by byte"
        case .random(let seed, let maximum): return "random chunks (seed \(seed), up to \(maximum) bytes)"
        }
    }

    /// Splits `input` into the chunks this feeding hands over.
    public func chunks(_ input: [UInt8]) -> [[UInt8]] {
        switch self {
        case .whole: return [input]
        case .bytes: return input.map { [$0] }
        case .lines:
            var chunks: [[UInt8]] = []
            var current: [UInt8] = []
            for byte in input {
                current.append(byte)
                if byte == 0x0A {
                    chunks.append(current)
                    current = []
                }
            }
            if !current.isEmpty { chunks.append(current) }
            return chunks
        case .random(let seed, let maximum):
            var generator = SplitMix64(seed: seed)
            var chunks: [[UInt8]] = []
            var start = 0
            while start < input.count {
                let size = Int(generator.next() % UInt64(maximum)) + 1
                let end = min(input.count, start + size)
                chunks.append(Array(input[start..<end]))
                start = end
            }
            return chunks
        }
    }
}

/// A small, repeatable random number generator for tests (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
