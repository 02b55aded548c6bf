import DocumentFuzzSupport
import Foundation
import HanCore
import HanDocument
import ZIPFoundation

/// libFuzzer entry point for the DOCX reader. An input whose first byte is even is the archive
/// itself; an odd one is the text of `word/document.xml`, zipped here, so mutations reach the
/// WordprocessingML walk and not only the ZIP checks (which reject almost every mutated archive).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = input.first else { return 0 }
    var bytes = Array(input.dropFirst())
    if first & 1 == 1 {
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return 0 }
        let xml = Data(bytes)
        try? archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count),
                              compressionMethod: .deflate) { position, size in
            xml.subdata(in: Int(position)..<(Int(position) + size))
        }
        bytes = [UInt8](archive.data ?? Data())
    }
    if let document = try? DOCXReader().read(bytes, options: .default) {
        DocumentInvariants.check(document)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                             _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM names an executable's `main` after its module; the harness hands control to libFuzzer from there.
@_cdecl("DOCXFuzzer_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
