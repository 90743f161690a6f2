// conformance-cases.md §4: server=dataset, validation errors.
extension ConformanceCase {
    /// A 400 with exactly this body, the reader not run.
    static func badRequest(_ body: String) -> [Check] {
        [.status(400), .contentType("text/vnd.das2.das2stream"), .body(body), .notRun("probe_rdr")]
    }

    static let startMissing = "[00]000094<exception type=\"BadRequest\" message=\"Invalid das2.2 query, start_time was not specified\" />\r\n"

    static let validation: [ConformanceCase] = [
        ConformanceCase("C49", "start missing", .query("server=dataset&dataset=Examples/Random&end_time=2017-01-02"), badRequest(startMissing)),
        ConformanceCase("C50", "end missing", .query("server=dataset&dataset=Examples/Random&start_time=2017-01-01"),
            badRequest("[00]000092<exception type=\"BadRequest\" message=\"Invalid das2.2 query, end_time was not specified\" />\r\n")),
        ConformanceCase("C51", "empty value is missing",
            .query("server=dataset&dataset=Examples/Random&start_time=&end_time=2017-01-02"), badRequest(startMissing)),
        ConformanceCase("C52", "bad resolution", .query(random + "&resolution=abc"),
            badRequest("[00]000127<exception type=\"BadRequest\" message=\"Invalid das2.2 query, resolution 'abc'is not convertable to a floating point number\" />\r\n")),
        ConformanceCase("C53", "; in params", .query(random + "&params=a%3Brm"),
            badRequest("[00]000114<exception type=\"BadRequest\" message=\"Illegal character(s): ';', in value: 'a;rm' for query parmeter: params\" />\r\n")),
        ConformanceCase("C54", "| in params", .query(random + "&params=a%7Cb"),
            badRequest("[00]000113<exception type=\"BadRequest\" message=\"Illegal character(s): '|', in value: 'a|b' for query parmeter: params\" />\r\n")),
        ConformanceCase("C55", "& escaped in the message", .query(random + "&params=a%26b"),
            badRequest("[00]000121<exception type=\"BadRequest\" message=\"Illegal character(s): '&amp;', in value: 'a&amp;b' for query parmeter: params\" />\r\n")),
        ConformanceCase("C56", "command substitution blocked", .query(random + "&params=%24(id)"),
            badRequest("[00]000115<exception type=\"BadRequest\" message=\"Illegal character(s): '$', in value: '$(id)' for query parmeter: params\" />\r\n")),
        ConformanceCase("C57", "illegal character in a time",
            .query("server=dataset&dataset=Examples/Random&start_time=2017-01-01%3E&end_time=2017-01-02"),
            badRequest("[00]000143<exception type=\"BadRequest\" message=\"Illegal character(s): '&gt;', in value: '2017-01-01&gt;' for query parmeter: start_time or time.min\" />\r\n")),
        ConformanceCase("C58", "a quote cannot break out",
            .query("server=dataset&dataset=Examples/Random&start_time=2017'%20'x&end_time=2017-01-02"), [
                .status(200), .argv("probe_rdr", ["2017' 'x", "2017-01-02"]),
            ]),
        ConformanceCase("C59", "unknown source",
            .query("server=dataset&dataset=Examples/Nope&start_time=2017-01-01&end_time=2017-01-02"),
            badRequest("[00]000098<exception type=\"BadRequest\" message=\"Data source Examples/Nope doesn't exist on this server\" />\r\n")),
        ConformanceCase("C60", "_dirinfo_",
            .query("server=dataset&dataset=Examples/_dirinfo_&start_time=2017-01-01&end_time=2017-01-02"),
            badRequest("[00]000064<exception type=\"BadRequest\" message=\"Invalid das2.3 query\" />\r\n")),
        ConformanceCase("C61", "traversal in dataset",
            .query("server=dataset&dataset=../etc/passwd&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(400), .exception("BadRequest"), .notRun("probe_rdr"),
            ]),
        ConformanceCase("C62", "bad time with validRange",
            .query("server=dataset&dataset=Examples/Spectra&start_time=garbage&end_time=1979-03-01T12:28"), [
                .status(400), .exception("BadRequest"), .notRun("probe_rdr"),
            ]),
    ]
}
