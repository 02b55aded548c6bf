import HanCore

/// Dates and date ranges, as points (`2023-01-01`, `2023-03`, `2023`) or intervals.
///
/// Precedence, longest first: full ranges (2023年1月1日至2023年12月31日, the end inheriting the
/// start's year), month ranges (2023年1-6月), year ranges (2021—2023年), full dates in Chinese or
/// numeric form, month-days (12月31日, inheriting the year last written before them, else the
/// report's), year-months, parts of a year (上半年, 第三季度, 年底), bare years (二〇二三年,
/// 2023年度), and relative words (本年, 上年度, 去年 …), which resolve against the report's year,
/// never against today. A span already claimed (a document number's 〔2019〕, a phone) is skipped.
enum DateRules {
    static func extract(_ context: RuleContext, _ patterns: Patterns) -> [DateField] {
        var found: [DateField] = []
        func add(_ span: Span, _ value: DateField.Value, _ kind: DateField.Kind) {
            guard !context.isClaimed(span) else { return }
            context.claim(span)
            let field = context.field(span)
            found.append(DateField(text: field.text, value: value, kind: kind, span: field.span))
        }
        func addPart(_ part: String, quarter: Span?, year y: Int, span: Span) {
            var span = span
            var kind = DateField.Kind.range
            let value: DateField.Value
            switch part {
            case "上半年": value = .interval(start: iso(y, 1, 1), end: iso(y, 6, 30)); kind = .half
            case "下半年": value = .interval(start: iso(y, 7, 1), end: iso(y, 12, 31)); kind = .half
            case "前三季度": value = .interval(start: iso(y, 1, 1), end: iso(y, 9, 30))
            case "底", "末", "年底", "年末":
                let lead = context.before(span.start, bytes: 6)
                if lead == "截至" || lead == "截止" {
                    span = Span(span.start - 6, span.end)
                    value = .point(iso(y, 12, 31))
                    kind = .day
                } else {
                    value = .interval(start: iso(y, 12, 1), end: iso(y, 12, 31))
                }
            case "初": value = .interval(start: iso(y, 1, 1), end: iso(y, 1, 31))
            default:
                guard let quarter, let q = Numerals.value(of: context.string(quarter)), (1...4).contains(q) else { return }
                value = .interval(start: iso(y, 3 * q - 2, 1), end: iso(y, 3 * q, daysIn(y, 3 * q)))
                kind = .quarter
            }
            add(span, value, kind)
        }
        for match in context.matches(patterns.dateRange) {
            guard let y1 = year(context, match[1]), let m1 = month(context, match[2]), let d1 = day(context, match[3]),
                  let d2 = day(context, match[6]) else { continue }
            let y2 = year(context, match[4]) ?? y1
            let m2 = month(context, match[5]) ?? m1
            guard valid(y1, m1, d1), valid(y2, m2, d2) else { continue }
            add(match.span, .interval(start: iso(y1, m1, d1), end: iso(y2, m2, d2)), .range)
        }
        for match in context.matches(patterns.monthRange) {
            guard let y = year(context, match[1]), let m1 = month(context, match[2]), let m2 = month(context, match[3]), m1 <= m2 else { continue }
            add(match.span, .interval(start: iso(y, m1, 1), end: iso(y, m2, daysIn(y, m2))), .range)
        }
        for match in context.matches(patterns.yearRange) {
            guard let y1 = year(context, match[1]), let y2 = year(context, match[2]), y1 < y2 else { continue }
            add(match.span, .interval(start: iso(y1, 1, 1), end: iso(y2, 12, 31)), .range)
        }
        for match in context.matches(patterns.fullDate) {
            guard let y = year(context, match[1]), let m = month(context, match[2]), let d = day(context, match[3]), valid(y, m, d) else { continue }
            add(match.span, .point(iso(y, m, d)), .day)
        }
        for match in context.matches(patterns.numericDate) {
            guard let y = year(context, match[1]), let m = month(context, match[3]), let d = day(context, match[4]), valid(y, m, d) else { continue }
            add(match.span, .point(iso(y, m, d)), .day)
        }
        for match in context.matches(patterns.compactDate) {
            // 20230305: eight digits standing alone (not inside a longer number or a code).
            let previous = context.scalar(before: match.span.start)
            guard !(previous >= 0x30 && previous <= 0x39), previous != 0x2D, previous != 0x2E, previous != 0x2F, !(previous >= 0x41 && previous <= 0x7A),
                  let y = year(context, match[1]), let m = month(context, match[2]), let d = day(context, match[3]), valid(y, m, d) else { continue }
            add(match.span, .point(iso(y, m, d)), .day)
        }
        for match in context.matches(patterns.yearMonth) {
            guard let y = year(context, match[1]), let m = month(context, match[2]) else { continue }
            if let part = match[3] {
                let (first, last) = tenDays(context.string(part), y, m)
                add(match.span, .interval(start: iso(y, m, first), end: iso(y, m, last)), .range)
            } else {
                add(match.span, .point(isoMonth(y, m)), .month)
            }
        }
        for match in context.matches(patterns.yearPart) {
            guard let y = year(context, match[1]), let partSpan = match[2] else { continue }
            addPart(context.string(partSpan), quarter: match[3], year: y, span: match.span)
        }
        if let reportYear = context.year {
            for match in context.matches(patterns.relativePart) where !isInsideWord(context, match.span) {
                addPart(context.string(match[1] ?? match.span), quarter: match[2], year: reportYear, span: match.span)
            }
        }
        for match in context.matches(patterns.yearOnly) {
            guard let y = year(context, match[1]) else { continue }
            // 2023年 as part of 2023年度报告 or a count of years (3年) is still the year 2023.
            add(match.span, .point(String(y)), .year)
        }
        // Month-days inherit the year written last before them.
        let yearMarks = found.compactMap { field -> (Int, Int)? in
            switch field.value {
            case .point(let iso): return Int(iso.prefix(4)).map { (field.span.start, $0) }
            case .interval(_, let end): return Int(end.prefix(4)).map { (field.span.start, $0) }
            }
        }.sorted { $0.0 < $1.0 }
        for match in context.matches(patterns.monthDay) {
            let previous = context.scalar(before: match.span.start)
            guard !(previous >= 0x30 && previous <= 0x39), previous != 0x5E74, previous != 0x6708,  // 年 月
                  let m = month(context, match[1]), let d = day(context, match[2]) else { continue }
            let original = context.document.originalSpan(match.span).start
            let y = yearMarks.last { $0.0 < original }?.1 ?? context.year
            guard let y, valid(y, m, d) else { continue }
            add(match.span, .point(iso(y, m, d)), .day)
        }
        if let reportYear = context.year {
            for match in context.matches(patterns.relative) {
                let word = context.string(match.span)
                let y: Int
                switch word {
                case "本年度", "本年", "今年": y = reportYear
                case "上年度", "上年", "去年", "上一年度", "上一年": y = reportYear - 1
                default: y = reportYear + 1
                }
                add(match.span, .point(String(y)), .year)
            }
        }
        return found.sorted { $0.span < $1.span }
    }

    /// 上半年 inside a longer word is still a date; 年底 alone needs an explicit year. This guards
    /// words such as 每年底 only loosely: a part of a year right after another Han character that
    /// is not a year marker is skipped.
    static func isInsideWord(_ context: RuleContext, _ span: Span) -> Bool {
        let before = context.before(span.start, bytes: 3)
        guard let last = before.unicodeScalars.last else { return false }
        return last == "每" || last == "近"
    }

    static func year(_ context: RuleContext, _ span: Span?) -> Int? {
        guard let span else { return nil }
        let text = context.string(span)
        guard let value = Numerals.value(of: text), (1900...2099).contains(value) else { return nil }
        return value
    }

    static func month(_ context: RuleContext, _ span: Span?) -> Int? {
        guard let span, let value = Numerals.value(of: context.string(span)), (1...12).contains(value) else { return nil }
        return value
    }

    static func day(_ context: RuleContext, _ span: Span?) -> Int? {
        guard let span, let value = Numerals.value(of: context.string(span)), (1...31).contains(value) else { return nil }
        return value
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool { (1...12).contains(m) && d >= 1 && d <= daysIn(y, m) }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func tenDays(_ part: String, _ y: Int, _ m: Int) -> (Int, Int) {
        switch part {
        case "上": return (1, 10)
        case "中": return (11, 20)
        default: return (21, daysIn(y, m))
        }
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)-\(pad(m))-\(pad(d))" }
    static func isoMonth(_ y: Int, _ m: Int) -> String { "\(y)-\(pad(m))" }

    /// The inclusive interval a date value covers (a point covers its whole day, month or year).
    public static func interval(of value: DateField.Value) -> (start: String, end: String) {
        switch value {
        case .interval(let start, let end): return (start, end)
        case .point(let iso):
            let parts = iso.split(separator: "-").compactMap { Int($0) }
            switch parts.count {
            case 1: return (iso + "-01-01", iso + "-12-31")
            case 2: return (iso + "-01", iso + "-" + pad(daysIn(parts[0], parts[1])))
            default: return (iso, iso)
            }
        }
    }
}
