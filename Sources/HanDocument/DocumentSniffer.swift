import HanCore

/// Decides a document's format from its first bytes, and names the formats HanMine does not read.
///
/// Bytes win over names: a PDF is `%PDF-` anywhere in the first KiB, a DOCX a ZIP whose entries
/// name `word/document.xml`, HTML a document whose first markup is `<!DOCTYPE html`, `<html`,
/// `<head>`, `<body>`, `<meta`, `<table>`, `<div>` or `<p>` (after a BOM, whitespace and
/// comments). Known binary formats we cannot read (.doc/.xls/.ppt's OLE2, .wps, images, other
/// ZIPs) are `.unsupported` with a name for the end-of-run summary; everything else is text.
public enum DocumentSniffer {
    public enum Verdict: Sendable, Equatable {
        case supported(DocumentFormat)
        /// A format we do not read, with the name it is counted under ("doc", "wps", "png" …).
        case unsupported(String)
    }

    /// The file name suffixes folder walks take by default.
    public static let defaultSuffixes = ["txt", "html", "htm", "shtml", "xhtml", "pdf", "docx"]

    public static func sniff(_ bytes: [UInt8], name: String) -> Verdict {
        let suffix = Self.suffix(of: name)
        let head = bytes.prefix(1024)
        if head.starts(with: Array("%PDF-".utf8)) || contains(head, Array("%PDF-".utf8)) { return .supported(.pdf) }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            if contains(bytes.prefix(1 << 16), Array("word/".utf8)) || suffix == "docx" { return .supported(.docx) }
            return .unsupported(["xlsx", "pptx", "odt", "ods"].contains(suffix) ? suffix : "zip")
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return .unsupported(["doc", "xls", "ppt", "wps", "et", "dps"].contains(suffix) ? suffix : "doc")
        }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .unsupported("png") }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .unsupported("jpg") }
        if head.starts(with: Array("GIF8".utf8)) { return .unsupported("gif") }
        if head.starts(with: Array("{\\rtf".utf8)) { return .unsupported("rtf") }
        if ["doc", "wps", "xls", "ppt", "et", "dps", "png", "jpg", "jpeg", "gif", "tif", "tiff", "bmp"].contains(suffix) {
            return .unsupported(suffix)
        }
        if looksLikeHTML(head) { return .supported(.html) }
        return .supported(.text)
    }

    /// The lowercased suffix of a file name after its last dot ("" without one).
    public static func suffix(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        var i = haystack.startIndex
        while i <= haystack.endIndex - needle.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// HTML by its first markup. UTF-16 pages are recognised by their BOM and ASCII read every other byte.
    static func looksLikeHTML(_ head: ArraySlice<UInt8>) -> Bool {
        var bytes = Array(head)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bytes = bytes.dropFirst(2).filter { $0 != 0 }
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { i += 1; continue }
            guard byte == UInt8(ascii: "<") else { return false }
            let rest = bytes[(i + 1)...].prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            if rest.starts(with: Array("!--".utf8)) {
                // Skip a comment.
                guard let end = findEnd(bytes, from: i + 4, Array("-->".utf8)) else { return false }
                i = end
                continue
            }
            if rest.starts(with: Array("?xml".utf8)) {
                guard let end = findEnd(bytes, from: i + 1, Array("?>".utf8)) else { return false }
                i = end
                continue
            }
            for tag in ["!doctype html", "html", "head", "body", "meta", "title", "table", "div", "p>", "p ", "span", "style", "script"] {
                if rest.starts(with: Array(tag.utf8)) {
                    let after = tag.count < rest.count ? rest[tag.count] : UInt8(ascii: ">")
                    if tag.hasSuffix(">") || tag.hasSuffix(" ") || !(after >= 0x61 && after <= 0x7A) { return true }
                }
            }
            return false
        }
        return false
    }

    static func findEnd(_ bytes: [UInt8], from start: Int, _ needle: [UInt8]) -> Int? {
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
            i += 1
        }
        return nil
    }
}
