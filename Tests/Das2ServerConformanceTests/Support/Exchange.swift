import Das2TestSupport

/// What came back: the response and what the probes logged meanwhile.
struct Exchange: Sendable {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The probe log lines written during the request.
    var probes: [(name: String, arguments: [String])]
    /// The fixture that served it.
    var fixture: ServerFixture
    /// The CGI program's raw standard output (nil for the standalone server).
    var rawCGIOutput: [UInt8]?

    /// The first value of a header (case-insensitive name).
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// argv(X): the arguments `name` logged last, nil when it did not run.
    func argv(of name: String) -> [String]? {
        probes.last { $0.name == name }?.arguments
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
