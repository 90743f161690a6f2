import Testing
import Das2Core

/// `das2peers.ini` in the `configparser` dialect (config.md §3.1).
struct PeerListTests {
    typealias Peer = PeerList.Peer

    static func parse(_ lines: [String], path: String = "/etc/das2peers.ini") throws(Das2CoreError) -> [Peer] {
        try PeerList(parsing: Array(lines.joined(separator: "\n").utf8), path: path).peers
    }

    static func expectError(_ lines: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: Das2CoreError(.invalidConfiguration, message), sourceLocation: sourceLocation) {
            try Self.parse(lines)
        }
    }

    @Test func configurationExample() throws {
        let peers = try Self.parse([
            "[planet]",
            "url = http://planet.physics.uiowa.edu/das/das2Server",
            "description = Primary Das2 server at Iowa.  Provides access to plasma wave data from",
            "  Cassini, Galileo, Juno, Mars Express, and Voyager.",
            " Operated by the Department of Physics and Astronmy at University of Iowa",
            "",
            "[jupiter]",
            "url = http://jupiter.physics.uiowa.edu/das/server",
            "description = Off-loads Juno processing from the central server, planet.",
        ])
        #expect(peers == [
            Peer(
                name: "jupiter", url: "http://jupiter.physics.uiowa.edu/das/server",
                description: "Off-loads Juno processing from the central server, planet."),
            Peer(
                name: "planet", url: "http://planet.physics.uiowa.edu/das/das2Server",
                description: "Primary Das2 server at Iowa.  Provides access to plasma wave data from\n"
                    + "Cassini, Galileo, Juno, Mars Express, and Voyager.\n"
                    + "Operated by the Department of Physics and Astronmy at University of Iowa"),
        ])
    }

    @Test func conformanceFixturePeersFile() throws {
        let peers = try Self.parse([
            "[zeus]",
            "url = https://zeus.physics.uiowa.edu/das/server",
            "description = Radio astronomy & LWA-1",
            "",
            "[planet]",
            "url = http://planet.physics.uiowa.edu/das/das2Server",
            "",
        ])
        #expect(peers == [
            Peer(name: "planet", url: "http://planet.physics.uiowa.edu/das/das2Server", description: nil),
            Peer(name: "zeus", url: "https://zeus.physics.uiowa.edu/das/server", description: "Radio astronomy & LWA-1"),
        ])
    }

    @Test func colonDelimiterAndCaseInsensitiveOptionNames() throws {
        let peers = try Self.parse(["[a]", "URL: http://a.org/das", "Description :  Some text  ", "other = ignored"])
        #expect(peers == [Peer(name: "a", url: "http://a.org/das", description: "Some text")])
    }

    @Test func firstDelimiterSplitsTheOption() throws {
        let peers = try Self.parse(["[a]", "url = http://a.org:8080/x=y"])
        #expect(peers[0].url == "http://a.org:8080/x=y")
    }

    @Test func commentsAreWholeLinesOnlyAndDoNotEndValues() throws {
        let peers = try Self.parse([
            "# leading comment", "; another", "[a]", "description = one ; not a comment", "  # comment inside", "  two",
            "url = x # kept",
        ])
        #expect(peers == [Peer(name: "a", url: "x # kept", description: "one ; not a comment\ntwo")])
    }

    @Test func blankLineEndsAValue() {
        Self.expectError(
            ["[a]", "description = one", "", "  two"], "Error in /etc/das2peers.ini line 4: 'two' is not an option (key = value)")
    }

    @Test func indentedOptionAfterBlankLineIsAnOption() throws {
        let peers = try Self.parse(["[a]", "description = one", "", "  url = u"])
        #expect(peers == [Peer(name: "a", url: "u", description: "one")])
    }

    @Test func emptyFirstLineOfAMultiLineValueIsKept() throws {
        let peers = try Self.parse(["[a]", "description =", "  first", "  second"])
        #expect(peers[0].description == "\nfirst\nsecond")
    }

    @Test func defaultSectionProvidesValuesAndInterpolation() throws {
        let peers = try Self.parse([
            "[DEFAULT]", "host = uiowa.edu", "description = A das2 server at %(host)s",
            "[b]", "url = http://b.%(HOST)s/das", "[a]", "host = other.org", "url = http://a.%(host)s/das",
            "description = 100%% %(Host)s",
        ])
        #expect(peers == [
            Peer(name: "a", url: "http://a.other.org/das", description: "100% other.org"),
            Peer(name: "b", url: "http://b.uiowa.edu/das", description: "A das2 server at uiowa.edu"),
        ])
    }

    @Test func interpolationIsRecursive() throws {
        let peers = try Self.parse(["[a]", "root = http://x.org", "base = %(root)s/das", "url = %(base)s/server"])
        #expect(peers[0].url == "http://x.org/das/server")
    }

    @Test func sectionNamesSortByCodePointAndKeepCase() throws {
        let peers = try Self.parse(["[beta]", "[Alpha]", "[alpha]", "[default]", "[DEFAULT]", "url = u"])
        #expect(peers.map(\.name) == ["Alpha", "alpha", "beta", "default"])
        #expect(peers.allSatisfy { $0.url == "u" })
    }

    @Test func headerRunsToTheLastBracket() throws {
        let peers = try Self.parse(["[a [b] c] trailing", "url = u"])
        #expect(peers.map(\.name) == ["a [b] c"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndsAndByteOrderMark(end: String) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(["[a]", "description = x", "  y"].joined(separator: end).utf8)
        let peers = try PeerList(parsing: bytes, path: "p.ini").peers
        #expect(peers == [Peer(name: "a", url: nil, description: "x\ny")])
    }

    @Test func emptyFileHasNoPeers() throws {
        #expect(try Self.parse([]).isEmpty)
        #expect(try Self.parse(["# only", "", "[DEFAULT]", "url = x"]).isEmpty)
    }

    @Test func malformedFiles() {
        Self.expectError(["url = x"], "Error in /etc/das2peers.ini line 1: an option comes before the first [section]")
        Self.expectError(["[a]", "just text"], "Error in /etc/das2peers.ini line 2: 'just text' is not an option (key = value)")
        Self.expectError(["[a]", "= x"], "Error in /etc/das2peers.ini line 2: '= x' has no option name")
        Self.expectError(["[a]", "[b]", "[a]"], "Error in /etc/das2peers.ini line 3: section [a] already exists")
        Self.expectError(
            ["[a]", "url = x", "URL = y"], "Error in /etc/das2peers.ini line 3: option url in section [a] already exists")
        Self.expectError(
            ["[DEFAULT]", "url = x", "[DEFAULT]", "url = y"],
            "Error in /etc/das2peers.ini line 4: option url in section [DEFAULT] already exists")
        Self.expectError(["[a]", "[]"], "Error in /etc/das2peers.ini line 2: '[]' is not an option (key = value)")
    }

    @Test func badInterpolations() {
        Self.expectError(
            ["[a]", "url = 100%"], "Error in /etc/das2peers.ini: option url of section [a]: '%' must be followed by '%' or '(', found '%'")
        Self.expectError(
            ["[a]", "url = %(x)"], "Error in /etc/das2peers.ini: option url of section [a]: bad interpolation variable reference '%(x)'")
        Self.expectError(
            ["[a]", "url = %()s"], "Error in /etc/das2peers.ini: option url of section [a]: bad interpolation variable reference '%()s'")
        Self.expectError(
            ["[a]", "description = %(nope)s"],
            "Error in /etc/das2peers.ini: option description of section [a]: '%(nope)s' names no option of the section or of [DEFAULT]")
        Self.expectError(
            ["[a]", "url = %(url)s"], "Error in /etc/das2peers.ini: option url of section [a]: interpolation nested deeper than 10 levels")
    }

    @Test func unusedOptionsAreNotInterpolated() throws {
        #expect(try Self.parse(["[a]", "other = 50%", "url = u"]) == [Peer(name: "a", url: "u", description: nil)])
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in p.ini line 2: the text is not valid UTF-8")) {
            try PeerList(parsing: Array("[a]\nurl = ".utf8) + [0xE2, 0x82], path: "p.ini")
        }
    }
}
