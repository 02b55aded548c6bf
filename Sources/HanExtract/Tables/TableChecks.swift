import HanCore

/// The SPEC checks (勾稽关系) on the numbers as printed. A check with a missing cell has `ok` nil;
/// `detail` always shows the arithmetic, with `null` for a missing cell.
///
/// handled_sum adds the result rows the document has: a row with no number at all (the two
/// （六） sub-rows a one-row 其他处理 report lacks, a row left entirely blank) is not part of it.
enum TableChecks {
    /// A table's values by row key, in template column order.
    static func values(_ table: Table?) -> [String: [Double?]] {
        var out: [String: [Double?]] = [:]
        for row in table?.rows ?? [] { out[row.name] = row.cells.map(\.value) }
        return out
    }

    static func checks(_ tables: Tables) -> [Check] {
        var out: [Check] = []
        out.reserveCapacity(45)
        let app = values(tables.applications)
        let missing = [Double?](repeating: nil, count: 7)
        func row(_ key: String) -> [Double?] { app[key].map { $0.count == 7 ? $0 : missing } ?? missing }
        let columns = TableTemplate.applicantColumns
        for key in TableTemplate.applicationRowKeys {
            let cells = row(key)
            out.append(sumCheck("applications.row_sum.\(key)", parts: Array(cells[0..<6]), equals: [cells[6]]))
        }
        let present = TableTemplate.resultRowKeys.map(row).filter { $0.contains { $0 != nil } }
        let handled = row("handled_total")
        for (index, column) in columns.enumerated() {
            out.append(sumCheck("applications.handled_sum.\(column)", parts: present.map { $0[index] },
                                equals: [handled[index]]))
        }
        let new = row("new_received"), carried = row("carried_over"), forward = row("carried_forward")
        for (index, column) in columns.enumerated() {
            out.append(sumCheck("applications.balance.\(column)", parts: [new[index], carried[index]],
                                equals: [handled[index], forward[index]]))
        }
        let review = values(tables.reviewLitigation)
        for group in TableTemplate.reviewGroups {
            let cells = review[group].map { $0.count == 5 ? $0 : [Double?](repeating: nil, count: 5) }
                ?? [Double?](repeating: nil, count: 5)
            out.append(sumCheck("review_litigation.sum.\(group)", parts: Array(cells[0..<4]), equals: [cells[4]]))
        }
        return out
    }

    static func sumCheck(_ rule: String, parts: [Double?], equals totals: [Double?]) -> Check {
        var detail = ""
        detail.reserveCapacity(8 * (parts.count + totals.count) + 4)
        var complete = !parts.isEmpty
        var left = 0.0
        var right = 0.0
        append(parts, to: &detail, sum: &left, complete: &complete)
        detail += " = "
        append(totals, to: &detail, sum: &right, complete: &complete)
        return Check(rule: rule, ok: complete ? abs(left - right) < 1e-6 : nil, detail: detail)
    }

    static func append(_ values: [Double?], to detail: inout String, sum: inout Double, complete: inout Bool) {
        if values.isEmpty { detail += "0" }
        for (index, value) in values.enumerated() {
            if index > 0 { detail += "+" }
            if let value {
                sum += value
                detail += format(value)
            } else {
                complete = false
                detail += "null"
            }
        }
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
