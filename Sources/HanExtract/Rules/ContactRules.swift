import HanCore
import HanText

/// Contacts: addresses, postcodes, phones, faxes, e-mail addresses and URLs.
///
/// Precedence (each claims its bytes, so types never collide): e-mail, then URLs (an e-mail's
/// domain is not a URL), then labelled postcodes (a 6-digit number labelled 邮编 is never a
/// phone), then labelled phones and faxes (`电话/传真：` and `电话(传真)` give both), then
/// unlabelled numbers in the `0AAA-NNNNNNN` form, then addresses after their label.
/// Bare numbers without a label or an area-code hyphen are never phones, so runs of table zeros
/// and glued table cells stay out.
///
/// Each kind lists a contact once: a report that names its website or its phone twice (preamble
/// and 平台建设) has one website and one phone; the first mention carries the span.
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
            let labelIsFax = labelText.hasPrefix("传真") || labelText.lowercased() == "fax"
            let labelIsBoth = alsoText.contains("传真") || alsoText.contains("电话") || alsoText.lowercased().contains("fax")
                || alsoText.lowercased().contains("tel")
            let numbers = context.matches(patterns.phoneNumber, in: list.start..<list.end).map(\.span)
            var areaCode: String?
            for span in numbers where !context.isClaimed(span) {
                context.claim(span)
                let field = phoneField(context, span, areaCode: areaCode)
                areaCode = field.areaCode ?? areaCode
                var isFax = labelIsFax || labelIsBoth
                var isPhone = !labelIsFax || labelIsBoth
                // A number marked (传真) in a phone list is the fax (the only number: both);
                // (兼传真), (传真同号) make it both.
                if let mark = context.matches(patterns.faxMark, in: span.end..<min(list.end + 1, span.end + 24)).first {
                    let both = (mark[1].map { !$0.isEmpty } ?? false) || (mark[2].map { !$0.isEmpty } ?? false) || numbers.count == 1
                    isFax = true
                    isPhone = isPhone && both
                }
                if isFax { contacts.faxes.append(field.phone) }
                if isPhone { contacts.phones.append(field.phone) }
            }
        }
        for match in context.matches(patterns.plainPhone) where !context.isClaimed(match.span) {
            context.claim(match.span)
            let field = phoneField(context, match.span, areaCode: nil).phone
            // After a 传真 word, or marked (传真), it is a fax; marked (兼传真) it is both.
            let mark = context.matches(patterns.faxMark, in: match.span.end..<min(context.text.count, match.span.end + 24)).first
            let markedBoth = mark.map { ($0[1].map { !$0.isEmpty } ?? false) || ($0[2].map { !$0.isEmpty } ?? false) } ?? false
            let isFax = mark != nil || context.before(match.span.start, bytes: 12).contains("传真")
            if isFax { contacts.faxes.append(field) }
            if !isFax || markedBoth { contacts.phones.append(field) }
        }
        contacts.phones.sort { $0.span < $1.span }
        contacts.faxes.sort { $0.span < $1.span }
        for match in context.matches(patterns.addressLabel) {
            guard let end = addressEnd(context, patterns, from: match.span.end) else { continue }
            let span = trimSpaces(context, Span(match.span.end, end))
            guard span.length >= 6, !context.isClaimed(span) else { continue }
            context.claim(span)
            contacts.addresses.append(context.field(span))
        }
        return contacts.distinct()
    }

    /// Where an address that starts at `start` ends, or nil when nothing ends it within
    /// `maxAddressBytes` (a label followed by prose, not an address).
    ///
    /// An address runs to the punctuation that ends a clause (，；。：), to the next contact label
    /// (邮编, 电话, 传真, 邮箱 …, with or without punctuation before it), or to the bracket that
    /// closes the one around the whole contact block. Brackets inside the address are part of it
    /// (某路1号（行政中心）A座): it runs past their closing bracket. A contact already read (a phone
    /// written right after it) ends it too. At a line break it goes on
    /// when the next line continues it with a building, floor or room (B座305室, 3楼) — a
    /// converter's or a typesetter's break, not the end of the address. An opening bracket left
    /// unclosed at the end (某路1号（邮编…) is not part of it.
    static func addressEnd(_ context: RuleContext, _ patterns: Patterns, from start: Int) -> Int? {
        let text = context.text
        let limit = min(text.count, start + maxAddressBytes)
        var i = start
        var depth = 0
        var lastOpen: [Int] = []
        var end: Int?
        scan: while i < limit {
            let (scalar, width) = text.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: i) }
            switch scalar {
            case 0x28, 0x5B, 0x3010: // ( [ 【
                depth += 1
                lastOpen.append(i)
            case 0x29, 0x5D, 0x3011: // ) ] 】
                if depth == 0 { end = i; break scan }
                depth -= 1
                lastOpen.removeLast()
            case 0x2C, 0x3B, 0x3002, 0x3A, 0x3001, 0x21, 0x3F, 0x09: // , ; 。 : 、 ! ? tab
                end = i; break scan
            case 0x0A, 0x0D:
                let next = text[i] == 0x0D && i + 1 < text.count && text[i + 1] == 0x0A ? i + 2 : i + 1
                if depth == 0, next < text.count,
                   context.matches(patterns.addressContinuation, in: next..<min(text.count, next + 40)).first != nil {
                    i = next
                    continue scan
                }
                end = i; break scan
            default:
                // A phone, postcode, e-mail or URL already read ends the address (地址：某路1号 0591-…).
                if i > start, context.isClaimed(Span(i, i + width)) { end = i; break scan }
                if i > start, context.matches(patterns.addressStop, in: i..<min(text.count, i + 24)).first != nil {
                    end = i; break scan
                }
            }
            i += width
        }
        if end == nil, i >= text.count { end = text.count }
        guard var stop = end else { return nil }
        if let open = lastOpen.first { stop = open }
        return stop
    }

    /// The longest address read, in bytes of the normalised text (about 60 characters).
    static let maxAddressBytes = 200

    /// A phone number and its normalised value, with the area code it carries (for a local number
    /// later in the same list: `0591-2316525、2316526` are both in 0591).
    struct ReadPhone {
        var phone: PhoneField
        var areaCode: String?
    }

    /// Reads the digits of a phone number as area code, local number and extension:
    /// `+86-591-2316525`, `+86-591-2316525-8001`, `+86-13912345678`. A bare local number takes
    /// `areaCode` when one is given.
    static func phoneField(_ context: RuleContext, _ span: Span, areaCode inherited: String?) -> ReadPhone {
        let field = context.field(span)
        let raw = context.string(span)
        var groups: [String] = []
        var current = ""
        var extensionDigits = ""
        var inExtension = false
        var previous: Unicode.Scalar = " "
        for scalar in raw.unicodeScalars {
            if scalar == "转" || (scalar == "机" && previous == "分") {
                inExtension = true
                if !current.isEmpty { groups.append(current); current = "" }
            } else if let digit = Numerals.digitValue(scalar), scalar.value < 0x80 {
                if inExtension { extensionDigits.append(String(digit)) } else { current.append(String(digit)) }
            } else if !current.isEmpty {
                groups.append(current)
                current = ""
            }
            previous = scalar
        }
        if !current.isEmpty { groups.append(current) }
        // +86 is the country code: the next group is the area code (written with or without its 0).
        if raw.hasPrefix("+86"), groups.count >= 2, groups[0] == "86" {
            groups.removeFirst()
            if groups.count >= 2, !groups[0].hasPrefix("0") { groups[0] = "0" + groups[0] }
        } else if raw.hasPrefix("+86"), let only = groups.first, only.hasPrefix("86"), groups.count == 1 {
            groups[0] = String(only.dropFirst(2))
        }
        // A last short group after area code and local number is an extension (0591-2316525-8001).
        if extensionDigits.isEmpty, groups.count == 3, groups[0].hasPrefix("0"), groups[2].count <= 5, groups[1].count >= 7 {
            extensionDigits = groups.removeLast()
        }
        var area: String?
        var number: String
        if groups.count >= 2, groups[0].hasPrefix("0") {
            area = String(groups[0].dropFirst())
            number = groups[1...].joined()
        } else {
            let digits = groups.joined()
            if digits.hasPrefix("0"), digits.count >= 10 {
                let areaLength = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"].contains(String(digits.prefix(3))) ? 3 : 4
                area = String(digits.dropFirst().prefix(areaLength - 1))
                number = String(digits.dropFirst(areaLength))
            } else {
                number = digits
                let isLocal = (digits.count == 7 || digits.count == 8) && !digits.hasPrefix("1")
                if isLocal { area = inherited }
            }
        }
        var value = "+86-" + (area.map { $0 + "-" } ?? "") + number
        if !extensionDigits.isEmpty { value += "-" + extensionDigits }
        return ReadPhone(phone: PhoneField(text: field.text, value: value, span: field.span), areaCode: area)
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

extension Contacts {
    /// Each contact once, at its first mention: phones and faxes by their value, URLs and e-mail
    /// addresses case-insensitively and without a trailing slash, the rest by their text
    /// without white space (a wrapped address is the same address).
    func distinct() -> Contacts {
        func once<Field>(_ fields: [Field], _ key: (Field) -> String) -> [Field] {
            var seen: Set<String> = []
            return fields.filter { seen.insert(key($0)).inserted }
        }
        func squeezed(_ text: String) -> String { String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }
        func host(_ text: String) -> String {
            var lower = text.lowercased()
            while lower.hasSuffix("/") { lower.removeLast() }
            return lower
        }
        var result = self
        result.addresses = once(addresses) { squeezed($0.text) }
        result.postcodes = once(postcodes) { $0.text }
        result.phones = once(phones) { $0.value }
        result.faxes = once(faxes) { $0.value }
        result.emails = once(emails) { $0.text.lowercased() }
        result.urls = once(urls) { host($0.text) }
        return result
    }
}
