import Das2TestSupport
import Foundation
import Testing

/// Hostile client text (the issue's "Done when" list), through both front ends:
/// * dataset names with `..`, absolute paths, NUL or backslashes → 400 with a message, and
///   no file outside the DSDF root is ever read or run;
/// * `params`, times, intervals and `$(var)` values with shell syntax, quotes and line ends →
///   400 with a message, or delivered literally as one argument each (never expanded);
/// * no client text in a response header unescaped (no CR LF injection).
@Suite(.fixturePool)
struct HostileInputTests {
    static let times = "start_time=2017-01-01&end_time=2017-01-02"

    // MARK: Dataset names

    struct NameVector: Sendable, CustomTestStringConvertible {
        /// The request; `<F>` is replaced by the fixture root.
        var request: CaseRequest
        var testDescription: String { (request.pathInfo.map { "PATH_INFO=\($0) " } ?? "") + request.query }
    }

    static let hostileNames = [
        "../outside/Secret", "..%2Foutside%2FSecret", "%2E%2E/outside/Secret", "Examples/../../outside/Secret",
        "Examples/./../../outside/Secret", "Examples%2F..%2F..%2Foutside%2FSecret", "<F>/outside/Secret",
        "%2F<F>/outside/Secret.dsdf", "..%5Coutside%5CSecret", "Examples%5C..%5C..%5Coutside%5CSecret",
        "Examples/Argv%00", "Examples/Argv%00/../../../outside/Secret", "Examples/Argv.dsdf%00.png", "..",
        "Examples/..", "../outside/Secret.dsdf",
    ]

    static let nameVectors: [NameVector] =
        hostileNames.flatMap { name in
            [
                NameVector(request: CaseRequest(query: "server=dsdf&dataset=\(name)", fixture: .hostile)),
                NameVector(request: CaseRequest(query: "server=source&dataset=\(name)", fixture: .hostile)),
                NameVector(request: CaseRequest(query: "server=dataset&dataset=\(name)&\(times)", fixture: .hostile)),
            ]
        } + [
            "/source/../outside/Secret.json", "/source/..%2Foutside%2FSecret.json", "/data/../outside/Secret",
            "/data/Examples\\..\\..\\outside\\Secret", "/source/Examples\\..\\..\\outside\\Secret.json",
            "/source/<F>/outside/Secret.json", "/static/../outside/Secret.dsdf",
        ].map { path in
            NameVector(request: CaseRequest(query: path.hasPrefix("/data") ? "time.min=2017-01-01&time.max=2017-01-02" : "", pathInfo: path, fixture: .hostile))
        } + [
            // `;` separates pairs too; the first value of a repeated key wins; without
            // `dataset` the name comes from PATH_INFO.
            CaseRequest(query: "server=dsdf;dataset=..%2Foutside%2FSecret", fixture: .hostile),
            CaseRequest(query: "server=dsdf&dataset=../outside/Secret&dataset=Examples/Argv", fixture: .hostile),
            CaseRequest(query: "server=dsdf", pathInfo: "/<F>/outside/Secret", fixture: .hostile),
            CaseRequest(query: "server=dataset&\(times)", pathInfo: "/<F>/outside/Secret", fixture: .hostile),
            CaseRequest(query: "server=dataset&\(times)", pathInfo: "/Examples\\..\\..\\outside\\Secret", fixture: .hostile),
        ].map(NameVector.init)

    @Test("Hostile dataset names are refused and nothing outside the root is read", arguments: nameVectors, FrontEnd.allCases)
    func hostileDatasetName(_ vector: NameVector, _ frontEnd: FrontEnd) async throws {
        let fixture = try await FixturePool.required().fixture(.hostile)
        var request = vector.request
        request.query = request.query.replacing("<F>", with: fixture.root)
        request.pathInfo = request.pathInfo?.replacing("<F>", with: fixture.root)
        let label = "\(frontEnd.rawValue) \(vector.testDescription)"
        let exchange = try await frontEnd.send(request)
        #expect(exchange.status == 400, "\(label): status \(exchange.status), body \(visible(exchange.body))")
        let message = ExceptionPacketText(exchange.body, tag: "[00]")
        #expect(message?.type == "BadRequest" && message?.message.isEmpty == false, "\(label): expected a BadRequest exception with a message, got \(visible(exchange.body))")
        #expect(!exchange.text.contains(ServerFixture.Options.secretText), "\(label): served the file outside the DSDF root")
        #expect(exchange.argv(of: "argv_rdr") == nil, "\(label): ran \(exchange.argv(of: "argv_rdr").map(jsonArrayText) ?? "")")
    }

    /// A NUL cannot travel in a CGI environment variable, so `PATH_INFO` with NUL is sent to
    /// the standalone server only.
    @Test("A NUL in the path is refused", arguments: ["/data/Examples/Argv%00", "/source/Examples/Argv%00.json", "/data/Examples/Argv%00/../../../outside/Secret"])
    func nulInPath(_ path: String) async throws {
        let pool = try FixturePool.required()
        let server = try await pool.server(.hostile.trustingLoopback(false))
        let response = try await server.gate.run {
            server.probeLog.clear()
            let client = server.client
            let target = "/das/server" + path + (path.hasPrefix("/data") ? "?time.min=2017-01-01&time.max=2017-01-02" : "")
            return try await onOwnThread { try client.request(target, headers: [("Host", "localhost")]) }
        }
        #expect(response.status == 400, "standalone PATH_INFO=\(path): status \(response.status), body \(visible(response.body))")
        #expect(!response.text.contains(ServerFixture.Options.secretText), "standalone PATH_INFO=\(path): served the outside file")
        #expect(!server.probeLog.ran("argv_rdr"), "standalone PATH_INFO=\(path): ran argv_rdr")
    }

    // MARK: Values with shell syntax

    struct ValueVector: Sendable, CustomTestStringConvertible {
        /// The query key.
        var key: String
        /// The decoded value; `<M>` is replaced by a marker path that must never be created.
        var value: String
        var testDescription: String { "\(key)=\(quoted(value))" }
    }

    static let shellValues = [
        ";", "|", "&", "$(touch <M>)", "`touch <M>`", "(x)", "\\", ">", ">/tmp/x", "<x", "*", "?", "~", "~root",
        "'", "\"", "a'b\"c", "a\nb", "a\rb", "a\r\nb", "\n", "$HOME", "${HOME}", "x;touch <M>", "a|touch <M>",
        "a&&touch <M>", "a||touch <M>", "*.dsdf", "[ab]", "{a,b}", "-rf", "--help", "a\\nb", "'$(touch <M>)'",
        "\"$(touch <M>)\"", "a\u{0}b", "!", "#x", "a=b", "%", "é",
    ]

    static let valueVectors = ["start_time", "end_time", "interval", "params"].flatMap { key in
        shellValues.map { ValueVector(key: key, value: $0) }
    }

    @Test("Shell syntax in values is refused or passed literally as one argument", arguments: valueVectors, FrontEnd.allCases)
    func shellSyntaxInValue(_ vector: ValueVector, _ frontEnd: FrontEnd) async throws {
        let fixture = try await FixturePool.required().fixture(.hostile)
        let marker = fixture.root + "/marker-" + UUID().uuidString
        let value = vector.value.replacing("<M>", with: marker)
        var pairs = ["start_time": "2017-01-01", "end_time": "2017-01-02"]
        pairs[vector.key] = value
        let query = "server=dataset&dataset=Examples/Argv" + ["start_time", "end_time", "interval", "params"].compactMap { key in
            pairs[key].map { "&\(key)=\(percentEncoded($0))" }
        }.joined()
        let label = "\(frontEnd.rawValue) \(vector.key)=\(quoted(value))"
        let exchange = try await frontEnd.send(CaseRequest(query: query, fixture: .hostile))
        #expect(!FileManager.default.fileExists(atPath: marker), "\(label): the marker file was created")
        let argv = exchange.argv(of: "argv_rdr")
        switch exchange.status {
        case 400:
            let packet = ExceptionPacketText(exchange.body, tag: "[00]")
            #expect(packet?.type == "BadRequest" && packet?.message.isEmpty == false, "\(label): 400 without a BadRequest message: \(visible(exchange.body))")
            #expect(argv == nil, "\(label): refused but argv_rdr ran with \(argv.map(jsonArrayText) ?? "")")
        case 200:
            let expected: [String]
            switch vector.key {
            case "start_time": expected = [value, "2017-01-02"]
            case "end_time": expected = ["2017-01-01", value]
            case "interval": expected = [value, "2017-01-01", "2017-01-02"]
            default: expected = ["2017-01-01", "2017-01-02"] + value.split(whereSeparator: \.isWhitespace).map(String.init)
            }
            #expect(argv == expected, "\(label): argv(argv_rdr) expected \(jsonArrayText(expected)), got \(argv.map(jsonArrayText) ?? "not run")")
        default:
            Issue.record("\(label): expected 400 or 200, got \(exchange.status) \(visible(exchange.body))")
        }
    }

    struct SubstitutionVector: Sendable, CustomTestStringConvertible {
        var mode: String
        /// The reader's argv, nil when the request must be refused.
        var argv: [String]?
        var testDescription: String { "mode=\(quoted(mode))" }
    }

    /// dsdf.md §3 (DD-9): query values substituted into a reader command must match
    /// `^[A-Za-z0-9._:+,=@%/-]*$` and not contain `..`.
    @Test("Query values substituted into the reader command are checked", arguments: [
        SubstitutionVector(mode: "slow", argv: ["slow", "2017-01-01", "2017-01-02"]),
        SubstitutionVector(mode: "x;touch <M>", argv: nil),
        SubstitutionVector(mode: "$(touch <M>)", argv: nil),
        SubstitutionVector(mode: "`touch <M>`", argv: nil),
        SubstitutionVector(mode: "a b", argv: nil),
        SubstitutionVector(mode: "../x", argv: nil),
        SubstitutionVector(mode: "*", argv: nil),
        SubstitutionVector(mode: "a'b", argv: nil),
        SubstitutionVector(mode: "a\nb", argv: nil),
    ], FrontEnd.allCases)
    func substitutedQueryValue(_ vector: SubstitutionVector, _ frontEnd: FrontEnd) async throws {
        let fixture = try await FixturePool.required().fixture(.hostile)
        let marker = fixture.root + "/marker-" + UUID().uuidString
        let mode = vector.mode.replacing("<M>", with: marker)
        let query = "server=dataset&dataset=Examples/Subst&\(Self.times)&mode=\(percentEncoded(mode))"
        let label = "\(frontEnd.rawValue) mode=\(quoted(mode))"
        let exchange = try await frontEnd.send(CaseRequest(query: query, fixture: .hostile))
        #expect(!FileManager.default.fileExists(atPath: marker), "\(label): the marker file was created")
        if let argv = vector.argv {
            #expect(exchange.status == 200 && exchange.argv(of: "argv_rdr") == argv,
                "\(label): expected 200 with argv \(jsonArrayText(argv)), got \(exchange.status), argv \(exchange.argv(of: "argv_rdr").map(jsonArrayText) ?? "not run")")
        } else {
            #expect(exchange.status == 400, "\(label): expected 400, got \(exchange.status) \(visible(exchange.body))")
            #expect(ExceptionPacketText(exchange.body, tag: "[00]")?.message.isEmpty == false, "\(label): no message in \(visible(exchange.body))")
            #expect(exchange.argv(of: "argv_rdr") == nil, "\(label): argv_rdr ran")
        }
    }

    // MARK: Header injection

    static let injection = "%0D%0AX-Injected:%20yes%0D%0A%0D%0A<html>"

    struct HeaderVector: Sendable, CustomTestStringConvertible {
        var request: CaseRequest
        var testDescription: String { (request.pathInfo ?? "") + "?" + request.query }
    }

    static let headerVectors = [
        CaseRequest(query: "server=dataset&dataset=Examples/Moved&\(times)&x=\(injection)"),
        CaseRequest(query: "server=dataset&dataset=Examples/Moved&\(times)&params=\(injection)"),
        CaseRequest(query: "server=dsdf&dataset=Examples/Moved&x=\(injection)"),
        CaseRequest(query: "server=dataset&dataset=Examples/Remote&\(times)&x=\(injection)"),
        CaseRequest(query: "server=dataset&dataset=Examples/Remote&\(times)&x=%22%3Cb%3E%20%5C%5E%60%7B%7C%7D%C3%A9"),
        CaseRequest(query: "server=dataset&dataset=Examples/Moved\(injection)&\(times)"),
        CaseRequest(query: "server=dataset&dataset=Examples/Argv&start_time=2017-01-01\(injection)&end_time=2017-01-02"),
        CaseRequest(query: "server=dataset&dataset=Examples/Argv&start_time=2017%22x\\y;&end_time=2017-01-02"),
        CaseRequest(query: "server=dataset&dataset=Examples/Argv&start_time=2017%22x%5Cy&end_time=2017-01-02%22"),
        CaseRequest(query: "server=\(injection)"),
        CaseRequest(query: "", pathInfo: "/data/Examples/Argv\r\nX-Injected: yes"),
        CaseRequest(query: "", pathInfo: "/source/Examples/Argv\r\nX-Injected: yes.json"),
        CaseRequest(query: "", pathInfo: "/static/x\r\nX-Injected: yes.css"),
        CaseRequest(query: "server=dataset&dataset=Examples/Age&start_time=2099-01-01&end_time=2099-01-02&x=\(injection)"),
    ].map { request in
        var request = request
        request.fixture = .hostile
        return HeaderVector(request: request)
    }

    @Test("Client text never reaches a header unescaped", arguments: headerVectors, FrontEnd.allCases)
    func noHeaderInjection(_ vector: HeaderVector, _ frontEnd: FrontEnd) async throws {
        let exchange = try await frontEnd.send(vector.request)
        let label = "\(frontEnd.rawValue) \(vector.testDescription)"
        #expect(exchange.header("X-Injected") == nil, "\(label): injected header in \(exchange.headers)")
        for (name, value) in exchange.headers {
            #expect(!value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(label): control character in \(name): \(quoted(value))")
        }
        if let raw = exchange.rawCGIOutput {
            let head = Self.cgiHead(raw)
            let lines = head.components(separatedBy: "\r\n")
            let bad = lines.filter { line in
                line.lowercased().hasPrefix("x-injected") || !line.contains(": ") || line.contains("\r") || line.contains("\n")
            }
            #expect(bad.isEmpty, "\(label): malformed or injected lines \(bad.map(quoted)) in the CGI head \(visible(Array(head.utf8)))")
        }
        if let location = exchange.header("Location") {
            let unsafe = location.unicodeScalars.filter { " \"<>\\^`{|}".unicodeScalars.contains($0) || $0.value > 0x7E || $0.value < 0x21 }
            #expect(unsafe.isEmpty, "\(label): Location not percent-encoded: \(quoted(location))")
        }
        if let disposition = exchange.header("Content-Disposition") {
            #expect(Self.isQuotedFileName(disposition), "\(label): Content-Disposition not a well-formed quoted file name: \(quoted(disposition))")
        }
    }

    /// The CGI head: the bytes before the first empty line.
    static func cgiHead(_ output: [UInt8]) -> String {
        let text = String(decoding: output, as: UTF8.self)
        return text.components(separatedBy: "\r\n\r\n").first ?? text
    }

    /// `inline|attachment; filename="…"` where the quoted string escapes `"` and `\`.
    static func isQuotedFileName(_ value: String) -> Bool {
        guard let start = value.firstIndex(of: "\""), value.hasSuffix("\""), value[..<start].hasSuffix("; filename=") else {
            return false
        }
        var escaped = false
        for character in value[value.index(after: start)..<value.index(before: value.endIndex)] {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return false
            }
        }
        return !escaped
    }
}
