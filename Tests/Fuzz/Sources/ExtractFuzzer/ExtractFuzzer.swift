import HanCore
import HanExtract
import HanText

/// libFuzzer entry point: extracts a record from arbitrary bytes and checks the invariants every
/// record keeps. Decoding errors are fine (they are the documented outcome for bad bytes); a trap,
/// a span outside the text or a `text` that is not the bytes at its span is a bug.
nonisolated(unsafe) private var extractor: Extractor? = nil

/// Report structure the fuzzer's bytes are spliced into, so mutations reach the section and
/// table rules and not only the decoder.
private let scaffold: [[UInt8]] = [
    "云溪区2023年政府信息公开工作年度报告\n统计期限自2023年1月1日至12月31日。",
    "\n五、存在的主要问题及改进情况\n（一）存在问题：一是",
    "。二是",
    "\n（二）改进措施：一是",
    "\n六、其他需要报告的事项\n",
].map { Array($0.utf8) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if extractor == nil { extractor = try? Extractor() }
    guard let extractor else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    check(extractor, input)
    // The same bytes spliced into a report skeleton (cut into pieces between the scaffold parts).
    var spliced: [UInt8] = []
    let pieces = max(1, scaffold.count)
    let step = max(1, input.count / pieces)
    for (i, part) in scaffold.enumerated() {
        spliced += part
        let start = min(input.count, i * step)
        let end = i == scaffold.count - 1 ? input.count : min(input.count, start + step)
        spliced += input[start..<end]
    }
    check(extractor, spliced)
    return 0
}

private func check(_ extractor: Extractor, _ bytes: [UInt8]) {
    let record: Record
    do throws(HanError) {
        record = try extractor.extract(contentsOf: bytes, path: "fuzz.txt")
    } catch {
        return
    }
    guard let text = try? DocumentReader.decodeAll(bytes, options: .default).text else {
        fatalError("decoded once but not twice")
    }
    let spans = FieldKind.all.flatMap { kind in kind.rows(record).map { ($0.text, $0.span) } }
    for (value, span) in spans {
        precondition(span.start >= 0 && span.end <= text.count, "span \(span) outside a text of \(text.count) bytes")
        precondition(span.slice(text) == value, "text \(value) is not the bytes at \(span)")
    }
    for cell in record.tables?.longForm ?? [] {
        if let span = cell.span { precondition(span.end <= text.count, "cell span \(span) outside the text") }
    }
}

/// libFuzzer's driver, called from the executable's entry point: SwiftPM names an executable's
/// `main` after its module (`ExtractFuzzer_main`), so the harness hands control to libFuzzer
/// from there instead of linking libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                             _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("ExtractFuzzer_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
