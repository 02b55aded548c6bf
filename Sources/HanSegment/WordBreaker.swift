import CICU
import HanCore

/// ICU's dictionary word break over UTF-8, through the C shim. Not thread-safe: one per worker.
final class WordBreaker {
    private let breaker: OpaquePointer
    private var ends: [Int32] = []
    private var statuses: [Int32] = []

    init(locale: String) throws(HanError) {
        var error: Int32 = 0
        guard let breaker = hm_word_breaker_open(locale, &error), error <= 0 else {
            throw HanError(.icu, "ICU cannot open a word break iterator for locale \(locale) (error \(error))")
        }
        self.breaker = breaker
    }

    deinit { hm_word_breaker_close(breaker) }

    /// Breaks `text[range]` into words; calls `body(end)` with each word's end (absolute).
    @inline(__always)
    func breakWords(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Int) -> Void) {
        let length = range.count
        if ends.count < length {
            ends = [Int32](repeating: 0, count: length)
            statuses = [Int32](repeating: 0, count: length)
        }
        var error: Int32 = 0
        let count = ends.withUnsafeMutableBufferPointer { endsBuffer in
            statuses.withUnsafeMutableBufferPointer { statusBuffer in
                hm_word_break_utf8(breaker, text.baseAddress! + range.lowerBound, Int32(length), endsBuffer.baseAddress,
                                   statusBuffer.baseAddress, Int32(length), &error)
            }
        }
        guard count > 0 else {
            // ICU failed on this run (it does not on valid UTF-8): keep the run as one word.
            body(range.upperBound)
            return
        }
        ends.withUnsafeBufferPointer { endsBuffer in
            for index in 0..<Int(count) { body(range.lowerBound + Int(endsBuffer[index])) }
        }
    }
}
