import CLibXML
import HanCore
import HanText

/// Reads HTML and XHTML pages (a CMS's Word-exported HTML first) through libxml2's forgiving
/// HTML parser.
///
/// The charset: the user's `--encoding`; else a byte-order mark; else UTF-8 when the bytes are
/// valid UTF-8; else `<meta charset>` / `http-equiv` content-type; else detection (GB18030 for
/// most Chinese pages that are not UTF-8). The page is decoded to UTF-8 before libxml2 sees it,
/// so a page that lies about its charset is still read.
///
/// The canonical text is the page's main content (see `hx_html_events`): the title line first
/// (meta ArticleTitle, else `<title>` without the site's name after `_`), the page's own address
/// on the next (link rel=canonical, og:url, meta Url), each unless the body already starts with
/// it; then the body's blocks; each data `<table>` becomes a `TableGrid`.
public struct HTMLReader: DocumentFormatReader {
    public static let format = DocumentFormat.html

    public init() {}

    public func read(_ bytes: [UInt8], options: DecodingOptions) throws(HanError) -> CanonicalDocument {
        guard bytes.count <= DocumentLimits.maxInputBytes else {
            throw HanError(.limitExceeded, "HTML page of \(bytes.count) bytes is larger than the \(DocumentLimits.maxInputBytes >> 20) MiB limit")
        }
        // NUL bytes are valid UTF-8, so the charset choice below would not see binary data.
        let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !isUTF16, let nul = bytes.prefix(1 << 16).firstIndex(of: 0) {
            throw HanError(.binaryInput, "binary data, not an HTML page (NUL byte)", offset: Int64(nul))
        }
        var decodeOptions = options
        if decodeOptions.encoding == nil { decodeOptions.encoding = Self.declaredEncoding(bytes) }
        var (text, encoding, replacements) = try DocumentReader.decodeAll(bytes, options: decodeOptions)
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        let page = try Self.canonical(utf8: text)
        var warnings = page.warnings
        if replacements > 0 {
            warnings.insert(Warning(code: "decode.replaced", message: "\(replacements) invalid byte sequence(s) replaced with U+FFFD"), at: 0)
        }
        return CanonicalDocument(text: page.text, format: .html, encoding: encoding.name, grids: page.grids, warnings: warnings)
    }

    /// The canonical text and grids of a page already decoded to UTF-8.
    static func canonical(utf8 page: [UInt8]) throws(HanError) -> (text: [UInt8], grids: [TableGrid], warnings: [Warning]) {
        let context = HTMLEventContext()
        var message = [CChar](repeating: 0, count: 512)
        let status = page.withUnsafeBufferPointer { buffer -> Int32 in
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!)
            return hx_html_events(base.assumingMemoryBound(to: CChar.self), buffer.count, { opaque, kind, bytes, length, a, b in
                let context = Unmanaged<HTMLEventContext>.fromOpaque(opaque!).takeUnretainedValue()
                if kind == Int32(HX_TITLE) {
                    guard let bytes else { return }
                    if a == 2 {
                        context.address(UnsafeBufferPointer(start: bytes, count: length))
                    } else {
                        context.title(UnsafeBufferPointer(start: bytes, count: length), fromMeta: a == 1)
                    }
                    return
                }
                context.builder.handle(kind: kind, bytes: bytes, length: length, a: a, b: b)
            }, Unmanaged.passUnretained(context).toOpaque(), &message, message.count)
        }
        withExtendedLifetime(context) {}
        if status != 0 {
            throw HanError(.malformed, "not readable as HTML: " + String(cMessage: message))
        }
        if context.builder.overflowed {
            throw HanError(.limitExceeded, "the page's text is larger than the \(DocumentLimits.maxTextBytes >> 20) MiB limit")
        }
        // The address line goes in first so the title ends up above it.
        if let address = context.addressBytes { context.builder.prependTitle(address) }
        if let title = context.titleBytes { context.builder.prependTitle(title) }
        return context.builder.finish()
    }

    /// The charset a page declares in its first 4 KiB (`<meta charset=…>` or an http-equiv
    /// content type), when the bytes are not valid UTF-8 anyway and carry no BOM.
    static func declaredEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        if case .valid = UTF8Validator.validate(bytes) { return .utf8 }
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let key = Array("charset=".utf8)
        var i = 0
        while i + key.count < head.count {
            if head[i] == key[0], head[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < head.count, head[j] == 0x22 || head[j] == 0x27 || head[j] == 0x20 { j += 1 }
                var name: [UInt8] = []
                while j < head.count, name.count < 40 {
                    let byte = head[j]
                    let isNameByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                    guard isNameByte else { break }
                    name.append(byte)
                    j += 1
                }
                if !name.isEmpty, let encoding = TextEncoding(userName: String(decoding: name, as: UTF8.self)) {
                    // A page declaring UTF-8 that is not valid UTF-8 is detected instead.
                    return encoding == .utf8 ? nil : encoding
                }
            }
            i += 1
        }
        return nil
    }
}

/// What the C callback writes into while libxml2 walks a page.
final class HTMLEventContext {
    let builder = CanonicalBuilder(mergeStyle: .spans)
    private(set) var titleBytes: [UInt8]?
    private(set) var addressBytes: [UInt8]?

    func address(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard addressBytes == nil else { return }
        let address = Self.collapse(Array(bytes))
        if !address.isEmpty, !address.contains(0x20) { addressBytes = address }
    }

    func title(_ bytes: UnsafeBufferPointer<UInt8>, fromMeta: Bool) {
        guard titleBytes == nil else { return }
        var title = Self.collapse(Array(bytes))
        if !fromMeta { title = Self.withoutSiteName(title) }
        if !title.isEmpty { titleBytes = title }
    }

    /// Whitespace runs as one space, none at the ends.
    static func collapse(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var space = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte < 0x20 {
                space = true
            } else if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                space = true
                i += 1
            } else {
                if space, !out.isEmpty { out.append(0x20) }
                space = false
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    /// A CMS title is `article_column_site` or `article - site`: the first part, when it is a
    /// title in its own right (at least 6 characters' worth of bytes).
    static func withoutSiteName(_ title: [UInt8]) -> [UInt8] {
        let separators: [[UInt8]] = [[0x5F], Array(" - ".utf8), Array(" | ".utf8), Array("——".utf8), Array("－".utf8)]
        var cut = title.count
        for separator in separators {
            var i = 0
            while i + separator.count <= title.count {
                if title[i..<(i + separator.count)].elementsEqual(separator) {
                    if i >= 12, i < cut { cut = i }
                    break
                }
                i += 1
            }
        }
        return Array(title[..<cut])
    }
}
