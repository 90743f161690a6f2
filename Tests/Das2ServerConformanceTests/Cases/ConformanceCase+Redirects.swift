import Das2TestSupport

// conformance-cases.md §5: redirects.
extension ConformanceCase {
    static let moved = "server=dataset&dataset=Examples%2FMoved&start_time=2017-01-01&end_time=2017-01-02&params=x"
    static let movedLocation = "http://localhost/das/server?server=dataset&dataset=Examples/Random&start_time=2017-01-01&end_time=2017-01-02&params=x"
    static let ignoringRedirects = ServerFixture.Options(ignoreRedirect: true)

    static let redirects: [ConformanceCase] = [
        ConformanceCase("C63", "foreign server",
            .query("server=dataset&dataset=Examples/Remote&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(301), .reason("Permanently moved"),
                .header("Location", "http://other.org/das/server?server=dataset&dataset=Examples/Remote&start_time=2017-01-01&end_time=2017-01-02"),
                .emptyBody, .noHeader("Content-Type"), .notRun("probe_rdr"),
            ]),
        ConformanceCase("C64", "IGNORE_REDIRECT",
            CaseRequest.query("server=dataset&dataset=Examples/Remote&start_time=2017-01-01&end_time=2017-01-02").with(ignoringRedirects),
            Check.dataHeaders(d2s, "attachment", "Remote_2017-01-01_2017-01-02.d2s") + [
                probeStream, .argv("probe_rdr", ["2017-01-01", "2017-01-02"]),
            ]),
        ConformanceCase("C65", "rename, encoded name", .query(moved), [
            .status(301), .reason("Permanently moved"), .header("Location", movedLocation), .emptyBody, .noHeader("Content-Type"), .notRun("probe_rdr"),
        ]),
        ConformanceCase("C66", "rename ignores IGNORE_REDIRECT", CaseRequest.query(moved).with(ignoringRedirects), [
            .status(301), .reason("Permanently moved"), .header("Location", movedLocation), .emptyBody, .noHeader("Content-Type"), .notRun("probe_rdr"),
        ]),
        ConformanceCase("C67", "Location re-encoding",
            .query("server=dataset&dataset=Examples%2FMoved&start_time=2017-01-01&end_time=2017-01-02&params=a+b"), [
                .status(301), .headerSuffix("Location", "&params=a%20b"),
            ]),
        ConformanceCase("C68", "server equal to self",
            .query("server=dataset&dataset=Examples/Self&start_time=2017-01-01&end_time=2017-01-02"),
            Check.dataHeaders(d2s, "attachment", "Self_2017-01-01_2017-01-02.d2s") + [
                probeStream, .argv("probe_rdr", ["2017-01-01", "2017-01-02"]),
            ]),
    ]
}
