import Das2TestSupport
import Foundation
import Testing

/// H60 (a sample of the cases through `das2-cgi`) and the disabled subsystem of §1.1.
extension HAPIConformanceTests {
    /// Sends a CGI request and checks the common rules.
    static func cgi(
        _ path: String, _ query: String = "", fixture: ServerFixture, validator: SchemaValidator, trusted: Bool = true,
        headers: [String: String] = [:], probeLog: ProbeLog? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HAPIResponse {
        let response = try await HAPICGI.get(path, query: query, fixture: fixture, trusted: trusted, headers: headers, probeLog: probeLog)
        CaseRun.checkCommon(response, path: path, method: "GET", sourceLocation: sourceLocation)
        validator.collect(response, path: path + (query.isEmpty ? "" : "?" + query))
        return response
    }

    @Test func h60SampleThroughCGI() async throws {
        let fixture = try await HAPIServers.required().fixture(.main)
        let validator = SchemaValidator()
        let capabilities = try await Self.cgi("/hapi/capabilities", fixture: fixture, validator: validator)
        #expect(capabilities.status == 200)
        #expect(try JSON.object(capabilities)["outputFormats"] as? [String] == ["csv", "binary", "json"])

        let catalog = try await Self.cgi("/hapi/catalog", fixture: fixture, validator: validator)
        #expect(Self.catalogPairs(try JSON.object(catalog)).map(\.0) == Self.catalogH8.map(\.0))

        let info = try await Self.cgi("/hapi/info", "dataset=Hapi/Mag", fixture: fixture, validator: validator)
        #expect(JSON.equal(try JSON.object(info), try JSON.parse(Self.infoH11)))

        let log = fixture.probeLog("cgi-" + UUID().uuidString)
        let csv = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Mag&start=2017-01-01T00:00Z&stop=2017-01-01T00:03Z", fixture: fixture, validator: validator,
            probeLog: log
        )
        #expect(csv.status == 200)
        #expect(try csv.text == HAPIMaterial.lines(Self.mag, 1...3))
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(log.argv(of: "fixture_rdr") == [fixture.root + "/streams/hapi_mag.d2s", "2017-01-01T00:00:00", "2017-01-01T00:03:00"])

        let binary = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Mag&start=2017-01-01T00:00Z&stop=2017-01-01T00:03Z&format=binary", fixture: fixture,
            validator: validator
        )
        #expect(binary.body.count == 153 && binary.header("Content-Type") == "application/octet-stream")

        let json = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Mag&start=2017-01-01T00:00Z&stop=2017-01-01T00:03Z&format=json", fixture: fixture,
            validator: validator
        )
        #expect((try JSON.object(json))["data"] as? [Any] != nil)

        let empty = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Mag&start=2017-01-01T12:00Z&stop=2017-01-01T13:00Z", fixture: fixture, validator: validator
        )
        #expect(empty.status == 200 && empty.body.isEmpty)
        #expect(empty.reason.contains("HAPI 1201"))
        #expect(empty.header("X-HAPI-Status") == "1201")

        let tag = try #require(info.header("ETag"))
        let cached = try await Self.cgi("/hapi/info", "dataset=Hapi/Mag", fixture: fixture, validator: validator, headers: ["If-None-Match": tag])
        #expect(cached.status == 304 && cached.body.isEmpty)

        let missing = try await Self.cgi("/hapi/info", "dataset=Hapi/Nope", fixture: fixture, validator: validator)
        #expect(missing.status == 404 && missing.reason == "Not Found; HAPI 1406 Bad request - unknown dataset id")

        // A body cut off after it started ends the CGI program with a failure status.
        let cut = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Cut&start=2017-01-01T00:00Z&stop=2017-01-01T01:00Z", fixture: fixture, validator: validator
        )
        #expect(cut.status == 200 && cut.exitStatus == 1)
        try validator.check()
    }

    @Test func disabledSubsystemAnswersWithTheDas2Error() async throws {
        let fixture = try await HAPIServers.required().fixture(.disabled)
        let response = try await HAPICGI.get("/hapi/catalog", fixture: fixture)
        #expect(response.status == 400)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") != true)
        #expect(response.text.contains("Heliophysics API Subsystem not enabled"))
    }
}
