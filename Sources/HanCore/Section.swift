/// A node of a report's outline (`sections` in SPEC.md): a heading, its level, the part of the
/// national template it plays, the span of the whole section (heading included) and its children.
///
/// Invariants: a child's span lies inside its parent's; siblings are in document order and do
/// not overlap; `level` is the parent's level + 1 (the top level is 1).
public struct Section: Sendable, Codable, Equatable {
    public var heading: String
    public var level: Int
    public var role: SectionRole
    public var span: Span
    public var children: [Section]

    public init(heading: String, level: Int, role: SectionRole, span: Span, children: [Section] = []) {
        self.heading = heading
        self.level = level
        self.role = role
        self.span = span
        self.children = children
    }

    /// This node and every node below it, depth first, in document order.
    public var flattened: [Section] {
        [self] + children.flatMap(\.flattened)
    }
}

/// The part of the disclosure-report template a section plays, from its heading's words.
public enum SectionRole: String, Sendable, Codable, CaseIterable {
    case overview
    case proactive
    case onRequest = "on_request"
    case management
    case platform
    case supervision
    case tableProactive = "table_proactive"
    case tableApplications = "table_applications"
    case tableReview = "table_review"
    case problemsAndMeasures = "problems_and_measures"
    case otherMatters = "other_matters"
    case problems
    case measures
    case unknown
}
