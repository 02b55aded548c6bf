import HanCore
import HanSegment
import HanTestSupport
import Testing

/// Chunking invariance: a stream's tokens are the same however its input arrives.
@Suite struct StreamingTests {
    static let inputs: [String] = [
        "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在www.example.gov.cn下载！\n",
        "一、总体情况\n\t\t\n（一）主动公开\n本年度主动公开信息536条，其中文件类信息120条；\r\n政策解读25篇？\n",
        "申请数量640020470\t0\t0\n合计\n\n\n总\n计\n  ３．５亿元　",
        "國(guó)務院辦公廳發布通知;第三季度 H5页面 —— 二○○一年……",
        "",
        "没有任何断句标点的一长串汉字文本用来测试硬切分的效果在不同的喂入方式下是否一致",
    ]

    func streamed(_ input: [UInt8], _ feeding: Feeding, cutter: UnitCutter, minimumPiece: Int) throws -> [Token] {
        let stream = TokenStream(tokenizer: try Tokenizer(), cutter: cutter, minimumPiece: minimumPiece)
        var tokens: [Token] = []
        for chunk in feeding.chunks(input) {
            stream.push(chunk) { batch, _ in tokens.append(contentsOf: batch) }
        }
        stream.finish { batch, _ in tokens.append(contentsOf: batch) }
        return tokens
    }

    @Test(arguments: inputs)
    func everyFeedingGivesTheWholeTextsTokens(_ input: String) throws {
        let bytes = Array(input.utf8)
        for cutter in [UnitCutter(), UnitCutter(hardCap: 16), UnitCutter(hardCap: 40)] {
            let expected = try Tokenizer().tokenize(bytes, cutter: cutter)
            checkTokenInvariants(expected, text: bytes)
            for feeding in Feeding.all {
                for minimumPiece in [1, 64, 1 << 16] {
                    let got = try streamed(bytes, feeding, cutter: cutter, minimumPiece: minimumPiece)
                    #expect(got == expected, "\(feeding), cap \(cutter.hardCap), pieces ≥ \(minimumPiece)")
                }
            }
        }
    }

    @Test func theHardCapBoundsEveryPiece() throws {
        let line = Array(String(repeating: "汉字abc123", count: 2000).utf8)
        var chunker = UnitChunker(cutter: UnitCutter(hardCap: 1024), minimumPiece: 1)
        var largest = 0
        var covered = 0
        for chunk in Feeding.random(seed: 9, maximum: 300).chunks(line) {
            chunker.push(chunk) { piece in
                largest = max(largest, piece.text.count)
                #expect(piece.base == covered)
                covered += piece.text.count
            }
        }
        chunker.finish { piece in
            largest = max(largest, piece.text.count)
            covered += piece.text.count
        }
        #expect(covered == line.count)
        #expect(largest <= 1024)
    }

    @Test func forcedCutsPreferAClassChange() {
        let text = Array("汉汉汉汉abcdefgh".utf8)
        let cuts = text.withUnsafeBufferPointer { UnitCutter(hardCap: 14).scan($0, from: 0, isFinal: true) }
        #expect(cuts.first == UnitCutter.Cut(offset: 12, isForced: true))
    }
}
