/// Hand-made PDFs for the reader's tests: a few objects with a correct cross-reference table,
/// text drawn with the standard Helvetica font (no embedded font needed), so each test states
/// exactly what is on the page.
enum TinyPDF {
    /// One text run: `text` (ASCII) at (x, y) in PDF points, origin bottom-left, 10 pt.
    struct Run {
        var x: Double
        var y: Double
        var text: String
    }

    /// A PDF of one page per element of `pages`; `encrypted` adds a standard security handler
    /// whose user password is not empty, so opening needs a password.
    static func make(pages: [[Run]], drawing: String = "", encrypted: Bool = false) -> [UInt8] {
        var objects: [String] = []
        let pageCount = pages.count
        // 1 catalog, 2 pages, 3 font, then per page: page object and its content stream.
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pageCount).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for (index, runs) in pages.enumerated() {
            let content = drawing + runs.map { "BT /F1 10 Tf \($0.x) \($0.y) Td (\($0.text)) Tj ET" }.joined(separator: "\n")
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(5 + 2 * index) 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        }
        if encrypted {
            let o = String(repeating: "4f", count: 32), u = String(repeating: "75", count: 32)
            objects.append("<< /Filter /Standard /V 1 /R 2 /O <\(o)> /U <\(u)> /P -44 >>")
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        let id = String(repeating: "ab", count: 16)
        let encrypt = encrypted ? " /Encrypt \(objects.count) 0 R /ID [<\(id)> <\(id)>]" : ""
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(encrypt) >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
