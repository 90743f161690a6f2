// conformance-cases.md §2: server=dsdf.
extension ConformanceCase {
    static let randomHeader = "[00]000211<stream>\r\n  <properties description=\"Produce random values between -10 and +10\" das2Stream=\"1\" techContact=\"Your Name &lt;your.name@yourplace.edu&gt;\" exampleRange_00=\"2017-01-01 to 2017-03-01 UTC\" />\r\n</stream>"

    static let randomChecks = [Check.status(200)] + Check.cors + [.contentType("text/vnd.das2.das2stream"), .body(randomHeader)]

    static let authHeader = "[00]000226<stream>\r\n  <properties description=\"Authentication test\" das2Stream=\"1\" techContact=\"Your Name &lt;your.name@yourplace.edu&gt;\" exampleRange_00=\"2017-01-01 to 2017-03-01 UTC\" securityRealm=\"My Random Data Realm\" />\r\n</stream>"

    static let describe: [ConformanceCase] = [
        ConformanceCase("C17", "dsdf", .query("server=dsdf&dataset=Examples/Random"), randomChecks),
        ConformanceCase("C18", "dsdf with .dsdf suffix", .query("server=dsdf&dataset=Examples/Random.dsdf"), randomChecks),
        ConformanceCase("C19", "dsdf continuation, parentheses, dropped keys", .query("server=dsdf&dataset=Examples/Spectra"), [
            .status(200),
            .body("[00]000485<stream>\r\n  <properties description=\"Voyager 1 PWS spectra Sample Dataset\" summary=\"Dynamic spectra generated from the waveform source.\" das2Stream=\"1\" techContact=\"Your Name &lt;your.name@yourplace.edu&gt;\" validRange=\"1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC\" exampleRange_00=\"1979-03-01T12:26:11 to 1979-03-01T12:29:24 | Bow shock crossing\" param_00=\"DFT_LEN | The length of each transform default 800\" cacheLevel_00=\"250 ms | hourly\" cacheLevel_10=\"1 s | daily\" />\r\n</stream>"),
        ]),
        ConformanceCase("C20", "dsdf of an interval source", .query("server=dsdf&dataset=Examples/Ephem"), [
            .status(200),
            .body("[00]000226<stream>\r\n  <properties description=\"Spacecraft ephemeris\" das2Stream=\"1\" requiresInterval=\"1\" techContact=\"Jane Doe &lt;jane@example.edu&gt;\" exampleRange_00=\"2013-11-01 to 2013-11-02\" exampleInterval_00=\"10800\" />\r\n</stream>"),
        ]),
        ConformanceCase("C21", "readAccess hidden, realm shown", steps: [
            Step(request: .query("server=dsdf&dataset=Examples/Auth"), checks: [.status(200), .body(authHeader)]),
            Step(request: CaseRequest.query("server=dsdf&dataset=Examples/Auth").authorized(Credentials.testUser), checks: [.status(200), .body(authHeader)]),
        ]),
        ConformanceCase("C22", "server keyword does not redirect dsdf", .query("server=dsdf&dataset=Examples/Remote"), [
            .status(200),
            .body("[00]000163<stream>\r\n  <properties description=\"Hosted elsewhere\" server=\"http://other.org/das/server\" das2Stream=\"1\" exampleRange_00=\"2017-01-01 to 2017-01-02\" />\r\n</stream>"),
        ]),
        ConformanceCase("C23", "rename redirects dsdf", .query("server=dsdf&dataset=Examples/Moved"), [
            .status(301), .header("Location", "http://localhost/das/server?server=dsdf&dataset=Examples/Random"), .emptyBody,
            .noHeader("Content-Type"),
        ]),
        ConformanceCase("C24", "dsdf of an unknown source", .query("server=dsdf&dataset=Examples/Nope"), [
            .status(400),
            .body("[00]000098<exception type=\"BadRequest\" message=\"Data source Examples/Nope doesn't exist on this server\" />\r\n"),
        ]),
        ConformanceCase("C25", "dsdf for a browser", CaseRequest.query("server=dsdf&dataset=Examples/Random").fromBrowser, [
            .status(200), .contentType("text/plain; charset=utf-8"), .body(randomHeader),
        ]),
    ]
}
