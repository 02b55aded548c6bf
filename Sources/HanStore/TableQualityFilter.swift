/// The SQL that selects documents by what their tables came to (the `table_quality` table).
///
/// One definition for every command that takes `--complete` (check, export, the indicators), so
/// "complete" means the same everywhere: every template cell the document has was read, a cell
/// printed blank counting as read; none ambiguous, none unread. A document without a
/// `table_quality` row (no standard tables, or stored before schema v5) is not complete.
public enum TableQualityFilter {
    /// A condition on the documents table aliased `alias`: true for complete documents only.
    public static func complete(documentAlias alias: String) -> String {
        "\(alias).id IN (SELECT document_id FROM table_quality WHERE read = cells)"
    }
}
