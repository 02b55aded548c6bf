import HanCore

/// Problems and measures: the enumerated items under headings such as 存在的主要问题, 改进措施.
///
/// 1. A section starts at a heading naming problems or measures (`五、存在的主要问题及改进情况`,
///    or such a phrase alone at the start of a line) and ends at the next top-level heading
///    (`六、`) or `其他需要报告的事项`. The phrase inside a sentence (全文包括…存在的主要问题及改进情况…)
///    is not a heading.
/// 2. The section splits into segments at sub-headings (`(一)主要问题`, `(二)存在问题:`, `改进措施:`)
///    and at sentences that announce measures (…将采取以下措施加以改进, 下一步…). A segment is
///    problems, measures, or neither: `(一)2022年问题整改情况` reports last year's fixes, so its
///    items are neither. Text before any sub-heading takes the section heading's role.
/// 3. In a segment, the first enumerator numbered one (一是, (一), 1., 第一,) fixes the series;
///    its successors 2, 3, … split the items. An item runs to the next enumerator of the series,
///    the last one to the end of its paragraph or segment. Text is the original bytes without the
///    enumerator and without trailing punctuation. A segment in prose gives no items.
enum ItemRules {
    enum Role { case problems, measures, neither }

    struct Segment {
        var span: Span
        var role: Role
        var heading: String
    }

    static let measureCues = ["以下措施", "如下措施", "下一步", "下步", "今后", "将采取", "将从以下", "加以改进", "改进措施如下", "努力方向", "工作打算"]

    static func extract(_ context: RuleContext, _ patterns: Patterns) -> (problems: [ItemField], measures: [ItemField]) {
        var problems: [ItemField] = []
        var measures: [ItemField] = []
        let sections = findSections(context, patterns)
        for (headingSpan, body) in sections {
            let heading = context.string(headingSpan)
            for segment in segments(context, patterns, heading: heading, body: body) where segment.role != .neither {
                let items = enumeratedItems(context, patterns, in: segment)
                if segment.role == .problems { problems.append(contentsOf: items) } else { measures.append(contentsOf: items) }
            }
        }
        return (problems, measures)
    }

    static func role(of heading: String, default fallback: Role) -> Role {
        if heading.hasAny(["整改情况", "落实情况", "整改落实", "上年度", "上一年度", "去年"]) { return .neither }
        if heading.hasAny(["年问题", "年度问题"]) && heading.has("整改") { return .neither }
        if heading.hasAny(["问题", "不足"]) && !heading.hasAny(["改进", "措施", "整改", "方向", "计划", "打算"]) { return .problems }
        if heading.hasAny(["问题", "不足"]) { return .problems }
        if heading.hasAny(["措施", "改进", "下一步", "计划", "打算", "方向", "建议"]) { return .measures }
        return fallback
    }

    /// The sections: the heading's span and the body after it.
    static func findSections(_ context: RuleContext, _ patterns: Patterns) -> [(Span, Span)] {
        let headings = context.matches(patterns.itemSection).compactMap { $0[1] }
        guard !headings.isEmpty else { return [] }
        let tops = context.matches(patterns.topHeading)
        var sections: [(Span, Span)] = []
        var lastEnd = -1
        for heading in headings where heading.start >= lastEnd {
            let end = tops.first { $0.span.start >= heading.end }?.span.start ?? context.text.count
            guard end > heading.end else { continue }
            sections.append((heading, Span(heading.end, end)))
            lastEnd = end
        }
        return sections
    }

    static func segments(_ context: RuleContext, _ patterns: Patterns, heading: String, body: Span) -> [Segment] {
        // Boundaries: sub-headings, then cue sentences.
        var boundaries: [(start: Int, contentStart: Int, role: Role?, heading: String)] = []
        for match in context.matches(patterns.subHeading) where match.span.start >= body.start && match.span.end <= body.end {
            guard let textSpan = match[2] else { continue }
            var contentStart = textSpan.end
            if contentStart < body.end, context.text[contentStart] == 0x3A { contentStart += 1 }
            let text = context.string(textSpan)
            boundaries.append((match.span.start, contentStart, role(of: text, default: .neither), text))
        }
        for sentence in sentences(context, in: body) {
            let text = context.string(sentence)
            guard measureCues.contains(where: { text.has($0) }), !startsWithEnumerator(text),
                  !boundaries.contains(where: { $0.start <= sentence.start && sentence.start < $0.contentStart }) else { continue }
            boundaries.append((sentence.start, sentence.end, .measures, "改进措施"))
        }
        boundaries.sort { $0.start < $1.start }
        var result: [Segment] = []
        var start = body.start
        var currentRole = role(of: heading, default: .problems)
        var currentHeading = heading
        for boundary in boundaries where boundary.start >= start {
            if boundary.start > start { result.append(Segment(span: Span(start, boundary.start), role: currentRole, heading: currentHeading)) }
            currentRole = boundary.role ?? currentRole
            currentHeading = boundary.heading
            start = max(start, boundary.contentStart)
        }
        if start < body.end { result.append(Segment(span: Span(start, body.end), role: currentRole, heading: currentHeading)) }
        return result
    }

    /// Sentences of a span, ended by 。 ! ? : or a line break (the terminator included).
    static func sentences(_ context: RuleContext, in span: Span) -> [Span] {
        var result: [Span] = []
        let text = context.text
        var start = span.start
        var i = span.start
        while i < span.end {
            let b = text[i]
            var terminatorLength = 0
            if b == 0x0A || b == 0x21 || b == 0x3F || b == 0x3A { terminatorLength = 1 }
            else if b == 0xE3, i + 2 < span.end, text[i + 1] == 0x80, text[i + 2] == 0x82 { terminatorLength = 3 }  // 。
            if terminatorLength > 0 {
                if i + terminatorLength > start { result.append(Span(start, i + terminatorLength)) }
                start = i + terminatorLength
                i += terminatorLength
            } else {
                i += 1
            }
        }
        if start < span.end { result.append(Span(start, span.end)) }
        return result
    }

    static func startsWithEnumerator(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = trimmed.unicodeScalars.first else { return false }
        if first == "(" || first == "第" { return true }
        if first.value >= 0x30, first.value <= 0x39 {
            let next = trimmed.unicodeScalars.drop { $0.value >= 0x30 && $0.value <= 0x39 }.first
            return next == "." || next == "、"
        }
        if Numerals.digitValue(first) != nil || first == "十" {
            let rest = trimmed.unicodeScalars.dropFirst()
            return rest.first == "是" || rest.first == "、"
        }
        return false
    }

    struct Enumerator {
        var span: Span
        var kind: Int
        var value: Int
    }

    static func enumeratedItems(_ context: RuleContext, _ patterns: Patterns, in segment: Segment) -> [ItemField] {
        var marks: [Enumerator] = []
        for match in context.matches(patterns.enumerator) where match.span.start >= segment.span.start && match.span.end <= segment.span.end {
            for kind in 1...4 {
                guard let group = match[kind], let value = Numerals.value(of: context.string(group)) else { continue }
                marks.append(Enumerator(span: match.span, kind: kind, value: value))
            }
        }
        guard let first = marks.first(where: { $0.value == 1 }) else { return [] }
        var series = [first]
        for mark in marks where mark.span.start > series.last!.span.end && mark.kind == first.kind && mark.value == series.last!.value + 1 {
            series.append(mark)
        }
        var items: [ItemField] = []
        for (index, mark) in series.enumerated() {
            let end: Int
            if index + 1 < series.count {
                end = series[index + 1].span.start
            } else {
                end = paragraphEnd(context, from: mark.span.end, limit: segment.span.end)
            }
            let span = trimItem(context, Span(mark.span.end, max(mark.span.end, end)))
            guard span.length > 0 else { continue }
            let field = context.field(span)
            items.append(ItemField(heading: segment.heading, index: mark.value, text: field.text, span: field.span))
        }
        return items
    }

    /// The end of the paragraph an item's text starts in: the first line break after some text.
    static func paragraphEnd(_ context: RuleContext, from start: Int, limit: Int) -> Int {
        var i = start
        let text = context.text
        var sawText = false
        while i < limit {
            let b = text[i]
            if b == 0x0A, sawText { return i }
            if b != 0x20, b != 0x09, b != 0x0A, b != 0x0D { sawText = true }
            i += 1
        }
        return limit
    }

    static func trimItem(_ context: RuleContext, _ span: Span) -> Span {
        let text = context.text
        var start = span.start
        var end = span.end
        let leading: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x3A, 0x2C, 0x2E]
        while start < end, leading.contains(text[start]) { start += 1 }
        while end > start {
            let b = text[end - 1]
            if [0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x2C, 0x2E, 0x3A].contains(b) { end -= 1; continue }
            // 。 and 、 (E3 80 82 / E3 80 81)
            if end - 3 >= start, text[end - 3] == 0xE3, text[end - 2] == 0x80, text[end - 1] == 0x82 || text[end - 1] == 0x81 { end -= 3; continue }
            break
        }
        return Span(start, end)
    }
}
