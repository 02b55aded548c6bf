import HanCore

/// A record as one line of JSON, keys in SPEC order (the order `Record.encode(to:)` writes),
/// written straight into bytes: `JSONEncoder` spends more time on a record than extraction does.
///
/// Output equals `JSONEncoder` with `.withoutEscapingSlashes` up to number formatting: integers
/// print without a fraction, other numbers with Swift's shortest round-trip form.
public enum RecordJSON {
    public static func encode(_ record: Record) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        var w = Writer(out: out)
        w.raw("{\"schema\":"); w.int(record.schema)
        w.raw(",\"source\":{\"path\":"); w.string(record.source.path)
        w.raw(",\"sha256\":"); w.string(record.source.sha256)
        w.raw(",\"bytes\":"); w.int(record.source.bytes)
        w.raw(",\"encoding\":"); w.string(record.source.encoding)
        w.raw(",\"format\":"); w.string(record.source.format.rawValue)
        w.raw("},\"profile\":"); w.string(record.profile.rawValue)
        w.raw(",\"title\":"); w.optionalString(record.title)
        w.raw(",\"agency\":"); w.optionalString(record.agency)
        w.raw(",\"agency_canonical\":"); w.optionalString(record.agencyCanonical)
        w.raw(",\"year\":"); if let year = record.year { w.int(year) } else { w.raw("null") }
        w.raw(",\"period\":")
        if let period = record.period { w.period(period.start, period.end) } else { w.raw("null") }
        w.raw(",\"published\":"); w.optionalString(record.published)
        w.raw(",\"source_url\":"); w.optionalString(record.sourceURL)
        let c = record.contacts
        w.raw(",\"contacts\":{\"addresses\":"); w.textFields(c.addresses)
        w.raw(",\"postcodes\":"); w.textFields(c.postcodes)
        w.raw(",\"phones\":"); w.phones(c.phones)
        w.raw(",\"faxes\":"); w.phones(c.faxes)
        w.raw(",\"emails\":"); w.textFields(c.emails)
        w.raw(",\"urls\":"); w.textFields(c.urls)
        w.raw("},\"dates\":[")
        for (i, date) in record.dates.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"text\":"); w.string(date.text)
            w.raw(",\"value\":")
            switch date.value {
            case .point(let value): w.string(value)
            case .interval(let start, let end): w.period(start, end)
            }
            w.raw(",\"kind\":"); w.string(date.kind.rawValue)
            w.raw(",\"span\":"); w.span(date.span); w.raw("}")
        }
        w.raw("],\"counts\":[")
        for (i, count) in record.counts.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"text\":"); w.string(count.text)
            w.raw(",\"value\":"); w.number(count.value)
            w.raw(",\"unit\":"); w.string(count.unit)
            w.raw(",\"subject\":"); w.optionalString(count.subject)
            w.raw(",\"approximate\":"); w.raw(count.approximate ? "true" : "false")
            w.raw(",\"span\":"); w.span(count.span); w.raw("}")
        }
        w.raw("],\"money\":[")
        for (i, money) in record.money.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"text\":"); w.string(money.text)
            w.raw(",\"yuan\":"); w.number(money.yuan)
            w.raw(",\"approximate\":"); w.raw(money.approximate ? "true" : "false")
            w.raw(",\"span\":"); w.span(money.span); w.raw("}")
        }
        w.raw("],\"doc_numbers\":[")
        for (i, number) in record.docNumbers.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"text\":"); w.string(number.text)
            w.raw(",\"issuer\":"); w.string(number.issuer)
            w.raw(",\"year\":"); if let year = number.year { w.int(year) } else { w.raw("null") }
            w.raw(",\"number\":"); w.int(number.number)
            w.raw(",\"span\":"); w.span(number.span); w.raw("}")
        }
        w.raw("],\"titles\":"); w.textFields(record.titles)
        w.raw(",\"problems\":"); w.items(record.problems)
        w.raw(",\"measures\":"); w.items(record.measures)
        w.raw(",\"sections\":"); w.sections(record.sections)
        w.raw(",\"tables\":")
        if let tables = record.tables {
            w.raw("{\"proactive\":"); w.table(tables.proactive)
            w.raw(",\"applications\":"); w.table(tables.applications)
            w.raw(",\"review_litigation\":"); w.table(tables.reviewLitigation)
            w.raw("}")
        } else {
            w.raw("null")
        }
        w.raw(",\"table_cells\":[")
        for (i, cell) in (record.tables?.longForm ?? []).enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"table\":"); w.string(cell.table)
            w.raw(",\"row\":"); w.string(cell.row)
            w.raw(",\"column\":"); w.string(cell.column)
            w.raw(",\"value\":"); if let value = cell.value { w.number(value.value) } else { w.raw("null") }
            w.raw(",\"span\":"); if let span = cell.span { w.span(span) } else { w.raw("null") }
            w.raw("}")
        }
        w.raw("],\"checks\":[")
        for (i, check) in record.checks.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"rule\":"); w.string(check.rule)
            w.raw(",\"ok\":"); w.raw(check.ok.map { $0 ? "true" : "false" } ?? "null")
            w.raw(",\"detail\":"); w.string(check.detail); w.raw("}")
        }
        w.raw("],\"warnings\":[")
        for (i, warning) in record.warnings.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"code\":"); w.string(warning.code)
            w.raw(",\"message\":"); w.string(warning.message)
            w.raw(",\"span\":"); if let span = warning.span { w.span(span) } else { w.raw("null") }
            w.raw("}")
        }
        w.raw("],\"table_quality\":")
        if let quality = record.tableQuality {
            w.raw("{\"layout\":"); w.string(quality.layout.rawValue)
            w.raw(",\"cells\":"); w.int(quality.cells)
            w.raw(",\"read\":"); w.int(quality.read)
            w.raw(",\"blank\":"); w.int(quality.blank)
            w.raw(",\"ambiguous\":"); w.int(quality.ambiguous)
            w.raw(",\"checks_passed\":"); w.int(quality.checksPassed)
            w.raw(",\"checks_failed\":"); w.int(quality.checksFailed)
            w.raw(",\"checks_unevaluable\":"); w.int(quality.checksUnevaluable)
            w.raw("}")
        } else {
            w.raw("null")
        }
        w.raw("}")
        return w.out
    }

    struct Writer {
        var out: [UInt8]

        mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { out.append(contentsOf: $0) }
        }

        mutating func int(_ value: Int) { Decimal.append(value, to: &out) }

        mutating func number(_ value: Double) {
            if value.rounded() == value, abs(value) < 9.0e15 {
                Decimal.append(Int(value), to: &out)
            } else if value.isFinite {
                out.append(contentsOf: String(value).utf8)
            } else {
                raw("null")
            }
        }

        mutating func string(_ value: String) {
            var copy = value
            copy.withUTF8 { JSONString.append($0, to: &out) }
        }

        mutating func optionalString(_ value: String?) {
            if let value { string(value) } else { raw("null") }
        }

        mutating func span(_ span: Span) {
            out.append(0x5B); int(span.start); out.append(0x2C); int(span.end); out.append(0x5D)
        }

        mutating func period(_ start: String, _ end: String) {
            raw("{\"start\":"); string(start); raw(",\"end\":"); string(end); raw("}")
        }

        mutating func textFields(_ fields: [TextField]) {
            out.append(0x5B)
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                raw("{\"text\":"); string(field.text); raw(",\"span\":"); span(field.span); raw("}")
            }
            out.append(0x5D)
        }

        mutating func phones(_ fields: [PhoneField]) {
            out.append(0x5B)
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                raw("{\"text\":"); string(field.text); raw(",\"value\":"); string(field.value)
                raw(",\"span\":"); span(field.span); raw("}")
            }
            out.append(0x5D)
        }

        mutating func items(_ fields: [ItemField]) {
            out.append(0x5B)
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                raw("{\"heading\":"); string(field.heading); raw(",\"index\":"); int(field.index)
                raw(",\"text\":"); string(field.text); raw(",\"span\":"); span(field.span); raw("}")
            }
            out.append(0x5D)
        }

        mutating func sections(_ nodes: [Section]) {
            out.append(0x5B)
            for (i, node) in nodes.enumerated() {
                if i > 0 { out.append(0x2C) }
                raw("{\"heading\":"); string(node.heading); raw(",\"level\":"); int(node.level)
                raw(",\"role\":"); string(node.role.rawValue); raw(",\"span\":"); span(node.span)
                raw(",\"children\":"); sections(node.children); raw("}")
            }
            out.append(0x5D)
        }

        mutating func table(_ table: Table?) {
            guard let table else { raw("null"); return }
            out.append(0x7B)
            for (i, row) in table.rows.enumerated() {
                if i > 0 { out.append(0x2C) }
                string(row.name); out.append(0x3A); out.append(0x7B)
                for (k, cell) in row.cells.enumerated() {
                    if k > 0 { out.append(0x2C) }
                    string(cell.column); out.append(0x3A)
                    if let value = cell.value { number(value) } else { raw("null") }
                }
                out.append(0x7D)
            }
            out.append(0x7D)
        }
    }
}
