import HanCore

extension HanError.Code {
    /// A PDF that needs a password to open.
    public static let encrypted = HanError.Code("encrypted")
    /// A PDF with no text layer on any page (scanned images): it needs OCR first.
    public static let noTextLayer = HanError.Code("no-text-layer")
}
