/// Every kind of spanned field a record holds, declared once: the store's `fields` rows, the
/// printers' summaries and the tests' span checks iterate `FieldKind.all` instead of naming
/// each kind. A new kind is one entry here (and its rule in the extractor's registry).
///
/// Invariant: for every row of every kind, `row.text` is the original bytes at `row.span`.
public struct FieldKind: Sendable {
    /// The kind as the store's `fields.kind` names it (`phone`, `count`, …).
    public let name: String
    /// The record's key for the list (`phones`, `doc_numbers`, …), for summaries.
    public let plural: String
    /// Whether the store keeps the rows in `fields` (sections have their own table, with parents).
    public let storedInFields: Bool
    /// The kind's rows in a record, in document order of the list.
    public let rows: @Sendable (Record) -> [FieldRow]

    public init(_ name: String, plural: String, storedInFields: Bool = true, rows: @escaping @Sendable (Record) -> [FieldRow]) {
        self.name = name
        self.plural = plural
        self.storedInFields = storedInFields
        self.rows = rows
    }
}

/// One field as a flat row: its text and span, its normalised value, and the columns the store
/// keeps (`unit`: a count's unit or a date's kind; `subject`: what a count counts, an item's
/// heading, a document number's issuer; `extra`: JSON for the rest).
public struct FieldRow: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case none
        case text(String)
        case number(Double)
        case integer(Int)
    }

    public var text: String
    public var span: Span
    public var value: Value
    public var unit: String?
    public var subject: String?
    public var extra: String?

    public init(text: String, span: Span, value: Value = .none, unit: String? = nil, subject: String? = nil, extra: String? = nil) {
        self.text = text
        self.span = span
        self.value = value
        self.unit = unit
        self.subject = subject
        self.extra = extra
    }
}

extension FieldKind {
    /// Every kind, in the order the record lists them.
    public static let all: [FieldKind] = [
        FieldKind("published", plural: "published") { record in
            guard let field = record.publishedText, let value = record.published else { return [] }
            return [FieldRow(text: field.text, span: field.span, value: .text(value))]
        },
        FieldKind("source_url", plural: "source_url") { record in
            record.sourceURLText.map { [FieldRow(text: $0.text, span: $0.span)] } ?? []
        },
        FieldKind("address", plural: "addresses") { $0.contacts.addresses.map { FieldRow(text: $0.text, span: $0.span) } },
        FieldKind("postcode", plural: "postcodes") { $0.contacts.postcodes.map { FieldRow(text: $0.text, span: $0.span, value: .text($0.text)) } },
        FieldKind("phone", plural: "phones") { $0.contacts.phones.map { FieldRow(text: $0.text, span: $0.span, value: .text($0.value)) } },
        FieldKind("fax", plural: "faxes") { $0.contacts.faxes.map { FieldRow(text: $0.text, span: $0.span, value: .text($0.value)) } },
        FieldKind("email", plural: "emails") { $0.contacts.emails.map { FieldRow(text: $0.text, span: $0.span) } },
        FieldKind("url", plural: "urls") { $0.contacts.urls.map { FieldRow(text: $0.text, span: $0.span) } },
        FieldKind("date", plural: "dates") { record in
            record.dates.map { date in
                let value: String
                switch date.value {
                case .point(let point): value = point
                case .interval(let start, let end): value = "\(start)/\(end)"
                }
                return FieldRow(text: date.text, span: date.span, value: .text(value), unit: date.kind.rawValue)
            }
        },
        FieldKind("count", plural: "counts") { record in
            record.counts.map {
                FieldRow(text: $0.text, span: $0.span, value: .number($0.value), unit: $0.unit, subject: $0.subject,
                         extra: $0.approximate ? #"{"approximate":true}"# : nil)
            }
        },
        FieldKind("money", plural: "money") { record in
            record.money.map {
                FieldRow(text: $0.text, span: $0.span, value: .number($0.yuan), unit: "元", extra: $0.approximate ? #"{"approximate":true}"# : nil)
            }
        },
        FieldKind("doc_number", plural: "doc_numbers") { record in
            record.docNumbers.map {
                FieldRow(text: $0.text, span: $0.span, value: .integer($0.number), subject: $0.issuer, extra: $0.year.map { #"{"year":\#($0)}"# })
            }
        },
        FieldKind("title", plural: "titles") { $0.titles.map { FieldRow(text: $0.text, span: $0.span) } },
        FieldKind("problem", plural: "problems") { $0.problems.map { FieldRow(text: $0.text, span: $0.span, value: .integer($0.index), subject: $0.heading) } },
        FieldKind("measure", plural: "measures") { $0.measures.map { FieldRow(text: $0.text, span: $0.span, value: .integer($0.index), subject: $0.heading) } },
        // A section's row is its heading, which its span starts with; the tree lives in its own table.
        FieldKind("section", plural: "sections", storedInFields: false) { record in
            record.sections.flatMap(\.flattened).map {
                FieldRow(text: $0.heading, span: Span($0.span.start, $0.span.start + $0.heading.utf8.count), value: .text($0.role.rawValue),
                         unit: String($0.level))
            }
        },
    ]
}
