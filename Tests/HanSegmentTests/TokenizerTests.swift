import HanCore
import HanSegment
import HanTestSupport
import Testing

@Suite struct TokenizerTests {
    let tokenizer: Tokenizer

    init() throws { tokenizer = try Tokenizer() }

    func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let tokens = tokenizer.tokenize(bytes)
        checkTokenInvariants(tokens, text: bytes)
        return tokens.filter { $0.kind != .whitespace && $0.kind != .newline }.map { $0.span.slice(bytes) }
    }

    func kinds(_ text: String) -> [String: TokenKind] {
        let bytes = Array(text.utf8)
        var result: [String: TokenKind] = [:]
        for token in tokenizer.tokenize(bytes) { result[token.span.slice(bytes)] = token.kind }
        return result
    }

    @Test func numbersKeepDecimalsThousandsAndPercent() {
        #expect(words("增长3.5%，达1,234,567元") == ["增长", "3.5%", "，", "达", "1,234,567", "元"])
        #expect(words("占比６０％") .contains("６０％"))
        #expect(kinds("3.5%")["3.5%"] == .number)
    }

    @Test func aCommaNotFollowedByThreeDigitsEndsTheNumber() {
        #expect(words("1,23") == ["1", ",", "23"])
    }

    @Test func numbersFuseWithDateUnits() {
        #expect(words("2023年1月1日") == ["2023年", "1月", "1日"])
        #expect(words("２０２３年１２月") == ["２０２３年", "１２月"])
        #expect(kinds("2023年")["2023年"] == .number)
    }

    @Test func chineseNumeralsJoinIncludingCircleZero() {
        #expect(words("二〇二三年").first == "二〇二三年")
        #expect(words("二○○一年") == ["二○○一年"])
        #expect(kinds("二〇二三年")["二〇二三年"] == .chineseNumeral)
    }

    @Test func digitsKeepTheirMagnitude() {
        #expect(words("收费3.5亿元") == ["收费", "3.5亿", "元"])
        #expect(words("增加12万，").contains("12万"))
    }

    @Test func ordinalKeepsItsNumber() {
        #expect(words("第3条").contains("第3"))
    }

    @Test func latinRunsAndPinyin() {
        #expect(words("H5页面") .first == "H5")
        #expect(kinds("國(guó)")["guó"] == .latin)
    }

    @Test func builtInLexiconKeepsReportTerms() {
        #expect(words("收到行政复议申请").contains("行政复议"))
        #expect(words("依申请公开").contains("依申请公开"))
    }

    @Test func userLexiconMergesLongestMatch() throws {
        var lexicon = Lexicon.builtIn
        lexicon.formUnion(try Lexicon.parse("山亭区 10 ns\n山亭\n", path: "test.txt"))
        let custom = try Tokenizer(configuration: .init(lexicon: lexicon))
        let bytes = Array("山亭区政府".utf8)
        #expect(custom.tokenize(bytes).map { $0.span.slice(bytes) }.first == "山亭区")
    }

    @Test func lexiconRefusesWordsWithCutCharacters() {
        #expect(throws: HanError.self) { try Lexicon.parse("你好。世界\n", path: "bad.txt") }
    }

    @Test func lineBreaksAreTokensAndCRLFIsOne() {
        let bytes = Array("甲\r\n乙\n".utf8)
        let tokens = tokenizer.tokenize(bytes)
        checkTokenInvariants(tokens, text: bytes)
        #expect(tokens.filter { $0.kind == .newline }.map { $0.span.slice(bytes) } == ["\r\n", "\n"])
    }

    @Test func traditionalIsSegmentedAsSimplifiedButKeepsItsBytes() throws {
        let t2s = try Tokenizer(configuration: .init(traditionalToSimplified: true))
        let bytes = Array("國務院發布".utf8)
        let tokens = t2s.tokenize(bytes)
        checkTokenInvariants(tokens, text: bytes)
        #expect(tokens.map { $0.span.slice(bytes) }.joined() == "國務院發布")
        bytes.withUnsafeBufferPointer { buffer in
            #expect(t2s.normalizedForm(buffer, tokens.last!.span) == "发布")
        }
    }

    @Test func surrogatePairsAndExtensionBCharacters() {
        let text = "𠀀𦡦䶯字"
        let bytes = Array(text.utf8)
        let tokens = tokenizer.tokenize(bytes)
        checkTokenInvariants(tokens, text: bytes)
        #expect(tokens.map { $0.span.slice(bytes) }.joined() == text)
    }

    @Test func everyKindAppears() {
        let text = "主动公开536条，H5 2023年 二〇二三 ~\n"
        let found = Set(tokenizer.tokenize(Array(text.utf8)).map(\.kind))
        #expect(found == [.han, .number, .latin, .punctuation, .whitespace, .newline, .chineseNumeral, .symbol])
    }
}

/// The direct drive of ICU's CJK dictionary must give exactly the words of ICU's break iterator.
@Suite struct DictionaryPathTests {
    static let texts: [String] = [
        "共同创造美好的新世纪——二〇〇一年新年贺词。李鹏总理和江泽民主席会见了来自吉尔吉斯斯坦的代表团。",
        "淮安市洪泽区人民政府办公室认真贯彻落实政务公开工作要求，不断提升政府信息公开质量。",
        "ひらがなとカタカナのテキストコンピュータ、漢字も混ぜる。",
        "國務院辦公廳關於做好政府信息依申請公開工作的意見",
        "兼容字符﨑﨟和扩展𠀀𦡦汉字混排。",
    ]

    @Test(arguments: texts)
    func fastPathEqualsTheBreakIterator(_ text: String) throws {
        let bytes = Array(text.utf8)
        let fast = try Tokenizer(configuration: .init(lexicon: Lexicon(), numberRules: false, joinUnknownSingles: false))
        var reference = Tokenizer.Configuration(lexicon: Lexicon(), numberRules: false, joinUnknownSingles: false)
        reference.referenceWordBreak = true
        let slow = try Tokenizer(configuration: reference)
        #expect(fast.tokenize(bytes) == slow.tokenize(bytes))
    }

    @Test func corpusTextsAgreeToo() throws {
        let fast = try Tokenizer(configuration: .init(lexicon: Lexicon(), numberRules: false, joinUnknownSingles: false))
        var reference = Tokenizer.Configuration(lexicon: Lexicon(), numberRules: false, joinUnknownSingles: false)
        reference.referenceWordBreak = true
        let slow = try Tokenizer(configuration: reference)
        let files = try corpusTextFiles()
        #expect(!files.isEmpty, "Corpus/ holds reports")
        for (path, bytes) in files {
            #expect(fast.tokenize(bytes) == slow.tokenize(bytes), "\(path)")
        }
    }
}

@Suite struct NumeralRegressionTests {
    /// 零 (U+96F6) is the highest numeral code point; a range check once cut it off.
    @Test func zeroHourFuses() throws {
        let bytes = Array("零时".utf8)
        let tokens = try Tokenizer().tokenize(bytes)
        #expect(tokens.map { $0.span.slice(bytes) } == ["零时"])
        #expect(tokens.first?.kind == .chineseNumeral)
    }
}

@Suite struct UnknownWordTests {
    func words(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        return try Tokenizer().tokenize(bytes).map { $0.span.slice(bytes) }
    }

    /// Only whole runs of lone characters are joined; a run is never joined from its middle.
    @Test func runsOfTwoOrThreeBecomeOneWord() throws {
        #expect(try words("李鹏总理").first == "李鹏")
        #expect(try words("在青岚市") == ["在", "青岚市"])
    }

    @Test func longerRunsAreCutIntoPairsFromTheStart() throws {
        // 山 亭 区 府 (four lone characters, then the function word 前): two pairs.
        #expect(try words("山亭区府前路").prefix(2) == ["山亭", "区府"])
    }

    @Test func functionCharactersStayAlone() throws {
        #expect(try words("他把书给我") == ["他", "把", "书", "给", "我"])
    }
}
