import HanCore
import HanSegment
import HanText

/// Turns one document into its `Record` (SPEC.md): decoding, layout repair, then the rules.
///
/// The rules run in `RuleRegistry.rules` order, which is their precedence (fields never share
/// bytes, and relative dates need the year), then the statistical tables for the disclosure
/// profiles. Every span is in the decoded original text; `text` is always the bytes at `span`.
///
/// Not thread-safe (ICU regex matchers and the transliterator are stateful): one per worker.
public final class Extractor {
    public let options: ExtractionOptions
    private let normalizer: CharacterNormalizer
    private let kit: RuleKit
    /// Always simplifies (even with --no-t2s): `agency_canonical` is simplified by definition.
    private let agencyFold: CharacterNormalizer

    public init(options: ExtractionOptions = .default) throws(HanError) {
        self.options = options
        normalizer = try CharacterNormalizer(options: .init(halfWidth: true, traditionalToSimplified: options.traditionalToSimplified))
        kit = RuleKit(patterns: try Patterns(), words: try Tokenizer())
        agencyFold = try CharacterNormalizer(options: .init(halfWidth: true, traditionalToSimplified: true))
    }

    /// Decodes raw file bytes (detecting the encoding unless `options.decoding` names one) and
    /// extracts the record. Throws `HanError` (`.invalidEncoding`, `.binaryInput`, …) naming the
    /// path and the byte offset when the bytes cannot be decoded.
    public func extract(contentsOf bytes: [UInt8], path: String) throws(HanError) -> Record {
        let decoded: (text: [UInt8], encoding: TextEncoding, replacements: Int)
        do throws(HanError) {
            decoded = try DocumentReader.decodeAll(bytes, options: options.decoding)
        } catch {
            throw error.located(at: path)
        }
        let source = Source(path: path, sha256: SHA256.hexDigest(bytes), bytes: bytes.count, encoding: decoded.encoding.name)
        var record = extract(text: decoded.text, source: source)
        if decoded.replacements > 0 {
            record.warnings.insert(Warning(code: "decode.replaced",
                                           message: "\(decoded.replacements) invalid byte sequence(s) replaced with U+FFFD"), at: 0)
        }
        return record
    }

    /// Extracts from a document a format reader made (HanDocument): spans point into its
    /// canonical text; `original` is the file as it came, for `source`'s hash and size. Tables
    /// come from the document's grids where they hold the template's rows, else from the text.
    public func extract(canonical: CanonicalDocument, original: [UInt8], path: String) -> Record {
        let source = Source(path: path, sha256: SHA256.hexDigest(original), bytes: original.count,
                            encoding: canonical.encoding, format: canonical.format)
        let document = LayoutRepair.makeDocument(path: path, original: canonical.text, normalizer: normalizer)
        var record = extract(document: document, source: source, grids: canonical.grids)
        record.warnings.insert(contentsOf: canonical.warnings, at: 0)
        return record
    }

    /// Extracts from already-decoded UTF-8 text (spans point into `text`).
    public func extract(text: [UInt8], source: Source) -> Record {
        let document = LayoutRepair.makeDocument(path: source.path, original: text, normalizer: normalizer)
        return extract(document: document, source: source)
    }

    /// Extracts from a prepared document.
    public func extract(document: Document, source: Source, grids: [TableGrid] = []) -> Record {
        var record = Record(source: source)
        let context = RuleContext(document: document)
        for rule in RuleRegistry.rules { rule.apply(context, kit, to: &record) }
        record.agencyCanonical = record.agency.flatMap { name in
            AgencyName.canonical(name) { String(decoding: agencyFold.normalize(Array($0.utf8)).text, as: UTF8.self) }
        }
        record.warnings.append(contentsOf: context.warnings)
        if record.profile.hasStandardTables {
            let tables = GridTableReading.extract(document, grids: grids, profile: record.profile)
            record.tables = tables.tables
            record.checks = tables.checks
            record.warnings.append(contentsOf: tables.warnings)
            record.tableQuality = tables.quality
        }
        return record
    }

    /// The document the rules would read for `text` (for tests and tools that inspect the layout repair).
    public func document(for text: [UInt8], path: String = "") -> Document {
        LayoutRepair.makeDocument(path: path, original: text, normalizer: normalizer)
    }
}
