import HanCore
import HanSegment

/// What every rule may use besides the document: the compiled patterns and a tokenizer for word
/// boundaries. One per `Extractor` (neither is thread-safe).
struct RuleKit {
    let patterns: Patterns
    let words: Tokenizer
}

/// A rule fills some keys of the record from the document. Rules run in the order of
/// `RuleRegistry.rules`, and that order is the precedence: a rule claims the bytes of what it
/// finds (`RuleContext.claim`), so a later rule never takes them and field types never collide.
protocol ExtractionRule {
    /// The record keys the rule fills, for documentation and error messages.
    static var fills: [String] { get }
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record)
}

enum RuleRegistry {
    /// In precedence order: document context first (relative dates need the year), then the
    /// spanned fields from the most to the least specific, then the outline.
    static let rules: [any ExtractionRule.Type] = [
        ContextRules.self, DocNumberRules.self, ContactRules.self, DateRules.self, PublicationRules.self, QuantityRules.self,
        TitleRules.self,
        DocumentStructure.self,
    ]
}

extension ContextRules: ExtractionRule {
    static let fills = ["profile", "title", "agency", "year", "period"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        let found = extract(context, kit.patterns)
        record.profile = found.profile
        record.title = found.title
        record.agency = found.agency
        record.year = found.year
        record.period = found.period
        context.year = found.year
    }
}

extension DocNumberRules: ExtractionRule {
    static let fills = ["doc_numbers"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        record.docNumbers = extract(context, kit.patterns)
    }
}

extension ContactRules: ExtractionRule {
    static let fills = ["contacts"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        record.contacts = extract(context, kit.patterns)
    }
}

extension DateRules: ExtractionRule {
    static let fills = ["dates"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        record.dates = extract(context, kit.patterns)
    }
}

extension PublicationRules: ExtractionRule {
    static let fills = ["published", "source_url"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        let publication = extract(context, kit.patterns, dates: record.dates, year: record.year)
        (record.published, record.publishedText) = (publication.published, publication.publishedText)
        (record.sourceURL, record.sourceURLText) = (publication.sourceURL?.text, publication.sourceURL)
    }
}

extension QuantityRules: ExtractionRule {
    static let fills = ["money", "counts"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        (record.money, record.counts) = extract(context, kit.patterns, words: kit.words)
    }
}

extension TitleRules: ExtractionRule {
    static let fills = ["titles"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        record.titles = extract(context, kit.patterns)
    }
}

extension DocumentStructure: ExtractionRule {
    static let fills = ["sections", "problems", "measures"]
    static func apply(_ context: RuleContext, _ kit: RuleKit, to record: inout Record) {
        let structure = DocumentStructure(context, hasTables: record.profile.hasStandardTables)
        record.sections = structure.sections
        record.problems = structure.problems
        record.measures = structure.measures
        if record.profile.hasStandardTables {
            // A number in a table's label or cell is not prose counting something
            // (`5.属于三类内部事务信息` gives no count); a sentence in a table section (主动公开
            // 政府信息1898条，其中…。) still counts.
            let tableSpans = structure.sections.filter { [.tableProactive, .tableApplications, .tableReview].contains($0.role) }.map(\.span)
            let original = context.document.original
            record.counts.removeAll { count in
                tableSpans.contains { $0.contains(count.span) } && !isInSentence(count.span, original)
            }
        }
    }

    /// Whether a span stands in a sentence of prose: the stretch from the previous 。 or line
    /// break to the next one has a comma and ends with 。.
    static func isInSentence(_ span: Span, _ text: [UInt8]) -> Bool {
        func isFullStop(_ i: Int) -> Bool { i >= 0 && i + 3 <= text.count && text[i] == 0xE3 && text[i + 1] == 0x80 && text[i + 2] == 0x82 }
        var start = span.start
        while start > 0, span.start - start < 300, text[start - 1] != 0x0A, !isFullStop(start - 3) { start -= 1 }
        var end = span.end
        while end < text.count, end - span.end < 300, text[end] != 0x0A, !isFullStop(end) { end += 1 }
        guard isFullStop(end) else { return false }
        let stretch = Array(text[start..<end])
        return stretch.contains(0x2C) || Bytes.firstIndex(of: [0xEF, 0xBC, 0x8C], in: stretch, from: 0, to: stretch.count) != nil
    }
}
