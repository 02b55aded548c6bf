import HanCore

/// Titles of laws, notices and publications cited in 《…》 (nested 〈…〉 stay inside).
enum TitleRules {
    static func extract(_ context: RuleContext, _ patterns: Patterns) -> [TextField] {
        context.matches(patterns.bookTitle).map { context.field($0.span) }
    }
}
