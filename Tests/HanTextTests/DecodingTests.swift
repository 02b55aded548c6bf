import HanCore
import HanTestSupport
import HanText
import Testing

@Suite struct DecodingTests {
    func decode(_ bytes: [UInt8], _ options: DecodingOptions = .default, feeding: Feeding = .whole) throws -> ([UInt8], StreamDecoder) {
        let decoder = StreamDecoder(options: options)
        var out: [UInt8] = []
        for chunk in feeding.chunks(bytes) { out.append(contentsOf: try decoder.push(chunk)) }
        out.append(contentsOf: try decoder.finish())
        return (out, decoder)
    }

    let sample = "政府信息公开工作年度报告，2023年。"

    @Test func utf8WithBOMDropsTheBOM() throws {
        let (text, decoder) = try decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8))
        #expect(text == Array(sample.utf8))
        #expect(decoder.encoding == .utf8)
    }

    @Test(arguments: [TextEncoding.utf16LE, .utf16BE])
    func utf16WithBOM(_ encoding: TextEncoding) throws {
        var bytes: [UInt8] = encoding == .utf16LE ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in sample.utf16 {
            let pair = encoding == .utf16LE ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            bytes += pair
        }
        for feeding in Feeding.all {
            let (text, decoder) = try decode(bytes, feeding: feeding)
            #expect(String(decoding: text, as: UTF8.self) == sample, "\(feeding)")
            #expect(decoder.encoding == encoding)
        }
    }

    /// 政府信息公开 in GBK.
    static let gbk: [UInt8] = [0xD5, 0xFE, 0xB8, 0xAE, 0xD0, 0xC5, 0xCF, 0xA2, 0xB9, 0xAB, 0xBF, 0xAA]

    @Test func gbkIsDetectedAndDecodedInEveryFeeding() throws {
        let bytes = Array(repeating: DecodingTests.gbk, count: 20).flatMap { $0 }
        for feeding in Feeding.all {
            let (text, decoder) = try decode(bytes, feeding: feeding)
            #expect(String(decoding: text, as: UTF8.self) == String(repeating: "政府信息公开", count: 20), "\(feeding)")
            #expect(decoder.encoding == .gb18030)
        }
    }

    @Test func forcedEncodingIsUsed() throws {
        let (text, _) = try decode(DecodingTests.gbk, DecodingOptions(encoding: TextEncoding(userName: "GBK")))
        #expect(String(decoding: text, as: UTF8.self) == "政府信息公开")
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        var bytes = Array(String(repeating: "政府信息公开", count: 10).utf8)
        bytes.insert(0xFF, at: 36)
        for feeding in Feeding.all {
            do {
                _ = try decode(bytes, feeding: feeding)
                Issue.record("invalid UTF-8 was accepted (\(feeding))")
            } catch let error as HanError {
                #expect(error.code == .invalidEncoding)
                #expect(error.offset == 36, "\(feeding)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func lossyReplacesAndCounts() throws {
        var bytes = Array(String(repeating: "政府信息公开", count: 10).utf8)
        bytes.insert(0xFF, at: 30)
        let (text, decoder) = try decode(bytes, DecodingOptions(lossy: true))
        #expect(decoder.replacements == 1)
        #expect(decoder.firstReplacementOffset == 30)
        #expect(String(decoding: text, as: UTF8.self).contains("\u{FFFD}"))
    }

    @Test func aTruncatedLastCharacterIsAnError() {
        let bytes = Array(String(repeating: "政", count: 10).utf8).dropLast()
        #expect(throws: HanError.self) { _ = try decode(Array(bytes)) }
    }

    @Test func binaryIsRefused() {
        var generator = SplitMix64(seed: 7)
        let junk = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        do {
            _ = try decode(junk)
            Issue.record("binary input was accepted")
        } catch let error as HanError {
            #expect(error.code == .binaryInput || error.code == .invalidEncoding)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func emptyInputIsEmptyText() throws {
        let (text, _) = try decode([])
        #expect(text.isEmpty)
    }
}

@Suite struct OffsetMapTests {
    @Test func halfWidthNormalisationMapsBack() throws {
        let original = Array("２０２３年（一）ＡＢ".utf8)
        let normalizer = try CharacterNormalizer()
        let (text, map) = normalizer.normalize(original)
        #expect(String(decoding: text, as: UTF8.self) == "2023年(一)AB")
        // "2023" is normalised [0, 4) → original [0, 12)
        #expect(map.original(start: 0, end: 4) == (0, 12))
        // "年" is normalised [4, 7) → original [12, 15)
        #expect(map.original(start: 4, end: 7) == (12, 15))
        #expect(map.originalEnd(text.count) == original.count)
    }

    @Test func deletionsAreSkippedByStartsAndNotSwallowedByEnds() {
        let original = Array("淮\n\n安市".utf8)
        var builder = NormalizedTextBuilder()
        original.withUnsafeBufferPointer { buffer in
            builder.copy(buffer, 0..<3)
            builder.replace(3..<5, with: [])
            builder.copy(buffer, 5..<buffer.count)
        }
        let (text, map) = builder.finish()
        #expect(String(decoding: text, as: UTF8.self) == "淮安市")
        #expect(map.original(start: 0, end: 9) == (0, 11))
        #expect(map.originalEnd(3) == 3)
        #expect(map.originalStart(3) == 5)
    }

    @Test func traditionalToSimplified() throws {
        let normalizer = try CharacterNormalizer(options: .init(traditionalToSimplified: true))
        let (text, _) = normalizer.normalize(Array("國務院".utf8))
        #expect(String(decoding: text, as: UTF8.self) == "国务院")
    }
}
