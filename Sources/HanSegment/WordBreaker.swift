import CICU
import HanCore

/// ICU's dictionary word break over UTF-8, through the C shim. Not thread-safe: one per worker.
///
/// Two paths give the same words: ICU's CJK dictionary programme driven directly
/// (`hm_cjk_segment_utf8`, for runs it can reproduce exactly) and the full break iterator
/// (`ubrk`, for everything else). `Path.reference` forces the iterator, so tests can compare.
final class WordBreaker {
    enum Path: Sendable { case fastest, reference }

    private let breaker: OpaquePointer
    private let scratch: OpaquePointer?
    private let path: Path
    private var ends: [Int32] = []
    private var statuses: [Int32] = []

    init(locale: String, path: Path = .fastest) throws(HanError) {
        var error: Int32 = 0
        guard let breaker = hm_word_breaker_open(locale, &error), error <= 0 else {
            throw HanError(.icu, "ICU cannot open a word break iterator for locale \(locale) (error \(error))")
        }
        self.breaker = breaker
        self.path = path
        scratch = path == .fastest && locale.hasPrefix("zh") && hm_cjk_available() != 0 ? hm_cjk_scratch_create() : nil
    }

    deinit {
        hm_word_breaker_close(breaker)
        if let scratch { hm_cjk_scratch_destroy(scratch) }
    }

    /// Breaks `text[range]` into words; calls `body(end)` with each word's end (absolute).
    @inline(__always)
    func breakWords(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Int) -> Void) {
        let length = range.count
        if ends.count < length {
            ends = [Int32](repeating: 0, count: length)
            statuses = [Int32](repeating: 0, count: length)
        }
        var error: Int32 = 0
        let start = text.baseAddress! + range.lowerBound
        var count: Int32 = -1
        if let scratch {
            count = ends.withUnsafeMutableBufferPointer { hm_cjk_segment_utf8(scratch, start, Int32(length), $0.baseAddress, Int32(length)) }
        }
        if count < 0 {
            count = ends.withUnsafeMutableBufferPointer { endsBuffer in
                statuses.withUnsafeMutableBufferPointer { statusBuffer in
                    hm_word_break_utf8(breaker, start, Int32(length), endsBuffer.baseAddress, statusBuffer.baseAddress,
                                       Int32(length), &error)
                }
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
