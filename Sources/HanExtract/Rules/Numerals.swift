/// Chinese and Arabic numerals as the reports write them.
enum Numerals {
    /// The value of one Chinese or Arabic digit (〇 零 一 … 九, 两, ０–９), or nil.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "零", "○", "Ｏ": return 0
        case "一", "壹": return 1
        case "二", "贰", "两": return 2
        case "三", "叁": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default:
            if scalar.value >= 0x30, scalar.value <= 0x39 { return Int(scalar.value - 0x30) }
            if scalar.value >= 0xFF10, scalar.value <= 0xFF19 { return Int(scalar.value - 0xFF10) }
            return nil
        }
    }

    /// Parses a Chinese number (十二, 一百二十三, 六十, 二〇二三) or Arabic digits; nil when the text is
    /// not a number. Positional runs without 十/百/千 (二〇二三) read digit by digit.
    static func value(of text: Substring) -> Int? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        if scalars.allSatisfy({ digitValue($0) != nil }) {
            var value = 0
            for scalar in scalars {
                value = value &* 10 &+ digitValue(scalar)!
                if value > 1_000_000_000_000 { return nil }
            }
            return value
        }
        var total = 0
        var section = 0
        var digit: Int?
        for scalar in scalars {
            if let d = digitValue(scalar) {
                digit = d
                continue
            }
            let unit: Int
            switch scalar {
            case "十", "拾": unit = 10
            case "百", "佰": unit = 100
            case "千", "仟": unit = 1000
            case "万": unit = 10_000
            case "亿": unit = 100_000_000
            default: return nil
            }
            if unit >= 10_000 {
                total = (total + section + (digit ?? 0)) * unit
                section = 0
            } else {
                section += (digit ?? 1) * unit
            }
            digit = nil
        }
        return total + section + (digit ?? 0)
    }

    static func value(of text: String) -> Int? { value(of: Substring(text)) }

    /// Parses a decimal number written with Arabic digits, optional thousands separators and a
    /// decimal point (`1,234.5`).
    static func decimal(_ text: Substring) -> Double? {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            if scalar == "," || scalar == " " { continue }
            if let d = digitValue(scalar), scalar.value < 0x4E00 || scalar.value > 0x9FFF { cleaned.append(Character(String(d))) }
            else if scalar == "." { cleaned.append(".") }
            else { return nil }
        }
        return Double(cleaned)
    }
}
