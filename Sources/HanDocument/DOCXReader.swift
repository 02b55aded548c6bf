import CLibXML
import Foundation
import HanCore
import HanText
import ZIPFoundation

/// Reads Word 2007+ documents (.docx): the ZIP through ZIPFoundation, `word/document.xml`
/// through libxml2.
///
/// Paragraphs become lines, `w:tab` a tab, `w:br` a line break; `w:tbl` becomes a grid with
/// `gridSpan` across and `vMerge` down (a continued cell points at the cell it continues).
/// Deleted text (tracked changes), field codes and the fallback copies of drawings are left out.
/// A ZIP bomb is refused: `document.xml` may unpack to at most `DocumentLimits.maxTextBytes`.
public struct DOCXReader: DocumentFormatReader {
    public static let format = DocumentFormat.docx

    public init() {}

    public func read(_ bytes: [UInt8], options: DecodingOptions) throws(HanError) -> CanonicalDocument {
        guard bytes.count <= DocumentLimits.maxInputBytes else {
            throw HanError(.limitExceeded, "DOCX of \(bytes.count) bytes is larger than the \(DocumentLimits.maxInputBytes >> 20) MiB limit")
        }
        let xml = try Self.documentXML(bytes)
        let context = DOCXEventContext()
        var message = [CChar](repeating: 0, count: 512)
        let status = xml.withUnsafeBufferPointer { buffer -> Int32 in
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!)
            return hx_docx_events(base.assumingMemoryBound(to: CChar.self), buffer.count, { opaque, kind, bytes, length, a, b in
                Unmanaged<DOCXEventContext>.fromOpaque(opaque!).takeUnretainedValue()
                    .builder.handle(kind: kind, bytes: bytes, length: length, a: a, b: b)
            }, Unmanaged.passUnretained(context).toOpaque(), &message, message.count)
        }
        withExtendedLifetime(context) {}
        if status != 0 { throw HanError(.malformed, "corrupt DOCX: " + String(cMessage: message)) }
        if context.builder.overflowed {
            throw HanError(.limitExceeded, "the document's text is larger than the \(DocumentLimits.maxTextBytes >> 20) MiB limit")
        }
        let page = context.builder.finish()
        return CanonicalDocument(text: page.text, format: .docx, encoding: "UTF-8", grids: page.grids, warnings: page.warnings)
    }

    /// The bytes of `word/document.xml`, or an error saying why the file is not a readable DOCX.
    ///
    /// The archive is read from a private temporary file, not from memory: ZIPFoundation's
    /// in-memory archive traps on an entry whose offset points past the end (found by the DOCX
    /// fuzzer), where its file-backed reader gets a short read and an error.
    static func documentXML(_ bytes: [UInt8]) throws(HanError) -> [UInt8] {
        let file = try TemporaryFile(bytes)
        defer { file.remove() }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: file.path), accessMode: .read)
        } catch {
            throw HanError(.malformed, "corrupt DOCX: not a readable ZIP archive")
        }
        guard let entry = archive["word/document.xml"] else {
            throw HanError(.malformed, "corrupt DOCX: the archive has no word/document.xml")
        }
        guard entry.uncompressedSize <= UInt64(DocumentLimits.maxTextBytes) else {
            throw HanError(.limitExceeded, "DOCX's word/document.xml unpacks to \(entry.uncompressedSize) bytes, above the \(DocumentLimits.maxTextBytes >> 20) MiB limit")
        }
        var xml: [UInt8] = []
        xml.reserveCapacity(Int(entry.uncompressedSize))
        var tooLarge = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The size in the directory may lie: count what actually comes out.
                if xml.count + chunk.count > DocumentLimits.maxTextBytes {
                    tooLarge = true
                    throw CocoaError(.fileReadTooLarge)
                }
                xml.append(contentsOf: chunk)
            }
        } catch {
            if tooLarge {
                throw HanError(.limitExceeded, "DOCX's word/document.xml unpacks to more than \(DocumentLimits.maxTextBytes >> 20) MiB")
            }
            throw HanError(.malformed, "corrupt DOCX: word/document.xml cannot be unpacked (\(error.localizedDescription))")
        }
        return xml
    }
}

/// A file only this process can read, holding bytes for a library that wants a path.
struct TemporaryFile {
    let path: String

    init(_ bytes: [UInt8]) throws(HanError) {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/hanmine-docx-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw HanError(.unreadable, "cannot make a temporary file in \(directory) to unpack the DOCX (set TMPDIR)")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 {
                unlink(path)
                throw HanError(.writeFailed, "cannot write the temporary file that unpacks the DOCX", path: path)
            }
            written += count
        }
    }

    func remove() { unlink(path) }
}

/// What the C callback writes into while libxml2 walks word/document.xml.
final class DOCXEventContext {
    let builder = CanonicalBuilder(mergeStyle: .verticalMerge)
}
