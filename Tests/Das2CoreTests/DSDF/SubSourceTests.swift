import Testing
import Das2Core

/// `subSource_NN` parsing (dsdf.md §4.4).
struct SubSourceTests {
    static func subSources(_ lines: [String]) throws(Das2CoreError) -> [SubSource] {
        try DSDF(parsing: Array(lines.joined(separator: "\n").utf8), name: "Examples/Survey").subSources()
    }

    @Test func surveyFixture() throws {
        let sources = try Self.subSources([
            "description = 'Survey'",
            "subSource_00 = 'E | Electric | 0.0'",
            "subSource_01 = 'B | Magnetic | 0.0 | B'",
        ])
        #expect(sources == [
            SubSource(key: "subSource_00", id: "E", description: "Electric", resolutionText: "0.0", resolution: 0, parameters: ""),
            SubSource(key: "subSource_01", id: "B", description: "Magnetic", resolutionText: "0.0", resolution: 0, parameters: "B"),
        ])
    }

    @Test(arguments: [
        ("A | Desc", "", 0.0, ""), ("A | Desc | ", "", 0, ""), ("A | Desc | 60", "60", 60, ""),
        ("A | Desc | 0.5 | -r x", "0.5", 0.5, "-r x"), ("A | Desc | 1e3 | p | extra", "1e3", 1000, "p"),
    ])
    func fieldsAreTrimmedWithEmptyResolutionAsIntrinsic(value: String, text: String, resolution: Double, parameters: String) throws {
        let source = try #require(Self.subSources(["subSource_00 = '\(value)'"]).first)
        #expect(source.id == "A")
        #expect(source.description == "Desc")
        #expect(source.resolutionText == text)
        #expect(source.resolution == resolution)
        #expect(source.parameters == parameters)
    }

    @Test(arguments: ["x", "-1", "1 s", "inf", "nan"])
    func resolutionMustBeANonNegativeNumber(text: String) {
        #expect {
            try Self.subSources(["subSource_03 = 'A | Desc | \(text)'"])
        } throws: { error in
            (error as? Das2CoreError)?.message.hasPrefix("Float conversion error for the resolution value \(text) in DSDF key subSource_03") == true
        }
    }

    @Test func singleFieldIsAnError() {
        #expect {
            try Self.subSources(["subSource_00 = 'OnlyId'"])
        } throws: { error in
            (error as? Das2CoreError)?.code == .invalidConfiguration
        }
    }

    @Test(arguments: ["A | Desc", "A | Desc | 0", "A | Desc | 0.0 | p"])
    func intervalSourcesNeedAPositiveInterval(value: String) {
        #expect {
            try Self.subSources(["requiresInterval = 1", "subSource_00 = '\(value)'"])
        } throws: { error in
            (error as? Das2CoreError)?.message.hasPrefix("Interval can not be 0.0 for DSDF key subSource_00") == true
        }
    }

    @Test func intervalSourceWithIntervalIsAccepted() throws {
        let sources = try Self.subSources(["requiresInterval = true", "subSource_00 = 'A | Hourly | 3600'"])
        #expect(sources.map(\.resolution) == [3600])
    }

    @Test func duplicateIdKeepsFirstPositionAndLastValue() throws {
        let sources = try Self.subSources(["subSource_00 = 'A | one'", "subSource_01 = 'B | two'", "subSource_02 = 'A | three'"])
        #expect(sources.map(\.id) == ["A", "B"])
        #expect(sources.map(\.description) == ["three", "two"])
    }

    @Test func sourceWithoutSubSourcesHasNone() throws {
        #expect(try Self.subSources(["description = 'x'"]).isEmpty)
    }
}
