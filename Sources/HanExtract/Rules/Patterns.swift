import HanCore

/// The compiled regular expressions of every rule, one set per `Extractor` (ICU matchers are
/// not thread-safe). Patterns run on the normalised text: half-width punctuation and digits,
/// simplified characters, layout repaired; so `(` stands for both `(` and `（`, `:` for `：`.
final class Patterns {
    /// Optional spaces PDF converters put between numbers and characters (`2024 年`, `第 711 号`).
    static let gap = "[ \\t\\u00A0]{0,2}"
    static let han = "\\p{Script=Han}"

    // Document numbers.
    let bracketDocNumber: ICURegex
    let decreeDocNumber: ICURegex
    // Contacts.
    let labelledPhone: ICURegex
    let phoneNumber: ICURegex
    let faxMark: ICURegex
    let plainPhone: ICURegex
    let postcode: ICURegex
    let email: ICURegex
    let url: ICURegex
    let bareDomain: ICURegex
    let addressLabel: ICURegex
    let addressStop: ICURegex
    let addressContinuation: ICURegex
    // Publication (PublicationRules).
    let publishedLabel: ICURegex
    let sourceURLLabel: ICURegex
    // Dates.
    let dateRange: ICURegex
    let monthRange: ICURegex
    let yearRange: ICURegex
    let fullDate: ICURegex
    let numericDate: ICURegex
    let monthDay: ICURegex
    let compactDate: ICURegex
    let yearMonth: ICURegex
    let yearPart: ICURegex
    let relativePart: ICURegex
    let yearOnly: ICURegex
    let relative: ICURegex
    // Quantities are scanned by hand (QuantityRules.scan).
    // Titles 《…》.
    let bookTitle: ICURegex
    // Document context.
    let agencyPublishes: ICURegex
    let agencyCompiles: ICURegex
    let agencyContact: ICURegex
    let agencyOpens: ICURegex
    let agencyDelivers: ICURegex
    let agencyWebsite: ICURegex
    let yearReported: ICURegex
    let yearInReview: ICURegex
    let yearOpens: ICURegex

    init() throws(HanError) {
        let g = Patterns.gap
        // The issuer (the Han run before the bracket or 令) is found by scanning back in Swift: a
        // pattern starting with a Han run would be tried at every character.
        bracketDocNumber = try ICURegex("[〔\\[(【［]\(g)((?:19|20)\\d{2})\(g)[〕\\])】］]\(g)第?\(g)(\\d{1,5})\(g)号")
        decreeDocNumber = try ICURegex("令\(g)第\(g)(\\d{1,5})\(g)号")

        // Chinese phone numbers as people write them: an area code (0 and 2–3 digits) joined to
        // the local number by a hyphen, an em or en dash (0591—2316525), a space or nothing, or
        // in brackets ((0591)2316525, full-width brackets read as half-width); a local number
        // of 7–8 digits never starts with 0 or 1; an extension after 转/分机 or a last hyphen;
        // mobiles 1[3-9] and 11 digits (groups of 3-4-4 allowed); +86 before either; 400/800
        // numbers; 12xxx government hotlines (12345, 12315) only under a phone label. A label
        // may be followed by 号/号码 and 为/是 (传真号：, 联系电话为).
        let dash = "[\\-\\u2010-\\u2015\\u2212]{1,2}"
        let area = "(?:\\(0\\d{2,3}\\)\(g)(?:\(dash)\(g))?|0\\d{2,3}\(g)\(dash)\(g)|0\\d{2,3}\(g))"
        let local = "[2-9]\\d{6,7}(?:\(g)(?:转|分机|\(dash))\(g)\\d{1,5})?"
        let mobile = "1[3-9]\\d(?:[\\- ]?\\d{4}){2}"
        let international = "\\+86[\\- ]?(?:\(mobile)|\\(?0?\\d{2,3}\\)?[\\- ]?\(local))"
        let number = "\(international)|(?:\(area))?\(local)|\(mobile)|[48]00[\\- ]?\\d{3}[\\- ]?\\d{4}|12\\d{3}"
        phoneNumber = try ICURegex("(?<!\\d)(?:\(number))(?!\\d)")
        // A mark after a number: (传真) makes it a fax, (兼传真)/(传真同号) a phone and a fax.
        let mark = "(?:\(g)\\((?:兼|同|及)?(?:传真)(?:同号|号码)?\\))?"
        labelledPhone = try ICURegex(
            "(联系电话|咨询电话|办公电话|热线电话|服务电话|监督电话|投诉电话|举报电话|受理电话|值班电话|电话号码|联系方式|移动电话|电话|手机|热线"
            + "|传真电话|传真号码|传真|Tel|TEL|tel|Fax|FAX|fax)(?:号码|号)?"
            + "((?:/|、|及|和|与|兼|或|\\(兼?|\\(同)?(?:传真|电话|Fax|FAX|Tel|TEL)(?:号码)?\\)?)?\(g):?\(g)(?:为|是)?\(g)"
            + "((?<!\\d)(?:\(number))(?!\\d)\(mark)(?:\(g)[、,/或;和及]\(g)(?<!\\d)(?:\(number))(?!\\d)\(mark))*)")
        faxMark = try ICURegex("^\(g)\\(((?:兼|同|及)?)传真((?:同号|号码)?)\\)")
        plainPhone = try ICURegex("(?<![\\d\\-/.])(?:\(international)|(?:\\(0\\d{2,3}\\)\(g)(?:\(dash)\(g))?|0\\d{2,3}\(g)\(dash)\(g))\(local))(?![\\d\\-])")
        postcode = try ICURegex("(?:邮编|邮政编码|邮码)\(g):?\(g)(\\d{6})(?!\\d)")
        email = try ICURegex("[A-Za-z0-9][A-Za-z0-9._%+\\-]*@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+")
        url = try ICURegex("(?:https?|ftp)://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'*+=%]+", options: .caseInsensitive)
        bareDomain = try ICURegex(
            "(?<![A-Za-z0-9@./\\-])(?:www\\.[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+|[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+){2,})"
            + "(?::\\d{2,5})?(?:/[A-Za-z0-9\\-._~/?#%&=+]*)?", options: .caseInsensitive)
        // The address itself is scanned by ContactRules.addressEnd (brackets, line breaks); the
        // label ends with a colon, or a tab in a table's canonical text (地址<TAB>…).
        addressLabel = try ICURegex("(?:联系地址|办公地址|通讯地址|通信地址|单位地址|详细地址|办公地点|地址|地\(g)址)(?:\(g):|\\t)[ \\t]*(?:\\n[ \\t]*)?")
        addressStop = try ICURegex("^\(g)(?:邮编|邮政编码|邮码|联系电话|联系人|电话|传真|电子邮箱|电子信箱|邮箱|E-?mail|网址|网站)", options: .caseInsensitive)
        addressContinuation = try ICURegex("^[ \\t]*[A-Za-z0-9一二三四五六七八九十零〇\\-]{1,6}(?:号楼|栋|幢|座|楼|层|室|单元|房)")

        // Group 1 is the label, group 2 the colon (a bare 时间/日期 needs one; PublicationRules
        // checks that it does not end a longer word). Literal first characters keep it cheap.
        publishedLabel = try ICURegex("(发布时间|发布日期|发布于|公开日期|发文日期|印发日期|成文日期|时间|日期)\(g)([:|\\t]?)\(g)")
        sourceURLLabel = try ICURegex("(?:原文链接|原文地址|原文网址|来源网址|来源链接|本文链接|本文地址|页面地址|网页地址)\(g):?\(g)"
            + "((?:https?|ftp)://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'*+=%]+|www\\.[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'*+=%]+)", options: .caseInsensitive)

        let y = "((?:19|20)\\d{2}|[一二][〇零○九][〇零一二三四五六七八九○]{2})\(g)年"
        let m = "(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\(g)月"
        let d = "(3[01]|[12]\\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十[一]?|[一二三四五六七八九])\(g)[日号]"
        let to = "\(g)(?:起)?\(g)(?:至|到|—|–|-|~|～)\(g)"
        // 2023年1月1日至2023年12月31日 (also the typo 20231月1日, a year glued to its month).
        let looseY = "((?:19|20)\\d{2})\(g)年?\(g)"
        dateRange = try ICURegex("\(looseY)\(m)\(g)\(d)\(to)(?:\(looseY))?(?:\(m)\(g))?\(d)(?:\(g)止)?")
        monthRange = try ICURegex("\(y)\(g)(1[0-2]|0?[1-9])\(g)月?\(to)(1[0-2]|0?[1-9])\(g)月(?:份)?")
        yearRange = try ICURegex("((?:19|20)\\d{2})\(g)(?:年)?\(to)((?:19|20)\\d{2})\(g)年")
        fullDate = try ICURegex("\(y)\(g)\(m)\(g)\(d)")
        numericDate = try ICURegex("(?<![\\d.\\-/])((?:19|20)\\d{2})([\\-./])(1[0-2]|0?[1-9])\\2(3[01]|[12]\\d|0?[1-9])(?![\\d.\\-/])")
        compactDate = try ICURegex("((?:19|20)\\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])(?![\\d.])")
        monthDay = try ICURegex("\(m)\(g)\(d)")
        yearMonth = try ICURegex("\(y)\(g)\(m)(?:份)?(?:\(g)(上|中|下)旬)?")
        yearPart = try ICURegex("\(y)(?:度)?\(g)(上半年|下半年|前三季度|第?([一二三四1-4])季度|底|末|初)")
        relativePart = try ICURegex("(上半年|下半年|前三季度|第?([一二三四1-4])季度|年底|年末)")
        yearOnly = try ICURegex("\(y)(度)?")
        relative = try ICURegex("(本年度|本年|今年|上年度|上年|去年|下年度|下年|明年|上一年度|上一年)")

        bookTitle = try ICURegex("《[^《》\\n]{1,100}》")

        let name = "([^《》<>,。;:!?、“”\\s\\d|]{2,30}?)"
        let reportYear = "(?:((?:19|20)\\d{2})\\s?年度?)"
        agencyPublishes = try ICURegex("(?:现公开|现公布|现予公布|现向社会公开|向社会公开|向社会公布|特向社会公布|现将|公开)《?\(reportYear)?\(name)\(reportYear)?(?:政府信息公开|信息公开|政务公开)")
        agencyCompiles = try ICURegex("由\(name)(?:根据|依据|按照|综合|汇总|编制|负责编制|结合)")
        agencyContact = try ICURegex("(?:请与|请联系|直接与)\(name)(?:联系|\\()")
        agencyOpens = try ICURegex("(?:^|\\n|。|\\s|\\|)(?:19|20)\\d{2}\\s?年(?:度)?,\(name)(?:政府信息公开工作)?"
            + "(?:坚持|深入|认真|以|根据|在|严格|紧紧|全面|进一步|按照|围绕|持续|不断|高度|共|主动|积极|通过|扎实|始终|立足|聚焦|对|把|将|切实|着力|按|全力)",
            options: .multiline)
        agencyDelivers = try ICURegex("代表\(name)向")
        agencyWebsite = try ICURegex("(?:^|[,。;\\n])\(name)(?:人民政府|政府)(?:门户)?网站")
        yearReported = try ICURegex("((?:19|20)\\d{2})\\s?年度?(?:本级)?(?:政府信息公开|信息公开|政务公开)")
        yearInReview = try ICURegex("((?:19|20)\\d{2})\\s?年工作回顾")
        yearOpens = try ICURegex("(?:^|\\n|。|\\s)((?:19|20)\\d{2})\\s?年(?:度)?,", options: .multiline)
    }
}
