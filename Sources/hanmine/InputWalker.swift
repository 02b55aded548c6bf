import HanCore
import HanDocument
#if canImport(Glibc)
import Glibc
#endif

/// Expands the command line into the documents to read: files as given, folders walked
/// recursively in name order, keeping the files whose name matches the glob (by default, nil:
/// the formats HanMine reads and the ones it names as skipped, `SkippedFormats.defaultWalkSuffixes`).
///
/// A walk never blocks and never runs forever, whatever the folder holds:
/// - every entry is looked at with `lstat` (and a symbolic link's target with `stat`) before
///   anything is opened, so a FIFO, socket or device inside a folder is skipped with a warning
///   and never opened;
/// - a symbolic link to a file is read like the file; a symbolic link to a folder is walked
///   only with `follow`, and each folder (device, inode) is walked at most once, so a link to
///   `.` or `..` neither loops nor repeats files;
/// - what cannot be walked (an unreadable folder, a name that is not UTF-8, a dangling link) is
///   reported as a failure naming it, never dropped silently.
///
/// Named directly, a FIFO is read (`hanmine extract <(zcat r.txt.gz)`), but a device such as
/// `/dev/zero` is refused (`ByteSource` refuses it too, for the race between look and open).
struct InputWalker {
    let glob: String?
    /// Walk into symbolic links to folders.
    var follow = false

    init(glob: String?, follow: Bool = false) {
        self.glob = glob
        self.follow = follow
    }

    /// What a walk found.
    struct Expansion {
        /// The documents to read, in order (`-` for standard input).
        var documents: [String] = []
        /// Paths that cannot be read as documents (missing, unreadable folder, non-UTF-8 name,
        /// device named directly, dangling link): each error names its path.
        var failures: [HanError] = []
        /// Entries skipped on purpose (FIFOs, sockets, devices and, without `follow`, linked
        /// or repeated folders): each names its path.
        var skipped: [HanError] = []
        /// The named paths that do not exist.
        var missing: [HanError] = []
    }

    /// The documents to read; throws for the first path that does not exist.
    func expand(_ paths: [String]) throws(HanError) -> [String] {
        let expansion = walk(paths)
        if let first = expansion.missing.first { throw first }
        return expansion.documents
    }

    /// The documents to read, and an error for each path that does not exist or could not be
    /// walked (skipped entries are reported as errors too, with a "skipped" message).
    func expandReportingMissing(_ paths: [String]) -> ([String], [HanError]) {
        let expansion = walk(paths)
        return (expansion.documents, expansion.missing + expansion.failures)
    }

    /// Walks every path of the command line.
    func walk(_ paths: [String]) -> Expansion {
        var state = WalkState()
        for path in paths {
            if path == "-" {
                state.out.documents.append(path)
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                let reason = errno == ENOENT ? "no such file or folder" : "cannot look at it: \(String(cString: strerror(errno)))"
                var link = stat()
                if errno == ENOENT, lstat(path, &link) == 0 {
                    state.out.failures.append(HanError(.unreadable, "a symbolic link to nothing (its target is missing)", path: path))
                } else {
                    state.out.missing.append(HanError(.unreadable, reason, path: path))
                }
                continue
            }
            switch FileKind(status.st_mode) {
            case .folder:
                if state.enter(status) { walkFolder(path, &state) }
            case .file, .fifo:
                state.out.documents.append(path)
            case .device, .socket, .other:
                state.out.failures.append(HanError(.unreadable, "\(FileKind(status.st_mode).name), not a document; refused (use '-' for standard input)", path: path))
            }
        }
        return state.out
    }

    private struct WalkState {
        var out = Expansion()
        /// Folders entered so far, by device and inode.
        var visited: Set<FileIdentity> = []

        /// Marks a folder as walked; false when it was walked already.
        mutating func enter(_ status: stat) -> Bool {
            visited.insert(FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))).inserted
        }
    }

    private func walkFolder(_ folder: String, _ state: inout WalkState) {
        guard let handle = opendir(folder) else {
            state.out.failures.append(HanError(.unreadable, "cannot read folder: \(String(cString: strerror(errno)))", path: folder))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        closedir(handle)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var entries: [(name: String, raw: [UInt8])] = []
        for raw in names {
            guard let name = String(validating: raw, as: UTF8.self) else {
                if matches(raw) || isFolder(prefix, raw) {
                    state.out.failures.append(HanError(
                        .unreadable, "the name is not valid UTF-8 (shown with \\x escapes); rename it to read it",
                        path: prefix + Self.escaped(raw)))
                }
                continue
            }
            entries.append((name, raw))
        }
        for (name, raw) in entries.sorted(by: { $0.name < $1.name }) {
            let full = prefix + name
            var link = stat()
            guard lstat(full, &link) == 0 else {
                state.out.failures.append(HanError(.unreadable, "cannot look at it: \(String(cString: strerror(errno)))", path: full))
                continue
            }
            var status = link
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            if isLink, stat(full, &status) != 0 {
                if matches(raw) {
                    state.out.failures.append(HanError(.unreadable, "a symbolic link to nothing (\(String(cString: strerror(errno))))", path: full))
                }
                continue
            }
            let kind = FileKind(status.st_mode)
            switch kind {
            case .folder:
                if isLink, !follow {
                    state.out.skipped.append(HanError(.unreadable, "skipped: a symbolic link to a folder (pass --follow to walk it)", path: full))
                } else if state.enter(status) {
                    walkFolder(full, &state)
                } else if isLink {
                    state.out.skipped.append(HanError(.unreadable, "skipped: a symbolic link to a folder already walked (a loop or a repeat)", path: full))
                }
            case .file:
                if matches(raw) { state.out.documents.append(full) }
            case .fifo, .socket, .device, .other:
                if matches(raw) {
                    state.out.skipped.append(HanError(.unreadable, "skipped: \(kind.name), not a document", path: full))
                }
            }
        }
    }

    private func matches(_ name: [UInt8]) -> Bool {
        guard let glob else {
            return SkippedFormats.defaultWalkSuffixes.contains(DocumentSniffer.suffix(of: String(decoding: name, as: UTF8.self)))
        }
        return (name + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { fnmatch(glob, $0.baseAddress!, 0) == 0 }
        }
    }

    private func isFolder(_ prefix: String, _ raw: [UInt8]) -> Bool {
        var status = stat()
        let path = Array(prefix.utf8) + raw + [0]
        return path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &status) == 0 }
        } && FileKind(status.st_mode) == .folder
    }

    /// A file name for messages: valid UTF-8 as it is, every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<offset + length] {
                    out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return out
    }
}

/// A file's identity on this machine: the walk enters a folder once per identity.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
}

/// The kinds of file a walk tells apart.
enum FileKind: Equatable {
    case file, folder, fifo, socket, device, other

    init(_ mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .file
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR, S_IFBLK: self = .device
        default: self = .other
        }
    }

    /// How messages name it.
    var name: String {
        switch self {
        case .file: return "a file"
        case .folder: return "a folder"
        case .fifo: return "a FIFO (named pipe)"
        case .socket: return "a socket"
        case .device: return "a device"
        case .other: return "a special file"
        }
    }
}
