/// Rules for the names of Chinese administrative bodies: the canonical form of a name a report
/// prints, and the links between names one body goes by. The rules follow the naming conventions
/// of 行政区划 and 机构 names (GB/T 2260 levels, 人民政府 as the formal name of 政府); none comes
/// from particular reports.
///
/// Never merge two bodies: 区政府 and 区政府办公室 are two bodies, and so are 南京市鼓楼区人民政府 and
/// 福州市鼓楼区人民政府. A link only ever says "this name is another way of writing that one".
public enum AgencyName {
    /// The canonical form of a printed agency name (SPEC `agency_canonical`):
    /// 1. traditional → simplified and full-width → half-width (`fold`, which the caller supplies:
    ///    HanCore holds no ICU);
    /// 2. no whitespace (names are spaced out in headings: 栗 俊 昌 → 栗俊昌) and no pinyin
    ///    annotations left by converters (農(nóng) → 农);
    /// 3. page chrome trimmed: punctuation, digits and Latin letters before the first and after
    ///    the last Han character or closing bracket (来源： 、 | and the like);
    /// 4. brackets as half-width `()`.
    /// Nothing is added or dropped inside the name: 区政府办公室 stays itself. Nil for a name with
    /// no Han character.
    public static func canonical(_ name: String, fold: (String) -> String) -> String? {
        var scalars = Array(fold(name).unicodeScalars.filter { !$0.properties.isWhitespace })
        scalars = scalars.map { $0 == "（" ? "(" : $0 == "）" ? ")" : $0 }
        scalars = removingPinyin(scalars)
        guard let first = scalars.firstIndex(where: isHan),
              let last = scalars.lastIndex(where: { isHan($0) || $0 == ")" }) else { return nil }
        var kept = Array(scalars[first...max(first, last)])
        // A bracket left open by the trim (a remark cut off by page chrome) is dropped with its tail.
        if let open = kept.lastIndex(of: "("), !kept[open...].contains(")") { kept.removeSubrange(open...) }
        let text = String(String.UnicodeScalarView(kept))
        return text.isEmpty ? nil : text
    }

    /// `(nóng)`-style annotations: a bracket holding only Latin letters (tone marks included).
    static func removingPinyin(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = 0
        while i < scalars.count {
            if scalars[i] == "(", let close = scalars[(i + 1)...].prefix(12).firstIndex(of: ")"), close > i + 1,
               scalars[(i + 1)..<close].allSatisfy({ $0.properties.isAlphabetic && !isHan($0) }) {
                i = close + 1
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return out
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x3134F).contains(scalar.value) || scalar == "〇"
    }

    /// 人民政府 is the formal name of a 政府 (宪法 第一百零五条: 地方各级人民政府): X人民政府… and
    /// X政府… name one body. The form with 政府 is the link key.
    public static func governmentForm(_ canonical: String) -> String {
        var scalars = Array(canonical.unicodeScalars)
        let formal = Array("人民政府".unicodeScalars)
        var i = 0
        while i + formal.count <= scalars.count {
            if Array(scalars[i..<(i + formal.count)]) == formal {
                scalars.removeSubrange(i..<(i + 2))
                i += 2
            } else {
                i += 1
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The name without the higher-level divisions it opens with (province, prefecture-level
    /// city, 自治州, 地区, 盟), when what remains starts with a named county-level division
    /// (2–4 characters and 区, 县 or 旗): 荆门市东宝区人民政府 → 东宝区人民政府. Nil when there is
    /// nothing to drop or the remainder is not such a place: 杭州市卫生健康委员会 keeps its city
    /// (卫生健康委员会 alone names a body in every city), and so does 杭州市高新区 (a zone named by
    /// a generic word, not a place).
    ///
    /// The short form is a link candidate only: the store links it to the long one when exactly
    /// one long name in the corpus shortens to it (鼓楼区 is a district of several cities).
    public static func withoutHigherLevels(_ canonical: String) -> String? {
        let scalars = Array(canonical.unicodeScalars)
        let higher: [[Unicode.Scalar]] = ["省", "市", "自治区", "自治州", "州", "地区", "盟"].map { Array($0.unicodeScalars) }
        var best: Int?
        // Try each end of a higher-level division in the first 12 characters, shortest remainder last.
        for end in 2..<min(scalars.count, 13) {
            guard higher.contains(where: { unit in
                end >= unit.count + 2 && Array(scalars[(end - unit.count)..<end]) == unit
            }) else { continue }
            if startsWithCountyPlace(Array(scalars[end...])) { best = end }
        }
        guard let best else { return nil }
        return String(String.UnicodeScalarView(scalars[best...]))
    }

    /// Words that make a 区/县 a zone, a quarter or a generic area rather than a named division.
    static let genericAreaWords: [String] = ["开发", "高新", "新区", "经济", "实验", "示范", "保护", "试验", "综合", "工业", "产业",
                                             "园", "社区", "景区", "城区", "市区", "片区", "辖区", "郊区", "小区", "功能", "自贸",
                                             "保税", "风景", "旅游", "管理", "行政", "全"]

    static func startsWithCountyPlace(_ rest: [Unicode.Scalar]) -> Bool {
        for length in 2...4 where rest.count > length {
            let unit = rest[length]
            guard unit == "区" || unit == "县" || unit == "旗" else { continue }
            let place = String(String.UnicodeScalarView(rest[0...length]))
            guard rest[0..<length].allSatisfy(isHan),
                  !genericAreaWords.contains(where: { place.unicodeScalars.contains(subsequence: $0.unicodeScalars) }) else { return false }
            // 自治县: the place may run on (…族自治县); the unit found is the first one, fine either way.
            return true
        }
        return false
    }
}

extension String.UnicodeScalarView {
    /// Whether `other` occurs in it (HanCore has no Foundation).
    func contains(subsequence other: String.UnicodeScalarView) -> Bool {
        let a = Array(self), b = Array(other)
        guard !b.isEmpty, b.count <= a.count else { return b.isEmpty }
        return (0...(a.count - b.count)).contains { Array(a[$0..<($0 + b.count)]) == b }
    }
}
