import HanCore

/// When and where a report was published: `published` and `source_url` (SPEC, keys added in the
/// second round). Researchers measure timeliness by them (reports are due by 31 January).
///
/// `published` is the date the page or the document gives for its publication, first found of:
/// 1. a full date right after a publication label (发布时间, 发布日期, 发布于, 公开日期, 发文日期,
///    印发日期, 成文日期): the page's header, or the document's own line;
/// 2. a full date right after a bare 时间/日期 label that is not the end of a longer word
///    (page chrome `来源：… 时间：2024-01-20`, but not 统计时间), later than the year reported on
///    (a date inside that year is about the work, not the page);
/// 3. the date under the signature: the last full date of the text, standing after a line break
///    or a space or right after a body's name (…管理局2025年1月22日), with at most a short trailer after it and no sentence ((此件主动公开), 附件下载,
///    a page number), and not before the year reported on (a typo's year).
/// A date starting a range (2023年1月1日至…) is a period, never a publication date; a month or a
/// year alone is not precise enough to be one.
///
/// `source_url` is the URL right after a label naming the page's own address (原文链接, 原文地址,
/// 原文网址, 来源网址, 来源链接, 本文链接, 本文地址, 页面地址, 网页地址), as a crawler writes it.
/// The URL stays among the contacts' URLs as well: it is written in the text.
enum PublicationRules {
    struct Publication {
        var published: String?
        var publishedText: TextField?
        var sourceURL: TextField?
    }

    static func extract(_ context: RuleContext, _ patterns: Patterns, dates: [DateField], year: Int?) -> Publication {
        var result = Publication()
        if let url = context.matches(patterns.sourceURLLabel).lazy.compactMap({ $0[1] }).first {
            result.sourceURL = context.field(ContactRules.trimURL(context, url))
        }
        var bare: (String, TextField)?
        for match in context.matches(patterns.publishedLabel) {
            guard let label = match[1] else { continue }
            let isBare = ["时间", "日期"].contains(context.string(label))
            if isBare {
                let separator = match[2].map(context.string) ?? ""
                guard bare == nil, separator == ":", !isHan(context.scalar(before: label.start)) else { continue }
            }
            guard let (value, span) = fullDate(context, patterns, at: match.span.end) else { continue }
            if isBare {
                if let year, let y = Int(value.prefix(4)), y <= year { continue }
                bare = (value, context.field(span))
            } else {
                result.published = value
                result.publishedText = context.field(span)
                return result
            }
        }
        if let (value, field) = bare ?? signatureDate(context, dates: dates, year: year) {
            result.published = value
            result.publishedText = field
        }
        return result
    }

    /// The full date (yyyy年m月d日, 2024-01-20, 2024/1/20, 2024.1.20) starting at `offset` of the
    /// normalised text, as an ISO date and its span; nil when none starts there or it starts a range.
    static func fullDate(_ context: RuleContext, _ patterns: Patterns, at offset: Int) -> (String, Span)? {
        let window = offset..<min(context.text.count, offset + 48)
        for (regex, isNumeric) in [(patterns.fullDate, false), (patterns.numericDate, true)] {
            guard let match = context.matches(regex, in: window).first, match.span.start == offset else { continue }
            let groups = isNumeric ? (match[1], match[3], match[4]) : (match[1], match[2], match[3])
            guard let y = DateRules.year(context, groups.0), let m = DateRules.month(context, groups.1),
                  let d = DateRules.day(context, groups.2), DateRules.valid(y, m, d) else { continue }
            let next = context.after(match.span.end, bytes: 4).drop { $0 == " " }
            if let first = next.first, "至到起—–-~～".contains(first) { return nil }
            return (DateRules.iso(y, m, d), match.span)
        }
        return nil
    }

    /// The words a body's name ends with (局, 委员会, 人民政府, 办公室, 中心 …): a date glued to one
    /// (…管理局2025年1月22日) stands under a signature, not in a sentence.
    static let bodySuffixes = ["局", "委", "会", "办", "室", "府", "院", "厅", "处", "部", "中心", "所", "站", "队", "镇", "乡", "街道", "公司"]

    static func endsWithSignature(_ text: String) -> Bool {
        let clause = text.split(whereSeparator: { $0.isWhitespace || "。！？；，,;:：".contains($0) }).last.map(String.init) ?? ""
        return clause.count >= 3 && bodySuffixes.contains { clause.hasSuffix($0) }
    }

    static func isHan(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar).map { $0.properties.isIdeographic } ?? false
    }

    /// The longest trailer after a signature date, in bytes (（此件主动公开）, 附件下载, - 6 -).
    static let maxTrailerBytes = 90

    /// The date under the signature, when the text ends with one (see the type's comment).
    static func signatureDate(_ context: RuleContext, dates: [DateField], year: Int?) -> (String, TextField)? {
        guard let last = dates.filter({ $0.kind == .day }).max(by: { $0.span.start < $1.span.start }),
              case .point(let value) = last.value else { return nil }
        let original = context.document.original
        let trailer = String(decoding: original[last.span.end...], as: UTF8.self).trimmingSpaces
        guard trailer.utf8.count <= maxTrailerBytes, !trailer.hasAny(["。", "，", "；", ",", ";"]) else { return nil }
        let before = String(decoding: original[max(0, last.span.start - 30)..<last.span.start], as: UTF8.self)
        guard last.span.start == 0 || before.last?.isWhitespace == true || endsWithSignature(before) else { return nil }
        if let year, let y = Int(value.prefix(4)), y < year { return nil }
        return (value, TextField(text: last.text, span: last.span))
    }

}
