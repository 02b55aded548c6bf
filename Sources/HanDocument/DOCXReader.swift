import CLibXML
import Foundation
import HanCore
import HanText

/// Reads Word 2007+ documents (.docx): the ZIP entry located and inflated with every bound
/// checked (`ZIPEntryLocator`, zlib), `word/document.xml` parsed by libxml2.
///
/// Paragraphs become lines, `w:tab` a tab, `w:br` a line break; `w:tbl` becomes a grid with
/// `gridSpan` across and `vMerge` down (a continued cell points at the cell it continues).
/// Deleted text (tracked changes), field codes and the fallback copies of drawings are left out.
/// A ZIP bomb is refused: `document.xml` may unpack to at most `DocumentLimits.maxTextBytes`,
/// and to exactly the size its directory entry gives.
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
    /// The ZIP directory is read by `ZIPEntryLocator` and the entry inflated by zlib through the
    /// shim, with every offset and size checked against the file: ZIPFoundation's reader (used
    /// by `MarkupDocument` to write DOCX) traps on a directory pointing past the end when reading
    /// from memory, and loops for ever on a deflate stream cut short when reading from a file
    /// (both found by the DOCX fuzzer).
    static func documentXML(_ bytes: [UInt8]) throws(HanError) -> [UInt8] {
        let entry = try ZIPEntryLocator.locate(bytes, entry: "word/document.xml")
        guard entry.uncompressedSize <= DocumentLimits.maxTextBytes else {
            throw HanError(.limitExceeded, "DOCX's word/document.xml unpacks to \(entry.uncompressedSize) bytes, above the \(DocumentLimits.maxTextBytes >> 20) MiB limit")
        }
        let data = bytes[entry.dataStart..<(entry.dataStart + entry.compressedSize)]
        switch entry.method {
        case 0:
            return Array(data)
        case 8:
            var output = [UInt8](repeating: 0, count: max(1, entry.uncompressedSize))
            var length = 0
            let status = data.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    hx_inflate_raw(input.baseAddress, input.count, out.baseAddress, out.count, &length)
                }
            }
            guard status == 0, length == entry.uncompressedSize else {
                throw HanError(.malformed, status == -2 ? "corrupt DOCX: word/document.xml is larger than its directory says"
                                                        : "corrupt DOCX: word/document.xml cannot be unpacked (damaged or cut short)")
            }
            output.removeLast(output.count - length)
            return output
        default:
            throw HanError(.malformed, "corrupt DOCX: word/document.xml uses compression method \(entry.method), not stored or deflate")
        }
    }
}

/// Finds one entry of a ZIP archive and checks that its data lies inside the file: the
/// end-of-central-directory record, the entry in the central directory, its local header, and
/// local header + name + extra + compressed size against the file's length. ZIP64 archives
/// (sizes of 0xFFFFFFFF) are refused: no DOCX HanMine reads needs them.
enum ZIPEntryLocator {
    struct Entry {
        var method: Int
        var dataStart: Int
        var compressedSize: Int
        var uncompressedSize: Int
    }

    static func locate(_ bytes: [UInt8], entry name: String) throws(HanError) -> Entry {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let corrupt = HanError(.malformed, "corrupt DOCX: \(name) does not lie inside the archive")
        guard bytes.count >= 22 else { throw HanError(.malformed, "corrupt DOCX: not a readable ZIP archive") }
        // The end-of-central-directory record is in the last 22 + 65,535 bytes.
        var eocd: Int?
        var i = bytes.count - 22
        let floor = max(0, bytes.count - 22 - 65_535)
        while i >= floor {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 5, bytes[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard let end = eocd else { throw HanError(.malformed, "corrupt DOCX: not a readable ZIP archive") }
        let entries = u16(end + 10), directorySize = u32(end + 12), directoryOffset = u32(end + 16)
        guard directoryOffset + directorySize <= end else { throw corrupt }
        let wanted = Array(name.utf8)
        var position = directoryOffset
        for _ in 0..<entries {
            guard position + 46 <= end, u32(position) == 0x0201_4B50 else { throw corrupt }
            let method = u16(position + 10), compressed = u32(position + 20), uncompressed = u32(position + 24)
            let nameLength = u16(position + 28)
            let extraLength = u16(position + 30), commentLength = u16(position + 32), local = u32(position + 42)
            guard position + 46 + nameLength <= end else { throw corrupt }
            if bytes[(position + 46)..<(position + 46 + nameLength)].elementsEqual(wanted) {
                guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF, local + 30 <= bytes.count,
                      u32(local) == 0x0403_4B50 else { throw corrupt }
                let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
                guard dataStart + compressed <= bytes.count else { throw corrupt }
                return Entry(method: method, dataStart: dataStart, compressedSize: compressed, uncompressedSize: uncompressed)
            }
            position += 46 + nameLength + extraLength + commentLength
        }
        throw HanError(.malformed, "corrupt DOCX: the archive has no \(name)")
    }
}

/// What the C callback writes into while libxml2 walks word/document.xml.
final class DOCXEventContext {
    let builder = CanonicalBuilder(mergeStyle: .verticalMerge)
}
