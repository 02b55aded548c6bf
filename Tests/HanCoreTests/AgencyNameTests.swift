import HanCore
import Testing

@Suite("Agency names: canonical form and the links between one body's names")
struct AgencyNameTests {
    /// A stand-in for ICU's traditional → simplified and width folding (HanCore has no ICU).
    static func fold(_ text: String) -> String {
        let table: [Character: Character] = ["東": "东", "寶": "宝", "區": "区", "農": "农", "業": "业", "（": "(", "）": ")", "　": " "]
        return String(text.map { table[$0] ?? $0 })
    }

    @Test("canonical: simplified, no spaces, no pinyin, no chrome around the name, half-width brackets")
    func canonical() {
        #expect(AgencyName.canonical(" 東寶區 人民政府 ", fold: Self.fold) == "东宝区人民政府")
        #expect(AgencyName.canonical("開平市農(nóng)業(yè)農(nóng)村局", fold: Self.fold) == "開平市农业农村局")
        #expect(AgencyName.canonical("| 某县人民政府 >>", fold: Self.fold) == "某县人民政府")
        #expect(AgencyName.canonical("某自治区民委（宗教事务局）", fold: Self.fold) == "某自治区民委(宗教事务局)")
        #expect(AgencyName.canonical("某县人民政府（来源", fold: Self.fold) == "某县人民政府")
        #expect(AgencyName.canonical("2023 ——", fold: Self.fold) == nil)
    }

    @Test("two bodies are never one name: 区政府 and 区政府办公室")
    func neverMerged() {
        let a = AgencyName.canonical("某区政府", fold: Self.fold)!
        let b = AgencyName.canonical("某区政府办公室", fold: Self.fold)!
        #expect(a != b)
        #expect(AgencyName.governmentForm(a) != AgencyName.governmentForm(b))
        #expect(AgencyName.governmentForm("某区人民政府办公室") == "某区政府办公室")
        #expect(AgencyName.governmentForm("某区政府") == "某区政府")
    }

    @Test("the name without its city only before a named county-level place")
    func withoutHigherLevels() {
        #expect(AgencyName.withoutHigherLevels("荆门市东宝区人民政府") == "东宝区人民政府")
        #expect(AgencyName.withoutHigherLevels("湖北省荆门市东宝区政府办公室") == "东宝区政府办公室")
        #expect(AgencyName.withoutHigherLevels("某某市某某县教育局") == "某某县教育局")
        // A city department, a zone named by a generic word, a street office: the city stays.
        #expect(AgencyName.withoutHigherLevels("杭州市卫生健康委员会") == nil)
        #expect(AgencyName.withoutHigherLevels("某某市高新区管理委员会") == nil)
        #expect(AgencyName.withoutHigherLevels("某某市市场监督管理局") == nil)
        #expect(AgencyName.withoutHigherLevels("东宝区人民政府") == nil)
    }
}
