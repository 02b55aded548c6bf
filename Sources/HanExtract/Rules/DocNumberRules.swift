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
        func add(issuerEnd: Int, maximumCharacters: Int, matchEnd: Int, year: Int?, numberSpan: Span, minimumIssuerBytes: Int) {
            let runStart = hanRunStart(context, before: issuerEnd, maximumCharacters: maximumCharacters)
            let issuerStart = trimmedIssuerStart(context, Span(runStart, issuerEnd))
            guard issuerEnd - issuerStart >= minimumIssuerBytes else { return }
            let span = Span(issuerStart, matchEnd)
            guard !context.isClaimed(span), let number = Int(context.string(numberSpan)) else { return }
            context.claim(span)
            let field = context.field(span)
            found.append(DocNumberField(text: field.text, issuer: context.string(Span(issuerStart, issuerEnd)),
                                        year: year, number: number, span: field.span))
        }
        for match in context.matches(patterns.bracketDocNumber) {
            guard let yearSpan = match[1], let numberSpan = match[2] else { continue }
            add(issuerEnd: spacesBack(context, from: match.span.start), maximumCharacters: 12, matchEnd: match.span.end,
                year: Int(context.string(yearSpan)), numberSpan: numberSpan, minimumIssuerBytes: 3)
        }
        for match in context.matches(patterns.decreeDocNumber) {
            guard let numberSpan = match[1] else { continue }
            // 令 itself ends the issuer (国令, 国务院令); a bare 令 (…的命令第3号 aside) needs a name before it.
            add(issuerEnd: match.span.start + 3, maximumCharacters: 9, matchEnd: match.span.end, year: nil,
                numberSpan: numberSpan, minimumIssuerBytes: 6)
        }
        return found.sorted { $0.span < $1.span }
    }

    /// The offset before spaces that end just at `offset`.
    static func spacesBack(_ context: RuleContext, from offset: Int) -> Int {
        var i = offset
        var spaces = 0
        while i > 0, spaces < 2, context.text[i - 1] == 0x20 || context.text[i - 1] == 0x09 { i -= 1; spaces += 1 }
        return i
    }

    /// The start of the run of Han characters ending at `end`, at most `maximumCharacters` long.
    static func hanRunStart(_ context: RuleContext, before end: Int, maximumCharacters: Int) -> Int {
        var start = end
        var characters = 0
        while start > 0, characters < maximumCharacters {
            let value = context.scalar(before: start)
            guard CharacterClasses.isHan(value), value != 0x3007 else { break }
            start -= value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
            characters += 1
        }
        return start
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
