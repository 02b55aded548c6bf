#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HanCore

/// Buffered writes to a file descriptor (standard output by default).
///
/// A reader that went away (`hanmine … | head`) surfaces as `HanError.Code.brokenPipe`, which
/// the CLI turns into a quiet exit; SIGPIPE must be ignored by the process for that (the CLI does).
public final class OutputSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    public let flushThreshold: Int

    public init(descriptor: Int32 = 1, flushThreshold: Int = 1 << 16) {
        self.descriptor = descriptor
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold * 2)
    }

    public func write(_ bytes: some Collection<UInt8>) throws(HanError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    public func write(_ string: String) throws(HanError) { try write(string.utf8) }

    public func flush() throws(HanError) {
        var written = 0
        let total = buffer.count
        while written < total {
            let n = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + written, total - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                buffer.removeAll(keepingCapacity: true)
                if code == EPIPE { throw HanError(.brokenPipe, "the reader closed the pipe") }
                throw HanError(.writeFailed, "write failed: \(String(cString: strerror(code)))")
            }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { try? flush() }
}

/// Writes a line to standard error, unbuffered.
public func printError(_ message: String) {
    var line = Array(message.utf8)
    line.append(0x0A)
    line.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
}
