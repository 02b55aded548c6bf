import HanCore
import HanSegment
import HanText

/// Money (元, 万元, 亿元 → yuan) and counts (536条, 5500余条, 两名) with their unit and subject.
///
/// A unit needs a number right before it: 万元 in a table header (本年收费金额(单位:万元)) has none
/// and is never money. Numbers that belong to a claimed field (a date, a phone, a document
/// number) or to an ordinal (第二十条) are not counts. 余/多 mark an approximate value.
enum QuantityRules {
    static let moneyFactors: [String: Double] = ["亿元": 100_000_000, "万元": 10_000, "千元": 1000, "元": 1]

    /// Money and counts in one pass (one pattern; the unit tells them apart).
    static func extract(_ context: RuleContext, _ patterns: Patterns, words: Tokenizer) -> (money: [MoneyField], counts: [CountField]) {
        var money: [MoneyField] = []
        var counts: [CountField] = []
        for match in scan(context.text) {
            guard let numberSpan = match[1], let unitSpan = match[3], !context.isClaimed(match.span),
                  startsNumber(context, match.span.start) else { continue }
            let numberText = context.string(numberSpan)
            guard let amount = value(numberText) else { continue }
            let unit = context.string(unitSpan)
            if let factor = moneyFactors[unit] {
                context.claim(match.span)
                let field = context.field(match.span)
                money.append(MoneyField(text: field.text, yuan: (amount * factor * 100).rounded() / 100, approximate: match[2] != nil,
                                        span: field.span))
                continue
            }
            guard context.scalar(before: match.span.start) != 0x7B2C else { continue }  // 第二十条 is an ordinal
            // 一个/一次 in prose (一个重要…) is not a count.
            if numberText.unicodeScalars.first.map({ $0.value > 0x7F }) == true, amount == 1,
               ["个", "次", "项", "类", "处", "份", "部", "批", "起"].contains(unit) { continue }
            if followedByPercentOrDigit(context, match.span.end) { continue }
            context.claim(match.span)
            let field = context.field(match.span)
            counts.append(CountField(text: field.text, value: amount, unit: unit, subject: subject(context, before: match.span.start, words: words),
                                     approximate: match[2] != nil, span: field.span))
        }
        return (money, counts)
    }

    static let units: [[UInt8]] = ["亿元", "万元", "千元", "元", "人次", "批次", "期次", "栏目", "网站", "小时", "条", "件", "个", "次", "名", "项",
                                   "期", "场", "篇", "家", "份", "户", "起", "封", "部", "套", "张", "册", "所", "座", "台", "处", "类",
                                   "批", "位", "人", "天"].map { Array($0.utf8) }.sorted { $0.count > $1.count }
    static let chineseStart: Set<UInt32> = Set("一二三四五六七八九十两".unicodeScalars.map(\.value))
    static let chineseDigits: Set<UInt32> = Set("〇零一二三四五六七八九十百千万两".unicodeScalars.map(\.value))

    /// Numbers followed by a unit (536条, 5500 余条, 0.5万元, 两名), found by a hand-written scan:
    /// a regex starting with a Chinese numeral would be tried at every 一 of the prose. Groups:
    /// 1 the number, 2 余/多, 3 the unit.
    static func scan(_ text: [UInt8]) -> [ICURegex.Match] {
        var matches: [ICURegex.Match] = []
        text.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var i = 0
            while i < count {
                let byte = buffer[i]
                var numberEnd = i
                if byte >= 0x30, byte <= 0x39 {
                    while numberEnd < count, (buffer[numberEnd] >= 0x30 && buffer[numberEnd] <= 0x39) || buffer[numberEnd] == 0x2C { numberEnd += 1 }
                    while numberEnd > i, buffer[numberEnd - 1] == 0x2C { numberEnd -= 1 }
                    if numberEnd + 1 < count, buffer[numberEnd] == 0x2E, buffer[numberEnd + 1] >= 0x30, buffer[numberEnd + 1] <= 0x39 {
                        numberEnd += 1
                        while numberEnd < count, buffer[numberEnd] >= 0x30, buffer[numberEnd] <= 0x39 { numberEnd += 1 }
                    }
                } else if byte >= 0xE0 {
                    let (value, width) = UTF8Scalar.decode(buffer, at: i)
                    guard chineseStart.contains(value) else { i += width; continue }
                    numberEnd = i + width
                    while numberEnd < count, buffer[numberEnd] >= 0xE0 {
                        let (next, nextWidth) = UTF8Scalar.decode(buffer, at: numberEnd)
                        guard chineseDigits.contains(next) else { break }
                        numberEnd += nextWidth
                    }
                } else {
                    i += byte < 0x80 ? 1 : UTF8Scalar.width(lead: byte)
                    continue
                }
                var k = skipGap(buffer, numberEnd)
                var approximate: Span?
                if k + 3 <= count, buffer[k] == 0xE4 || buffer[k] == 0xE5,
                   (buffer[k] == 0xE4 && buffer[k + 1] == 0xBD && buffer[k + 2] == 0x99) || (buffer[k] == 0xE5 && buffer[k + 1] == 0xA4 && buffer[k + 2] == 0x9A) {
                    approximate = Span(k, k + 3)  // 余 E4 BD 99, 多 E5 A4 9A
                    k = skipGap(buffer, k + 3)
                }
                if let unit = units.first(where: { unit in
                    k + unit.count <= count && (0..<unit.count).allSatisfy { buffer[k + $0] == unit[$0] }
                }) {
                    let unitSpan = Span(k, k + unit.count)
                    matches.append(ICURegex.Match(span: Span(i, unitSpan.end), groups: [Span(i, numberEnd), approximate, unitSpan]))
                    i = unitSpan.end
                } else {
                    i = numberEnd
                }
            }
        }
        return matches
    }

    static func skipGap(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var k = start
        var spaces = 0
        while k < buffer.count, spaces < 2 {
            if buffer[k] == 0x20 || buffer[k] == 0x09 { k += 1; spaces += 1; continue }
            if k + 1 < buffer.count, buffer[k] == 0xC2, buffer[k + 1] == 0xA0 { k += 2; spaces += 1; continue }
            break
        }
        return k
    }

    /// Whether a number starts at `offset`: not in the middle of a longer number, a code (H5) or
    /// a Chinese numeral (二十 in 第二十条).
    static func startsNumber(_ context: RuleContext, _ offset: Int) -> Bool {
        let previous = context.scalar(before: offset)
        if previous < 0x80 {
            return !(previous >= 0x30 && previous <= 0x39) && previous != 0x2E && !(previous >= 0x41 && previous <= 0x5A)
                && !(previous >= 0x61 && previous <= 0x7A)
        }
        guard let scalar = Unicode.Scalar(previous) else { return true }
        return Numerals.digitValue(scalar) == nil && !"十百千万亿两".unicodeScalars.contains(scalar)
    }

    static func followedByPercentOrDigit(_ context: RuleContext, _ offset: Int) -> Bool {
        guard offset < context.text.count else { return false }
        return context.text[offset] == 0x25
    }

    static func value(_ text: String) -> Double? {
        if let first = text.unicodeScalars.first, first.value < 0x80 {
            // 1,234 groups by three; a comma anywhere else separates two numbers.
            let parts = text.split(separator: ".", maxSplits: 1)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            if groups.count > 1, groups.dropFirst().contains(where: { $0.count != 3 }) || groups[0].count > 3 { return nil }
            return Numerals.decimal(Substring(text))
        }
        return Numerals.value(of: text).map(Double.init)
    }

    /// Bytes and three-byte punctuation that end the clause a subject is taken from.
    static let asciiBreaks: Set<UInt8> = [0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x0A, 0x0D, 0x09, 0x21, 0x3F, 0x20, 0x7C]
    static let wideBreaks: [[UInt8]] = ["。", "、", "“", "”", "《", "》", "，", "；"].map { Array($0.utf8) }
    static let reporterMarkers: [[UInt8]] = ["办公室", "人民政府", "我局", "我委", "我办", "我区", "我县", "我市", "我乡", "我镇", "我街", "我旗",
                                             "本机关", "本单位"].map { Array($0.utf8) }
    static let subjectLeadBytes: [[UInt8]] = subjectLeads.map { Array($0.utf8) }
    static let innerLeadBytes: [[UInt8]] = ["全年", "其中"].map { Array($0.utf8) }
    /// Words after which the subject of a count begins (共公开信息536条 → 公开信息).
    static let subjectLeads = ["累计", "共计", "总计", "合计", "全年", "其中", "共", "达", "约", "近", "为"]

    /// The noun phrase a count counts: the clause before the number, without a leading year or
    /// reporting body, at most 12 characters and cut at a word boundary (the longest run of
    /// whole words before the number: 主动公开政府信息, never 委会全年主动公开…).
    static func subject(_ context: RuleContext, before offset: Int, words: Tokenizer) -> String? {
        let text = context.text
        var start = max(0, offset - 60)
        while start < offset, (text[start] & 0xC0) == 0x80 { start += 1 }
        var offset = offset
        while offset > start, text[offset - 1] == 0x20 || text[offset - 1] == 0x09 { offset -= 1 }
        var i = offset
        // The clause: back to the last break.
        while i > start {
            let b = text[i - 1]
            if b < 0x80 {
                if asciiBreaks.contains(b) { break }
                i -= 1
                continue
            }
            if i - 3 >= start, wideBreaks.contains(where: { $0[0] == text[i - 3] && $0[1] == text[i - 2] && $0[2] == text[i - 1] }) { break }
            i -= 1
            while i > start, (text[i] & 0xC0) == 0x80 { i -= 1 }
        }
        var phraseStart = i
        // A leading year (2023年, 2023年度).
        let digitsStart = phraseStart
        while phraseStart < offset, (text[phraseStart] >= 0x30 && text[phraseStart] <= 0x39) { phraseStart += 1 }
        if phraseStart > digitsStart {
            for unit in ["年", "度"].map({ Array($0.utf8) }) where phraseStart + 3 <= offset && Array(text[phraseStart..<(phraseStart + 3)]) == unit {
                phraseStart += 3
            }
        }
        for marker in reporterMarkers {
            if let hit = Bytes.lastIndex(of: marker, in: text, from: phraseStart, to: offset) { phraseStart = max(phraseStart, hit + marker.count) }
        }
        // 某某管委会全年主动公开…: 全年 or 其中 inside the clause ends the actor.
        for lead in innerLeadBytes {
            if let hit = Bytes.lastIndex(of: lead, in: text, from: phraseStart, to: offset), hit + lead.count < offset {
                phraseStart = max(phraseStart, hit + lead.count)
            }
        }
        var phraseEnd = offset
        for lead in subjectLeadBytes where phraseStart + lead.count <= phraseEnd && Array(text[phraseStart..<(phraseStart + lead.count)]) == lead {
            phraseStart += lead.count
            break
        }
        for lead in subjectLeadBytes where phraseEnd - lead.count >= phraseStart && Array(text[(phraseEnd - lead.count)..<phraseEnd]) == lead {
            phraseEnd -= lead.count
            break
        }
        while phraseEnd > phraseStart, text[phraseEnd - 1] == 0x20 || text[phraseEnd - 1] == 0x09 { phraseEnd -= 1 }
        guard phraseEnd > phraseStart else { return nil }
        let bytes = Array(text[phraseStart..<phraseEnd])
        let phrase = String(decoding: bytes, as: UTF8.self)
        guard phrase.unicodeScalars.count > 12 else { return phrase }
        var wordStart = bytes.count
        var characters = 0
        for token in words.tokenize(bytes).reversed() {
            let length = String(decoding: bytes[token.span.start..<token.span.end], as: UTF8.self).unicodeScalars.count
            guard characters + length <= 12 else { break }
            characters += length
            wordStart = token.span.start
        }
        guard wordStart < bytes.count else { return nil }
        return String(decoding: bytes[wordStart...], as: UTF8.self)
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
