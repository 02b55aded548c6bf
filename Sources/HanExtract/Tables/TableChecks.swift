import HanCore

/// The SPEC checks (勾稽关系) on the numbers as printed. A check with a missing cell has `ok` nil;
/// `detail` always shows the arithmetic, with `null` for a missing cell.
///
/// handled_sum adds the result rows the document has: a row with no number at all (the two
/// （六） sub-rows a one-row 其他处理 report lacks, a row left entirely blank) is not part of it;
/// a row the reader could not settle leaves the sum unjudged.
enum TableChecks {
    /// A table's values in the template's row order (`keys`), `width` cells a row, nil where
    /// the table lacks the row or the cell.
    static func values(_ table: Table?, keys: [String], width: Int) -> [[Double?]] {
        let missing = [Double?](repeating: nil, count: width)
        guard let table else { return Array(repeating: missing, count: keys.count) }
        // The reader builds rows in template order; anything else is looked up by name.
        if table.rows.count == keys.count, zip(table.rows, keys).allSatisfy({ $0.name == $1 && $0.cells.count == width }) {
            return table.rows.map { $0.cells.map(\.value) }
        }
        return keys.map { key in
            guard let row = table.rows.first(where: { $0.name == key }), row.cells.count == width else { return missing }
            return row.cells.map(\.value)
        }
    }

    /// The checks of `template`'s rules, in order. `unsettled`: the table-3 rows the reader found
    /// (or expected) but could not settle wholly: a column sum over them is unjudged, never
    /// failed on the rows it did read.
    static func checks(_ tables: Tables, template: TableTemplate = .template2021, unsettled: Set<String> = []) -> [Check] {
        var out: [Check] = []
        out.reserveCapacity(45)
        var grids: [String: [[Double?]]] = [:]
        for table in template.tables where table.name != "proactive" {
            let printed = table.name == "applications" ? tables.applications : tables.reviewLitigation
            grids[table.name] = values(printed, keys: table.rows.map(\.key), width: table.rows[0].columns.count)
        }
        for rule in template.rules {
            guard let table = template.table(rule.table), let grid = grids[rule.table] else { continue }
            let columns = table.rows[0].columns.map(\.key)
            func row(_ key: String) -> [Double?] { grid[table.index(of: key)!] }
            let prefix = "\(rule.table).\(rule.name)."
            switch rule.kind {
            case .rowSum(let rows, let parts, let total):
                let partIndices = parts.map { columns.firstIndex(of: $0)! }
                let totalIndex = columns.firstIndex(of: total)!
                for key in rows {
                    let cells = row(key)
                    out.append(sumCheck(prefix + key, parts: partIndices.map { cells[$0] }, equals: [cells[totalIndex]]))
                }
            case .columnSum(let parts, let total, let sumColumns):
                let present = parts.filter { key in row(key).contains { $0 != nil } || unsettled.contains(key) }.map(row)
                let totals = row(total)
                for column in sumColumns {
                    let index = columns.firstIndex(of: column)!
                    out.append(sumCheck(prefix + column, parts: present.map { $0[index] }, equals: [totals[index]]))
                }
            case .balance(let left, let right, let sumColumns):
                let lefts = left.map(row), rights = right.map(row)
                for column in sumColumns {
                    let index = columns.firstIndex(of: column)!
                    out.append(sumCheck(prefix + column, parts: lefts.map { $0[index] }, equals: rights.map { $0[index] }))
                }
            }
        }
        return out
    }

    static func sumCheck(_ rule: String, parts: [Double?], equals totals: [Double?]) -> Check {
        var detail: [UInt8] = []
        detail.reserveCapacity(6 * (parts.count + totals.count) + 4)
        var complete = !parts.isEmpty
        var left = 0.0
        var right = 0.0
        append(parts, to: &detail, sum: &left, complete: &complete)
        detail.append(contentsOf: [0x20, 0x3D, 0x20])  // " = "
        append(totals, to: &detail, sum: &right, complete: &complete)
        return Check(rule: rule, ok: complete ? abs(left - right) < 1e-6 : nil,
                     detail: String(decoding: detail, as: UTF8.self))
    }

    static let null = Array("null".utf8)

    static func append(_ values: [Double?], to detail: inout [UInt8], sum: inout Double, complete: inout Bool) {
        if values.isEmpty { detail.append(0x30) }
        for (index, value) in values.enumerated() {
            if index > 0 { detail.append(0x2B) }  // "+"
            if let value {
                sum += value
                appendNumber(value, to: &detail)
            } else {
                complete = false
                detail.append(contentsOf: null)
            }
        }
    }

    /// An integer as its digits; any other number as Swift prints it.
    static func appendNumber(_ value: Double, to detail: inout [UInt8]) {
        guard value.rounded() == value, abs(value) < 1e15 else {
            detail.append(contentsOf: String(value).utf8)
            return
        }
        var integer = Int64(value)
        if integer < 0 {
            detail.append(0x2D)
            integer = -integer
        }
        let start = detail.count
        repeat {
            detail.append(UInt8(0x30 + integer % 10))
            integer /= 10
        } while integer > 0
        detail[start...].reverse()
    }

    static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
