import Foundation
import HanCore
import Testing

@Suite struct SpanTests {
    @Test func encodesAsTwoElementArray() throws {
        let data = try JSONEncoder().encode(Span(3, 9))
        #expect(String(decoding: data, as: UTF8.self) == "[3,9]")
        #expect(try JSONDecoder().decode(Span.self, from: data) == Span(3, 9))
    }

    @Test func refusesASpanThatEndsBeforeItStarts() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Span.self, from: Data("[9,3]".utf8)) }
    }

    @Test func slicesOriginalBytes() {
        let text = Array("山亭区2023年".utf8)
        #expect(Span(0, 9).slice(text) == "山亭区")
        #expect(Span(9, 13).slice(text) == "2023")
    }
}
