@testable import Das2Core
import Testing

struct PercentDecodingTests {
    @Test func queryTextDecodesEscapesAndPlus() {
        #expect(PercentDecoding.string(Array("a+b%20c%2Fd%c3%a9".utf8), plusAsSpace: true) == "a b c/dé")
    }

    @Test func pathTextKeepsPlus() {
        #expect(PercentDecoding.string("a+b%2B%7e".utf8, plusAsSpace: false) == "a+b+~")
    }

    @Test(arguments: ["%", "%4", "%zz", "100%", "%%41"])
    func aPercentWithoutTwoHexDigitsStaysAsItIs(_ text: String) {
        let expected = text == "%%41" ? "%A" : text
        #expect(PercentDecoding.string(text.utf8, plusAsSpace: true) == expected)
    }

    @Test func invalidUTF8BecomesTheReplacementCharacter() {
        #expect(PercentDecoding.string("%ff".utf8, plusAsSpace: false) == "\u{FFFD}")
        #expect(PercentDecoding.decodedBytes("%ff".utf8, plusAsSpace: false) == [0xFF])
    }
}
