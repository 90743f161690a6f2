import Testing

@testable import Das2Pipeline

@Suite("Line assembler")
struct LineAssemblerTests {
    private func lines(of pieces: [String], maximumLineLength: Int = 8) -> [String] {
        var assembler = LineAssembler(maximumLineLength: maximumLineLength)
        var lines: [String] = []
        for piece in pieces {
            Array(piece.utf8).withUnsafeBytes { bytes in
                assembler.append(bytes) { lines.append(String(decoding: $0, as: UTF8.self)) }
            }
        }
        assembler.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    @Test("lines are cut at newlines across chunk boundaries")
    func newlinesAcrossChunks() {
        #expect(lines(of: ["ab\ncd", "e\n\nf", "g"]) == ["ab", "cde", "", "fg"])
    }

    @Test("carriage returns before newlines are dropped")
    func carriageReturns() {
        #expect(lines(of: ["one\r\ntwo\r", "\n"]) == ["one", "two"])
    }

    @Test("long runs without newline are cut at the maximum length")
    func longRunsAreCut() {
        #expect(lines(of: ["0123456789abcdefghij"]) == ["01234567", "89abcdef", "ghij"])
        #expect(lines(of: ["0123", "456789ab\n"]) == ["01234567", "89ab"])
    }
}
