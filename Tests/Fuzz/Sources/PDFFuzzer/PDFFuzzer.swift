import DocumentFuzzSupport
import HanCore
import HanDocument

/// libFuzzer entry point for the PDF reader (poppler behind CPoppler, then HanPDF's layout):
/// arbitrary bytes as a PDF. Errors (corrupt, encrypted, no text layer, limits) are the
/// documented outcome; a trap in Swift or in poppler, or a broken invariant (`DocumentInvariants`:
/// spans inside the text, rectangular grids), is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let document = try? PDFDocumentReader().read(bytes, options: .default) {
        DocumentInvariants.check(document)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                             _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM names an executable's `main` after its module; the harness hands control to libFuzzer from there.
@_cdecl("PDFFuzzer_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
