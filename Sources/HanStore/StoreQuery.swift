import GRDB
import GRDBSQLite
import HanCore

/// A value read from the store, typed as SQLite stored it.
public enum StoreValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(Array(data))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let number): return number.databaseValue
        case .real(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
    }

    /// The value as a person reads it: integers without a decimal point, NULL as empty.
    public var description: String {
        switch self {
        case .null: return ""
        case .integer(let number): return String(number)
        case .real(let number):
            if number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
            return String(number)
        case .text(let text): return text
        case .blob(let bytes): return "x'" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
        }
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

import Foundation

extension CorpusStore {
    /// Runs each statement of `sql` and hands every result row to `body`, with the column
    /// names of its statement. Statements that would write are refused before they run (and
    /// a read-only store's connection would refuse them anyway). `noRows` is called with the
    /// column names of each statement that gave no row.
    public func forEachRow(_ sql: String, arguments: [StoreValue] = [], noRows: (([String]) throws -> Void)? = nil,
                           _ body: ([String], [StoreValue]) throws -> Void) throws(HanError) {
        do {
            try queue.read { db in
                userSQL?.begin()
                defer { userSQL?.end() }
                let statements = try db.allStatements(sql: sql)
                var bound = false
                var count = 0
                while true {
                    userSQL?.nextStatement()
                    guard let statement = try statements.next() else { break }
                    count += 1
                    guard statement.isReadonly else {
                        throw HanError(.usage, "this command only reads: '\(statement.sql.prefix(60))' would change the store and was refused (use 'hanmine ingest' to add documents)")
                    }
                    if !bound, !arguments.isEmpty {
                        try statement.setArguments(StatementArguments(arguments.map(\.databaseValue)))
                        bound = true
                    }
                    let columns = statement.columnNames
                    let rows = try Row.fetchCursor(statement)
                    var empty = true
                    while let row = try rows.next() {
                        empty = false
                        try body(columns, (0..<row.count).map { StoreValue(row[$0] as DatabaseValue) })
                    }
                    if empty { try noRows?(columns) }
                }
                if count == 0 {
                    throw HanError(.usage, "no SQL statement to run (the text is empty or only comments)")
                }
            }
        } catch {
            throw queryError(error)
        }
    }

    private func queryError(_ error: any Error) -> HanError {
        if let error = error as? HanError { return error }
        if let guardian = userSQL, let error = error as? DatabaseError {
            if let refusal = guardian.refusal, error.resultCode == .SQLITE_AUTH || error.resultCode == .SQLITE_ERROR {
                return HanError(.usage, refusal)
            }
            if guardian.timedOut, error.resultCode == .SQLITE_INTERRUPT {
                let seconds = guardian.limits.timeout.map { String(format: "%g", $0) } ?? "?"
                return HanError(.limitExceeded, "the statement ran longer than \(seconds) s and was stopped; narrow it (WHERE, LIMIT) or raise --timeout", path: path)
            }
            if error.resultCode == .SQLITE_NOMEM || error.resultCode == .SQLITE_TOOBIG {
                return HanError(.limitExceeded, "the statement needs more memory than a query may use (\(guardian.limits.heapBytes >> 20) MiB in all, \(guardian.limits.valueBytes >> 20) MiB per value): \(error.message ?? "out of memory")", path: path)
            }
        }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_READONLY {
                return HanError(.usage, "this command only reads: the statement would change the store and was refused (\(error.message ?? "readonly"))", path: path)
            }
            if error.resultCode == .SQLITE_ERROR {
                return HanError(.usage, "SQL error: \(error.message ?? "\(error)")")
            }
        }
        return Self.describe(error, path: path, doing: "query")
    }

    /// All rows of `sql` (one statement) with its column names.
    public func fetchAll(_ sql: String, arguments: [StoreValue] = []) throws(HanError) -> (columns: [String], rows: [[StoreValue]]) {
        var columns: [String] = []
        var rows: [[StoreValue]] = []
        try forEachRow(sql, arguments: arguments) { names, row in
            columns = names
            rows.append(row)
        }
        if columns.isEmpty {
            columns = try read { db in try db.makeStatement(sql: sql).columnNames }
        }
        return (columns, rows)
    }
}
