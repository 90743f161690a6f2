import Testing
import Das2Core

/// A parser vector of dsdf.md §2.7: input text and the expected key/value pairs in order.
struct ParserVector: Sendable, CustomTestStringConvertible {
    var id: String
    var input: String
    var expected: [[String]]
    var testDescription: String { id }
}

/// The canonical DSDF parser (dsdf.md §2.1–2.7, C125).
struct DSDFParserTests {
    static func parse(_ text: String, name: String = "Test/Source") throws(Das2CoreError) -> DSDF {
        try DSDF(parsing: Array(text.utf8), name: name)
    }

    static let vectors: [ParserVector] = [
        ParserVector(id: "P1", input: "description = 'abc'", expected: [["description", "abc"]]),
        ParserVector(id: "P2", input: "description='abc'   ; comment", expected: [["description", "abc"]]),
        ParserVector(id: "P3", input: "description = 'a;b'", expected: [["description", "a;b"]]),
        ParserVector(id: "P4", input: "description = \"abc\"", expected: [["description", "abc"]]),
        ParserVector(id: "P5", input: "x = 1", expected: [["x", "1"]]),
        ParserVector(id: "P6", input: "x = ''", expected: [["x", ""]]),
        ParserVector(id: "P10", input: "summary = 'abc '+$\n   'def'", expected: [["summary", "abc def"]]),
        ParserVector(id: "P11", input: "summary = 'abc' $\n 'def'", expected: [["summary", "abcdef"]]),
        ParserVector(id: "P12", input: "summary = 'abc ' + $\n 'def ' + $\n 'ghi'", expected: [["summary", "abc def ghi"]]),
        ParserVector(id: "P13", input: "x = 1, 2, $\n 3", expected: [["x", "1, 2,3"]]),
        ParserVector(id: "P14", input: "x = 'a' + $ ; c\n 'b' ; c2", expected: [["x", "ab"]]),
        ParserVector(id: "P15", input: "x = 'a'\nx = 'b'", expected: [["x", "b"]]),
        ParserVector(id: "P16", input: "x = 'it''s'", expected: [["x", "it''s"]]),
        ParserVector(id: "P17", input: "x = 'abc", expected: [["x", "abc"]]),
        ParserVector(id: "P18", input: "a=b", expected: [["a", "b"]]),
        ParserVector(id: "P19", input: "x = 'a = b'", expected: [["x", "a = b"]]),
        ParserVector(id: "P20", input: "; only a comment\n\n   \nreader = 'r'", expected: [["reader", "r"]]),
        ParserVector(id: "P21", input: "label(0) = 'lbl'", expected: [["label(0)", "lbl"]]),
        ParserVector(id: "P22", input: "x = 'a' + $\n\n", expected: [["x", "a"]]),
        ParserVector(id: "P23", input: "x = 'a' + 'b'", expected: [["x", "ab"]]),
        ParserVector(id: "P24", input: "x = 'a b' +'c'+ \"d\"", expected: [["x", "a bcd"]]),
        ParserVector(id: "P25", input: "x = 'a;b' ; real comment", expected: [["x", "a;b"]]),
    ]

    @Test(arguments: vectors)
    func parserVectorsGiveTheSpecifiedValues(vector: ParserVector) throws {
        let dsdf = try Self.parse(vector.input)
        #expect(dsdf.entries.map { [$0.key, $0.value] } == vector.expected)
    }

    @Test(arguments: [("P7", "x ="), ("P8", "= 1"), ("P9", "x 1")])
    func linesWithoutUsableEqualsAreSyntaxErrors(id: String, input: String) {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in Test/Source line 1")) { try Self.parse(input) }
    }

    @Test func syntaxErrorNamesTheFirstPhysicalLineOfTheLogicalLine() {
        let text = "; header\ndescription = 'ok'\n\nsummary = 'a' + $\n  'b'\nbroken line\n"
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in Examples/Bad line 6")) {
            try Self.parse(text, name: "Examples/Bad")
        }
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in Examples/Bad line 2")) {
            try Self.parse("a = 1\nx = $\n", name: "Examples/Bad")
        }
    }

    @Test(arguments: ["", "; nothing but comments\n\n  ; more\n", "\u{FEFF}", "\r\n\r\n"])
    func fileWithoutKeysIsEmpty(text: String) {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Data source file is empty")) { try Self.parse(text) }
    }

    @Test func invalidUTF8IsRejectedWithItsLine() {
        let bytes = Array("a = 1\nb = '".utf8) + [0xFF, 0x27] + Array("\nc = 3\n".utf8)
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in Test/Bytes line 2: the text is not valid UTF-8")) {
            try DSDF(parsing: bytes, name: "Test/Bytes")
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let dsdf = try DSDF(parsing: [0xEF, 0xBB, 0xBF] + Array("description = 'x'".utf8), name: "Bom")
        #expect(dsdf.keys == ["description"])
        #expect(dsdf["description"] == "x")
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndWorksForValuesAndContinuations(end: String) throws {
        let text = ["a = 'x'", "summary = 'abc ' + $", "  'def'", "b = 2"].joined(separator: end) + end
        let dsdf = try Self.parse(text)
        #expect(dsdf.entries.map { [$0.key, $0.value] } == [["a", "x"], ["summary", "abc def"], ["b", "2"]])
        #expect(dsdf.entries.map(\.line) == [1, 2, 4])
    }

    @Test func laterDuplicateWinsButKeepsFirstPosition() throws {
        let dsdf = try Self.parse("exampleRange_02 = 'one'\ndescription = 'd'\nexampleRange_02 = 'two'\n")
        #expect(dsdf.keys == ["exampleRange_02", "description"])
        #expect(dsdf["exampleRange_02"] == "two")
        #expect(dsdf.entries[0].line == 3)
    }

    @Test func unicodeValuesAndKeysAreKept() throws {
        let dsdf = try Self.parse("description = 'Température °C ; µ' ; commentaire\nclé = 'ü'")
        #expect(dsdf["description"] == "Température °C ; µ")
        #expect(dsdf["clé"] == "ü")
    }

    @Test func keysAreCaseSensitiveAndTrimmed() throws {
        let dsdf = try Self.parse("  readAccess   =  'GROUP:a'  \nreadaccess = 'x'")
        #expect(dsdf["readAccess"] == "GROUP:a")
        #expect(dsdf["readaccess"] == "x")
        #expect(dsdf.contains("readAccess"))
        #expect(!dsdf.contains("READACCESS"))
        #expect(dsdf["missing"] == nil)
    }

    @Test(arguments: [
        ("x = 'abc'", "abc"), ("x = abc'", "abc"), ("x = \"abc", "abc"), ("x = 'a\"", "a\""), ("x = '", ""),
        ("x = 'a' 'b'", "a' 'b"), ("x = 'a' + b", "a' + b"), ("x = 'a' +", "a' +"), ("x = \"it's\" + 'x'", "it'sx"),
        ("x = '' + ''", ""), ("x = 'a'\t+\t'b'", "ab"),
    ])
    func quotesAreStrippedOnceOrConcatenated(input: String, value: String) throws {
        #expect(try Self.parse(input)["x"] == value)
    }

    @Test func commentInsideDoubleQuotesIsData() throws {
        let dsdf = try Self.parse("x = \"a ; b\" ; c\ny = 'it''s ; here' ; gone")
        #expect(dsdf["x"] == "a ; b")
        #expect(dsdf["y"] == "it''s ; here")
    }

    @Test func continuationAtEndOfFileStops() throws {
        #expect(try Self.parse("x = 'a' + $")["x"] == "a")
        #expect(try Self.parse("x = 1 $\n; comment only\ny = 2")["x"] == "1")
        #expect(try Self.parse("x = 1 $\n; comment only\ny = 2")["y"] == "2")
    }

    @Test(arguments: [
        ("1", true), ("true", true), ("TRUE", true), ("True", true), ("yes", false), ("0", false), ("", false),
        ("false", false), (" 1", false),
    ])
    func isTrueFollowsTheServerBooleanRule(value: String, expected: Bool) throws {
        let dsdf = try Self.parse("flag = '\(value)'")
        #expect(dsdf.isTrue("flag") == expected)
        #expect(!dsdf.isTrue("absent"))
    }

    @Test(arguments: [
        ("1", true), ("true", true), ("YES", true), ("Yes", true), ("0", false), ("False", false), ("no", false),
        ("maybe", nil), ("", nil),
    ] as [(String, Bool?)])
    func hapiFlagHasItsOwnTrueAndFalseSets(value: String, expected: Bool?) throws {
        let dsdf = try Self.parse("hapi = '\(value)'")
        #expect(dsdf.hapiFlag("hapi") == expected)
        #expect(dsdf.hapiFlag("absent") == nil)
    }

    @Test func nameIsKept() throws {
        #expect(try Self.parse("a = 1", name: "Examples/Random").name == "Examples/Random")
    }
}
