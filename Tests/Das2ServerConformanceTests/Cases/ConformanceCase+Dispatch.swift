import Das2TestSupport

// conformance-cases.md §1: dispatch and generic errors.
extension ConformanceCase {
    static let listBody = [
        "Examples/|Example data sources",
        "Examples/Age|Embargoed source",
        "Examples/AgeBad|Bad age rule",
        "Examples/Auth|Authentication test",
        "Examples/BadMeth|Unknown auth method",
        "Examples/Ephem|Spacecraft ephemeris",
        "Examples/Failing|Reader always fails",
        "Examples/HapiSecret|Protected HAPI source",
        "Examples/Mid|Reader fails after output",
        "Examples/Qds|A QStream source",
        "Examples/Random|Produce random values between -10 and +10",
        "Examples/Remote|Hosted elsewhere",
        "Examples/Self|Points at this server",
        "Examples/Silent|Reader writes nothing",
        "Examples/Spectra|Voyager 1 PWS spectra (Sample Dataset)",
        "Examples/Survey|Survey",
        "Examples/test/",
        "Examples/test/TestSrc|A test source",
        "Top|Top level source",
    ].map { $0 + "\r\n" }.joined()

    static let listChecks = [Check.status(200)] + Check.cors + [.contentType("text/plain; charset=utf-8"), .body(listBody)]

    static let peersBody = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <?xml-stylesheet type="text/xsl" href="/das/server/static/das2server.xsl"?>
        <das2server>
          <peers>
            <server>
              <name>planet</name>
              <url>http://planet.physics.uiowa.edu/das/das2Server</url>
            </server>
            <server>
              <name>zeus</name>
              <url>https://zeus.physics.uiowa.edu/das/server</url>
              <description>Radio astronomy &amp; LWA-1</description>
            </server>
          </peers>
        </das2server>

        """

    static let peersChecks: [Check] = [.status(200), .contentType("text/xml; charset=utf-8"), .body(peersBody)]
    static let logoChecks: [Check] = [.status(200), .contentType("image/png"), .body(ServerFixture.logoBytes)]

    static let dispatch: [ConformanceCase] = [
        ConformanceCase("C1", "list", .query("server=list"), listChecks),
        ConformanceCase("C2", "discovery", .query("server=discovery"), [
            .status(200), .contentType("text/plain; charset=utf-8"),
            .body([
                "Examples/",
                "Examples/Auth|Authentication test",
                "Examples/Ephem|Spacecraft ephemeris",
                "Examples/HapiSecret|Protected HAPI source",
                "Examples/Hidden|Not in the list",
                "Examples/Random|Produce random values between -10 and +10",
                "Examples/Remote|Hosted elsewhere",
                "Examples/Spectra|Voyager 1 PWS spectra (Sample Dataset)",
                "Examples/Survey|Survey",
                "Top|Top level source",
            ].map { $0 + "\r\n" }.joined()),
        ]),
        ConformanceCase("C3", "server value is case-insensitive", .query("server=LIST"), listChecks),
        ConformanceCase("C4", "unknown server keyword", .query("server=bogus"), [
            .status(400), .contentType("text/vnd.das2.das2stream"),
            .body("[00]000114<exception type=\"BadRequest\" message=\"Bad server keyword.  Server must be [dataset|dsdf|logo|list|discovery]\" />\r\n"),
        ]),
        ConformanceCase("C5", "unknown server keyword, browser", CaseRequest.query("server=bogus").fromBrowser, [
            .status(400), .contentType("text/plain; charset=utf-8"),
            .body("Bad server keyword.  Server must be [dataset|dsdf|logo|list|discovery]"),
        ]),
        ConformanceCase("C6", "authenticator", .query("server=authenticator"), [
            .status(501),
            .body("[00]000121<exception type=\"NotImplemented\" message=\"The queries: server=authenticator and server=id have not been implemented\" />\r\n"),
        ]),
        ConformanceCase("C7", "path traversal", .path("/static/../etc/passwd"), [
            .status(400), .body("[00]000052<exception type=\"BadRequest\" message=\"Bad Path\" />\r\n"),
        ]),
        ConformanceCase("C8", "unknown path", .path("/nothing/here"), [.status(404), .exception("NoSuchDatasource")]),
        ConformanceCase("C9", "landing page", .query(""), [
            .status(200), .contentType("text/html; charset=utf-8"),
            .bodyContains("Test Site", "TEST", "http://localhost/das/server?server=list", "http://localhost/das/server/hapi"),
        ]),
        ConformanceCase("C10", "id", .query("server=id"), [Check.status(200)] + Check.cors + [
            .contentType("text/plain; charset=utf-8"), .body("Test Site\r\n"),
        ]),
        ConformanceCase("C11", "id without SITE_NAME", CaseRequest.query("server=id").with(.init(siteName: false)), [
            .status(500), .exception("InternalServerError"),
        ]),
        ConformanceCase("C12", "logo", steps: [
            Step(request: .query("server=logo"), checks: logoChecks),
            Step(request: .path("/logo"), checks: logoChecks),
        ]),
        ConformanceCase("C13", "logo missing", CaseRequest.query("server=logo").with(.init(logo: false)), [
            .status(404), .contentType("text/plain; charset=utf-8"), .body("Logo not set for this Das2.2 server\r\n"),
        ]),
        ConformanceCase("C14", "peers", steps: [
            Step(request: .query("server=peers"), checks: peersChecks),
            Step(request: .path("/peers"), checks: peersChecks),
        ]),
        ConformanceCase("C15", "static file", .path("/static/das2server.css"), [
            .status(200), .contentType("text/css"), .body(ServerFixture.styleSheet),
        ]),
        ConformanceCase("C16", "missing static file", .path("/static/nope.css"), [.status(404), .exception("NoSuchDatasource")]),
    ]
}
