import GRDB
import HanCore

/// `--section ROLE`: keep what stands in the parts of a report that play one template role
/// (SPEC `sections`), for `search` and `export`.
///
/// `problems` and `measures` also take the spans of the extracted items of that kind, so a
/// report whose problems section has no sub-heading of its own still counts; every other role
/// is the outline's alone. The role is one of `SectionRole`'s fixed names, never user text, so
/// it is written into the SQL as a literal.
public struct SectionFilter: Sendable, Equatable {
    public let role: SectionRole

    public init(_ role: SectionRole) { self.role = role }

    /// The `fields.kind` of the items that count as this role, if any.
    var itemKind: String? {
        switch role {
        case .problems: return "problem"
        case .measures: return "measure"
        default: return nil
        }
    }

    /// A condition on document `d`: it has a part playing the role.
    public var documentSQL: String {
        var sql = "EXISTS (SELECT 1 FROM sections s WHERE s.document_id = d.id AND s.role = '\(role.rawValue)')"
        if let itemKind { sql = "(\(sql) OR EXISTS (SELECT 1 FROM fields i WHERE i.document_id = d.id AND i.kind = '\(itemKind)'))" }
        return sql
    }

    /// A condition on a span of document `d` (given as two column expressions): it lies inside a
    /// part playing the role.
    public func containsSQL(start: String, end: String) -> String {
        var sql = """
            EXISTS (SELECT 1 FROM sections s WHERE s.document_id = d.id AND s.role = '\(role.rawValue)'
                    AND s.span_start <= \(start) AND \(end) <= s.span_end)
            """
        if let itemKind {
            sql = """
                (\(sql) OR EXISTS (SELECT 1 FROM fields i WHERE i.document_id = d.id AND i.kind = '\(itemKind)'
                                    AND i.span_start <= \(start) AND \(end) <= i.span_end))
                """
        }
        return sql
    }

    /// The spans of one document that play the role.
    func spans(_ db: Database, document: Int64) throws -> [Span] {
        var sql = "SELECT span_start, span_end FROM sections WHERE document_id = ? AND role = '\(role.rawValue)'"
        if let itemKind { sql += " UNION ALL SELECT span_start, span_end FROM fields WHERE document_id = ? AND kind = '\(itemKind)'" }
        let arguments: StatementArguments = itemKind == nil ? [document] : [document, document]
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).compactMap { row in
            let start: Int = row[0]
            let end: Int = row[1]
            return start <= end ? Span(start, end) : nil
        }
    }

    /// Whether `span` lies inside one of `spans`.
    static func holds(_ spans: [Span], _ span: Span) -> Bool { spans.contains { $0.contains(span) } }
}
