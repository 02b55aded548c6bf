import Foundation
import HanTestSupport

/// Small made-up disclosure reports for the ingest tests: agencies that do not exist, numbers
/// from a seeded generator, every report distinct.
enum SyntheticReports {
    static let places = ["青禾", "石泉", "云栖", "白鹭", "松岭", "望川", "临溪", "北塘"]
    static let offices = ["县人民政府办公室", "市交通运输局", "区教育局", "县自然资源局", "市卫生健康委员会"]

    static func text(_ index: Int) -> String {
        var seed = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            seed ^= seed << 13
            seed ^= seed >> 7
            seed ^= seed << 17
            return Int(seed % UInt64(bound))
        }
        let agency = places[index % places.count] + offices[(index / places.count) % offices.count]
        let year = 2021 + index % 4
        let received = 10 + next(90)
        let granted = next(received)
        return """
        \(agency)\(year)年政府信息公开工作年度报告

        本报告依据《中华人民共和国政府信息公开条例》编制。统计期限为\(year)年1月1日至\(year)年12月31日。

        一、总体情况
        \(year)年，\(agency)认真贯彻落实政务公开工作要求，主动公开政府信息\(100 + next(900))条。
        全年共收到政府信息公开申请\(received)件，予以公开\(granted)件。行政复议\(next(5))件，行政诉讼\(next(3))件。

        二、存在的主要问题及改进情况
        存在问题：一是信息公开的及时性有待提高；二是解读形式还需丰富。
        改进措施：一是加强培训，提高依申请公开办理质量；二是完善信息公开平台建设。

        联系电话：0\(530 + index % 60)-\(1_000_000 + next(8_999_999))
        第\(index)号报告。

        """
    }

    /// Writes `count` reports into a new folder; returns the folder.
    static func folder(_ count: Int, label: String = "reports") throws -> String {
        let directory = try makeTemporaryDirectory(label)
        for index in 0..<count {
            try writeFile(directory + "/" + name(index), Array(text(index).utf8))
        }
        return directory
    }

    static func name(_ index: Int) -> String { String(format: "r%04d.txt", index) }
}
