/// Chinese function words that carry no topic: particles, pronouns, conjunctions, prepositions,
/// auxiliaries and the commonest adverbs. `hanmine freq` leaves them out.
///
/// A general list (in the spirit of the common 哈工大/百度 lists, cut to words that are function
/// words in any text), not tuned to any corpus; `--keep-stop-words` turns the filter off.
public enum StopWords {
    public static let chinese: Set<String> = [
        // particles and auxiliaries
        "的", "地", "得", "了", "着", "过", "之", "所", "者", "们", "吗", "呢", "吧", "啊", "呀", "么", "嘛",
        // pronouns and determiners
        "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "自己", "其", "其中", "其他", "其它",
        "这", "那", "这些", "那些", "这个", "那个", "这样", "那样", "此", "该", "本", "各", "每", "某", "另",
        "什么", "怎么", "如何", "哪", "谁",
        // conjunctions
        "和", "与", "及", "以及", "并", "并且", "而", "而且", "或", "或者", "但", "但是", "因为", "所以", "因此",
        "如果", "虽然", "即", "既", "又", "且", "则", "以便", "从而", "还是", "不但", "而是",
        // prepositions
        "在", "于", "对", "对于", "关于", "把", "被", "将", "向", "从", "自", "由", "以", "为", "为了", "按", "按照",
        "根据", "通过", "经", "给", "跟", "同", "至", "到", "比", "除", "除了", "当", "据", "随着",
        // verbs of being and the commonest adverbs
        "是", "有", "也", "都", "就", "还", "再", "很", "更", "最", "已", "已经", "不", "没", "没有", "要", "会",
        "能", "可", "可以", "等", "等等", "上", "下", "中", "内", "外", "后", "前", "个", "一", "一些", "一个",
    ]
}
