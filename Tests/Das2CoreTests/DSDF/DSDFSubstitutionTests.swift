import Testing
import Das2Core

/// `$(NAME[,DEFAULT])` substitution (dsdf.md §3, C126).
struct DSDFSubstitutionTests {
    static let root = "/srv/das2/datasets"
    static let thisFile = "\(root)/Subst/S1.dsdf"

    static func substitute(
        _ text: String, query: [String: String] = [:], configuration: [String: String] = ["SITE_NAME": "Test Site"]
    ) throws(Das2CoreError) -> DSDF {
        let dsdf = try DSDF(parsing: Array(text.utf8), name: "Subst/S1")
        return try dsdf.substituted(thisFile: thisFile, queryValue: { query[$0] }, configurationValue: { configuration[$0] })
    }

    @Test(arguments: [
        ("reader = 'rdr -c $(THIS_FILE)'", [String: String](), "rdr -c /srv/das2/datasets/Subst/S1.dsdf"),
        ("da = '/data'\nreader = 'rdr $(da) x'", [:], "rdr /data x"),
        ("reader = 'rdr $(NOPE,/def/ault)'", [:], "rdr /def/ault"),
        ("reader = 'rdr $(SITE_NAME)'", [:], "rdr Test Site"),
        ("reader = 'rdr $(mode,fast)'", ["mode": "slow"], "rdr slow"),
        ("reader = 'rdr $(mode,fast)'", [:], "rdr fast"),
        ("a = '1'\nb = '2'\nreader = 'rdr $(a) $(b)'", [:], "rdr 1 2"),
    ])
    func specificationVectors(text: String, query: [String: String], expected: String) throws {
        #expect(try Self.substitute(text, query: query)["reader"] == expected)
    }

    @Test func clientValueWithSpaceIsABadRequest() {
        #expect {
            try Self.substitute("reader = 'rdr $(mode,fast)'", query: ["mode": "a b"])
        } throws: { error in
            (error as? Das2CoreError)?.code == .invalidRequest
        }
    }

    @Test(arguments: ["a b", "x;rm", "$(id)", "a`b`", "../etc", "a..b", "'q'", "a|b", "é", "a\nb", "a*"])
    func clientValuesOutsideTheSafeSetAreRejected(value: String) {
        #expect {
            try Self.substitute("reader = 'rdr $(mode)'", query: ["mode": value])
        } throws: { error in
            (error as? Das2CoreError)?.code == .invalidRequest && (error as? Das2CoreError)?.message.contains("mode") == true
        }
    }

    @Test(arguments: ["", "Az09._:+,=@%/-", "2017-01-01T00:00", "user@host", "a.b.c", "%20"])
    func clientValuesInsideTheSafeSetAreUsed(value: String) throws {
        #expect(try Self.substitute("reader = 'rdr $(mode)'", query: ["mode": value])["reader"] == "rdr \(value)")
    }

    @Test func unresolvableVariableIsAServerError() {
        #expect(throws: Das2CoreError(
            .invalidConfiguration,
            "Error in DSDF file Subst/S1, can't determine the value for variable $(zzz) in the string for keyword reader")
        ) {
            try Self.substitute("reader = 'rdr $(zzz)'")
        }
    }

    @Test func queryKeyIsTheLowerCasedName() throws {
        var asked: [String] = []
        let dsdf = try DSDF(parsing: Array("reader = 'rdr $(Mode)'".utf8), name: "Subst/S1")
        let result = try dsdf.substituted(
            thisFile: Self.thisFile, queryValue: { asked.append($0); return $0 == "mode" ? "slow" : nil },
            configurationValue: { _ in nil })
        #expect(asked == ["mode"])
        #expect(result["reader"] == "rdr slow")
    }

    @Test func resolutionOrderIsFileThenKeyThenQueryThenConfigurationThenDefault() throws {
        let all = ["THIS_FILE": "q", "x": "q", "y": "q", "z": "q"]
        let configuration = ["THIS_FILE": "c", "x": "c", "y": "c", "z": "c", "w": "c"]
        let text = "x = 'k'\nreader = '$(THIS_FILE) $(x) $(y) $(w) $(v,d)'"
        let dsdf = try Self.substitute(text, query: all, configuration: configuration)
        #expect(dsdf["reader"] == "\(Self.thisFile) k q c d")
    }

    @Test func configurationKeyMustMatchExactly() throws {
        #expect(try Self.substitute("reader = '$(site_name,none)'")["reader"] == "none")
    }

    @Test func defaultMayContainCommas() throws {
        #expect(try Self.substitute("reader = 'rdr $(list,a,b,c)'")["reader"] == "rdr a,b,c")
    }

    @Test func substitutedTextIsSubstitutedAgain() throws {
        let text = "base = '/data'\ninner = '$(base)/juno'\nreader = 'rdr $(inner) $(SITE_NAME)'\nlater = '$(reader)'"
        let dsdf = try Self.substitute(text)
        #expect(dsdf["reader"] == "rdr /data/juno Test Site")
        #expect(dsdf["later"] == "rdr /data/juno Test Site")
        #expect(dsdf["inner"] == "/data/juno")
    }

    @Test func keyOrderAndPositionsAreKept() throws {
        let dsdf = try Self.substitute("b = '$(a)'\na = '1'\nc = 'plain'")
        #expect(dsdf.keys == ["b", "a", "c"])
        #expect(dsdf["b"] == "1")
        #expect(dsdf.name == "Subst/S1")
    }

    @Test func selfReferenceFailsAfterFiftyPasses() {
        #expect(throws: Das2CoreError(
            .invalidConfiguration, "Error in DSDF file Subst/S1, un-resolved substitution variables remain after 50 passes")
        ) {
            try Self.substitute("a = '$(a)'")
        }
    }

    @Test func longChainsResolve() throws {
        var lines = ["k0 = 'end'"]
        for level in 1..<50 { lines.insert("k\(level) = '$(k\(level - 1))'", at: 0) }
        let dsdf = try Self.substitute(lines.joined(separator: "\n"))
        #expect(dsdf["k49"] == "end")
    }

    @Test(arguments: ["reader = 'rdr $()'", "reader = 'rdr $(,x)'"])
    func emptyVariableNameIsAnError(text: String) {
        #expect {
            try Self.substitute(text)
        } throws: { error in
            (error as? Das2CoreError)?.code == .invalidConfiguration
                && (error as? Das2CoreError)?.message.hasPrefix("Error in DSDF file Subst/S1.") == true
        }
    }

    @Test(arguments: ["0", "false", "FALSE"])
    func substitutionsFalseDisablesProcessing(flag: String) throws {
        let dsdf = try Self.substitute("substitutions = \(flag)\nreader = 'rdr $(zzz) $(THIS_FILE)'")
        #expect(dsdf["reader"] == "rdr $(zzz) $(THIS_FILE)")
    }

    @Test func unterminatedVariableIsLiteral() throws {
        #expect(try Self.substitute("reader = 'rdr $(x'")["reader"] == "rdr $(x")
        #expect(try Self.substitute("reader = 'cost $5 (x)'")["reader"] == "cost $5 (x)")
    }
}
