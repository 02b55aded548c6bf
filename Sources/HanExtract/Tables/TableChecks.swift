import HanCore

/// The SPEC checks (勾稽关系) on the numbers as printed. A check with a missing cell has `ok` nil;
/// `detail` always shows the arithmetic, with `null` for a missing cell.
///
/// handled_sum adds the result rows the document has: a row with no number at all (the two
/// （六） sub-rows a one-row 其他处理 report lacks, a row left entirely blank) is not part of it.
enum TableChecks {
    static func checks(_ tables: Tables) -> [Check] {
        var out: [Check] = []
        let app = tables.applications
        let columns = TableTemplate.applicantColumns
        for row in TableTemplate.applicationRowKeys {
            let parts = columns.dropLast().map { app?[row, $0] }
            let total = app?[row, "total"]
            out.append(sumCheck("applications.row_sum.\(row)", parts: Array(parts), equals: [total]))
        }
        let present = TableTemplate.resultRowKeys.filter { row in columns.contains { app?[row, $0] != nil } }
        for column in columns {
            out.append(sumCheck("applications.handled_sum.\(column)", parts: present.map { app?[$0, column] },
                                equals: [app?["handled_total", column]]))
        }
        for column in columns {
            out.append(sumCheck("applications.balance.\(column)",
                                parts: [app?["new_received", column], app?["carried_over", column]],
                                equals: [app?["handled_total", column], app?["carried_forward", column]]))
        }
        let review = tables.reviewLitigation
        for group in TableTemplate.reviewGroups {
            let parts = TableTemplate.reviewParts.dropLast().map { review?[group, $0] }
            out.append(sumCheck("review_litigation.sum.\(group)", parts: Array(parts), equals: [review?[group, "total"]]))
        }
        return out
    }

    static func sumCheck(_ rule: String, parts: [Double?], equals totals: [Double?]) -> Check {
        let detail = "\(expression(parts)) = \(expression(totals))"
        let all = parts + totals
        guard !parts.isEmpty, all.allSatisfy({ $0 != nil }) else { return Check(rule: rule, ok: nil, detail: detail) }
        let left = parts.reduce(0) { $0 + $1! }
        let right = totals.reduce(0) { $0 + $1! }
        return Check(rule: rule, ok: abs(left - right) < 1e-6, detail: detail)
    }

    static func expression(_ values: [Double?]) -> String {
        values.isEmpty ? "0" : values.map { $0.map(format) ?? "null" }.joined(separator: "+")
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
