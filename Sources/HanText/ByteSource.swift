#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HanCore

/// Where a document's bytes come from: a file or standard input, read in fixed-size blocks.
///
/// The reader never holds more than one block; what is done with the bytes is the caller's
/// business (ripgrep's searcher owns I/O the same way).
public final class ByteSource {
    /// The name errors use: the path, or `<stdin>`.
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var block: [UInt8]
    /// Bytes read so far.
    public private(set) var offset: Int64 = 0

    public static let defaultBlockSize = 1 << 20

    /// Opens `path`; `-` means standard input.
    public init(path: String, blockSize: Int = ByteSource.defaultBlockSize) throws(HanError) {
        if path == "-" {
            name = "<stdin>"
            descriptor = 0
            ownsDescriptor = false
        } else {
            name = path
            descriptor = try Self.openDocument(path)
            ownsDescriptor = true
        }
        block = [UInt8](repeating: 0, count: blockSize)
    }

    /// Opens a file to read as a document, never blocking and never reading a device.
    ///
    /// The open is non-blocking (a FIFO without a writer, a tty or a device node would
    /// otherwise hang it) and what was opened is checked with `fstat`: folders, devices
    /// (`/dev/zero`, `/dev/urandom`: endless) and sockets are refused. A FIFO named on purpose
    /// (`<(zcat report.gz)`) is read: it is opened again, blocking, so reads wait for the writer.
    static func openDocument(_ path: String) throws(HanError) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw HanError(.unreadable, "cannot open: \(ByteSource.describeErrno())", path: path) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let error = HanError(.unreadable, "cannot look at it: \(ByteSource.describeErrno())", path: path)
            close(fd)
            throw error
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return fd
        case S_IFIFO:
            close(fd)
            let blocking = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)
            guard blocking >= 0 else { throw HanError(.unreadable, "cannot open: \(ByteSource.describeErrno())", path: path) }
            return blocking
        case S_IFDIR:
            close(fd)
            throw HanError(.unreadable, "is a directory", path: path)
        default:
            close(fd)
            throw HanError(.unreadable, "a device or socket, not a document; refused (use '-' for standard input)", path: path)
        }
    }

    /// Standard input.
    public static func standardInput() -> ByteSource {
        // Opening "-" cannot fail.
        try! ByteSource(path: "-")
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Reads the next block; calls `body` with the bytes and returns false at the end.
    public func read(_ body: (UnsafeRawBufferPointer) throws(HanError) -> Void) throws(HanError) -> Bool {
        let count = block.withUnsafeMutableBytes { buffer -> Int in
            while true {
                let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                if n < 0, errno == EINTR { continue }
                return n
            }
        }
        if count < 0 {
            throw HanError(.unreadable, "read failed: \(ByteSource.describeErrno())", path: name, offset: offset)
        }
        if count == 0 { return false }
        offset += Int64(count)
        var failure: HanError?
        block.withUnsafeBytes { raw in
            do throws(HanError) { try body(UnsafeRawBufferPointer(rebasing: raw[0..<count])) } catch { failure = error }
        }
        if let failure { throw failure }
        return true
    }

    /// Reads everything that is left; more than `limit` bytes is an error (`limitExceeded`),
    /// raised as soon as the limit is passed, so an endless source stops too.
    public func readAll(limit: Int = .max) throws(HanError) -> [UInt8] {
        var all: [UInt8] = []
        while try read({ bytes throws(HanError) in
            guard all.count + bytes.count <= limit else {
                throw HanError(.limitExceeded, "the document is larger than --max-bytes (\(limit) bytes); raise --max-bytes to read it",
                               path: name, offset: Int64(limit))
            }
            all.append(contentsOf: bytes)
        }) {}
        return all
    }

    static func describeErrno() -> String { String(cString: strerror(errno)) }
}
