import GRDB
import GRDBSQLite
import HanCore
import HanText

/// The FTS5 tokenizer `hanmine_grams`: character bigrams of the folded text (Lucene's
/// CJKBigramFilter idea), the index behind `hanmine search`'s recall.
///
/// Why: a word index finds a word only where the segmenter put word boundaries around it, and
/// dictionary segmentation depends on context (行政复议和 → 行政 复 议和), so it loses occurrences.
/// Character grams do not depend on any segmentation.
///
/// Documents: the text is folded (`SearchFold`) and cut into runs at separators (whitespace).
/// At each character of a run there is one token: the bigram of it and the next character, or
/// the character alone at the end of the run. So token positions are character positions inside
/// a run, and a run's tokens are consecutive.
///
/// Queries: a piece of n ≥ 2 characters is the phrase of its n − 1 overlapping bigrams; a piece
/// of one character is that character as a prefix query (`"政" *`: the bigrams that start with it
/// and the lone character at a run's end). A phrase of overlapping bigrams matches at position p
/// exactly where the folded run has the piece at character p, so the index finds exactly the
/// documents whose folded text contains every piece: no verification pass is needed, and the
/// number of phrase instances is the number of occurrences (the rank).
///
/// Offsets handed to FTS5 are UTF-8 byte offsets into the original text.
public final class GramTokenizer: FTS5CustomTokenizer {
    public static let name = "hanmine_grams"
    private let fold: SearchFold
    private var pending: [UInt8] = []
    private var pendingStart = -1
    private var token: [UInt8] = []

    public init(db: Database, arguments: [String]) throws {
        do {
            fold = try SearchFold()
        } catch {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "hanmine_grams tokenizer: \(error)")
        }
    }

    public func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
                         pText: UnsafePointer<CChar>?, nText: CInt,
                         tokenCallback: @escaping FTS5TokenCallback) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        let text = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        if tokenization.contains(.query) {
            // A query typed into SQL might not be valid UTF-8; documents always are.
            guard String(validating: text, as: UTF8.self) != nil else { return SQLITE_ERROR }
        }
        let isQuery = tokenization.contains(.query)
        var code = SQLITE_OK
        var runLength = 0
        pending.removeAll(keepingCapacity: true)
        pendingStart = -1
        var pendingEnd = 0
        func emit(_ bytes: [UInt8], _ start: Int, _ end: Int) {
            guard code == SQLITE_OK else { return }
            code = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    tokenCallback(context, 0, $0.baseAddress, CInt($0.count), CInt(start), CInt(end))
                }
            }
        }
        /// Ends a run: a document's last character stands alone; a one-character query is it.
        func endRun() {
            if !pending.isEmpty, !isQuery || runLength == 1 { emit(pending, pendingStart, pendingEnd) }
            pending.removeAll(keepingCapacity: true)
            runLength = 0
        }
        fold.forEachCharacter(in: text) { bytes, span, separator in
            guard code == SQLITE_OK else { return }
            if separator {
                endRun()
                return
            }
            if !pending.isEmpty {
                token.removeAll(keepingCapacity: true)
                token.append(contentsOf: pending)
                token.append(contentsOf: bytes)
                emit(token, pendingStart, span.end)
            }
            pending.removeAll(keepingCapacity: true)
            pending.append(contentsOf: bytes)
            pendingStart = span.start
            pendingEnd = span.end
            runLength += 1
        }
        endRun()
        return code
    }
}
