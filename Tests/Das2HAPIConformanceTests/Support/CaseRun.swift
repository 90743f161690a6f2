import Das2TestSupport
import Foundation
import Testing

/// One case's requests to a server: every response is checked for the CORS fields of
/// hapi.md §1.4 and every JSON body is collected for schema validation (``finish()``).
struct CaseRun {
    let server: HAPIServer
    let validator = SchemaValidator()

    init(_ variant: HAPIVariant = .main) async throws {
        server = try await HAPIServers.required().server(variant)
    }

    init(server: HAPIServer) {
        self.server = server
    }

    var fixture: ServerFixture { server.fixture! }

    /// Sends a request (path below the mount) and checks the common rules.
    @discardableResult
    func get(
        _ path: String, method: String = "GET", headers: [(String, String)] = [], version: String = "HTTP/1.1",
        untilBodyLines: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HAPIResponse {
        let response = try await server.get(path, method: method, headers: headers, version: version, untilBodyLines: untilBodyLines)
        Self.checkCommon(response, path: path, method: method, sourceLocation: sourceLocation)
        if method != "HEAD" { collect(response, path: path) }
        return response
    }

    /// The CORS fields every HAPI response carries.
    static func checkCommon(_ response: HAPIResponse, path: String, method: String, sourceLocation: SourceLocation) {
        #expect(response.header("Access-Control-Allow-Origin") == "*", "CORS of \(path)", sourceLocation: sourceLocation)
        #expect(response.header("Access-Control-Allow-Methods") == "GET", "CORS of \(path)", sourceLocation: sourceLocation)
        #expect(response.header("Access-Control-Allow-Headers") == "Content-Type", "CORS of \(path)", sourceLocation: sourceLocation)
    }

    /// Adds a JSON body (or the JSON header of a data body) to the validator.
    func collect(_ response: HAPIResponse, path: String) {
        validator.collect(response, path: path)
    }

    /// `about`, `capabilities`, `catalog`, `info` or `data` for a path below the mount.
    static func endpoint(_ path: String) -> String {
        let name = path.dropFirst("/hapi/".count).prefix { $0 != "?" && $0 != "/" }
        return String(name)
    }

    /// The JSON of the `#` lines starting a CSV or binary body, nil without them.
    static func dataHeader(_ body: [UInt8]) -> [UInt8]? {
        var json: [UInt8] = []
        var index = 0
        while index < body.count, body[index] == UInt8(ascii: "#") {
            guard let end = body[index...].firstIndex(of: 10) else { return nil }
            json += body[(index + 1)..<end]
            index = end + 1
        }
        return json.isEmpty ? nil : json
    }

    /// The body after the `#` header lines.
    static func dataAfterHeader(_ body: [UInt8]) -> [UInt8] {
        var index = 0
        while index < body.count, body[index] == UInt8(ascii: "#") {
            guard let end = body[index...].firstIndex(of: 10) else { return [] }
            index = end + 1
        }
        return Array(body[index...])
    }

    /// Validates the collected bodies.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try validator.check(sourceLocation: sourceLocation)
    }

    /// Expects a HAPI error: the HTTP status, the code, a JSON error body.
    func expectError(
        _ response: HAPIResponse, http: Int, code: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == http, "status of \(response.text)", sourceLocation: sourceLocation)
        #expect(JSON.code(response) == code, "code of \(response.text)", sourceLocation: sourceLocation)
        // hapi.md §2.3: `<standard phrase>; HAPI <code> <message>`, over HTTP as well as CGI.
        #expect(response.reason.contains("; HAPI \(code) "), "reason phrase \(response.reason)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    }

    /// The probe log's entries after clearing it before `body` (the server's readers append
    /// to one log, and the suite runs its cases one at a time).
    func probes(during body: () async throws -> Void) async throws -> [(name: String, arguments: [String])] {
        let log = try #require(server.probeLog)
        log.clear()
        try await body()
        return log.entries()
    }

    /// The path of a fixture stream.
    func stream(_ name: String) -> String {
        fixture.root + "/streams/" + name
    }
}

/// Request paths of the cases (`d=` is `dataset=`).
enum Path {
    static func info(_ dataset: String, _ extra: String = "") -> String {
        "/hapi/info?dataset=\(dataset)" + extra
    }

    static func data(_ dataset: String, _ start: String, _ stop: String, _ extra: String = "") -> String {
        "/hapi/data?dataset=\(dataset)&start=\(start)&stop=\(stop)" + extra
    }

    /// H22's request.
    static let h22 = data("Hapi/Mag", "2017-01-01T00:00Z", "2017-01-01T00:03Z")
}
