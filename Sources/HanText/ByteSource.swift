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
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw HanError(.unreadable, "cannot open: \(ByteSource.describeErrno())", path: path) }
            var status = stat()
            if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw HanError(.unreadable, "is a directory", path: path)
            }
            descriptor = fd
            ownsDescriptor = true
        }
        block = [UInt8](repeating: 0, count: blockSize)
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

    /// Reads everything that is left.
    public func readAll() throws(HanError) -> [UInt8] {
        var all: [UInt8] = []
        while try read({ all.append(contentsOf: $0) }) {}
        return all
    }

    static func describeErrno() -> String { String(cString: strerror(errno)) }
}
