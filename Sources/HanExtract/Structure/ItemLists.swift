import HanCore

/// Problems and measures from the outline: the enumerated lists inside the section on problems
/// and improvements (`存在的主要问题及改进情况`, or a legacy report's 存在的不足和改进措施).
///
/// 1. **Regions.** The section's children that are sub-headings naming a role (`(一)存在问题`,
///    `(二)下一步改进措施`, `(一)2022年问题整改情况`), or that hold a list of their own, are regions;
///    the text before the first of them is the section's own region. A child that is neither
///    (`(一)提高业务水平。组织…`) is an item of its region's list, not a region.
/// 2. **Lists.** In a region, an enumerator numbered one (一是, (一), 1., 第一, 首先, ①) opens a list;
///    the same style numbered on (2, 3, …; a repeated or skipped ordinal tolerated) continues it;
///    another style inside an item is a sub-list and stays in the item's text unless a lead
///    sentence naming problems or measures introduces it. A list whose
///    first enumerator is 二 takes the text before it, after its lead, as item one.
/// 3. **Roles.** A region's sub-heading decides (problems, measures, or neither for last year's
///    rectification results). Otherwise the list's lead — the sentence before its first
///    enumerator — decides: words of intent (将, 下一步, 今后, 计划, 打算) make measures; otherwise the
///    later of a problem word (问题, 不足, 差距, 表现在 …) and a measure word (措施, 改进, 整改 …)
///    wins; a lead reporting results (整改情况, 落实情况) makes neither. With no cue, a section
///    heading naming only one of the two decides, and last the items' own words (不够, 有待, 欠缺
///    … make problems).
/// 4. **Item ends.** An item runs to the next enumerator of its list; the last one to the end of
///    its paragraph on a page with line breaks, else to the region's end, the next list's lead, or
///    a sentence opening a new thought (下一步, 今后, 对此, a year) — whichever comes first.
///    Prose gives no items.
enum ItemLists {
    enum Role: Equatable {
        case problems, measures, neither, undecided

        var sectionRole: SectionRole {
            switch self {
            case .problems: return .problems
            case .measures: return .measures
            case .neither, .undecided: return .unknown
            }
        }
    }

    struct Region {
        var start: Int
        var end: Int
        var role: Role
        var heading: String
        /// Scalar starts of markers that head sub-regions and so are never items here.
        var excluded: Set<Int>
    }

    struct List {
        var kind: Marker.Kind
        var markers: [Marker]
        /// Where item one starts when the list's first enumerator is 二.
        var implicitFirst: Int?
        var leadStart: Int
    }

    static func extract(_ tree: SectionTree, _ context: RuleContext, markers: [Marker]) -> (problems: [ItemField], measures: [ItemField]) {
        var problems: [ItemField] = []
        var measures: [ItemField] = []
        let text = tree.text
        // 一、 that is not a top-level heading (a list under （一）存在的主要问题) enumerates items.
        let topStarts = Set(tree.nodes.map(\.start))
        for section in tree.allNodes where section.role == .problemsAndMeasures {
            let sectionDefault = defaultRole(section.headingText)
            for region in regions(of: section, text) {
                let inRegion = markers.filter { $0.start >= region.start && $0.start < region.end && !region.excluded.contains($0.start)
                    && !topStarts.contains($0.start) }
                let lists = buildLists(inRegion, text, region: region)
                var assigned: [(List, Role)] = lists.map { ($0, region.role) }
                for k in assigned.indices where assigned[k].1 == .undecided {
                    let list = assigned[k].0
                    let lead = text.string(list.leadStart, list.implicitFirst ?? list.markers[0].start)
                    assigned[k].1 = leadRole(lead)
                }
                for k in assigned.indices where assigned[k].1 == .undecided {
                    if sectionDefault != .undecided {
                        assigned[k].1 = sectionDefault
                    } else if assigned.count == 2 {
                        // Two lists and no words to tell them: the template's order, problems first.
                        let other = assigned[1 - k].1
                        assigned[k].1 = other == .problems ? .measures : other == .measures ? .problems : (k == 0 ? .problems : .measures)
                    }
                }
                for (k, (list, role)) in assigned.enumerated() {
                    let nextLead = k + 1 < assigned.count ? assigned[k + 1].0.leadStart : nil
                    var items = itemSpans(list, text, regionEnd: region.end, nextLead: nextLead)
                    var decided = role
                    if decided == .undecided { decided = polarity(items.map { text.string($0.0, $0.1) }) }
                    guard decided == .problems || decided == .measures else { continue }
                    items = items.filter { $0.1 > $0.0 }
                    for (index, item) in items.enumerated() {
                        let span = trim(context, text.byteSpan(item.0, item.1))
                        guard span.length > 0 else { continue }
                        let field = context.field(span)
                        let entry = ItemField(heading: region.heading, index: index + 1, text: field.text, span: field.span)
                        if decided == .problems { problems.append(entry) } else { measures.append(entry) }
                    }
                }
            }
        }
        return (problems, measures)
    }

    // MARK: Regions

    static func regions(of section: SectionTree.Node, _ text: ScalarText) -> [Region] {
        var result: [Region] = []
        var headingRegions: [SectionTree.Node] = []
        for child in section.children where isRegion(child, text) { headingRegions.append(child) }
        let bodyStart = section.heading.end
        let firstRegion = headingRegions.first?.start ?? section.end
        let excluded = Set(headingRegions.compactMap { $0.marker?.start })
        if firstRegion > bodyStart {
            result.append(Region(start: bodyStart, end: firstRegion, role: .undecided, heading: section.headingText, excluded: excluded))
        }
        for child in headingRegions {
            result.append(Region(start: child.heading.end, end: child.end, role: headingRole(child.headingText.filter { !$0.isWhitespace }),
                                 heading: child.headingText, excluded: excluded))
        }
        return result
    }

    /// A child of the problems section is a region when its words name a role in a short
    /// heading, or when a list of its own starts right after its heading (`(一)信息公开方面。一是…`);
    /// a list further on, after sentences of its own, is the next part's (`(二)解读不深。⏎下一步…：一是…`).
    static func isRegion(_ child: SectionTree.Node, _ text: ScalarText) -> Bool {
        let words = child.headingText.filter { !$0.isWhitespace }
        if words.count <= 16, headingRole(words) != .undecided, !actionOpeners.contains(where: { words.hasPrefix($0) }) { return true }
        var i = child.heading.end
        while i < child.end, i - child.heading.end <= 3, ScalarText.isSpace(text[i]) || "。:;\n\r".unicodeScalars.contains(text[i]) { i += 1 }
        let body = MarkerScanner.scan(ScalarText(Array(text.string(i, child.end).utf8)))
        guard let first = body.first, first.start == 0, first.value == 1, first.kind != child.marker?.kind else { return false }
        return body.contains { $0.kind == first.kind && $0.value == 2 }
    }

    /// Verbs that open a measure (`(一)加强…问题的解决`): a heading so worded is an item, not a sub-heading.
    static let actionOpeners = ["加强", "提高", "提升", "推进", "完善", "着力", "进一步", "持续", "强化", "抓", "做好", "深化", "健全",
                                "优化", "扩大", "加大", "规范", "落实", "解决", "建立", "坚持", "丰富", "拓展", "拓宽", "注重", "狠抓"]

    /// The role a sub-heading's words name.
    static func headingRole(_ w: String) -> Role {
        if w.hasAny(["整改情况", "落实情况", "整改落实", "完成情况", "整改成效"]) { return .neither }
        let problem = w.hasAny(["问题", "不足", "困难", "差距", "短板"])
        let measure = w.hasAny(["措施", "改进", "下一步", "计划", "打算", "方向", "建议", "思路", "整改"])
        if problem && !measure { return .problems }
        if measure && !problem { return .measures }
        return .undecided
    }

    /// What a section heading naming only one side implies for lists with no cue of their own.
    static func defaultRole(_ heading: String) -> Role {
        let w = heading.filter { !$0.isWhitespace }
        let role = headingRole(w)
        return role == .neither ? .undecided : role
    }

    // MARK: Lists

    static func buildLists(_ markers: [Marker], _ text: ScalarText, region: Region) -> [List] {
        var lists: [List] = []
        var current: List?
        func close() {
            if let list = current { lists.append(list) }
            current = nil
        }
        for marker in markers {
            if var list = current {
                let last = list.markers.last!
                let expected = last.value + 1
                if marker.kind == list.kind {
                    if marker.value == expected || marker.value == 0 || (marker.value == last.value + 2) || (marker.value == last.value && marker.start > last.contentStart + 4) {
                        list.markers.append(marker)
                        current = list
                        continue
                    }
                    if marker.value == 1, !marker.glued {
                        close()
                        current = List(kind: marker.kind, markers: [marker], implicitFirst: nil, leadStart: leadStart(before: marker.start, floor: last.contentStart, text))
                    }
                    continue
                }
                // Another style: a sub-list inside an item, unless a lead introduces it as a new list.
                if marker.value == 1, !marker.glued {
                    let lead = leadStart(before: marker.start, floor: last.contentStart, text)
                    let words = text.string(lead, marker.start)
                    if introducesList(words) {
                        close()
                        current = List(kind: marker.kind, markers: [marker], implicitFirst: nil, leadStart: lead)
                    }
                }
                continue
            }
            if marker.value == 1, !marker.glued || marker.start <= region.start {
                current = List(kind: marker.kind, markers: [marker], implicitFirst: nil,
                               leadStart: leadStart(before: marker.start, floor: lists.last?.markers.last?.contentStart ?? region.start, text))
            } else if marker.value == 2, marker.kind != .sequenceWord {
                // 二是 with no 一是: item one is the text after the lead.
                let floor = lists.last?.markers.last?.contentStart ?? region.start
                let sentence = leadStart(before: marker.start, floor: floor, text, extend: false)
                var first = sentence
                var i = marker.start - 1
                while i > sentence {
                    if text[i] == ":" { first = i + 1; break }
                    i -= 1
                }
                if marker.start - first >= 4 {
                    current = List(kind: marker.kind, markers: [marker], implicitFirst: first,
                                   leadStart: first == sentence ? leadStart(before: first, floor: floor, text) : sentence)
                }
            }
        }
        close()
        return lists
    }

    /// Whether the words before an enumerator numbered one open a new list rather than a sub-list.
    /// (`具体包括：1、…` is a sub-list; `2023年我局将抓好以下工作：(一)…` a new list.)
    static func introducesList(_ words: String) -> Bool {
        leadRole(words) != .undecided
    }

    /// The start of the lead sentence before `offset`: back to the previous sentence end, or one
    /// sentence further when the enumerator opens its sentence (`…工作。一是`).
    static func leadStart(before offset: Int, floor: Int, _ text: ScalarText, extend: Bool = true) -> Int {
        func sentenceStart(_ from: Int) -> Int {
            var i = from - 1
            while i >= floor {
                if ScalarText.isSentenceEnd(text[i]) { return i + 1 }
                i -= 1
            }
            return floor
        }
        var start = sentenceStart(offset)
        if extend, start > floor {
            let between = text.string(start, offset).trimmingSpaces
            if between.count < 2 { start = sentenceStart(start - 1) }
        }
        return max(floor, start)
    }

    static let intentCues = ["将", "下一步", "下步", "今后", "计划", "打算", "努力方向"]
    static let resultCues = ["整改情况", "落实情况", "整改落实情况", "整改成效", "完成情况"]
    static let problemCues = ["问题", "不足", "差距", "短板", "薄弱", "欠缺", "困难", "表现在", "表现为", "体现在", "有待"]
    static let measureCues = ["措施", "改进", "整改", "以下工作", "方面工作", "方面的工作", "做好", "抓好", "加以"]

    /// The role the lead sentence of a list names, or `.undecided`.
    static func leadRole(_ lead: String) -> Role {
        if lead.hasAny(resultCues), !lead.hasAny(intentCues) { return .neither }
        if lead.hasAny(intentCues) { return .measures }
        let problemAt = lastPosition(of: problemCues, in: lead)
        let measureAt = lastPosition(of: measureCues, in: lead)
        switch (problemAt, measureAt) {
        case (nil, nil): return .undecided
        case (_?, nil): return .problems
        case (nil, _?): return .measures
        case let (p?, m?): return p > m ? .problems : .measures
        }
    }

    static func lastPosition(of words: [String], in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var best: Int?
        for word in words {
            let w = Array(word.unicodeScalars)
            guard w.count <= scalars.count else { continue }
            for i in stride(from: scalars.count - w.count, through: 0, by: -1) where Array(scalars[i..<(i + w.count)]) == w {
                best = max(best ?? -1, i + w.count)
                break
            }
        }
        return best
    }

    /// Words of a shortcoming: an undecided list whose items mostly carry them lists problems.
    static let deficiencyWords = ["不够", "不足", "有待", "欠缺", "不强", "不高", "不多", "不到位", "较少", "偏少", "单一", "滞后", "还需",
                                  "仍需", "尚需", "薄弱", "差距", "不完善", "不规范", "不及时", "不充分", "不平衡", "不熟", "不准确", "缺乏"]

    static func polarity(_ items: [String]) -> Role {
        guard !items.isEmpty else { return .undecided }
        let deficient = items.filter { $0.hasAny(deficiencyWords) }.count
        return deficient * 2 > items.count ? .problems : .measures
    }

    // MARK: Items

    /// Scalar ranges of the items of a list.
    static func itemSpans(_ list: List, _ text: ScalarText, regionEnd: Int, nextLead: Int?) -> [(Int, Int)] {
        var spans: [(Int, Int)] = []
        if let first = list.implicitFirst { spans.append((first, list.markers[0].start)) }
        for (k, marker) in list.markers.enumerated() {
            if k + 1 < list.markers.count {
                spans.append((marker.contentStart, list.markers[k + 1].start))
            } else {
                let limit = min(regionEnd, max(marker.contentStart, nextLead ?? regionEnd))
                spans.append((marker.contentStart, lastItemEnd(from: marker.contentStart, limit: limit, text)))
            }
        }
        return spans
    }

    /// Words that, near the start of a sentence, move from the items to a plan or a summary
    /// (`在今后的工作中，我们将…`); `同时，…` goes on with the item.
    static let transitionOpeners = ["下一步", "下步", "今后", "对此", "为此", "综上", "总之", "明年", "新的一年"]

    /// The end of a list's last item: its paragraph on a page with line breaks — a line ending a
    /// sentence, or followed by an enumerator or a new thought (a short lead phrase on a line of
    /// its own takes the next paragraph too, and a line wrapped mid-sentence goes on) — else the
    /// first sentence that opens a new thought, else `limit`.
    static func lastItemEnd(from start: Int, limit: Int, _ text: ScalarText) -> Int {
        var i = start
        var sawText = false
        var paragraphStart = start
        while i < limit {
            let s = text[i]
            if s == "\n" {
                if sawText {
                    let paragraph = text.string(paragraphStart, i).trimmingSpaces
                    var next = i + 1
                    while next < limit, ScalarText.isSpace(text[next]) || text[next] == "\n" || text[next] == "\r" { next += 1 }
                    if let last = paragraph.unicodeScalars.last, "。!?;:".unicodeScalars.contains(last) { return i }
                    if next >= limit || MarkerScanner.startsMarker(text, at: next) || opensNewThought(text, at: next) { return i }
                    // A long line that stops mid-sentence was wrapped (PDF text): the item goes on.
                    // A short one is a lead phrase on a line of its own: the item is the next paragraph.
                    if paragraph.unicodeScalars.count <= 20 {
                        paragraphStart = i + 1
                        sawText = false
                    }
                }
            } else if !ScalarText.isSpace(s), s != "\r" {
                sawText = true
            }
            if ScalarText.isSentenceEnd(s), s != "\n", i + 1 < limit {
                var j = i + 1
                while j < limit, ScalarText.isSpace(text[j]) { j += 1 }
                if opensNewThought(text, at: j) { return i + 1 }
            }
            i += 1
        }
        return limit
    }

    static let transitionOpenerScalars = transitionOpeners.map { Array($0.unicodeScalars) }

    static func opensNewThought(_ text: ScalarText, at j: Int) -> Bool {
        for offset in 0..<4 where transitionOpenerScalars.contains(where: { text.has($0, at: j + offset) }) { return true }
        // A year opening the sentence: 2024年，我局将…
        if (0..<4).allSatisfy({ ScalarText.isDigit(text.at(j + $0)) }), text.at(j + 4) == "年" { return true }
        return false
    }

    static func trim(_ context: RuleContext, _ span: Span) -> Span {
        let text = context.text
        var start = span.start
        var end = span.end
        let edge: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x3A, 0x2C, 0x2E, 0x3B]
        while start < end {
            if edge.contains(text[start]) { start += 1; continue }
            if start + 3 <= end, text[start] == 0xE3, text[start + 1] == 0x80, [0x80, 0x81, 0x82].contains(text[start + 2]) { start += 3; continue }
            break
        }
        while end > start {
            let b = text[end - 1]
            if edge.contains(b) { end -= 1; continue }
            // 。 、 and the ideographic space (E3 80 82 / 81 / 80).
            if end - 3 >= start, text[end - 3] == 0xE3, text[end - 2] == 0x80, [0x80, 0x81, 0x82].contains(text[end - 1]) { end -= 3; continue }
            break
        }
        return Span(start, end)
    }
}

extension String {
    /// The string without spaces (also U+3000 and no-break) and line breaks at either end.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, ScalarText.isSpace(first) || first == "\n" || first == "\r" { scalars = scalars.dropFirst() }
        while let last = scalars.last, ScalarText.isSpace(last) || last == "\n" || last == "\r" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
