import Das2TestSupport

// conformance-cases.md §7: reader failures and empty output.
extension ConformanceCase {
    static let failing = "server=dataset&dataset=Examples/Failing&start_time=2017-01-01&end_time=2017-01-02"

    /// The body is PROBE_STREAM followed by one `[xx]` exception of type
    /// `InternalServerError` whose message contains each text.
    static func streamThenException(_ texts: String...) -> Check {
        Check { exchange in
            let stream = ServerFixture.probeStream
            guard exchange.body.starts(with: stream) else {
                return "body: expected PROBE_STREAM first, got \(visible(exchange.body))"
            }
            guard let packet = ExceptionPacketText(exchange.body.dropFirst(stream.count), tag: "[xx]"), packet.rest.isEmpty else {
                return "body: expected PROBE_STREAM then one [xx] exception packet, got \(visible(exchange.body))"
            }
            if packet.type != "InternalServerError" { return "exception type: expected InternalServerError, got \(packet.type)" }
            let missing = texts.filter { !packet.message.contains($0) }
            return missing.isEmpty ? nil : "exception message: expected to contain \(missing.map(quoted).joined(separator: ", ")), got \(quoted(packet.message))"
        }
    }

    static let failures: [ConformanceCase] = [
        ConformanceCase("C83", "reader fails before output", .query(failing), [
            .status(500), .contentType("text/vnd.das2.das2stream"),
            .exception("InternalServerError", messageContains: ["reader failed", "Non-zero exit value, 3 from pipeline"]),
        ]),
        ConformanceCase("C84", "reader fails before output, browser", CaseRequest.query(failing).fromBrowser, [
            .status(500), .contentType("text/plain; charset=utf-8"), .bodyStarts(with: "exec: "),
            .bodyContains("Non-zero exit value, 3 from pipeline"),
        ]),
        ConformanceCase("C85", "failure after output",
            .query("server=dataset&dataset=Examples/Mid&start_time=2017-01-01&end_time=2017-01-02"),
            Check.dataHeaders(d2s, "attachment", "Mid_2017-01-01_2017-01-02.d2s") + [
                streamThenException("Non-zero exit value, 1 from pipeline"),
            ]),
        ConformanceCase("C86", "no output, success",
            .query("server=dataset&dataset=Examples/Silent&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(200), .contentType("text/vnd.das2.das2stream"),
                .body("[00]000095<exception type=\"NoDataInInterval\" message=\"No data in the range 2017-01-01 to 2017-01-02\" />\r\n"),
            ]),
    ]
}
