/// Numbers a report states in its own prose about table 2's documents (规章, 规范性文件), used to
/// settle a table-2 row whose glued digits can be cut several ways: `现行有效行政规范性文件698件`
/// and `本年度制发的规范性文件88件` leave one cut of `8855698`.
///
/// Only a clause (between `，。；`) that names the row's documents, one column's cue word and one
/// count `N件` counts; a cut is kept only if it agrees with every such statement. When no cut
/// agrees, the statements are ignored: prose may count something else, the table is as printed.
enum ProseCorroboration {
    struct Statement: Equatable {
        var row: String
        var column: Int
        var value: Double
    }

    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    static let nouns: [(row: String, noun: [UInt8], not: [UInt8]?)] = [
        ("regulations", Array("规章".utf8), Array("规章制度".utf8)),
        ("normative_documents", Array("规范性文件".utf8), nil),
    ]
    static let cues2021: [[[UInt8]]] = [bytes(["制发", "印发", "出台", "新制定"]), bytes(["废止"]), bytes(["现行有效"])]
    static let cues2019: [[[UInt8]]] = [bytes(["新制作", "制发", "印发"]), bytes(["新公开"]), bytes(["对外公开总", "现行有效"])]
    static let piece = Array("件".utf8)
    static let clauseEnds: [[UInt8]] = bytes(["，", "。", "；", ",", ";", "\n"])

    /// The statements in `text[range]`.
    static func statements(_ text: [UInt8], _ range: Range<Int>, is2019: Bool) -> [Statement] {
        let cues = is2019 ? cues2019 : cues2021
        var out: [Statement] = []
        var start = range.lowerBound
        var i = range.lowerBound
        while i <= range.upperBound {
            var end: Int?
            if i == range.upperBound {
                end = i
            } else {
                for mark in clauseEnds where i + mark.count <= range.upperBound && text[i..<(i + mark.count)].elementsEqual(mark) {
                    end = i
                    break
                }
            }
            if let end {
                if end > start, let statement = statement(text, start..<end, cues: cues) { out.append(statement) }
                start = end + 1
                while start < range.upperBound, text[start] & 0xC0 == 0x80 { start += 1 }
                i = start
                continue
            }
            i += 1
        }
        return out
    }

    static func find(_ pattern: [UInt8], in text: [UInt8], _ range: Range<Int>) -> Int? {
        guard pattern.count <= range.count else { return nil }
        var i = range.lowerBound
        while i + pattern.count <= range.upperBound {
            if text[i] == pattern[0], text[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    static func statement(_ text: [UInt8], _ clause: Range<Int>, cues: [[[UInt8]]]) -> Statement? {
        let columns = cues.indices.filter { column in cues[column].contains { find($0, in: text, clause) != nil } }
        guard columns.count == 1 else { return nil }
        var found: Statement?
        for entry in nouns {
            guard let at = find(entry.noun, in: text, clause) else { continue }
            if let not = entry.not, find(not, in: text, clause) != nil { continue }
            guard let value = count(text, clause, after: at + entry.noun.count) ?? count(text, clause, before: at) else { continue }
            if found != nil { return nil }
            found = Statement(row: entry.row, column: columns[0], value: value)
        }
        return found
    }

    /// `N件` right after the noun.
    static func count(_ text: [UInt8], _ clause: Range<Int>, after position: Int) -> Double? {
        var end = position
        while end < clause.upperBound, CellLexer.isDigit(text[end]) { end += 1 }
        guard end > position, end + piece.count <= clause.upperBound,
              text[end..<(end + piece.count)].elementsEqual(piece) else { return nil }
        return Double(String(decoding: text[position..<end], as: UTF8.self))
    }

    /// `N件` right before the noun, with at most 行政 between.
    static func count(_ text: [UInt8], _ clause: Range<Int>, before position: Int) -> Double? {
        var end = position
        let administrative = Array("行政".utf8)
        if end - administrative.count >= clause.lowerBound,
           text[(end - administrative.count)..<end].elementsEqual(administrative) {
            end -= administrative.count
        }
        guard end - piece.count >= clause.lowerBound, text[(end - piece.count)..<end].elementsEqual(piece) else { return nil }
        end -= piece.count
        var start = end
        while start > clause.lowerBound, CellLexer.isDigit(text[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        return Double(String(decoding: text[start..<end], as: UTF8.self))
    }

    /// The readings of a row that agree with every statement about it, or all of them when none do.
    static func filter(_ options: [[TableAssembler.Slot]], row: String, statements: [Statement]) -> [[TableAssembler.Slot]] {
        let about = statements.filter { $0.row == row }
        guard !about.isEmpty, options.count > 1 else { return options }
        let kept = options.filter { option in
            about.allSatisfy { statement in
                guard statement.column < option.count, case .value(let value, _) = option[statement.column] else { return false }
                return abs(value - statement.value) < 1e-6
            }
        }
        return kept.isEmpty ? options : kept
    }
}
