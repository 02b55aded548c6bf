/// The extraction record of `../shared/SPEC.md`, schema 1: one per document.
///
/// Field names are the contract with the store and the scorer. A field the document does not
/// have is `nil` (encoded as JSON `null`) or an empty list, never left out.
public struct Record: Sendable, Codable, Equatable {
    public static let schemaVersion = 1

    public var schema: Int = Record.schemaVersion
    public var source: Source
    public var profile: Profile = .generic
    public var title: String?
    public var agency: String?
    /// `agency` by the documented rules of `AgencyName.canonical` (SPEC `agency_canonical`).
    public var agencyCanonical: String?
    public var year: Int?
    public var period: Period?
    /// The date the page or document gives for its publication (ISO `yyyy-MM-dd`), or nil.
    public var published: String?
    /// The page's own address when the text carries it (a crawler's 原文链接 line), or nil.
    public var sourceURL: String?
    /// The bytes `published` and `sourceURL` were read from. Not in the JSON record (SPEC gives
    /// the values only) and nil in a decoded one; the store keeps them as fields with spans.
    public var publishedText: TextField?
    public var sourceURLText: TextField?
    public var contacts = Contacts()
    public var dates: [DateField] = []
    public var counts: [CountField] = []
    public var money: [MoneyField] = []
    public var docNumbers: [DocNumberField] = []
    public var titles: [TextField] = []
    public var problems: [ItemField] = []
    public var measures: [ItemField] = []
    /// The report's outline (SPEC `sections`): one node per heading, nested.
    public var sections: [Section] = []
    public var tables: Tables?
    public var checks: [Check] = []
    public var warnings: [Warning] = []
    /// What the tables came to; nil for a profile without the standard tables.
    public var tableQuality: TableQuality?

    public init(source: Source) { self.source = source }

    enum CodingKeys: String, CodingKey {
        case schema, source, profile, title, agency
        case agencyCanonical = "agency_canonical"
        case year, period, published
        case sourceURL = "source_url"
        case contacts, dates, counts, money
        case docNumbers = "doc_numbers"
        case titles, problems, measures, sections, tables
        case tableCells = "table_cells"
        case checks, warnings
        case tableQuality = "table_quality"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(Int.self, forKey: .schema)
        source = try c.decode(Source.self, forKey: .source)
        profile = try c.decode(Profile.self, forKey: .profile)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        agency = try c.decodeIfPresent(String.self, forKey: .agency)
        agencyCanonical = try c.decodeIfPresent(String.self, forKey: .agencyCanonical)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        period = try c.decodeIfPresent(Period.self, forKey: .period)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        sourceURL = try c.decodeIfPresent(String.self, forKey: .sourceURL)
        contacts = try c.decodeIfPresent(Contacts.self, forKey: .contacts) ?? Contacts()
        dates = try c.decodeIfPresent([DateField].self, forKey: .dates) ?? []
        counts = try c.decodeIfPresent([CountField].self, forKey: .counts) ?? []
        money = try c.decodeIfPresent([MoneyField].self, forKey: .money) ?? []
        docNumbers = try c.decodeIfPresent([DocNumberField].self, forKey: .docNumbers) ?? []
        titles = try c.decodeIfPresent([TextField].self, forKey: .titles) ?? []
        problems = try c.decodeIfPresent([ItemField].self, forKey: .problems) ?? []
        measures = try c.decodeIfPresent([ItemField].self, forKey: .measures) ?? []
        sections = try c.decodeIfPresent([Section].self, forKey: .sections) ?? []
        tables = try c.decodeIfPresent(Tables.self, forKey: .tables)
        checks = try c.decodeIfPresent([Check].self, forKey: .checks) ?? []
        warnings = try c.decodeIfPresent([Warning].self, forKey: .warnings) ?? []
        tableQuality = try c.decodeIfPresent(TableQuality.self, forKey: .tableQuality)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(source, forKey: .source)
        try c.encode(profile, forKey: .profile)
        try c.encode(title, forKey: .title)
        try c.encode(agency, forKey: .agency)
        try c.encode(agencyCanonical, forKey: .agencyCanonical)
        try c.encode(year, forKey: .year)
        try c.encode(period, forKey: .period)
        try c.encode(published, forKey: .published)
        try c.encode(sourceURL, forKey: .sourceURL)
        try c.encode(contacts, forKey: .contacts)
        try c.encode(dates, forKey: .dates)
        try c.encode(counts, forKey: .counts)
        try c.encode(money, forKey: .money)
        try c.encode(docNumbers, forKey: .docNumbers)
        try c.encode(titles, forKey: .titles)
        try c.encode(problems, forKey: .problems)
        try c.encode(measures, forKey: .measures)
        try c.encode(sections, forKey: .sections)
        try c.encode(tables, forKey: .tables)
        try c.encode(tables?.longForm ?? [], forKey: .tableCells)
        try c.encode(checks, forKey: .checks)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(tableQuality, forKey: .tableQuality)
    }
}

/// Where a record came from.
public struct Source: Sendable, Codable, Equatable {
    public var path: String
    public var sha256: String
    public var bytes: Int
    /// The encoding the document was decoded from ("UTF-8", "GB18030", "UTF-16LE", …).
    public var encoding: String
    /// What the bytes were (text, html, pdf, docx); spans point into the canonical text of that format.
    public var format: DocumentFormat

    public init(path: String, sha256: String, bytes: Int, encoding: String, format: DocumentFormat = .text) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.encoding = encoding
        self.format = format
    }

    enum CodingKeys: String, CodingKey { case path, sha256, bytes, encoding, format }

    /// Records written before `format` existed were all plain text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        sha256 = try c.decode(String.self, forKey: .sha256)
        bytes = try c.decode(Int.self, forKey: .bytes)
        encoding = try c.decode(String.self, forKey: .encoding)
        format = try c.decodeIfPresent(DocumentFormat.self, forKey: .format) ?? .text
    }
}

/// Which template a document follows; decides which tables and checks apply.
public enum Profile: String, Sendable, Codable, CaseIterable {
    /// 政府信息公开工作年度报告 on the 2021 template (国办公开办函〔2021〕30号), reports for 2021 on.
    case govDisclosure2021 = "gov-disclosure-2021"
    /// The 2019–2020 template (国办公开办函〔2019〕60号), with its different table 2.
    case govDisclosure2019 = "gov-disclosure-2019"
    /// 2008–2018 reports: no fixed tables.
    case govDisclosureLegacy = "gov-disclosure-legacy"
    /// Anything else (政府工作报告, 统计公报, 法治政府建设报告, …).
    case generic

    /// Whether the standard tables and their checks apply.
    public var hasStandardTables: Bool { self == .govDisclosure2021 || self == .govDisclosure2019 }
}

/// The period reported on, as ISO dates.
public struct Period: Sendable, Codable, Equatable {
    public var start: String
    public var end: String
    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }
}

/// A piece of text found in the document, with its span.
public struct TextField: Sendable, Codable, Equatable {
    public var text: String
    public var span: Span
    public init(text: String, span: Span) {
        self.text = text
        self.span = span
    }
}

public struct Contacts: Sendable, Codable, Equatable {
    public var addresses: [TextField] = []
    public var postcodes: [TextField] = []
    public var phones: [PhoneField] = []
    public var faxes: [PhoneField] = []
    public var emails: [TextField] = []
    public var urls: [TextField] = []
    public init() {}

    public var isEmpty: Bool {
        addresses.isEmpty && postcodes.isEmpty && phones.isEmpty && faxes.isEmpty && emails.isEmpty && urls.isEmpty
    }
}

/// A phone or fax number; `value` is the E.164-like form `+86-632-8808199`.
public struct PhoneField: Sendable, Codable, Equatable {
    public var text: String
    public var value: String
    public var span: Span
    public init(text: String, value: String, span: Span) {
        self.text = text
        self.value = value
        self.span = span
    }
}

/// A date or a date range.
public struct DateField: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case day, month, year, quarter, half, range }

    /// A single ISO date (`2023-01-01`, `2023-01`, `2023`) or an interval.
    public enum Value: Sendable, Equatable, Codable {
        case point(String)
        case interval(start: String, end: String)

        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer().decode(String.self) {
                self = .point(single)
                return
            }
            let period = try Period(from: decoder)
            self = .interval(start: period.start, end: period.end)
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .point(let value):
                var c = encoder.singleValueContainer()
                try c.encode(value)
            case .interval(let start, let end):
                try Period(start: start, end: end).encode(to: encoder)
            }
        }
    }

    public var text: String
    public var value: Value
    public var kind: Kind
    public var span: Span
    public init(text: String, value: Value, kind: Kind, span: Span) {
        self.text = text
        self.value = value
        self.kind = kind
        self.span = span
    }
}

/// A count: a number with its unit and what it counts (主动公开信息536条).
public struct CountField: Sendable, Codable, Equatable {
    public var text: String
    public var value: Double
    public var unit: String
    public var subject: String?
    /// True for 余/多/约 counts (5500余条): the value is a lower bound or an estimate.
    public var approximate: Bool
    public var span: Span
    public init(text: String, value: Double, unit: String, subject: String?, approximate: Bool, span: Span) {
        self.text = text
        self.value = value
        self.unit = unit
        self.subject = subject
        self.approximate = approximate
        self.span = span
    }

    enum CodingKeys: String, CodingKey { case text, value, unit, subject, approximate, span }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(JSONNumber(value), forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(subject, forKey: .subject)
        try c.encode(approximate, forKey: .approximate)
        try c.encode(span, forKey: .span)
    }
}

/// An amount of money, normalised to yuan.
public struct MoneyField: Sendable, Codable, Equatable {
    public var text: String
    public var yuan: Double
    public var approximate: Bool
    public var span: Span
    public init(text: String, yuan: Double, approximate: Bool, span: Span) {
        self.text = text
        self.yuan = yuan
        self.approximate = approximate
        self.span = span
    }

    enum CodingKeys: String, CodingKey { case text, yuan, approximate, span }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(JSONNumber(yuan), forKey: .yuan)
        try c.encode(approximate, forKey: .approximate)
        try c.encode(span, forKey: .span)
    }
}

/// A document number (文号): 国办公开办函〔2019〕60号.
public struct DocNumberField: Sendable, Codable, Equatable {
    public var text: String
    public var issuer: String
    public var year: Int?
    public var number: Int
    public var span: Span
    public init(text: String, issuer: String, year: Int?, number: Int, span: Span) {
        self.text = text
        self.issuer = issuer
        self.year = year
        self.number = number
        self.span = span
    }
}

/// One enumerated item under a problems or measures heading.
public struct ItemField: Sendable, Codable, Equatable {
    public var heading: String
    public var index: Int
    public var text: String
    public var span: Span
    public init(heading: String, index: Int, text: String, span: Span) {
        self.heading = heading
        self.index = index
        self.text = text
        self.span = span
    }
}

/// One consistency check (勾稽关系). `ok` is nil when a cell it needs is missing.
public struct Check: Sendable, Codable, Equatable {
    public var rule: String
    public var ok: Bool?
    public var detail: String
    public init(rule: String, ok: Bool?, detail: String) {
        self.rule = rule
        self.ok = ok
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey { case rule, ok, detail }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(ok, forKey: .ok)
        try c.encode(detail, forKey: .detail)
    }
}

/// Something the extractor noticed and the user should know (a blank cell, a regex time-out, …).
public struct Warning: Sendable, Codable, Equatable {
    public var code: String
    public var message: String
    public var span: Span?
    public init(code: String, message: String, span: Span? = nil) {
        self.code = code
        self.message = message
        self.span = span
    }

    enum CodingKeys: String, CodingKey { case code, message, span }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(span, forKey: .span)
    }
}

/// A number that encodes as a JSON integer when it is one (536, not 536.0).
public struct JSONNumber: Sendable, Codable, Equatable {
    public var value: Double
    public init(_ value: Double) { self.value = value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if value.rounded() == value, abs(value) < 9.0e15 {
            try c.encode(Int64(value))
        } else {
            try c.encode(value)
        }
    }
}
