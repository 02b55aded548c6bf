import HanCore
import Testing
@testable import HanExtract

/// Contacts that run on (issue 9, item 4): one test per convention of Chinese phone numbers and
/// address writing, on made-up strings (made-up places and numbers).
@Suite("Contacts that run on")
struct ContactRuleTests {
    static func contacts(_ text: String) throws -> Contacts {
        let record = try ExtractFixture.extract(text)
        checkSpans(record, original: Array(text.utf8))
        return record.contacts
    }

    @Test("a phone written with an em dash between area code and number is one phone")
    func emDashPhoneIsOnePhone() throws {
        let c = try Self.contacts("（地址：云溪县湖滨路1号，邮编：361200，电话：0591—86170000，传真：0591—86170001）。")
        #expect(c.phones.map(\.text) == ["0591—86170000"])
        #expect(c.phones.map(\.value) == ["+86-591-86170000"])
        #expect(c.faxes.map(\.text) == ["0591—86170001"])
        let unlabelled = try Self.contacts("咨询请拨打0591–86170002或0591－86170003。")
        #expect(unlabelled.phones.map(\.value) == ["+86-591-86170002", "+86-591-86170003"])
    }

    @Test("an area code in brackets, half- or full-width, belongs to its phone")
    func bracketedAreaCodeIsOnePhone() throws {
        let c = try Self.contacts("电话：（0592）6123456；监督电话：(010)62345678。")
        #expect(c.phones.map(\.text) == ["（0592）6123456", "(010)62345678"])
        #expect(c.phones.map(\.value) == ["+86-592-6123456", "+86-10-62345678"])
    }

    @Test("phone-and-fax labels give the number as both")
    func phoneAndFaxLabelsGiveBoth() throws {
        for label in ["电话及传真", "电话（传真）", "电话/传真", "电话（兼传真）", "联系电话和传真", "Tel/Fax"] {
            let c = try Self.contacts("\(label)：0593-7654321。")
            #expect(c.phones.map(\.text) == ["0593-7654321"], "\(label)")
            #expect(c.faxes.map(\.text) == ["0593-7654321"], "\(label)")
        }
    }

    @Test("a fax after a phone is a fax")
    func faxAfterPhoneIsFax() throws {
        let c = try Self.contacts("联系电话：0593-7654321，传真：0593-7654322。")
        #expect(c.phones.map(\.text) == ["0593-7654321"])
        #expect(c.faxes.map(\.text) == ["0593-7654322"])
        let marked = try Self.contacts("联系电话：0593-7654321、7654322（传真）。")
        #expect(marked.phones.map(\.text) == ["0593-7654321"])
        #expect(marked.faxes.map(\.text) == ["7654322"])
        #expect(marked.faxes.map(\.value) == ["+86-593-7654322"], "a local number takes the area code of the list")
    }

    @Test("several numbers after one label, with extensions")
    func numberListsAndExtensions() throws {
        let c = try Self.contacts("电话：0594-2234567转8001、0594-2234568；0594-2234569/2234570，手机：13912345678。")
        #expect(c.phones.map(\.text) == ["0594-2234567转8001", "0594-2234568", "0594-2234569", "2234570", "13912345678"])
        #expect(c.phones.map(\.value) == ["+86-594-2234567-8001", "+86-594-2234568", "+86-594-2234569", "+86-594-2234570", "+86-13912345678"])
        let hyphen = try Self.contacts("电话：0594-2234567-801。")
        #expect(hyphen.phones.map(\.value) == ["+86-594-2234567-801"])
    }

    @Test("label variants: 传真号, 联系电话为, +86 before a number, an unlabelled number marked (传真)")
    func labelVariants() throws {
        let c = try Self.contacts("联系电话为0595-2234567，传真号：0595-2234568。咨询：+86-595-2234569、+86 13912345678。另：0595-2234570（传真）。")
        #expect(c.phones.map(\.value) == ["+86-595-2234567", "+86-595-2234569", "+86-13912345678"])
        #expect(c.faxes.map(\.value) == ["+86-595-2234568", "+86-595-2234570"])
    }

    @Test("an address in a table's canonical text, label and address in cells")
    func addressAfterTab() throws {
        let c = try Self.contacts("联系地址\t云溪县湖滨路1号\n联系电话\t0591-86170000\n")
        #expect(c.addresses.map(\.text) == ["云溪县湖滨路1号"])
        #expect(c.phones.map(\.text) == ["0591-86170000"])
    }

    @Test("a local number never starts with 0 or 1")
    func localNumbersStartWithTwoToNine() throws {
        let c = try Self.contacts("电话：12345678。传真：0591-1234567。")
        #expect(c.phones.isEmpty, "phones: \(c.phones.map(\.text))")
        #expect(c.faxes.isEmpty, "faxes: \(c.faxes.map(\.text))")
    }

    @Test("an address runs past brackets inside it to its real end")
    func addressRunsPastInnerBrackets() throws {
        let c = try Self.contacts("请与本局联系（地址：云溪县迎宾大道88号（县行政中心）A座3楼，邮编：361200）。")
        #expect(c.addresses.map(\.text) == ["云溪县迎宾大道88号（县行政中心）A座3楼"])
        let outer = try Self.contacts("请与本局联系（地址：云溪县迎宾大道88号）。")
        #expect(outer.addresses.map(\.text) == ["云溪县迎宾大道88号"], "the bracket around the contact block is not the address's")
        let unclosed = try Self.contacts("办公地址：云溪县迎宾大道88号（邮编361200）。")
        #expect(unclosed.addresses.map(\.text) == ["云溪县迎宾大道88号"])
    }

    @Test("an address goes on after a line break when the next line is its building or room")
    func addressRunsOnToRoomAfterLineBreak() throws {
        let text = "联系地址：云溪县湖滨路1号政务服务中心\nB座305室\n邮编：361200\n"
        let c = try Self.contacts(text)
        #expect(c.addresses.map(\.text) == ["云溪县湖滨路1号政务服务中心\nB座305室"])
        let next = try Self.contacts("联系地址：云溪县湖滨路1号\n一、总体情况\n")
        #expect(next.addresses.map(\.text) == ["云溪县湖滨路1号"])
    }

    @Test("an address stops at the next contact label even without punctuation")
    func addressStopsAtLabel() throws {
        let c = try Self.contacts("地址：云溪县湖滨路1号 邮编 361200 电话 0591-86170000")
        #expect(c.addresses.map(\.text) == ["云溪县湖滨路1号"])
        #expect(c.phones.map(\.text) == ["0591-86170000"])
        let unlabelled = try Self.contacts("地址：云溪县湖滨路1号 0591-86170000")
        #expect(unlabelled.addresses.map(\.text) == ["云溪县湖滨路1号"], "a phone already read ends the address")
    }

    @Test("a contact named twice is listed once")
    func repeatedContactListedOnce() throws {
        let c = try Self.contacts("门户网站（www.yunxi.gov.cn）。……依托门户网站（www.yunxi.gov.cn）发布。电话：0591-86170000。再次电话：0591—86170000。")
        #expect(c.urls.map(\.text) == ["www.yunxi.gov.cn"])
        #expect(c.phones.map(\.text) == ["0591-86170000"])
    }
}
