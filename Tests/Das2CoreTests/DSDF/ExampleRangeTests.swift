import Testing
import Das2Core

/// Example ranges (dsdf.md §4.5) and the pipe-list convention (§4.1).
struct ExampleRangeTests {
    static func dsdf(_ lines: [String], name: String = "Examples/Ex") throws -> DSDF {
        try DSDF(parsing: Array(lines.joined(separator: "\n").utf8), name: name)
    }

    @Test func examplesAreOrderedAsPlainStrings() throws {
        let dsdf = try Self.dsdf([
            "exampleRange_10 = '2017-01-10 to 2017-01-11'",
            "exampleRange_01 = '2017-01-01 to 2017-01-02 UTC | First | ignored'",
            "exampleRange = '2016-01-01 to 2016-01-02'",
            "exampleRange_00 = '2017-01-00 to 2017-01-01'",
            "exampleRangeX = '2018-01-01 to 2018-01-02'",
        ])
        let examples = try dsdf.exampleRanges()
        #expect(examples.map(\.key) == ["exampleRange", "exampleRangeX", "exampleRange_00", "exampleRange_01", "exampleRange_10"])
        #expect(examples[3].begin == "2017-01-01")
        #expect(examples[3].end == "2017-01-02")
        #expect(examples[3].title == "First")
        #expect(examples[0].title == nil)
    }

    @Test func companionKeysAreFoundBySuffix() throws {
        let dsdf = try Self.dsdf([
            "exampleRange_02 = '2013-11-01 to 2013-11-02 | Two'",
            "exampleInterval_02 = 10800",
            "exampleParams_02 = '-r no-spikes'",
            "exampleResolution_02 = 60",
            "exampleQuery_02 = 'a=1|b=2'",
            "exampleInfo_02 = 'Title two'",
            "exampleRange = '2013-11-03 to 2013-11-04'",
            "exampleInterval = 60",
            "exampleParams_00 = 'not for the bare key'",
        ])
        let examples = try dsdf.exampleRanges()
        #expect(examples[0] == ExampleRange(
            key: "exampleRange", begin: "2013-11-03", end: "2013-11-04", title: nil, interval: "60", parameters: nil,
            resolution: nil, query: nil, info: nil))
        #expect(examples[1] == ExampleRange(
            key: "exampleRange_02", begin: "2013-11-01", end: "2013-11-02", title: "Two", interval: "10800",
            parameters: "-r no-spikes", resolution: "60", query: "a=1|b=2", info: "Title two"))
    }

    @Test func escapedPipesBelongToTheTitle() throws {
        let examples = try Self.dsdf(["exampleRange_00 = '2017-01-01 to 2017-01-02 | A \\| B \\\\ C'"]).exampleRanges()
        #expect(examples[0].title == "A | B \\ C")
    }

    @Test(arguments: ["2017-01-01", "2017-01-01 to 2017-02-01 to 2017-03-01 | x", " | title only"])
    func unsplittableRangeIsAnError(value: String) {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Datasource Examples/Ex, key exampleRange_03 has an invalid value")) {
            try Self.dsdf(["exampleRange_03 = '\(value)'"]).exampleRanges()
        }
    }

    @Test func sourceWithoutExamplesHasNone() throws {
        #expect(try Self.dsdf(["description = 'x'"]).exampleRanges().isEmpty)
    }

    @Test(arguments: [
        ("a | b |c", true, ["a", "b", "c"]), ("a\\|b | c", true, ["a|b", "c"]), ("a\\|b | c", false, ["a\\", "b", "c"]),
        ("", true, [""]), ("|", false, ["", ""]), ("x\\", true, ["x"]), ("\\\\|y", true, ["\\", "y"]),
        ("  ID |  Desc  ", false, ["ID", "Desc"]),
    ])
    func pipeListsSplitAndTrim(value: String, escapes: Bool, fields: [String]) {
        #expect(PipeList.split(value, escapes: escapes) == fields)
    }
}
