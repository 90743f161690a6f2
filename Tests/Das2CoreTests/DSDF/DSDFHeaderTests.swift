import Testing
import Das2Core

/// The `server=dsdf` header packet (dsdf.md §5, C17–C22).
struct DSDFHeaderTests {
    static func packet(_ lines: [String], name: String) throws -> String {
        let dsdf = try DSDF(parsing: Array(lines.joined(separator: "\n").utf8), name: name)
        return String(decoding: dsdf.das2HeaderPacket(), as: UTF8.self)
    }

    /// `<properties …>` framed as dsdf.md §5.3 describes; the length is written out in each test.
    static func body(_ length: String, _ attributes: String) -> String {
        "[00]\(length)<stream>\r\n  <properties \(attributes) />\r\n</stream>"
    }

    @Test func randomSourceC17() throws {
        let packet = try Self.packet([
            "; Random test source",
            "description = 'Produce random values between -10 and +10'",
            "reader = 'probe_rdr'",
            "reducer = 'not_reducible'",
            "das2Stream = 1",
            "techContact = 'Your Name <your.name@yourplace.edu>'",
            "exampleRange_00 = '2017-01-01 to 2017-03-01 UTC'",
        ], name: "Examples/Random")
        #expect(packet == Self.body(
            "000211",
            #"description="Produce random values between -10 and +10" das2Stream="1" techContact="Your Name &lt;your.name@yourplace.edu&gt;" exampleRange_00="2017-01-01 to 2017-03-01 UTC""#))
    }

    @Test func spectraSourceC19() throws {
        let packet = try Self.packet([
            "description = 'Voyager 1 PWS spectra (Sample Dataset)'",
            "summary = 'Dynamic spectra generated from the '+$",
            "          'waveform source.'",
            "reader = 'probe_rdr --spec'",
            "das2Stream = 1",
            "techContact = 'Your Name <your.name@yourplace.edu>'",
            "validRange = '1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC'",
            "exampleRange_00 = '1979-03-01T12:26:11 to 1979-03-01T12:29:24 | Bow shock crossing'",
            "param_00 = 'DFT_LEN | The length of each transform (default 800)'",
            "cacheLevel_00 = '250 ms | hourly'",
            "cacheLevel_10 = '1 s | daily'",
            "hapi = 1",
        ], name: "Examples/Spectra")
        #expect(packet == Self.body(
            "000485",
            #"description="Voyager 1 PWS spectra Sample Dataset" summary="Dynamic spectra generated from the waveform source." das2Stream="1" techContact="Your Name &lt;your.name@yourplace.edu&gt;" validRange="1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC" exampleRange_00="1979-03-01T12:26:11 to 1979-03-01T12:29:24 | Bow shock crossing" param_00="DFT_LEN | The length of each transform default 800" cacheLevel_00="250 ms | hourly" cacheLevel_10="1 s | daily""#))
    }

    @Test func ephemerisSourceC20() throws {
        let packet = try Self.packet([
            "description = 'Spacecraft ephemeris'",
            "reader = 'probe_rdr --ephem'",
            "das2Stream = 1",
            "requiresInterval = 1",
            "reducer = 'not_reducible'",
            "techContact = 'Jane Doe <jane@example.edu>'",
            "exampleRange_00 = '2013-11-01 to 2013-11-02'",
            "exampleInterval_00 = 10800",
        ], name: "Examples/Ephem")
        #expect(packet == Self.body(
            "000226",
            #"description="Spacecraft ephemeris" das2Stream="1" requiresInterval="1" techContact="Jane Doe &lt;jane@example.edu&gt;" exampleRange_00="2013-11-01 to 2013-11-02" exampleInterval_00="10800""#))
    }

    @Test func authSourceHidesReadAccessC21() throws {
        let packet = try Self.packet([
            "description = 'Authentication test'",
            "reader = 'probe_rdr'",
            "reducer = not_reducible",
            "das2Stream = 1",
            "techContact = 'Your Name <your.name@yourplace.edu>'",
            "exampleRange_00 = '2017-01-01 to 2017-03-01 UTC'",
            "securityRealm = 'My Random Data Realm'",
            "readAccess = 'GROUP:testgroup'",
        ], name: "Examples/Auth")
        #expect(packet == Self.body(
            "000226",
            #"description="Authentication test" das2Stream="1" techContact="Your Name &lt;your.name@yourplace.edu&gt;" exampleRange_00="2017-01-01 to 2017-03-01 UTC" securityRealm="My Random Data Realm""#))
    }

    @Test func remoteSourceKeepsServerKeyC22() throws {
        let packet = try Self.packet([
            "description = 'Hosted elsewhere'",
            "server = 'http://other.org/das/server'",
            "reader = 'probe_rdr'",
            "das2Stream = 1",
            "exampleRange_00 = '2017-01-01 to 2017-01-02'",
        ], name: "Examples/Remote")
        #expect(packet == Self.body(
            "000163",
            #"description="Hosted elsewhere" server="http://other.org/das/server" das2Stream="1" exampleRange_00="2017-01-01 to 2017-01-02""#))
    }

    @Test func lengthCountsUTF8Bytes() throws {
        let packet = try DSDF(parsing: Array("description = 'µ°'".utf8), name: "U").das2HeaderPacket()
        let xml = Array(packet.dropFirst(10))
        #expect(String(decoding: packet[4..<10], as: UTF8.self) == "000056")
        #expect(xml.count == 56)
    }

    @Test func privatePrefixesAndNonIdentifierKeysAreDropped() throws {
        let keys = [
            "reader", "readerSource", "reducer", "reducerCmd", "compressor", "readAccess", "groupAccess", "hapi",
            "hapiTitle", "subSource_00", "readerCmd", "exampleQuery_00", "readerTrans_01", "paramValInfo_00",
            "label(0)", "key with space", "naïve", "a-b",
        ]
        let kept = ["cacheReader", "coverageReducer", "securityRealm", "exampleInfo_00", "paramInfo_00", "x_1"]
        let text = (keys + kept).map { "\($0) = 'v'" }.joined(separator: "\n")
        let packet = String(decoding: try DSDF(parsing: Array(text.utf8), name: "K").das2HeaderPacket(), as: UTF8.self)
        let expected = kept.map { "\($0)=\"v\"" }.joined(separator: " ")
        #expect(packet.hasSuffix("<stream>\r\n  <properties \(expected) />\r\n</stream>"))
    }

    @Test func valuesAreEscapedCharacterByCharacter() throws {
        let dsdf = try DSDF(parsing: Array("x = \"a&b\"\ny = 'q\"(r)'\nz = \"it's <tab>\t.\"".utf8), name: "E")
        let packet = String(decoding: dsdf.das2HeaderPacket(), as: UTF8.self)
        #expect(packet.contains(#" x="a&amp;b" y="q&quot;r" z="it&apos;s &lt;tab&gt;&#9;." />"#))
    }

    @Test func noPublicKeysGiveEmptyProperties() throws {
        let packet = String(decoding: try DSDF(parsing: Array("reader = 'r'".utf8), name: "R").das2HeaderPacket(), as: UTF8.self)
        #expect(packet == "[00]000037<stream>\r\n  <properties />\r\n</stream>")
    }
}
