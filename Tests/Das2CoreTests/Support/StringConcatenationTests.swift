import Testing

@testable import Das2Core

@Suite("Concatenating strings in one allocation")
struct StringConcatenationTests {
    @Test("joins the parts in order, whatever their size")
    func joinsParts() {
        #expect(String(concatenating: "http://", "example.org", ":", "8080", "/das") == "http://example.org:8080/das")
        #expect(String(concatenating: "a", String("xby".dropFirst().dropLast()), "") == "ab")
        #expect(String(concatenating: "") == "")
        let long = String(repeating: "x", count: 100)
        #expect(String(concatenating: long, "é", long) == long + "é" + long)
    }

    @Test("keeps multi-byte characters that meet at a seam")
    func keepsCombiningMarks() {
        let joined = String(concatenating: "e", "\u{301}")
        #expect(joined == "é")
        #expect(joined.count == 1)
        #expect(Array(joined.utf8) == [0x65, 0xCC, 0x81])
    }
}
