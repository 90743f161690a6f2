import Das2TestSupport

// conformance-cases.md §3: server=dataset, normal operation.
extension ConformanceCase {
    static let random = "server=dataset&dataset=Examples/Random&start_time=2017-01-01&end_time=2017-01-02"
    static let spectra = "server=dataset&dataset=Examples/Spectra&start_time=1979-03-01T12:27&end_time=1979-03-01T12:28"
    static let ephem = "server=dataset&dataset=Examples/Ephem&start_time=2013-11-01&end_time=2013-11-02"
    static let qds = "server=dataset&dataset=Examples/Qds&start_time=2013-11-01&end_time=2013-11-02"

    static let d2s = "application/vnd.das2.das2stream"
    static let probeStream = Check.body(ServerFixture.probeStream)

    /// C26: data headers, PROBE_STREAM, argv(probe_rdr), probe_red not run.
    static let randomChecks26 = Check.dataHeaders(d2s, "attachment", "Random_2017-01-01_2017-01-02.d2s") + [
        probeStream, .argv("probe_rdr", ["2017-01-01", "2017-01-02"]), .notRun("probe_red"),
    ]

    /// C31: Spectra 12:27–12:28, no reducer.
    static let spectraChecks31 = Check.dataHeaders(d2s, "attachment", "Spectra_1979-03-01T12-27_1979-03-01T12-28.d2s") + [
        probeStream, .argv("probe_rdr", ["--spec", "1979-03-01T12:27", "1979-03-01T12:28"]), .notRun("probe_red"),
        .notRun("probe_ascii"), .notRun("probe_cache"),
    ]

    /// C43: the QStream source.
    static let qdsChecks43 = Check.dataHeaders("application/vnd.das2.qstream", "attachment", "Qds_2013-11-01_2013-11-02.qds") + [
        probeStream, .argv("probe_rdr", ["--qds", "2013-11-01", "2013-11-02"]), .notRun("probe_red"),
    ]

    static let dataset: [ConformanceCase] = [
        ConformanceCase("C26", "minimal query", .query(random), randomChecks26),
        ConformanceCase(
            "C27", "compactDataSet",
            .query("server=compactDataSet&dataset=Examples/Random&start_time=2017-01-01&end_time=2017-01-02"), randomChecks26
        ),
        ConformanceCase("C28", "not_reducible ignores resolution", .query(random + "&resolution=60"), randomChecks26),
        ConformanceCase("C29", "params are split on whitespace", .query(random + "&params=b%20a"), [
            .status(200), .argv("probe_rdr", ["2017-01-01", "2017-01-02", "b", "a"]),
        ]),
        ConformanceCase("C30", "reducer", .query(spectra + "&resolution=30"),
            Check.dataHeaders(d2s, "attachment", "Spectra_1979-03-01T12-27_1979-03-01T12-28.d2s") + [
                probeStream, .argv("probe_rdr", ["--spec", "1979-03-01T12:27", "1979-03-01T12:28"]), .argv("probe_red", ["30"]),
            ]),
        ConformanceCase("C31", "no resolution, no intrinsic cache level", .query(spectra), spectraChecks31),
        ConformanceCase("C32", "valid-range trimming",
            .query("server=dataset&dataset=Examples/Spectra&start_time=1979-03-01T12:00&end_time=1979-03-01T13:00"),
            Check.dataHeaders(d2s, "attachment", "Spectra_1979-03-01T12-26-11.000000_1979-03-01T12-29-24.000000.d2s") + [
                .argv("probe_rdr", ["--spec", "1979-03-01T12:26:11.000000", "1979-03-01T12:29:24.000000"]),
            ]),
        ConformanceCase("C33", "request outside the valid range",
            .query("server=dataset&dataset=Examples/Spectra&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(200), .contentType("text/vnd.das2.das2stream"), .noHeader("Content-Disposition"),
                .body("[00]000095<exception type=\"NoDataInInterval\" message=\"No data in the range 2017-01-01 to 2017-01-02\" />\r\n"),
                .notRun("probe_rdr"),
            ]),
        ConformanceCase("C34", "ascii", .query(spectra + "&ascii=true"),
            Check.dataHeaders("text/vnd.das2.das2stream; charset=utf-8", "inline", "Spectra_1979-03-01T12-27_1979-03-01T12-28.d2t") + [
                probeStream, .argv("probe_ascii", []),
            ]),
        ConformanceCase("C35", "ascii for a browser", CaseRequest.query(spectra + "&ascii=true").fromBrowser,
            Check.dataHeaders("text/plain; charset=utf-8", "inline", "Spectra_1979-03-01T12-27_1979-03-01T12-28.d2t") + [
                probeStream, .argv("probe_ascii", []),
            ]),
        ConformanceCase("C36", "ascii needs 1 or true", .query(spectra + "&ascii=yes"), spectraChecks31),
        ConformanceCase("C37", "compress is ignored", .query(random + "&compress=true"), randomChecks26 + [.noHeader("Content-Encoding")]),
        ConformanceCase("C38", "file-name cleanup",
            .query("server=dataset&dataset=Examples/Random&start_time=2017-01-01T00:00:00.000Z&end_time=2017-01-02T00:00:00.000Z"),
            Check.dataHeaders(d2s, "attachment", "Random_2017-01-01_2017-01-02.d2s") + [
                .argv("probe_rdr", ["2017-01-01T00:00:00.000Z", "2017-01-02T00:00:00.000Z"]),
            ]),
        ConformanceCase("C39", "interval reader", .query(ephem + "&interval=10800"),
            Check.dataHeaders(d2s, "attachment", "Ephem_2013-11-01_2013-11-02.d2s") + [
                .argv("probe_rdr", ["--ephem", "10800", "2013-11-01", "2013-11-02"]),
            ]),
        ConformanceCase("C40", "interval missing", .query(ephem), [
            .status(400),
            .body("[00]000104<exception type=\"BadRequest\" message=\"Invalid das2.2 query, parameter 'interval' was not specified\" />\r\n"),
            .notRun("probe_rdr"),
        ]),
        ConformanceCase("C41", "resolution as interval", .query(ephem + "&resolution=600"), [
            .status(200), .argv("probe_rdr", ["--ephem", "600", "2013-11-01", "2013-11-02"]), .notRun("probe_red"),
        ]),
        ConformanceCase("C42", "interval on a normal source selects pattern B", .query(random + "&interval=5"), [
            .status(200), .argv("probe_rdr", ["5", "2017-01-01", "2017-01-02"]),
        ]),
        ConformanceCase("C43", "QStream source", .query(qds), qdsChecks43),
        ConformanceCase("C44", "QStream without a reducer", .query(qds + "&resolution=10"), qdsChecks43),
        ConformanceCase("C45", "zero resolution", .query(spectra + "&resolution=0"), spectraChecks31),
        ConformanceCase("C46", "time.min and time.max synonyms",
            .query("server=dataset&dataset=Examples/Random&time.min=2017-01-01&time.max=2017-01-02"), randomChecks26),
        ConformanceCase("C47", "/data/ path", .path("/data/Examples/Random", query: "time.min=2017-01-01&time.max=2017-01-02"), randomChecks26),
        ConformanceCase("C48", "unparsed time passes through",
            .query("server=dataset&dataset=Examples/Random&start_time=yesterday&end_time=2017-01-02"), [
                .status(200), .argv("probe_rdr", ["yesterday", "2017-01-02"]),
            ]),
    ]
}
