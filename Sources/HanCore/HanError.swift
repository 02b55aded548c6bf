/// The one error type of HanMine: a code, a plain-sentence message and where it happened.
///
/// Codes are an extensible struct rather than a public enum so that new ones never break callers
/// (the `CleanExit` pattern of swift-argument-parser).
public struct HanError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input is not valid in its encoding (invalid UTF-8, unmappable GBK, …).
        public static let invalidEncoding = Code("invalid-encoding")
        /// The input looks like binary data, not text.
        public static let binaryInput = Code("binary-input")
        /// A file could not be opened or read.
        public static let unreadable = Code("unreadable")
        /// Writing the output failed (a closed pipe is reported as `brokenPipe`).
        public static let writeFailed = Code("write-failed")
        /// The reader of our output went away (`| head`).
        public static let brokenPipe = Code("broken-pipe")
        /// ICU refused an operation.
        public static let icu = Code("icu")
        /// A limit (size, time) was exceeded.
        public static let limitExceeded = Code("limit-exceeded")
        /// A user-supplied file (lexicon, database) is malformed.
        public static let malformed = Code("malformed")
        /// The corpus store refused an operation.
        public static let store = Code("store")
        /// Bad arguments or options.
        public static let usage = Code("usage")
    }

    public var code: Code
    public var message: String
    /// The file the error is about, when there is one.
    public var path: String?
    /// The byte offset in that file, when known.
    public var offset: Int64?

    public init(_ code: Code, _ message: String, path: String? = nil, offset: Int64? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
    }

    /// The same error, attributed to a file (kept if already attributed).
    public func located(at path: String) -> HanError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }

    /// `path: byte N: message`, the form every command prints on stderr.
    public var description: String {
        var parts: [String] = []
        if let path { parts.append(path) }
        if let offset { parts.append("byte \(offset)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
