import HanCore

/// Contacts: addresses, postcodes, phones, faxes, e-mail addresses and URLs.
///
/// Precedence (each claims its bytes, so types never collide): e-mail, then URLs (an e-mail's
/// domain is not a URL), then labelled postcodes (a 6-digit number labelled 邮编 is never a
/// phone), then labelled phones and faxes (`电话/传真：` and `电话(传真)` give both), then
/// unlabelled numbers in the `0AAA-NNNNNNN` form, then addresses after their label.
/// Bare numbers without a label or an area-code hyphen are never phones, so runs of table zeros
/// and glued table cells stay out.
enum ContactRules {
    static func extract(_ context: RuleContext, _ patterns: Patterns) -> Contacts {
        var contacts = Contacts()
        for match in context.matches(patterns.email) {
            var span = match.span
            while span.end > span.start, let last = context.text[span.end - 1] as UInt8?, last == 0x2E || last == 0x2D { span = Span(span.start, span.end - 1) }
            guard !context.isClaimed(span) else { continue }
            context.claim(span)
            contacts.emails.append(context.field(span))
        }
        for match in context.matches(patterns.url) {
            let span = trimURL(context, match.span)
            guard span.length > 8, !context.isClaimed(span) else { continue }
            context.claim(span)
            contacts.urls.append(context.field(span))
        }
        for match in context.matches(patterns.bareDomain) {
            let span = trimURL(context, match.span)
            guard !context.isClaimed(span), isWebHost(context.string(span)) else { continue }
            context.claim(span)
            contacts.urls.append(context.field(span))
        }
        contacts.urls.sort { $0.span < $1.span }
        for match in context.matches(patterns.postcode) {
            guard let span = match[1], !context.isClaimed(span) else { continue }
            context.claim(span)
            contacts.postcodes.append(context.field(span))
        }
        for match in context.matches(patterns.labelledPhone) {
            guard let label = match[1], let list = match[3] else { continue }
            let labelText = context.string(label)
            let alsoText = match[2].map(context.string) ?? ""
            let isFax = labelText.hasPrefix("传真") || labelText.lowercased() == "fax"
            let isBoth = alsoText.contains("传真") || alsoText.contains("电话")
            for span in numberSpans(context, in: list) where !context.isClaimed(span) {
                context.claim(span)
                let field = phoneField(context, span)
                if isFax || isBoth { contacts.faxes.append(field) }
                if !isFax || isBoth { contacts.phones.append(field) }
            }
        }
        for match in context.matches(patterns.plainPhone) where !context.isClaimed(match.span) {
            context.claim(match.span)
            let field = phoneField(context, match.span)
            if context.before(match.span.start, bytes: 12).contains("传真") { contacts.faxes.append(field) }
            else { contacts.phones.append(field) }
        }
        contacts.phones.sort { $0.span < $1.span }
        contacts.faxes.sort { $0.span < $1.span }
        for match in context.matches(patterns.address) {
            guard var span = match[1] else { continue }
            span = trimSpaces(context, span)
            guard span.length >= 6, !context.isClaimed(span) else { continue }
            context.claim(span)
            contacts.addresses.append(context.field(span))
        }
        return contacts
    }

    /// The numbers in a labelled list (`0591-1234567、0591-7654321`).
    static func numberSpans(_ context: RuleContext, in list: Span) -> [Span] {
        var spans: [Span] = []
        var start: Int?
        var i = list.start
        let text = context.text
        func isNumberByte(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x28 || b == 0x29 || b == 0x20 }
        while i <= list.end {
            let b: UInt8 = i < list.end ? text[i] : 0
            if i < list.end, isNumberByte(b) || (b == 0xE8 && i + 2 < list.end && text[i + 1] == 0xBD && text[i + 2] == 0xAC) {
                if start == nil { start = i }
                i += b == 0xE8 ? 3 : 1
                continue
            }
            if let s = start {
                let span = trimSpaces(context, Span(s, i))
                if span.length >= 5 { spans.append(span) }
                start = nil
            }
            i += 1
            while i < list.end, (text[i] & 0xC0) == 0x80 { i += 1 }
        }
        return spans
    }

    static func phoneField(_ context: RuleContext, _ span: Span) -> PhoneField {
        let field = context.field(span)
        let raw = context.string(span)
        var groups: [String] = []
        var current = ""
        var extensionDigits = ""
        var inExtension = false
        for scalar in raw.unicodeScalars {
            if scalar == "转" {
                inExtension = true
                if !current.isEmpty { groups.append(current); current = "" }
                continue
            }
            if let digit = Numerals.digitValue(scalar), scalar.value < 0x80 {
                if inExtension { extensionDigits.append(String(digit)) } else { current.append(String(digit)) }
            } else if !current.isEmpty {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        var value: String
        if groups.count >= 2, groups[0].hasPrefix("0") {
            value = "+86-" + groups[0].dropFirst() + "-" + groups[1...].joined()
        } else {
            let digits = groups.joined()
            if digits.hasPrefix("0"), digits.count >= 10 {
                let areaLength = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"].contains(String(digits.prefix(3))) ? 3 : 4
                value = "+86-" + digits.dropFirst().prefix(areaLength - 1) + "-" + digits.dropFirst(areaLength)
            } else {
                value = "+86-" + digits
            }
        }
        if !extensionDigits.isEmpty { value += "-" + extensionDigits }
        return PhoneField(text: field.text, value: value, span: field.span)
    }

    static func trimURL(_ context: RuleContext, _ span: Span) -> Span {
        var end = span.end
        let text = context.text
        while end > span.start, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x5D, 0x29].contains(text[end - 1]) { end -= 1 }
        return Span(span.start, end)
    }

    static func trimSpaces(_ context: RuleContext, _ span: Span) -> Span {
        var start = span.start
        var end = span.end
        let text = context.text
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        return Span(start, end)
    }

    static let webSuffixes: Set<String> = ["cn", "com", "net", "org", "gov", "edu", "info", "hk", "mo", "tw", "top", "cc", "biz"]

    /// A host name a reader would open: the last label is a web suffix and some label has a letter.
    static func isWebHost(_ text: String) -> Bool {
        let host = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        let labels = host.split(separator: ":").first?.split(separator: ".") ?? []
        guard labels.count >= 2, let last = labels.last else { return false }
        return webSuffixes.contains(last.lowercased()) && labels.dropLast().contains { $0.contains { $0.isLetter } }
    }
}
