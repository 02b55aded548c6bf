import Foundation
import HanCore

/// A record as one line of JSON, keys in SPEC order (the order `Record.encode(to:)` writes).
public enum RecordJSON {
    public static func encode(_ record: Record) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? Array(encoder.encode(record))) ?? Array("{\"schema\":1,\"error\":\"record could not be encoded\"}".utf8)
    }
}
