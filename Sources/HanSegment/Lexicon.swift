import HanCore

/// Words the tokenizer keeps whole: adjacent tokens whose joined text is a lexicon word are
/// merged, longest match first.
///
/// Lookups hash the UTF-8 bytes (FNV-1a, 64 bit) of the candidate and of every prefix of every
/// word, so extending a candidate token by token stops as soon as no word starts that way.
/// Words that contain a line break or sentence punctuation are refused: the tokenizer never
/// joins across those (see `UnitCutter`), so such a word could never match the same way in a
/// stream and in a whole text.
public struct Lexicon: Sendable {
    private var words = HashSet64()
    private var prefixes = HashSet64()
    /// Bit c set: some word starts with BMP scalar c (checked before any hashing; most tokens
    /// start no word). Words starting outside the BMP set `startsOutsideBMP`.
    private var firstScalars = [UInt64](repeating: 0, count: 1024)
    private var startsOutsideBMP = false
    /// The longest word, in bytes.
    public private(set) var maxWordBytes = 0
    public private(set) var count = 0

    public init() {}

    public init(words: some Sequence<String>) {
        self.init()
        for word in words { insert(word) }
    }

    /// Adds a word; returns false when it is refused (empty, or holding a cut character).
    @discardableResult
    public mutating func insert(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard !bytes.isEmpty, !bytes.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) else { return false }
        if word.unicodeScalars.contains(where: { "。！？；!?;\u{0C}\u{2028}\u{2029}".unicodeScalars.contains($0) }) { return false }
        if let first = word.unicodeScalars.first?.value {
            if first < 0x10000 { firstScalars[Int(first >> 6)] |= 1 << UInt64(first & 63) } else { startsOutsideBMP = true }
        }
        var hash = Lexicon.seed
        for byte in bytes {
            hash = Lexicon.mix(hash, byte)
            prefixes.insert(hash)
        }
        if words.insert(hash) { count += 1 }
        maxWordBytes = max(maxWordBytes, bytes.count)
        return true
    }

    /// Merges another lexicon into this one.
    public mutating func formUnion(_ other: Lexicon) {
        words.formUnion(other.words)
        prefixes.formUnion(other.prefixes)
        for index in 0..<firstScalars.count { firstScalars[index] |= other.firstScalars[index] }
        startsOutsideBMP = startsOutsideBMP || other.startsOutsideBMP
        maxWordBytes = max(maxWordBytes, other.maxWordBytes)
        count = words.count
    }

    public var isEmpty: Bool { words.count == 0 }

    @usableFromInline static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Extends `hash` by `bytes`.
    @inlinable
    static func extend(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = hash
        for byte in bytes { h = mix(h, byte) }
        return h
    }

    @inline(__always) func contains(hash: UInt64) -> Bool { words.contains(hash) }
    /// Whether some word may start with `scalar`.
    @inline(__always) func mayStart(with scalar: UInt32) -> Bool {
        scalar < 0x10000 ? (firstScalars[Int(scalar >> 6)] >> UInt64(scalar & 63)) & 1 != 0 : startsOutsideBMP
    }
    @inline(__always) func hasPrefix(hash: UInt64) -> Bool { prefixes.contains(hash) }

    /// Reads a user lexicon: one word a line, or jieba's `word freq tag` lines (the first field
    /// is the word). Blank lines and lines starting with `#` are skipped.
    public static func parse(_ text: String, path: String) throws(HanError) -> Lexicon {
        var lexicon = Lexicon()
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            lineNumber += 1
            let trimmed = String(line.drop { " \t\u{FEFF}".contains($0) }.reversed().drop { " \t\r".contains($0) }.reversed())
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let word = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? trimmed
            if !lexicon.insert(word) {
                throw HanError(.malformed, "line \(lineNumber): \"\(word)\" holds a character the tokenizer always cuts at (line break or 。！？；)",
                               path: path)
            }
        }
        return lexicon
    }

    /// Report vocabulary of Chinese government reports, written for HanMine: the terms of the
    /// disclosure template, its tables and the bodies that file them, which ICU's general
    /// dictionary splits.
    public static let builtIn = Lexicon(words: builtInWords)

    static let builtInWords: [String] = [
        // 政府信息公开条例 and its template
        "政府信息公开", "政府信息", "信息公开", "依申请公开", "主动公开", "不予公开", "部分公开", "政务公开",
        "年度报告", "工作年度报告", "统计期限", "勾稽关系", "公开申请", "申请人", "答复期限",
        "政府信息公开申请", "政府信息公开工作", "政府信息公开专栏", "政府信息公开指南",
        "政府门户网站", "政府网站", "政务新媒体", "政府公报", "政务微博", "政务微信", "新闻发布会",
        "政策解读", "政务服务", "一网通办", "放管服", "营商环境",
        // legal instruments and procedures
        "行政复议", "行政诉讼", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "行政裁决",
        "规范性文件", "行政规范性文件", "规章", "政府规章", "部门规章", "地方性法规",
        "政府集中采购", "集中采购", "处理决定", "结转下年度", "上年结转", "继续办理",
        "复议后起诉", "直接起诉", "维持", "纠正", "尚未审结", "结果维持", "结果纠正",
        // table rows and columns
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织",
        "国家秘密", "第三方", "内部事务信息", "过程性信息", "行政执法案卷", "行政查询事项",
        "信访举报投诉", "重复申请", "要求提供公开出版物", "无正当理由", "大量反复申请",
        "本机关不掌握", "没有现成信息", "需要另行制作", "补正后申请内容仍不明确",
        "危及三安全一稳定", "三安全一稳定", "不予处理", "其他处理",
        // bodies and roles
        "人民政府", "办公室", "办公厅", "管委会", "领导小组", "街道办事处", "司法局", "政务服务中心",
        "信息公开办公室", "政务公开办公室", "工作人员",
        // reporting vocabulary
        "存在问题", "改进措施", "整改措施", "主要问题", "改进情况", "其他需要报告的事项",
        "总体情况", "统计公报", "政府工作报告", "法治政府", "法治政府建设", "依法行政",
        "国民经济", "社会发展", "生产总值", "地区生产总值", "一般公共预算", "固定资产投资",
        "社会消费品零售总额", "城乡居民", "人均可支配收入", "常住人口",
    ]
}
