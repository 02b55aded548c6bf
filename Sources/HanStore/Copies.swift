import Foundation
import GRDB
import HanCore
import HanText

/// Copy groups: one report captured twice (two sites, different page chrome) is one primary
/// and its copies (`documents.copy_of` = the primary's id).
///
/// The evidence, in order (documented in the README):
/// 1. the same canonical agency and the same report year (a body publishes one annual report a
///    year; nothing is compared across bodies or years), and then
/// 2. equal statistical tables (every cell, with at least `minimumTableCells` printed), or
/// 3. texts alike: the Jaccard similarity of their folded 5-character shingle sets, estimated
///    from 128 MinHash values, at least `threshold`. Two different reports of one body and
///    year (a 政府工作报告 and a disclosure report) share little beyond the body's name; two
///    captures of one report share its sentences and numbers even when each site cut it
///    differently.
/// The primary is the document with the smallest content hash, so the grouping does not depend
/// on the order of ingest. Recomputed after every ingest (`CorpusStore.finishIngest`).
enum Copies {
    static let shingleCharacters = 5
    static let hashCount = 128
    static let threshold = 0.3
    static let minimumTableCells = 20

    static func refresh(_ db: Database) throws {
        try db.execute(sql: "UPDATE documents SET copy_of = NULL WHERE copy_of IS NOT NULL")
        let groups = try Row.fetchAll(db, sql: """
            SELECT agency_canonical, year FROM documents
            WHERE is_current = 1 AND agency_canonical IS NOT NULL AND year IS NOT NULL
            GROUP BY agency_canonical, year HAVING count(*) > 1
            """)
        guard !groups.isEmpty else { return }
        let fold = try SearchFold()
        for group in groups {
            let members = try Row.fetchAll(db, sql: """
                SELECT d.id, d.sha256, d.minhash FROM documents d
                WHERE d.agency_canonical = ? AND d.year = ? AND d.is_current = 1 ORDER BY d.sha256
                """, arguments: [group[0] as String, group[1] as Int])
            var signatures: [[UInt32]] = []
            var tables: [[DatabaseValue]] = []
            for member in members {
                let id: Int64 = member[0]
                if let blob = member[2] as Data?, blob.count == hashCount * 4 {
                    signatures.append(blob.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) })
                } else {
                    let body = try String.fetchOne(db, sql: "SELECT body FROM texts WHERE document_id = ?", arguments: [id]) ?? ""
                    let signature = minHash(fold.fold(Array(body.utf8)).bytes)
                    signatures.append(signature)
                    try db.execute(sql: "UPDATE documents SET minhash = ? WHERE id = ?",
                                   arguments: [signature.withUnsafeBytes { Data($0) }, id])
                }
                tables.append(try DatabaseValue.fetchAll(db, sql: "SELECT value FROM cells WHERE document_id = ? ORDER BY key_id", arguments: [id]))
            }
            var primary = Array(members.indices)
            func root(_ i: Int) -> Int { var r = i; while primary[r] != r { r = primary[r] }; return r }
            for i in members.indices {
                for j in members.indices where j > i && root(j) != root(i) {
                    if sameTables(tables[i], tables[j]) || similarity(signatures[i], signatures[j]) >= threshold {
                        // Members are in hash order: the smaller index (smaller hash) stays the root.
                        let (a, b) = (root(i), root(j))
                        primary[max(a, b)] = min(a, b)
                    }
                }
            }
            for i in members.indices where root(i) != i {
                try db.execute(sql: "UPDATE documents SET copy_of = ? WHERE id = ?",
                               arguments: [members[root(i)][0] as Int64, members[i][0] as Int64])
            }
        }
    }

    static func sameTables(_ a: [DatabaseValue], _ b: [DatabaseValue]) -> Bool {
        a.count == b.count && a.filter { !$0.isNull }.count >= minimumTableCells && a == b
    }

    static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        // A text shorter than one shingle has no signature: no evidence either way.
        guard a.count == b.count, !a.isEmpty, a.contains(where: { $0 != .max }), b.contains(where: { $0 != .max }) else { return 0 }
        return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }

    /// MinHash of the folded text's shingles of `shingleCharacters` characters (whitespace left
    /// out, so line breaks and indentation do not count): for each of `hashCount` hash
    /// functions, the least hash of any shingle.
    static func minHash(_ folded: [UInt8]) -> [UInt32] {
        var characters: [Range<Int>] = []
        var i = 0
        folded.withUnsafeBufferPointer { buffer in
            while i < buffer.count {
                let (scalar, width) = UTF8Scalar.decode(buffer, at: i)
                if !SearchFold.isSeparator(scalar) { characters.append(i..<(i + width)) }
                i += width
            }
        }
        var minima = [UInt32](repeating: .max, count: hashCount)
        guard characters.count >= shingleCharacters else { return minima }
        for start in 0...(characters.count - shingleCharacters) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in start..<(start + shingleCharacters) {
                for byte in folded[characters[k]] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
            for h in 0..<hashCount {
                var x = hash ^ (UInt64(h) &* 0x9E37_79B9_7F4A_7C15)
                x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
                x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
                x ^= x >> 31
                let value = UInt32(truncatingIfNeeded: x)
                if value < minima[h] { minima[h] = value }
            }
        }
        return minima
    }
}

