import HanCore

/// Money (元, 万元, 亿元 → yuan) and counts (536条, 5500余条, 两名) with their unit and subject.
///
/// A unit needs a number right before it: 万元 in a table header (本年收费金额(单位:万元)) has none
/// and is never money. Numbers that belong to a claimed field (a date, a phone, a document
/// number) or to an ordinal (第二十条) are not counts. 余/多 mark an approximate value.
enum QuantityRules {
    static func money(_ context: RuleContext, _ patterns: Patterns) -> [MoneyField] {
        var found: [MoneyField] = []
        for match in context.matches(patterns.money) {
            guard let numberSpan = match[1], let unitSpan = match[3], !context.isClaimed(match.span),
                  let amount = value(context.string(numberSpan)) else { continue }
            let factor: Double
            switch context.string(unitSpan) {
            case "亿元": factor = 100_000_000
            case "万元": factor = 10_000
            case "千元": factor = 1000
            default: factor = 1
            }
            context.claim(match.span)
            let field = context.field(match.span)
            found.append(MoneyField(text: field.text, yuan: (amount * factor * 100).rounded() / 100, approximate: match[2] != nil,
                                    span: field.span))
        }
        return found
    }

    static func counts(_ context: RuleContext, _ patterns: Patterns) -> [CountField] {
        var found: [CountField] = []
        for match in context.matches(patterns.count) {
            guard let numberSpan = match[1], let unitSpan = match[3], !context.isClaimed(match.span),
                  let amount = value(context.string(numberSpan)) else { continue }
            let unit = context.string(unitSpan)
            // 一是/一个 in prose (一个重要…) is not a count; Chinese numerals count only before a measure word.
            let numberText = context.string(numberSpan)
            if numberText.unicodeScalars.first.map({ $0.value > 0x7F }) == true, unit == "个" || unit == "次" || unit == "项" || unit == "类" || unit == "处",
               amount == 1 { continue }
            if followedByPercentOrDigit(context, match.span.end) { continue }
            context.claim(match.span)
            let field = context.field(match.span)
            found.append(CountField(text: field.text, value: amount, unit: unit, subject: subject(context, before: match.span.start),
                                    approximate: match[2] != nil, span: field.span))
        }
        return found
    }

    static func followedByPercentOrDigit(_ context: RuleContext, _ offset: Int) -> Bool {
        guard offset < context.text.count else { return false }
        return context.text[offset] == 0x25
    }

    static func value(_ text: String) -> Double? {
        if let first = text.unicodeScalars.first, first.value < 0x80 { return Numerals.decimal(Substring(text)) }
        return Numerals.value(of: text).map(Double.init)
    }

    static let clauseBreaks: Set<Unicode.Scalar> = [",", "。", ";", ":", "、", "(", ")", "\n", "\r", "\t", "“", "”", "《", "》", "!", "?", " ", "|"]
    /// Words after which the subject of a count begins (共公开信息536条 → 公开信息).
    static let subjectLeads = ["累计", "共计", "总计", "合计", "全年", "其中", "共", "达", "约", "近", "为"]

    /// The noun phrase a count counts: the clause before the number, without a leading year or
    /// reporting body, at most 12 characters.
    static func subject(_ context: RuleContext, before offset: Int) -> String? {
        let lead = context.before(offset, bytes: 60)
        var scalars = Array(lead.unicodeScalars)
        if let cut = scalars.lastIndex(where: { clauseBreaks.contains($0) }) { scalars = Array(scalars[(cut + 1)...]) }
        var phrase = String(String.UnicodeScalarView(scalars))
        // Drop a leading year (2023年), then everything up to the body that reports (…办公室, 我局).
        while let first = phrase.unicodeScalars.first, first.value >= 0x30 && first.value <= 0x39 || first == "年" || first == "度" {
            phrase = String(phrase.unicodeScalars.dropFirst())
        }
        for marker in ["办公室", "政府", "我局", "我委", "我办", "我区", "我县", "我市", "我乡", "我镇", "我街", "我旗", "本机关", "本单位"] {
            if let range = lastRange(of: marker, in: phrase) { phrase = String(phrase[range.upperBound...]) }
        }
        for word in subjectLeads where phrase.hasPrefix(word) { phrase = String(phrase.dropFirst(word.count)) }
        for word in subjectLeads where phrase.hasSuffix(word) { phrase = String(phrase.dropLast(word.count)) }
        if phrase.count > 12 { phrase = String(phrase.suffix(12)) }
        return phrase.isEmpty ? nil : phrase
    }

    static func lastRange(of needle: String, in haystack: String) -> Range<String.Index>? {
        var result: Range<String.Index>?
        var index = haystack.startIndex
        while index < haystack.endIndex {
            if haystack[index...].hasPrefix(needle) {
                result = index..<haystack.index(index, offsetBy: needle.count)
            }
            index = haystack.index(after: index)
        }
        return result
    }
}
