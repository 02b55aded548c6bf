/// What a chart shows, independent of how it is drawn (SVG for files and pages, Unicode bars
/// for a terminal).
///
/// Values line up with `categories`: `series[s].values[c]` belongs to `categories[c]`; nil is a
/// gap (a missing year), drawn as nothing, never as 0.
public struct Chart: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// One line per series across the categories (a trend over years).
        case line
        /// One horizontal bar per category (agencies, with long names, read down the page).
        case bars
        /// One vertical bar per category split into the series (outcome shares), a legend beside.
        case stacked
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String
    public var categories: [String]
    public var series: [Series]
    /// Values are fractions: axes and labels print them as percentages (0.6 → 60%).
    public var fractions: Bool
    /// A line under the title (sources, how many reports).
    public var subtitle: String?

    public init(kind: Kind, title: String, categories: [String], series: [Series], fractions: Bool, subtitle: String? = nil) {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
        self.fractions = fractions
        self.subtitle = subtitle
    }

    /// A value as a label: a percentage with one decimal for fractions, else a grouped number.
    public func label(_ value: Double) -> String { fractions ? Format.percent(value) : Format.number(value) }

    /// An axis tick's label: like `label`, without decimals when the ticks are whole percents.
    func tickLabel(_ value: Double, among ticks: [Double]) -> String {
        guard fractions else { return Format.number(value) }
        let whole = ticks.allSatisfy { abs($0 * 100 - ($0 * 100).rounded()) < 1e-9 }
        return Format.percent(value, decimals: whole ? 0 : 1)
    }
}

/// Number formats for labels. Plain Swift (no Foundation formatters): the same text everywhere.
public enum Format {
    /// 0.61904 → "61.9%".
    public static func percent(_ value: Double, decimals: Int = 1) -> String { fixed(value * 100, decimals: decimals) + "%" }

    /// A whole number with thousands separators (12,345); other values with up to two decimals.
    public static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 {
            let digits = String(Int64(abs(value)))
            var out = ""
            for (index, character) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
                out.append(character)
            }
            return (value < 0 ? "-" : "") + out
        }
        return fixed(value, decimals: 2)
    }

    /// A value at full precision: whole numbers without a decimal point, others as Swift's
    /// shortest round-trip text (0.6190476190476191).
    public static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// `value` rounded to `decimals` places, trailing zeros kept (12.50).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        var out = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            out += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return out
    }
}

/// Axis ticks at 1, 2 or 5 × 10ⁿ steps from 0 to at least the largest value.
enum Ticks {
    static func nice(maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let rough = maximum / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        var ticks: [Double] = [0]
        while ticks.last! < maximum - step * 1e-9 { ticks.append(Double(ticks.count) * step) }
        return ticks
    }
}

/// Display width of text in ems: CJK and full-width characters one em, others about half.
enum TextWidth {
    static func ems(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1.value) ? 1.0 : 0.58) }
    }

    /// CJK ideographs and punctuation, full-width forms.
    static func isWide(_ value: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0x20000...0x3FFFD).contains(value) || value == 0x201C || value == 0x201D
    }
}

/// Escapes text for XML and HTML (text and attribute values).
public enum Markup {
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
