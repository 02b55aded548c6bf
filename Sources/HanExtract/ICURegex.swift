import CICU
import HanCore

/// An ICU regular expression over UTF-8 text, with UTF-8 byte offsets in and out.
///
/// ICU matches on UTF-16 (the shim converts the subject once per `setText`); Swift's `Regex`
/// is an order of magnitude slower here and its `\d` matches 二十. Every pattern runs under a
/// time limit, so no document can hang a batch: a search that hits it reports `.timedOut`.
///
/// Not thread-safe: `clone()` one per worker (the compiled pattern is shared).
public final class ICURegex {
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseInsensitive = Options(rawValue: UInt32(HM_REGEX_CASE_INSENSITIVE))
        public static let comments = Options(rawValue: UInt32(HM_REGEX_COMMENTS))
        public static let dotAll = Options(rawValue: UInt32(HM_REGEX_DOTALL))
        public static let multiline = Options(rawValue: UInt32(HM_REGEX_MULTILINE))
    }

    /// A match: the span of the whole match and of each group (nil when a group did not take part).
    public struct Match: Sendable, Equatable {
        public var span: Span
        public var groups: [Span?]
        public subscript(group: Int) -> Span? { group == 0 ? span : groups[group - 1] }
    }

    public enum Outcome: Sendable, Equatable {
        case found(Match)
        case none
        case timedOut
    }

    /// ICU's time-limit units per match (each about a few milliseconds' worth of steps on this
    /// machine kind); generous for real reports, small enough that a pathological input stops.
    public static let defaultTimeLimit: Int32 = 200

    public let pattern: String
    private let handle: OpaquePointer
    private var groupBuffer: [Int64]
    /// The bytes currently set as subject (kept alive: ICU reads the UTF-16 copy, spans are ours).
    private var subjectCount = 0
    /// Where the current subject (or its searched range) starts.
    private var subjectStart = 0

    public init(_ pattern: String, options: Options = [], timeLimit: Int32 = ICURegex.defaultTimeLimit) throws(HanError) {
        self.pattern = pattern
        var error: Int32 = 0
        var errorOffset: Int32 = 0
        let bytes = Array(pattern.utf8)
        guard let handle = bytes.withUnsafeBufferPointer({
            hm_regex_open($0.baseAddress, Int32($0.count), options.rawValue, &errorOffset, &error)
        }) else {
            throw HanError(.malformed, "bad regular expression at byte \(errorOffset) (ICU error \(error)): \(pattern)")
        }
        self.handle = handle
        groupBuffer = [Int64](repeating: -1, count: 2 * (Int(hm_regex_group_count(handle)) + 1))
        hm_regex_set_time_limit(handle, timeLimit)
    }

    private init(cloning other: ICURegex) throws(HanError) {
        var error: Int32 = 0
        guard let handle = hm_regex_clone(other.handle, &error) else {
            throw HanError(.icu, "ICU cannot clone a regular expression (error \(error))")
        }
        pattern = other.pattern
        self.handle = handle
        groupBuffer = other.groupBuffer
        hm_regex_set_time_limit(handle, ICURegex.defaultTimeLimit)
    }

    deinit { hm_regex_close(handle) }

    public func clone() throws(HanError) -> ICURegex { try ICURegex(cloning: self) }

    public var groupCount: Int { groupBuffer.count / 2 - 1 }

    /// Sets the subject text (valid UTF-8).
    public func setText(_ text: UnsafeBufferPointer<UInt8>) {
        var error: Int32 = 0
        _ = hm_regex_set_text(handle, text.baseAddress, Int32(text.count), &error)
        subjectCount = text.count
        subjectStart = 0
    }

    /// Searches `range` of a shared subject as if it were the whole text; matches report offsets
    /// into the whole subject. Many patterns over one document share one UTF-16 conversion.
    public func use(_ subject: RegexSubject, range: Range<Int>) {
        var error: Int32 = 0
        _ = hm_regex_use_subject(handle, subject.handle, Int64(range.lowerBound), Int64(range.upperBound), &error)
        subjectCount = range.upperBound
        subjectStart = range.lowerBound
    }

    /// Finds the next match at or after `from` (nil: after the previous match).
    public func next(from: Int? = nil) -> Outcome {
        var error: Int32 = 0
        let capacity = Int32(groupBuffer.count / 2)
        let result = groupBuffer.withUnsafeMutableBufferPointer {
            hm_regex_find(handle, Int64(from ?? -1), $0.baseAddress, capacity, &error)
        }
        switch result {
        case 1:
            let span = Span(Int(groupBuffer[0]), Int(groupBuffer[1]))
            var groups: [Span?] = []
            groups.reserveCapacity(groupCount)
            for group in 1...max(1, groupCount) where group <= groupCount {
                let start = groupBuffer[2 * group]
                groups.append(start < 0 ? nil : Span(Int(start), Int(groupBuffer[2 * group + 1])))
            }
            return .found(Match(span: span, groups: groups))
        case -3: return .timedOut
        default: return .none
        }
    }

    /// Every match in the subject set by `setText`, in order; `timedOut` is set when the time
    /// limit stopped the scan early (the matches found so far are returned).
    public func allMatches(timedOut: inout Bool) -> [Match] {
        var matches: [Match] = []
        var from: Int? = subjectStart
        while true {
            switch next(from: from) {
            case .found(let match):
                matches.append(match)
                from = nil
                if match.span.isEmpty {
                    // An empty match: step past it so the scan always moves on.
                    guard match.span.end < subjectCount else { return matches }
                    from = match.span.end + 1
                }
            case .none: return matches
            case .timedOut:
                timedOut = true
                return matches
            }
        }
    }
}

/// A document's text converted to UTF-16 once, for all the patterns that search it.
///
/// The bytes it was made from must stay alive and unchanged while it is used (the rules keep
/// the document for the whole extraction).
public final class RegexSubject {
    let handle: OpaquePointer
    public let count: Int

    public init(_ text: UnsafeBufferPointer<UInt8>) throws(HanError) {
        var error: Int32 = 0
        guard let handle = hm_regex_subject_create(text.baseAddress, Int32(text.count), &error) else {
            throw HanError(.icu, "ICU cannot take the text as a regex subject (error \(error))")
        }
        self.handle = handle
        count = text.count
    }

    deinit { hm_regex_subject_destroy(handle) }
}
