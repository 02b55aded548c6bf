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

    static let sectionKeywords = ["存在的主要问题", "存在主要问题", "主要问题", "存在的问题", "存在问题", "问题和不足", "不足之处",
                                  "改进措施", "整改措施", "下一步工作", "下一步打算", "下一步计划", "工作打算", "努力方向"]
        .map { Array($0.utf8) }
    static let headingTails = ["及改进情况", "和改进情况", "及改进措施", "和改进措施", "与改进措施", "及整改情况", "和整改措施", "及整改措施",
                               "改进情况", "和建议", "及建议", "及努力方向", "情况", "措施", "工作", "方向", "计划", "打算", "建议"]
        .map { Array($0.utf8) }

    /// The sections: the heading's span and the body after it, up to the next top-level heading.
    /// A heading is a keyword phrase at the start of a line (after an optional `五、`), or right
    /// after `五、` wherever that stands (one-line crawled pages), with at most 16 characters and
    /// no punctuation between.
    static func findSections(_ context: RuleContext, _ patterns: Patterns) -> [(Span, Span)] {
        let text = context.text
        var headings: [Span] = []
        for keyword in sectionKeywords {
            var from = 0
            while let hit = Bytes.firstIndex(of: keyword, in: text, from: from, to: text.count) {
                from = hit + keyword.count
                guard !headings.contains(where: { $0.start <= hit && hit < $0.end }),
                      let start = headingStart(context, keywordAt: hit) else { continue }
                var end = hit + keyword.count
                for tail in headingTails where end + tail.count <= text.count && Array(text[end..<(end + tail.count)]) == tail {
                    end += tail.count
                    break
                }
                // A heading ends its line or runs into what it heads (:, (一), 2023年…); 针对存在问题，… is prose.
                let next = end < text.count ? text[end] : 0x0A
                guard [0x0A, 0x0D, 0x3A, 0x28, 0x20, 0x09].contains(next) || (next >= 0x30 && next <= 0x39)
                        || (end + 3 <= text.count && text[end] == 0xE3 && text[end + 1] == 0x80 && text[end + 2] == 0x82) else { continue }
                headings.append(Span(start, end))
            }
        }
        headings.sort()
        guard !headings.isEmpty else { return [] }
        let tops = context.matches(patterns.topHeading)
        var sections: [(Span, Span)] = []
        var lastEnd = -1
        for heading in headings where heading.start >= lastEnd {
            let end = tops.first { $0.span.start >= heading.end }?.span.start ?? text.count
            guard end > heading.end else { continue }
            sections.append((heading, Span(heading.end, end)))
            lastEnd = end
        }
        return sections
    }

    /// Where the heading phrase containing a keyword at `offset` starts, or nil when the keyword
    /// stands inside a sentence.
    static func headingStart(_ context: RuleContext, keywordAt offset: Int) -> Int? {
        var i = offset
        var characters = 0
        while characters <= 16 {
            if i == 0 { return 0 }
            let value = context.scalar(before: i)
            let width = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
            switch value {
            case 0x0A: return i
            case 0x20, 0x09:
                // Spaces before the phrase at a line start are fine; elsewhere they end it.
                if lineStartsBefore(context, i) { return i }
            case 0x3001:  // 、 after a numeral: a top-level heading 五、
                var j = i - width
                var numerals = 0
                while j > 0, numerals < 2, let scalar = Unicode.Scalar(context.scalar(before: j)), isChineseNumeral(scalar) {
                    j -= 3
                    numerals += 1
                }
                guard numerals > 0 else { return nil }
                let before = context.scalar(before: j)
                if j == 0 || [0x0A, 0x20, 0x09, 0x3002, 0x7C].contains(before) || (before >= 0x30 && before <= 0x39) { return i }
                return nil
            case 0x3002, 0x2C, 0x3A, 0x3B, 0x28, 0x29, 0x201C, 0x201D, 0x300A, 0x300B, 0xFF0C: return nil
            default: break
            }
            i -= width
            characters += 1
        }
        return nil
    }

    static func lineStartsBefore(_ context: RuleContext, _ offset: Int) -> Bool {
        var i = offset
        while i > 0 {
            let b = context.text[i - 1]
            if b == 0x0A { return true }
            if b != 0x20, b != 0x09 { return false }
            i -= 1
        }
        return true
    }

    static func isChineseNumeral(_ scalar: Unicode.Scalar) -> Bool {
        "一二三四五六七八九十".unicodeScalars.contains(scalar)
    }

    static func segments(_ context: RuleContext, _ patterns: Patterns, heading: String, body: Span) -> [Segment] {
        // Boundaries: sub-headings, then cue sentences.
        var boundaries: [(start: Int, contentStart: Int, role: Role?, heading: String)] = []
        for match in context.matches(patterns.subHeading, in: body.start..<body.end) {
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
        for match in context.matches(patterns.enumerator, in: segment.span.start..<segment.span.end) {
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
