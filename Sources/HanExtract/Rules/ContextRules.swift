import HanCore
import HanText

/// Document context: title, reporting body, year reported on, period, and profile. These come
/// first because relative dates resolve against the year and the profile decides the tables.
///
/// - Title: the crawler header's `标题:` line, else the first line near the top that names a
///   report (报告/年报/公报) with a year, joined with its second half when the layout split it
///   (`淮安市人民政府` ⏎ `2024 年政府信息公开工作年度报告`). Page chrome (当前位置, 来源, 发布时间,
///   索引号, navigation bullets, `|` debris) is never a title.
/// - Agency: the title's text before its year (or between year and report kind), else the body's
///   own words, in order of reliability: 现公开X2023年…报告, 由X根据/编制, YYYY年，X坚持…, 请与X联系,
///   代表X向, X政府网站. A name must end like a body (政府, 办公室, 局, 委, 街道, 镇, 旗 …) and never
///   starts with 我/本/全/各 (我局 names no one).
/// - Year: the title's, else the period's, else 2023年度政府信息公开…, YYYY年工作回顾, or the year
///   opening the first sentence.
/// - Period: the first date range that starts on 1 January (统计期限自…至…).
enum ContextRules {
    struct Result {
        var title: String?
        var agency: String?
        var year: Int?
        var period: Period?
        var profile: Profile
        /// Normalised offset where the report body starts (after a crawler header).
        var bodyStart: Int
    }

    static let agencySuffixes = ["人民政府", "政府", "办公室", "办公厅", "委员会", "委", "局", "厅", "办", "中心", "办事处", "街道", "街",
                                 "镇", "乡", "旗", "县", "区", "市", "州", "盟", "署", "院", "馆", "室", "处", "所", "站", "会", "部",
                                 "管委会", "实验区", "新区", "开发区", "宗教事务局)", ")"]
    static let badAgencyStarts = ["我", "本", "全", "各", "在", "通过", "按照", "依托", "根据", "对", "以", "为", "该", "其", "结合",
                                  "区委", "县委", "市委", "党", "领导", "一是", "二是", "工作", "中共", "经", "上年", "下一步", "市民", "群众", "公众"]
    /// Words a name never contains: they show the capture ran into a sentence.
    static let badAgencyWords = ["我", "本", "通过", "浏览", "可以", "直接", "进行", "以及", "的", "等", "公布"]
    static let regionSuffixes = ["旗", "县", "区", "市", "州", "盟", "镇", "乡", "街道"]

    static func extract(_ context: RuleContext, _ patterns: Patterns) -> Result {
        let text = context.text
        let lines = splitLines(text)
        var bodyStart = 0
        var headerTitle: Span?
        for line in lines.prefix(15) {
            let content = context.string(line)
            if content.hasPrefix("标题:") || content.hasPrefix("标题 :") {
                headerTitle = trim(context, Span(line.start + (content.hasPrefix("标题:") ? 7 : 8), line.end))
            }
            if content.has("正文"), content.has("====") { bodyStart = line.end }
        }
        let titleSpans = headerTitle.map { [$0] } ?? findTitle(context, lines: lines.filter { $0.start >= bodyStart })
        let titleText = titleSpans.map { compact(context.field($0).text) }.joined()
        let normalizedTitle = titleSpans.map { compact(context.string($0)) }.joined()
        var result = Result(title: titleText.isEmpty ? nil : titleText, agency: nil, year: nil, period: nil, profile: .generic,
                            bodyStart: bodyStart)

        result.agency = agencyFromTitle(context, titleSpans)
        let preambleEnd = min(text.count, bodyStart + 6000)
        if result.agency == nil {
            for regex in [patterns.agencyPublishes, patterns.agencyCompiles, patterns.agencyOpens, patterns.agencyContact,
                          patterns.agencyDelivers, patterns.agencyWebsite] {
                for match in context.matches(regex, in: bodyStart..<preambleEnd) {
                    let groupIndex = regex === patterns.agencyPublishes ? 2 : 1
                    // 现公开X…报告 names the body only next to the report's year (before or after it).
                    if regex === patterns.agencyPublishes, match[1] == nil, match[3] == nil { continue }
                    guard let span = match[groupIndex], regex === patterns.agencyPublishes || !insideBookTitle(context, span.start),
                          let name = acceptableAgency(context, span, requireRegion: regex === patterns.agencyWebsite) else { continue }
                    result.agency = name
                    break
                }
                if result.agency != nil { break }
            }
        }

        result.period = period(context, patterns, from: bodyStart)
        result.year = firstYear(in: normalizedTitle)
            ?? result.period.flatMap { Int($0.start.prefix(4)) }
            ?? firstGroupYear(context, patterns.yearReported, from: bodyStart, before: preambleEnd)
            ?? firstGroupYear(context, patterns.yearInReview, from: bodyStart, before: min(text.count, bodyStart + 20_000))
            ?? firstGroupYear(context, patterns.yearOpens, from: bodyStart, before: min(text.count, bodyStart + 20_000))
        result.profile = profile(context, title: normalizedTitle, year: result.year, bodyStart: bodyStart)
        return result
    }

    // MARK: Title

    static func findTitle(_ context: RuleContext, lines: [Span]) -> [Span] {
        var candidates: [Span] = []
        var yearless: [Span]?
        var seen = 0
        var index = 0
        while index < lines.count, seen < 14 {
            let line = trim(context, lines[index])
            index += 1
            let content = context.string(line)
            if content.isEmpty || isChrome(content) { continue }
            seen += 1
            var title = line
            // One-line bodies (crawled pages): the title is the text up to the first 报告.
            if content.count > 60 {
                guard let cut = reportKindEnd(content), content.prefix(cut).count <= 60,
                      !startsLikeSentence(content) else { continue }
                title = Span(line.start, line.start + String(content.prefix(cut)).utf8.count)
                return [title]
            }
            if startsLikeSentence(content) { continue }
            let hasYear = firstYear(in: compact(content)) != nil
            let namesReport = reportKindEnd(content) != nil
            // A title split over two lines: 淮安市人民政府 ⏎ 2024 年政府信息公开工作年度报告, or
            // 宿州市人民政府2016年 ⏎ 政府信息公开工作年度报告.
            if let nextIndex = nextContentLine(context, lines, from: index) {
                let next = trim(context, lines[nextIndex])
                let nextContent = compact(context.string(next))
                let nextStartsWithYear = nextContent.unicodeScalars.prefix(4).allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
                    && nextContent.unicodeScalars.count > 5
                if !namesReport, reportKindEnd(nextContent) != nil, nextContent.count <= 40,
                   (hasYear && (nextContent.hasPrefix("政府信息公开") || nextContent.hasPrefix("信息公开") || nextContent.hasPrefix("年度报告")))
                    || (!hasYear && nextStartsWithYear && content.count <= 30) {
                    return [line, next]
                }
            }
            if namesReport, content.count <= 60 {
                if hasYear {
                    candidates.append(title)
                    break
                } else if yearless == nil, content.count <= 20 {
                    yearless = [title]
                }
            }
        }
        if let first = candidates.first { return [first] }
        return yearless ?? []
    }

    static let reportKinds = ["年度报告", "工作报告", "情况报告", "统计公报", "年报", "报告", "公报"]

    static let reportKindBytes = reportKinds.map { Array($0.utf8) }

    /// The character count up to the end of the first report kind (…年度报告) in `text`.
    static func reportKindEnd(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var best: Int?
        for kind in reportKindBytes {
            if let hit = Bytes.firstIndex(of: kind, in: bytes, from: 0, to: min(bytes.count, best ?? bytes.count + kind.count)) {
                let end = hit + kind.count
                best = min(best ?? end, end)
            }
        }
        guard let best else { return nil }
        return String(decoding: bytes[0..<best], as: UTF8.self).count
    }

    static let sentenceStarts = ["根据", "本报告", "本年度报告", "依据", "按照", "为贯彻", "为", "现将", "报告", "全文", "如对", "本年报",
                                 "特向", "现向", "向社会", "现公布", "现公开", "经", "我", "今年", "全年"]

    static func startsLikeSentence(_ text: String) -> Bool {
        sentenceStarts.contains { text.hasPrefix($0) } || text.hasPrefix("一、") || text.hasPrefix("(")
    }

    static let chromeMarkers = ["当前位置", "现在的位置", "所在的位置", "所在位置", "首页", "来源:", "发布时间", "发布日期", "发布机构",
                                "索引号", "索 引 号", "浏览次数", "点击数", "点击率", "字体", "今天是", "打印", "关闭", "分享", "公开方式",
                                "主题分类", "文章来源", "更新时间", "时间:", "文号:", "公开日期", "发布单位", "栏目:", "原文链接",
                                "本地目录", "页面链接", "名  称", "名 称", "效力属性", "成文日期", "信息来源", "作者", "阅读次数", "[字体"]

    static let chromeMarkerBytes = chromeMarkers.map { Array($0.utf8) }

    static func isChrome(_ content: String) -> Bool {
        let bytes = Array(content.utf8)
        if chromeMarkerBytes.contains(where: { Bytes.contains($0, in: bytes, from: 0, to: bytes.count) }) { return true }
        if content.hasPrefix("- ") || content.hasPrefix("• ") || content.hasPrefix("·") { return true }
        let visible = content.unicodeScalars.filter { $0 != " " }
        let bars = visible.filter { $0 == "|" || $0 == "-" || $0 == "=" }.count
        return !visible.isEmpty && bars * 2 >= visible.count
    }

    static func nextContentLine(_ context: RuleContext, _ lines: [Span], from index: Int) -> Int? {
        var i = index
        while i < lines.count {
            let content = context.string(trim(context, lines[i]))
            if !content.isEmpty { return isChrome(content) ? nil : i }
            i += 1
        }
        return nil
    }

    // MARK: Agency

    static func agencyFromTitle(_ context: RuleContext, _ spans: [Span]) -> String? {
        guard !spans.isEmpty else { return nil }
        // Walk the title's normalised bytes (over all its lines) to find the year and the report kind.
        var pieces: [(Span, String)] = []
        for span in spans {
            // Character by character, keeping the normalised span of each.
            var i = span.start
            while i < span.end {
                let width = UTF8Scalar.width(lead: context.text[i])
                let piece = Span(i, min(span.end, i + width))
                let s = context.string(piece)
                if s != " " && s != "\t" && s != "|" { pieces.append((piece, s)) }
                i += width
            }
        }
        let chars = pieces.map(\.1)
        // Position of the first 4-digit year followed by 年.
        var yearStart: Int?
        var yearEnd: Int?
        var k = 0
        while k + 4 < chars.count {
            if chars[k...(k + 3)].allSatisfy({ $0.count == 1 && $0 >= "0" && $0 <= "9" }), chars[k + 4] == "年" {
                yearStart = k
                yearEnd = k + 5
                if k + 5 < chars.count, chars[k + 5] == "度" { yearEnd = k + 6 }
                break
            }
            k += 1
        }
        func name(_ range: Range<Int>) -> String? {
            guard !range.isEmpty else { return nil }
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, ["|", ":", "-", "“", "”"].contains(chars[lower]) { lower += 1 }
            while upper > lower, ["|", ":", "-", "关于", "“", "”"].contains(chars[upper - 1]) { upper -= 1 }
            if upper - lower >= 2, chars[(upper - 2)..<upper].joined() == "关于" { upper -= 2 }
            guard upper - lower >= 2 else { return nil }
            let span = Span(pieces[lower].0.start, pieces[upper - 1].0.end)
            let candidate = compact(context.string(span))
            guard !badAgencyStarts.contains(where: { candidate.hasPrefix($0) }),
                  !badAgencyWords.contains(where: { candidate.has($0) }) else { return nil }
            return compact(context.field(span).text)
        }
        if let yearStart, let yearEnd {
            if yearStart > 0 { return name(0..<yearStart) }
            // 2020年静海区法治政府建设情况报告: between the year and the report kind.
            let rest = chars[yearEnd...].joined()
            for kind in ["政府信息公开", "信息公开", "法治政府建设", "政府工作", "国民经济", "统计公报", "工作报告", "年度报告", "政务公开"] {
                if let range = QuantityRules.lastRange(of: kind, in: rest) {
                    var count = rest[..<range.lowerBound].count
                    // 2023年度云溪区人民政府信息公开…: the body is 云溪区人民政府, not 云溪区人民.
                    if kind == "政府信息公开", rest[..<range.lowerBound].hasSuffix("人民") { count += 2 }
                    return name(yearEnd..<(yearEnd + count))
                }
            }
        }
        return nil
    }

    /// The original text of a candidate agency span when it reads like the name of a body.
    static func acceptableAgency(_ context: RuleContext, _ span: Span, requireRegion: Bool = false) -> String? {
        let candidate = compact(context.string(span))
        guard candidate.count >= 2, candidate.count <= 30,
              !badAgencyStarts.contains(where: { candidate.hasPrefix($0) }),
              !badAgencyWords.contains(where: { candidate.has($0) }),
              (requireRegion ? regionSuffixes : agencySuffixes).contains(where: { candidate.hasSuffix($0) }) else { return nil }
        return compact(context.field(span).text)
    }

    // MARK: Year and period

    static func firstYear(in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i + 4 < scalars.count {
            if scalars[i...(i + 3)].allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }), scalars[i + 4] == "年",
               i == 0 || !(scalars[i - 1].value >= 0x30 && scalars[i - 1].value <= 0x39) {
                let value = Int(String(String.UnicodeScalarView(scalars[i...(i + 3)])))!
                if (1990...2099).contains(value) { return value }
            }
            i += 1
        }
        // 二〇二三年
        i = 0
        while i + 4 < scalars.count {
            let digits = scalars[i...(i + 3)].compactMap { Numerals.digitValue($0) }
            if digits.count == 4, scalars[i + 4] == "年", scalars[i...(i + 3)].allSatisfy({ $0.value > 0x7F }) {
                let value = digits.reduce(0) { $0 * 10 + $1 }
                if (1990...2099).contains(value) { return value }
            }
            i += 1
        }
        return nil
    }

    /// Whether `offset` lies inside a 《…》 on its line: a year or name there belongs to the cited title.
    static func insideBookTitle(_ context: RuleContext, _ offset: Int) -> Bool {
        let text = context.text
        var i = offset - 1
        while i >= 0, i >= offset - 600 {
            let b = text[i]
            if b == 0x0A { return false }
            if b == 0x8A, i >= 2, text[i - 2] == 0xE3, text[i - 1] == 0x80 { return true }   // 《 E3 80 8A
            if b == 0x8B, i >= 2, text[i - 2] == 0xE3, text[i - 1] == 0x80 { return false }  // 》 E3 80 8B
            i -= 1
        }
        return false
    }

    static func firstGroupYear(_ context: RuleContext, _ regex: ICURegex, from: Int, before: Int) -> Int? {
        for match in context.matches(regex, in: from..<before) where !insideBookTitle(context, match.span.start) {
            if let span = match[1], let value = Int(context.string(span)), (1990...2099).contains(value), !context.isClaimed(span) {
                return value
            }
        }
        return nil
    }

    static func period(_ context: RuleContext, _ patterns: Patterns, from bodyStart: Int) -> Period? {
        var fallback: Period?
        for match in context.matches(patterns.dateRange) where match.span.start >= bodyStart {
            guard let y1 = DateRules.year(context, match[1]), let m1 = DateRules.month(context, match[2]),
                  let d1 = DateRules.day(context, match[3]), let d2 = DateRules.day(context, match[6]), m1 == 1, d1 == 1 else { continue }
            let y2 = DateRules.year(context, match[4]) ?? y1
            let m2 = DateRules.month(context, match[5]) ?? m1
            guard DateRules.valid(y2, m2, d2), y2 >= y1 else { continue }
            let found = Period(start: DateRules.iso(y1, m1, d1), end: DateRules.iso(y2, m2, d2))
            let lead = context.before(match.span.start, bytes: 90)
            if lead.hasAny(["统计", "期限", "时限", "涵盖", "期间", "数据", "时间"]) { return found }
            if fallback == nil { fallback = found }
        }
        return fallback
    }

    // MARK: Profile

    static let tableHeadings2021 = ["本年制发件数", "本年废止件数", "现行有效件数"]
    static let tableHeadings2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减"]
    static let otherReportKinds = ["政府工作报告", "统计公报", "法治政府建设", "国民经济和社会发展", "工作总结", "工作计划"]

    static func profile(_ context: RuleContext, title: String, year: Int?, bodyStart: Int) -> Profile {
        let text = context.text
        func contains(_ word: String) -> Bool { Bytes.contains(Array(word.utf8), in: text, from: bodyStart, to: text.count) }
        if otherReportKinds.contains(where: { title.has($0) }) { return .generic }
        let titleSaysDisclosure = title.has("信息公开") && (title.has("报告") || title.has("年报"))
        let bodySaysDisclosure = contains("政府信息公开条例") || contains("信息公开工作年度报告") || contains("信息公开年度报告")
            || ((contains("政府信息公开") || contains("信息公开工作"))
                && (contains("主动公开") || contains("依申请公开") || contains("年度报告") || contains("年报") || contains("概述") || contains("总体情况")))
        guard titleSaysDisclosure || bodySaysDisclosure else { return .generic }
        if tableHeadings2021.contains(where: contains) { return .govDisclosure2021 }
        if tableHeadings2019.contains(where: contains) { return .govDisclosure2019 }
        if contains("〔2021〕30号") || contains("[2021]30号") { return .govDisclosure2021 }
        if let year {
            if year >= 2021 { return .govDisclosure2021 }
            if year >= 2019 { return .govDisclosure2019 }
            return .govDisclosureLegacy
        }
        if contains("〔2019〕60号") { return .govDisclosure2019 }
        if contains("概述"), !contains("总体情况") { return .govDisclosureLegacy }
        return .govDisclosure2021
    }

    // MARK: Helpers

    static func splitLines(_ text: [UInt8]) -> [Span] {
        var lines: [Span] = []
        var start = 0
        for (i, byte) in text.enumerated() where byte == 0x0A {
            lines.append(Span(start, i))
            start = i + 1
        }
        if start < text.count { lines.append(Span(start, text.count)) }
        return lines
    }

    static func trim(_ context: RuleContext, _ span: Span) -> Span {
        var start = span.start
        var end = span.end
        let text = context.text
        while start < end, [0x20, 0x09, 0x0D, 0x7C].contains(text[start]) { start += 1 }
        while end > start, [0x20, 0x09, 0x0D, 0x7C].contains(text[end - 1]) { end -= 1 }
        return Span(start, end)
    }

    /// Without spaces and line breaks (scalar fields are one line).
    static func compact(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != " " && $0 != "\n" && $0 != "\r" && $0 != "\t" && $0 != "\u{3000}" && $0 != "\u{0C}" }))
    }
}

