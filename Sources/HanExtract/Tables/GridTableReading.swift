import HanCore

/// The statistical tables of a document that came with its structure (HTML, DOCX, PDF grids).
enum GridTableReading {
    static func extract(_ document: Document, grids: [TableGrid], profile: Profile) -> TableExtraction.Result {
        TableExtraction.extract(document, profile: profile)
    }
}
