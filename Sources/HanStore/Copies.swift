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
/// 3. texts alike *and* the same figures: the Jaccard similarity of their folded 5-character
///    shingle sets, estimated from 128 MinHash values, at least `threshold`, and at least
///    `numberContainment` of the smaller document's distinctive numbers (three or more
///    significant digits, not a year, not a document number's 号) found in the other, the
///    smaller holding at least `minimumNumbers` of them. Text alone is no evidence: reports
///    written on the national template share much of their wording whoever wrote them (made-up
///    reports of one template reach a Jaccard of 0.6); the figures are each report's own, and
///    two captures of one report print the same ones however each site cut the page. Without
///    enough figures to compare, documents stay apart.
/// The primary is the document with the smallest content hash, so the grouping does not depend
/// on the order of ingest. Recomputed after every ingest (`CorpusStore.finishIngest`).
enum Copies {
    static let shingleCharacters = 5
    static let hashCount = 128
    static let threshold = 0.3
    static let minimumTableCells = 20
    static let numberContainment = 0.8
    static let minimumNumbers = 3

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
            var numbers: [Set<UInt32>] = []
            var tables: [[DatabaseValue]] = []
            for member in members {
                let id: Int64 = member[0]
                // The blob: hashCount MinHash values, then the hashes of the distinctive numbers.
                var values: [UInt32]
                if let blob = member[2] as Data?, blob.count >= hashCount * 4, blob.count % 4 == 0 {
                    values = blob.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
                } else {
                    let body = try String.fetchOne(db, sql: "SELECT body FROM texts WHERE document_id = ?", arguments: [id]) ?? ""
                    let folded = fold.fold(Array(body.utf8)).bytes
                    values = minHash(folded) + distinctiveNumbers(folded).sorted()
                    try db.execute(sql: "UPDATE documents SET minhash = ? WHERE id = ?",
                                   arguments: [values.withUnsafeBytes { Data($0) }, id])
                }
                signatures.append(Array(values[0..<hashCount]))
                numbers.append(Set(values[hashCount...]))
                tables.append(try DatabaseValue.fetchAll(db, sql: "SELECT value FROM cells WHERE document_id = ? ORDER BY key_id", arguments: [id]))
            }
            var primary = Array(members.indices)
            func root(_ i: Int) -> Int { var r = i; while primary[r] != r { r = primary[r] }; return r }
            for i in members.indices {
                for j in members.indices where j > i && root(j) != root(i) {
                    if sameTables(tables[i], tables[j])
                        || (similarity(signatures[i], signatures[j]) >= threshold && sameFigures(numbers[i], numbers[j])) {
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

    static func sameFigures(_ a: Set<UInt32>, _ b: Set<UInt32>) -> Bool {
        let smaller = a.count <= b.count ? a : b
        let larger = a.count <= b.count ? b : a
        guard smaller.count >= minimumNumbers else { return false }
        return Double(smaller.intersection(larger).count) >= numberContainment * Double(smaller.count)
    }

    /// Hashes of the numbers a report prints as its own figures: digit runs (with a decimal part)
    /// of three or more significant digits, leaving out years (19xx, 20xx) and document numbers
    /// (a run followed by 号), which template and citations share.
    static func distinctiveNumbers(_ folded: [UInt8]) -> Set<UInt32> {
        var out: Set<UInt32> = []
        let hao: [UInt8] = Array("号".utf8)
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < folded.count && folded[k] >= 0x30 && folded[k] <= 0x39 }
        while i < folded.count {
            guard isDigit(i), i == 0 || !(isDigit(i - 1) || folded[i - 1] == 0x2E) else { i += 1; continue }
            var end = i
            while isDigit(end) { end += 1 }
            let integerEnd = end
            if end + 1 < folded.count, folded[end] == 0x2E, isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1 }
            }
            let run = Array(folded[i..<end])
            let significant = run.filter { $0 != 0x2E }.drop { $0 == 0x30 }.count
            let isYear = integerEnd == end && end - i == 4 && (run.starts(with: [0x31, 0x39]) || run.starts(with: [0x32, 0x30]))
            let isDocumentNumber = folded.count >= end + hao.count && Array(folded[end..<(end + hao.count)]) == hao
            if significant >= 3, !isYear, !isDocumentNumber {
                var hash: UInt32 = 0x811C_9DC5
                for byte in run { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
                out.insert(hash)
            }
            i = end
        }
        return out
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

