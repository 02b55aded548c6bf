import HanCore
import HanText

/// The state one document's extraction shares between rules: the document, the spans already
/// claimed by a field (so types never collide), the report's year, and warnings.
///
/// Claims are made on *normalised* spans. Rules run in precedence order (document numbers,
/// contacts, dates, money, counts): a later rule never takes bytes an earlier one claimed.
final class RuleContext {
    let document: Document
    private(set) var claimed: [Span] = []
    var warnings: [Warning] = []
    var year: Int?
    private var timedOutPatterns: Set<String> = []

    init(document: Document) { self.document = document }

    /// The normalised text as one UTF-16 subject for every pattern (made on first use). The
    /// document's bytes live as long as this context, which is what the subject needs.
    private var subject: RegexSubject?
    private var subjectFailed = false

    private func regexSubject() -> RegexSubject? {
        if subject == nil, !subjectFailed {
            subject = document.normalized.withUnsafeBufferPointer { try? RegexSubject($0) }
            subjectFailed = subject == nil
        }
        return subject
    }

    var text: [UInt8] { document.normalized }

    /// Every match of `regex` in the normalised text, or in `range` of it (spans stay
    /// document-relative; look-behinds do not see before the range). A pattern that hits its
    /// time limit adds a `regex.timeout` warning (once per pattern) and yields the matches
    /// found before.
    func matches(_ regex: ICURegex, in range: Range<Int>? = nil) -> [ICURegex.Match] {
        var timedOut = false
        let window = range.map { max(0, $0.lowerBound)..<min(document.normalized.count, $0.upperBound) } ?? 0..<document.normalized.count
        guard !window.isEmpty else { return [] }
        let found: [ICURegex.Match]
        if let subject = regexSubject() {
            regex.use(subject, range: window)
            found = regex.allMatches(timedOut: &timedOut)
        } else {
            var shifted = document.normalized.withUnsafeBufferPointer { buffer -> [ICURegex.Match] in
                regex.setText(UnsafeBufferPointer(rebasing: buffer[window]))
                return regex.allMatches(timedOut: &timedOut)
            }
            if window.lowerBound > 0 {
                let delta = window.lowerBound
                shifted = shifted.map { match in
                    ICURegex.Match(span: match.span.shifted(by: delta), groups: match.groups.map { $0?.shifted(by: delta) })
                }
            }
            found = shifted
        }
        if timedOut, timedOutPatterns.insert(regex.pattern).inserted {
            // Where the search stopped: after its last match, or (none) somewhere in the window.
            let stoppedAfter = found.last.map { "after byte \($0.span.end)" } ?? "before its first match"
            warnings.append(Warning(code: "regex.timeout",
                                    message: "the pattern '\(regex.pattern.prefix(40))…' hit its time limit searching bytes "
                                        + "\(window.lowerBound)–\(window.upperBound) of the normalised text and stopped \(stoppedAfter); "
                                        + "fields it finds may be missing there"))
        }
        return found
    }

    /// The scalar ending just before `offset` (0 at the start).
    func scalar(before offset: Int) -> UInt32 {
        guard offset > 0 else { return 0 }
        var start = offset - 1
        while start > 0, (document.normalized[start] & 0xC0) == 0x80 { start -= 1 }
        return document.normalized.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: start).0 }
    }

    func isClaimed(_ span: Span) -> Bool {
        var low = 0
        var high = claimed.count
        while low < high {
            let middle = (low + high) / 2
            if claimed[middle].end <= span.start { low = middle + 1 } else { high = middle }
        }
        return low < claimed.count && claimed[low].start < span.end
    }

    func claim(_ span: Span) {
        guard !span.isEmpty else { return }
        var low = 0
        var high = claimed.count
        while low < high {
            let middle = (low + high) / 2
            if claimed[middle].start < span.start { low = middle + 1 } else { high = middle }
        }
        claimed.insert(span, at: low)
    }

    /// The normalised text at a span.
    func string(_ span: Span) -> String { span.slice(document.normalized) }

    /// The original text and span of a normalised span. A pinyin artefact the layout repair hid
    /// right after the span (號(hào)) belongs to its character and is included.
    func field(_ span: Span) -> TextField {
        var original = document.originalSpan(span)
        let next = document.map.originalStart(span.end)
        if next > original.end, original.end < document.original.count, document.original[original.end] == 0x28 || document.original[original.end] == 0xEF {
            original = Span(original.start, next)
        }
        return TextField(text: original.slice(document.original), span: original)
    }

    /// The normalised text just before `offset`, up to `length` bytes (cut to a character boundary).
    func before(_ offset: Int, bytes length: Int) -> String {
        var start = max(0, offset - length)
        while start < offset, start > 0, (document.normalized[start] & 0xC0) == 0x80 { start += 1 }
        return String(decoding: document.normalized[start..<offset], as: UTF8.self)
    }

    /// The normalised text just after `offset`, up to `length` bytes (cut to a character boundary).
    func after(_ offset: Int, bytes length: Int) -> String {
        var end = min(document.normalized.count, offset + length)
        while end > offset, end < document.normalized.count, (document.normalized[end] & 0xC0) == 0x80 { end -= 1 }
        return String(decoding: document.normalized[offset..<end], as: UTF8.self)
    }
}

/// Byte-string searches on UTF-8 text (no Foundation in the hot path).
enum Bytes {
    /// The offset of the first occurrence of `needle` in `text[from..<to]`.
    static func firstIndex(of needle: [UInt8], in text: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, to - from >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        while i + needle.count <= to {
            if text[i] == first {
                var k = 1
                while k < needle.count, text[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The offset of the last occurrence of `needle` in `text[from..<to]`.
    static func lastIndex(of needle: [UInt8], in text: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, to - from >= needle.count else { return nil }
        var i = to - needle.count
        while i >= from {
            if text[i] == needle[0] {
                var k = 1
                while k < needle.count, text[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i -= 1
        }
        return nil
    }

    static func contains(_ needle: [UInt8], in text: [UInt8], from: Int, to: Int) -> Bool {
        firstIndex(of: needle, in: text, from: from, to: to) != nil
    }
}

extension String {
    /// Whether the string contains `other` (byte search; no Foundation).
    func has(_ other: String) -> Bool {
        let a = Array(utf8)
        return Bytes.firstIndex(of: Array(other.utf8), in: a, from: 0, to: a.count) != nil
    }

    func hasAny(_ others: [String]) -> Bool { others.contains { has($0) } }
}

