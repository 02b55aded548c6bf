import HanCore

/// Document numbers (文号): `国办公开办函〔2019〕60号` with any of the bracket pairs reports use
/// (〔〕 [] () 【】), and decree numbers `国令第 711 号` / `国务院令第711号`.
///
/// They run first: the year inside the brackets is part of the number, never a date of the report.
/// The issuer is the run of Han characters before the bracket, without a leading verb or
/// connective (印发, 根据, 和 …) that the run swallowed.
enum DocNumberRules {
    static let leadingWords = ["关于印发", "印发", "转发", "根据", "依据", "按照", "贯彻", "落实", "执行", "参照", "结合", "以及",
                               "通知", "文件", "精神", "要求", "规定", "和", "及", "与", "的", "即", "见"]

    static func extract(_ context: RuleContext, _ patterns: Patterns) -> [DocNumberField] {
        var found: [DocNumberField] = []
        for match in context.matches(patterns.bracketDocNumber) {
            guard let issuerSpan = match[1], let yearSpan = match[2], let numberSpan = match[3] else { continue }
            let issuerStart = trimmedIssuerStart(context, issuerSpan)
            guard issuerStart < issuerSpan.end else { continue }
            let span = Span(issuerStart, match.span.end)
            guard !context.isClaimed(span), let number = Int(context.string(numberSpan)) else { continue }
            context.claim(span)
            let field = context.field(span)
            found.append(DocNumberField(text: field.text, issuer: context.string(Span(issuerStart, issuerSpan.end)),
                                        year: Int(context.string(yearSpan)), number: number, span: field.span))
        }
        for match in context.matches(patterns.decreeDocNumber) {
            guard let issuerSpan = match[1], let numberSpan = match[2] else { continue }
            let issuerStart = trimmedIssuerStart(context, issuerSpan)
            let span = Span(issuerStart, match.span.end)
            // A bare 令 (…的命令第3号) is not an issuer.
            guard issuerSpan.end - issuerStart >= 6, !context.isClaimed(span), let number = Int(context.string(numberSpan)) else { continue }
            context.claim(span)
            let field = context.field(span)
            found.append(DocNumberField(text: field.text, issuer: context.string(Span(issuerStart, issuerSpan.end)),
                                        year: nil, number: number, span: field.span))
        }
        return found.sorted { $0.span < $1.span }
    }

    /// Moves the start of an issuer past words that are not part of it (印发揭府办 → 揭府办): the
    /// issuer starts after the last such word inside the run.
    static func trimmedIssuerStart(_ context: RuleContext, _ span: Span) -> Int {
        let text = context.text
        var start = span.start
        for word in leadingWordBytes {
            if let hit = Bytes.lastIndex(of: word, in: text, from: start, to: span.end), hit + word.count < span.end {
                start = max(start, hit + word.count)
            }
        }
        return start
    }

    static let leadingWordBytes: [[UInt8]] = leadingWords.map { Array($0.utf8) }
}
