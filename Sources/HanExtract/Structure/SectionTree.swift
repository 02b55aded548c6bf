import HanCore

/// The outline of a report: headings found by their numbering, nested by the order in which
/// numbering styles appear, and named by the template role their words play.
///
/// 1. Heading candidates are the markers that can open a heading (`一、` `(一)`, and `1.` `(1)` `①`
///    at the start of a line) plus a line that is nothing but a template heading without its
///    numeral (`存在的主要问题及改进情况`). `一、` may be glued to what precedes it on a one-line
///    crawler page (`…总计0000五、存在的主要问题…`), so top-level numerals are kept only when they
///    continue the outline's series (一 二 三 …) or when the heading's words name a template part
///    (reports skip, repeat and renumber) — a numeral inside a table (`三、本年度办理结果`) or a
///    sentence does not.
/// 2. Levels come from the styles in order of appearance (ripgrep-style: no fixed style per
///    level): a style already on the stack closes the deeper ones; a new style opens a level.
/// 3. A section runs from its heading to the next heading of the same or a higher level, or to
///    the end of the document (a closing signature and date excluded).
/// 4. Sections of the three tables are leaves: the row labels inside them (`(一)予以公开`) are
///    table structure, not outline.
struct SectionTree {
    /// A node while the tree is built; scalar indices.
    struct Node {
        var heading: Span          // scalar indices of the heading text, numeral included
        var headingText: String    // the heading's words, without its numeral
        var level: Int
        var role: SectionRole
        var start: Int
        var end: Int
        var marker: Marker?
        var children: [Node] = []
    }

    let text: ScalarText
    let nodes: [Node]

    /// `hasTables`: whether the document's template has the statistical tables (their sections
    /// are leaves; without them 主动公开政府信息情况 is prose, role `proactive`).
    init(text: ScalarText, markers: [Marker], hasTables: Bool) {
        self.text = text
        nodes = SectionTree.build(text, markers, hasTables: hasTables)
    }

    // MARK: Building

    private struct Candidate {
        var marker: Marker?
        var start: Int
        var contentStart: Int
        var headingEnd: Int
        var words: String
        var style: Int   // Marker.Kind.rawValue; unnumbered template headings share the top style
        var role: SectionRole?
    }

    private static func build(_ text: ScalarText, _ markers: [Marker], hasTables: Bool) -> [Node] {
        var candidates: [Candidate] = []
        // Unnumbered template headings: a whole short line naming a top-level template part.
        var lineStarts: [Int] = [0]
        for i in 0..<text.count where text[i] == "\n" { lineStarts.append(i + 1) }
        var unnumbered: [Candidate] = []
        for (k, lineStart) in lineStarts.enumerated() {
            let lineEnd = k + 1 < lineStarts.count ? lineStarts[k + 1] - 1 : text.count
            var a = lineStart
            var b = lineEnd
            while a < b, ScalarText.isSpace(text[a]) { a += 1 }
            while b > a, ScalarText.isSpace(text[b - 1]) || text[b - 1] == "\r" || text[b - 1] == ":" || text[b - 1] == "。" { b -= 1 }
            guard b - a >= 4, b - a <= 24, !ScalarText.isChineseNumeral(text[a]), text[a] != "(", !ScalarText.isDigit(text[a]) else { continue }
            let words = text.string(a, b)
            // A heading line, not a sentence: no digits or clause punctuation, and it ends like a
            // template heading (…情况, …事项, …措施).
            guard !words.unicodeScalars.contains(where: { ScalarText.isDigit($0) || $0 == "," || $0 == ";" || $0 == "，" }),
                  headingEndings.contains(where: { words.hasSuffix($0) }) else { continue }
            if let role = topRole(words), role != .unknown {
                unnumbered.append(Candidate(marker: nil, start: a, contentStart: a, headingEnd: b, words: words,
                                            style: Marker.Kind.topNumeral.rawValue, role: role))
            }
        }
        for (k, marker) in markers.enumerated() where marker.kind.canHead {
            if marker.kind != .topNumeral && marker.kind != .parenNumeral && !marker.atLineStart { continue }
            let next = k + 1 < markers.count ? markers[k + 1].start : nil   // markers are in order and never overlap
            let end = headingEnd(text, from: marker.contentStart, nextMarker: next)
            let words = text.string(marker.contentStart, end)
            candidates.append(Candidate(marker: marker, start: marker.start, contentStart: marker.contentStart, headingEnd: end,
                                        words: words, style: marker.kind.rawValue, role: nil))
        }
        // The top-level series.
        var tops: [Candidate] = []
        var last = 0
        let numbered = candidates.filter { $0.marker?.kind == .topNumeral }
        for var candidate in numbered {
            let value = candidate.marker!.value
            let role = topRole(candidate.words)
            let isTableRow = tableRowWords.contains { candidate.words.hasPrefix($0) }
            let continues = value == last + 1 || (last == 0 && value <= 2)
            // Any other ordinal (skipped, repeated, parts left out: 二、 then 五、; an outline first
            // seen at 六、 because the crawler cut the top) is kept when the words name a template part.
            let tolerated = role != nil && role != .unknown
            guard !isTableRow, continues || tolerated else { continue }
            if candidate.marker!.glued && (role == nil || role == .unknown) { continue }
            candidate.role = role ?? .unknown
            tops.append(candidate)
            last = value
        }
        // An unnumbered template heading fills a gap in the series (a heading printed without 五、).
        for heading in unnumbered where !tops.contains(where: { abs($0.start - heading.start) < 3 }) {
            let before = tops.last { $0.start < heading.start }
            let after = tops.first { $0.start > heading.start }
            if before?.role == heading.role || after?.role == heading.role { continue }
            tops.append(heading)
        }
        tops.sort { $0.start < $1.start }
        let topStarts = Set(tops.map(\.start))
        var all = tops
        for candidate in candidates where candidate.marker?.kind != .topNumeral && !topStarts.contains(candidate.start) {
            all.append(candidate)
        }
        all.sort { $0.start < $1.start }
        let documentEnd = contentEnd(text)
        all.removeAll { $0.start >= documentEnd }
        // A heading's words never run into the next heading (`(一)` right before `五、`).
        for k in all.indices {
            let limit = k + 1 < all.count ? all[k + 1].start : documentEnd
            if all[k].headingEnd > limit {
                all[k].headingEnd = max(all[k].contentStart, limit)
                all[k].words = text.string(all[k].contentStart, all[k].headingEnd)
            }
        }

        // Levels by style of appearance; tables are leaves.
        var stack: [(style: Int, index: [Int])] = []
        var roots: [Node] = []
        var path: [Int] = []   // indices into the nested arrays along the open branch
        var insideTable = false
        for candidate in all {
            if candidate.style == Marker.Kind.topNumeral.rawValue || stack.first?.style == candidate.style {
                // A new top-level part (whatever its numbering style) closes every open one.
                stack.removeAll()
                path.removeAll()
                insideTable = false
            } else if insideTable {
                continue
            } else if let position = stack.firstIndex(where: { $0.style == candidate.style }) {
                stack.removeSubrange(position...)
                path.removeSubrange(position...)
            }
            let level = stack.count + 1
            let parentRole = path.isEmpty ? nil : node(at: path, in: roots).role
            // The top level names template parts whatever its numbering style; below it, the
            // problems section is recognised by its full template wording at any depth.
            var role: SectionRole
            if candidate.style == Marker.Kind.topNumeral.rawValue || level == 1 {
                role = candidate.role ?? topRole(candidate.words) ?? .unknown
                if !hasTables {
                    // Without the statistical tables (legacy and other reports) these parts are prose.
                    role = role == .tableProactive ? .proactive : role == .tableApplications ? .onRequest : role == .tableReview ? .unknown : role
                }
            } else {
                role = subRole(candidate.words, parent: parentRole)
                let w = candidate.words.filter { !$0.isWhitespace }
                if role == .unknown, parentRole != .problemsAndMeasures, w.unicodeScalars.count <= 20,
                   w.hasAny(["存在的主要问题", "存在的问题"]), w.hasAny(["改进", "措施", "整改"]) {
                    role = .problemsAndMeasures
                }
            }
            let node = Node(heading: Span(candidate.start, candidate.headingEnd), headingText: candidate.words, level: level,
                            role: role, start: candidate.start, end: documentEnd, marker: candidate.marker)
            if path.isEmpty {
                roots.append(node)
                path = [roots.count - 1]
            } else {
                let index = append(node, under: path, in: &roots)
                path.append(index)
            }
            stack.append((candidate.style, path))
            if level == 1, [.tableProactive, .tableApplications, .tableReview].contains(role) { insideTable = true }
        }
        close(&roots, end: documentEnd)
        return roots
    }

    private static func node(at path: [Int], in roots: [Node]) -> Node {
        var current = roots[path[0]]
        for index in path.dropFirst() { current = current.children[index] }
        return current
    }

    private static func append(_ node: Node, under path: [Int], in roots: inout [Node]) -> Int {
        func insert(_ nodes: inout [Node], _ rest: ArraySlice<Int>) -> Int {
            if rest.isEmpty {
                nodes.append(node)
                return nodes.count - 1
            }
            return insert(&nodes[rest.first!].children, rest.dropFirst())
        }
        guard let first = path.first else { return -1 }
        return insert(&roots[first].children, path.dropFirst())
    }

    /// Each node ends where its next sibling starts (the last where its parent ends).
    private static func close(_ nodes: inout [Node], end: Int) {
        for k in nodes.indices {
            nodes[k].end = max(nodes[k].heading.end, min(end, k + 1 < nodes.count ? nodes[k + 1].start : end))
            close(&nodes[k].children, end: nodes[k].end)
        }
    }

    /// Where a heading's words end: at the end of its line or sentence (。 : ;), or, when the
    /// heading runs into its body on a one-line page, after its role phrase.
    static func headingEnd(_ text: ScalarText, from start: Int, nextMarker: Int? = nil) -> Int {
        var i = start
        // A heading never holds an enumerator: `(二)改进措施一是…` ends before 一是.
        let limit = min(text.count, start + 40, nextMarker ?? Int.max)
        var delimiter: Unicode.Scalar?
        while i < limit {
            let s = text[i]
            if s == "\n" || s == "\r" || s == "。" || s == ":" || s == ";" || s == "," || s == "!" || s == "?" || s == "(" {
                delimiter = s
                break
            }
            i += 1
        }
        var end = i
        while end > start, ScalarText.isSpace(text[end - 1]) { end -= 1 }
        // A short clause ended by a line break, 。 : or ; is the whole heading (（一）2022年问题整改情况：).
        // A comma, a long clause or none means the heading ran into its text: keep its role phrase.
        let wholeClause = delimiter != nil && delimiter != "," && delimiter != "(" && end - start <= 20
        if !wholeClause, let phrase = rolePhraseEnd(text, from: start, limit: min(end, start + 20)) {
            return phrase
        }
        if delimiter == nil, end == start + 40 {
            // No delimiter: a glued heading without a role phrase; keep it short.
            return min(end, start + 16)
        }
        return end
    }

    /// The end of the shortest prefix that ends with a role word (问题, 措施, 情况, …) and its tail
    /// (和困难, 及改进情况), or nil.
    static func rolePhraseEnd(_ text: ScalarText, from start: Int, limit: Int) -> Int? {
        var i = start
        while i < limit {
            for word in roleWordScalars where text.has(word, at: i) && i + word.count <= limit + 8 {
                var end = i + word.count
                var extended = true
                while extended {
                    extended = false
                    for tail in roleTailScalars where text.has(tail, at: end) {
                        end += tail.count
                        extended = true
                        break
                    }
                }
                return end
            }
            i += 1
        }
        return nil
    }

    static let roleWords = ["问题", "不足", "措施", "情况", "打算", "计划", "方向", "建议", "思路", "事项", "困难", "差距"]
    static let roleTails = ["和困难", "和不足", "及不足", "及原因", "和改进情况", "及改进情况", "和改进措施", "及改进措施", "与改进措施",
                            "及整改情况", "及整改措施", "和整改措施", "和建议", "及建议", "及努力方向", "和措施", "及措施", "情况"]
    static let roleWordScalars = roleWords.map { Array($0.unicodeScalars) }
    static let roleTailScalars = roleTails.map { Array($0.unicodeScalars) }

    /// How the template's headings end; an unnumbered line must end so to be taken for one.
    static let headingEndings = ["情况", "事项", "措施", "问题", "打算", "计划", "方向", "概述", "不足"]

    /// Row labels of table 3 written like top-level headings (三、本年度办理结果, 四、结转下年度继续办理).
    static let tableRowWords = ["本年度办理结果", "结转下年度", "本年新收", "上年结转", "申请人情况"]

    // MARK: Roles

    /// The template part a top-level heading names, nil when it names none.
    static func topRole(_ words: String) -> SectionRole? {
        let w = words.filter { !$0.isWhitespace }
        if w.hasAny(["其他需要报告", "需要说明的其他", "其他需要说明", "其他事项"]) { return .otherMatters }
        if isProblemsAndMeasures(w) { return .problemsAndMeasures }
        if w.hasAny(["行政复议", "行政诉讼"]) { return .tableReview }
        if w.hasAny(["收到和处理", "公开申请情况", "申请情况"]) && !w.has("主动") { return .tableApplications }
        if w.has("依申请公开") { return .onRequest }
        if w.has("主动公开") { return .tableProactive }
        if w.hasAny(["总体情况", "概述", "基本情况", "总体工作情况"]) { return .overview }
        if w.hasAny(["政府信息管理", "信息管理"]) { return .management }
        if w.hasAny(["平台建设"]) { return .platform }
        if w.hasAny(["监督保障"]) { return .supervision }
        return nil
    }

    static func isProblemsAndMeasures(_ w: String) -> Bool {
        let problem = w.hasAny(["问题", "不足", "差距"])
        let measure = w.hasAny(["改进", "措施", "整改", "打算", "方向", "计划", "下一步", "思路"])
        return (problem && measure) || w.hasAny(["存在的主要问题", "存在主要问题", "存在的问题", "存在问题"])
            || (measure && w.count <= 12 && w.hasAny(["改进措施", "改进情况", "下一步"]))
    }

    /// The role of a heading below the top level, from its words and its parent's role.
    static func subRole(_ words: String, parent: SectionRole?) -> SectionRole {
        let w = words.filter { !$0.isWhitespace }
        switch parent {
        case .overview?:
            if w.hasAny(["依申请公开", "依申请"]) { return .onRequest }
            if w.has("主动公开") { return .proactive }
            if w.hasAny(["政府信息管理", "信息管理"]) { return .management }
            if w.hasAny(["平台建设", "公开平台", "平台"]) { return .platform }
            if w.hasAny(["监督保障", "监督考核", "保障"]) { return .supervision }
            return .unknown
        case .problemsAndMeasures?, .problems?, .measures?:
            return ItemLists.headingRole(w).sectionRole
        default:
            return .unknown
        }
    }

    // MARK: Ends

    /// The end of the document's content: a closing signature and date (`某某局 2024年1月20日`)
    /// and crawler chrome after the last sentence (`附件下载`) are not part of the last section.
    static func contentEnd(_ text: ScalarText) -> Int {
        var end = text.count
        while end > 0, ScalarText.isSpace(text[end - 1]) || text[end - 1] == "\n" || text[end - 1] == "\r" { end -= 1 }
        var lastSentence = end - 1
        while lastSentence >= 0, text[lastSentence] != "。", text[lastSentence] != "!", text[lastSentence] != "?" { lastSentence -= 1 }
        let tailStart = lastSentence + 1
        guard end - tailStart > 0, end - tailStart <= 48 else { return end }
        let tail = text.string(tailStart, end)
        if tail.has("年"), tail.has("月"), tail.has("日") || tail.has("号") { return tailStart }
        if tail.hasAny(["附件", "下载", "打印", "关闭", "分享", "扫一扫"]) { return tailStart }
        return end
    }

    // MARK: Output

    /// The outline as SPEC `sections`, with original-text headings and spans.
    func sections(_ context: RuleContext) -> [Section] {
        func convert(_ node: Node) -> Section {
            let headingSpan = text.byteSpan(node.heading.start, node.heading.end)
            let span = text.byteSpan(node.start, node.end)
            // The heading's own bytes (not `context.field`, which may take a pinyin artefact
            // after the span and so reach past the section).
            let heading = context.document.field(headingSpan).text
            return Section(heading: heading, level: node.level, role: node.role,
                           span: context.document.originalSpan(span), children: node.children.map(convert))
        }
        return nodes.map(convert)
    }

    /// Every node, depth first.
    var allNodes: [Node] {
        func walk(_ node: Node) -> [Node] { [node] + node.children.flatMap(walk) }
        return nodes.flatMap(walk)
    }
}
