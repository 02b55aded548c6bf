import HanCore
import HanSegment
import HanText

/// Turns one document into its `Record` (SPEC.md): decoding, layout repair, then the rules.
///
/// Order matters, because fields never share bytes and relative dates need the year: document
/// context (title, agency, year, period, profile), document numbers, contacts, dates (then the
/// publication date and the page's address, which read them), money,
/// counts, titles 《…》, problems and measures, and the statistical tables for the disclosure
/// profiles. Every span is in the decoded original text; `text` is always the bytes at `span`.
///
/// Not thread-safe (ICU regex matchers and the transliterator are stateful): one per worker.
public final class Extractor {
    public let options: ExtractionOptions
    private let normalizer: CharacterNormalizer
    private let patterns: Patterns
    /// Word boundaries for count subjects.
    private let words: Tokenizer

    public init(options: ExtractionOptions = .default) throws(HanError) {
        self.options = options
        normalizer = try CharacterNormalizer(options: .init(halfWidth: true, traditionalToSimplified: options.traditionalToSimplified))
        patterns = try Patterns()
        words = try Tokenizer()
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

    /// Extracts from already-decoded UTF-8 text (spans point into `text`).
    public func extract(text: [UInt8], source: Source) -> Record {
        let document = LayoutRepair.makeDocument(path: source.path, original: text, normalizer: normalizer)
        return extract(document: document, source: source)
    }

    /// Extracts from a prepared document.
    public func extract(document: Document, source: Source) -> Record {
        var record = Record(source: source)
        let context = RuleContext(document: document)
        let documentContext = ContextRules.extract(context, patterns)
        record.profile = documentContext.profile
        record.title = documentContext.title
        record.agency = documentContext.agency
        record.year = documentContext.year
        record.period = documentContext.period
        context.year = documentContext.year

        record.docNumbers = DocNumberRules.extract(context, patterns)
        record.contacts = ContactRules.extract(context, patterns)
        record.dates = DateRules.extract(context, patterns)
        let publication = PublicationRules.extract(context, patterns, dates: record.dates, year: record.year)
        (record.published, record.publishedText) = (publication.published, publication.publishedText)
        (record.sourceURL, record.sourceURLText) = (publication.sourceURL?.text, publication.sourceURL)
        (record.money, record.counts) = QuantityRules.extract(context, patterns, words: words)
        record.titles = TitleRules.extract(context, patterns)
        let structure = DocumentStructure(context)
        record.sections = structure.sections
        if record.profile.hasStandardTables {
            // A number in a table section is a cell (or a row label's enumerator), not prose
            // counting something: `5.属于三类内部事务信息` gives no count.
            let tableSpans = structure.sections.filter { [.tableProactive, .tableApplications, .tableReview].contains($0.role) }.map(\.span)
            record.counts.removeAll { count in tableSpans.contains { $0.contains(count.span) } }
        }
        record.problems = structure.problems
        record.measures = structure.measures
        record.warnings.append(contentsOf: context.warnings)
        if record.profile.hasStandardTables {
            let tables = TableExtraction.extract(document, profile: record.profile)
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
