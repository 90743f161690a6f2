import Das2TestSupport
import Foundation
import Testing

/// H1–H21: landing page, about, capabilities, catalog and info.
extension HAPIConformanceTests {
    static let catalogH8: [(String, String)] = [
        ("Hapi/Cut", "Fixture cut reader"), ("Hapi/Cut:x_availability", "Fixture cut reader (availability)"),
        ("Hapi/Mag", "Fixture magnetometer"), ("Hapi/Mag:x_availability", "Fixture magnetometer (availability)"),
        ("Hapi/Mag:x_bin-600s", "Fixture magnetometer (600 s bins)"), ("Hapi/Spec", "Fixture spectra"),
        ("Hapi/Spec:p02", "Fixture spectra (packet 02)"), ("Hapi/Spec:x_availability", "Fixture spectra (availability)"),
        ("Hapi/Survey:B", "Magnetic"), ("Hapi/Survey:B:x_availability", "Magnetic (availability)"),
        ("Hapi/Survey:E", "Electric"), ("Hapi/Survey:E:x_availability", "Electric (availability)"),
    ]

    static let infoH11 = """
        {"HAPI": "3.3", "status": {"code": 1200, "message": "OK"},
         "startDate": "2017-01-01T00:00:00Z", "stopDate": "2017-01-02T00:00:00Z",
         "sampleStartDate": "2017-01-01T00:00:00Z", "sampleStopDate": "2017-01-01T01:00:00Z",
         "cadence": "PT60S", "maxRequestDuration": "PT12H",
         "description": "Three field components at one-minute cadence",
         "contact": "Test Person <test@example.org>",
         "parameters": [
           {"name": "Time", "type": "isotime", "units": "UTC", "fill": null, "length": 27},
           {"name": "Bx", "type": "double", "units": "nT", "fill": "-1e+31", "label": "Bx",
            "description": "Field component along X"},
           {"name": "By", "type": "double", "units": "nT", "fill": "-1e+31"},
           {"name": "Bz", "type": "double", "units": "nT", "fill": "-1e+31"}],
         "x_das2": {"source": "Hapi/Mag", "packetId": 1,
           "stream": "http://localhost/das/server?server=dataset&dataset=Hapi/Mag&start_time=2017-01-01T00:00:00&end_time=2017-01-01T01:00:00",
           "related": {"packets": ["Hapi/Mag"],
                       "reduced": [{"dataset": "Hapi/Mag:x_bin-600s", "cadence": "PT600S"}],
                       "availability": "Hapi/Mag:x_availability"}}}
        """

    static func catalogPairs(_ body: [String: Any]) -> [(String, String)] {
        (body["catalog"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["title"] as? String ?? "") }
    }

    @Test func h01LandingPage() async throws {
        let run = try await CaseRun()
        let response = try await run.get("/hapi")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.text.hasPrefix("<!DOCTYPE html>") && response.text.contains("catalog"))
        try run.finish()
    }

    @Test func h02TrailingSlashRedirects() async throws {
        let run = try await CaseRun()
        let base = try await run.get("/hapi/")
        #expect(base.status == 301)
        #expect(base.header("Location") == "http://localhost/das/server/hapi")
        #expect(base.body.isEmpty)
        let info = try await run.get("/hapi/info/?dataset=Hapi/Mag")
        #expect(info.status == 301)
        #expect(info.header("Location")?.hasSuffix("/hapi/info?dataset=Hapi/Mag") == true)
        try run.finish()
    }

    @Test func h03Capabilities() async throws {
        let run = try await CaseRun()
        let response = try await run.get("/hapi/capabilities")
        #expect(response.status == 200)
        let expected = try JSON.parse("""
            {"HAPI": "3.3", "status": {"code": 1200, "message": "OK"},
             "outputFormats": ["csv", "binary", "json"], "catalogDepthOptions": ["dataset", "all"]}
            """)
        #expect(JSON.equal(try JSON.object(response), expected))
        #expect(response.header("ETag") != nil && response.header("Last-Modified") != nil)
        try run.finish()
    }

    @Test func h04About() async throws {
        let run = try await CaseRun()
        let about = try JSON.object(try await run.get("/hapi/about"))
        #expect(about["HAPI"] as? String == "3.3")
        #expect((about["status"] as? [String: Any])?["code"] as? Int == 1200)
        #expect(about["id"] as? String == "test")
        #expect(about["title"] as? String == "Test Site")
        #expect(about["contact"] as? String == "no contact configured")
        #expect(about["dataTest"] == nil)
        try run.finish()
    }

    @Test func h05ParameterlessEndpointsRefuseKeys() async throws {
        let run = try await CaseRun()
        for path in ["/hapi/capabilities?x=1", "/hapi/about?x=1"] {
            run.expectError(try await run.get(path), http: 400, code: 1401)
        }
        try run.finish()
    }

    @Test func h06UnknownEndpoints() async throws {
        let run = try await CaseRun()
        for path in ["/hapi/nosuch", "/hapi/Catalog", "/hapi/info/x", "/hapix"] {
            run.expectError(try await run.get(path), http: 400, code: 1400)
        }
        try run.finish()
    }

    @Test func h07OnlyGetAndHead() async throws {
        let run = try await CaseRun()
        let response = try await run.get("/hapi/catalog", method: "POST")
        run.expectError(response, http: 405, code: 1400)
        #expect(response.header("Allow") == "GET, HEAD")
        try run.finish()
    }

    @Test func h08Catalog() async throws {
        let run = try await CaseRun()
        let body = try JSON.object(try await run.get("/hapi/catalog"))
        let pairs = Self.catalogPairs(body)
        #expect(pairs.map(\.0) == Self.catalogH8.map(\.0))
        #expect(pairs.map(\.1) == Self.catalogH8.map(\.1))
        try run.finish()
    }

    @Test func h09CatalogWithInfo() async throws {
        let run = try await CaseRun()
        let body = try JSON.object(try await run.get("/hapi/catalog?depth=all"))
        let entries = body["catalog"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["id"] as? String ?? "" } == Self.catalogH8.map(\.0))
        for entry in entries {
            let id = entry["id"] as? String ?? ""
            var info = try JSON.object(try await run.get(Path.info(id)))
            info.removeValue(forKey: "HAPI")
            info.removeValue(forKey: "status")
            #expect(JSON.equal(entry["info"], info), "info of \(id)")
        }
        try run.finish()
    }

    @Test func h10DepthAndReferences() async throws {
        let run = try await CaseRun()
        for query in ["depth=dataset", "resolve_references=false", "depth=&resolve_references="] {
            let body = try JSON.object(try await run.get("/hapi/catalog?" + query))
            #expect(Self.catalogPairs(body).map(\.0) == Self.catalogH8.map(\.0), "\(query)")
        }
        run.expectError(try await run.get("/hapi/catalog?depth=full"), http: 400, code: 1413)
        run.expectError(try await run.get("/hapi/catalog?resolve_references=no"), http: 400, code: 1412)
        run.expectError(try await run.get("/hapi/catalog?foo=1"), http: 400, code: 1401)
        run.expectError(try await run.get("/hapi/catalog?depth=all&depth=all"), http: 400, code: 1400)
        run.expectError(try await run.get("/hapi/catalog?server=list"), http: 400, code: 1401)
        try run.finish()
    }

    @Test func h11Info() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.info("Hapi/Mag"))
        #expect(response.status == 200)
        #expect(JSON.equal(try JSON.object(response), try JSON.parse(Self.infoH11)))
        #expect(response.header("ETag") != nil && response.header("Last-Modified") != nil)
        // The probe, on a fixture nothing asked yet; at most once per cache lifetime.
        let fixture = try await HAPIServers.required().fixture(.probes)
        let log = fixture.probeLog("h11")
        _ = try await HAPICGI.get("/hapi/info", query: "dataset=Hapi/Mag", fixture: fixture, probeLog: log)
        #expect(log.argv(of: "fixture_rdr") == [fixture.root + "/streams/hapi_mag.d2s", "2017-01-01T00:00:00", "2017-01-01T01:00:00"])
        let again = fixture.probeLog("h11-again")
        _ = try await HAPICGI.get("/hapi/info", query: "dataset=Hapi/Mag", fixture: fixture, probeLog: again)
        #expect(!again.ran("fixture_rdr"))
        let cached = try await run.probes { _ = try await run.get(Path.info("Hapi/Mag")) }
        #expect(cached.isEmpty)
        try run.finish()
    }

    @Test func h12LegacyDatasetName() async throws {
        let run = try await CaseRun()
        let modern = try await run.get(Path.info("Hapi/Mag"))
        let legacy = try await run.get("/hapi/info?id=Hapi/Mag")
        #expect(legacy.status == 200 && legacy.body == modern.body)
        try run.finish()
    }

    @Test func h13ParameterSubsets() async throws {
        let run = try await CaseRun()
        let full = try JSON.object(try await run.get(Path.info("Hapi/Mag")))
        let parameters = full["parameters"] as? [Any] ?? []
        for (list, indices) in [("Bx", [0, 1]), ("Time", [0]), ("", [0, 1, 2, 3]), ("Time,Bz", [0, 3])] {
            var expected = full
            expected["parameters"] = indices.map { parameters[$0] }
            let subset = try JSON.object(try await run.get(Path.info("Hapi/Mag", "&parameters=" + list)))
            #expect(JSON.equal(subset, expected), "parameters=\(list)")
        }
        try run.finish()
    }

    @Test func h14BadParameterLists() async throws {
        let run = try await CaseRun()
        for (list, http, code) in [("Bz,Bx", 400, 1411), ("Bx,Bx", 400, 1411), ("Bq", 404, 1407), ("Bx,", 404, 1407), ("Bx,Time", 400, 1411)] {
            run.expectError(try await run.get(Path.info("Hapi/Mag", "&parameters=" + list)), http: http, code: code)
        }
        try run.finish()
    }

    @Test(arguments: [
        "Hapi/Nope", "Hapi/Off", "Examples/Random", "Examples/Qds", "Hapi/Mag:p05", "Hapi/Mag:x_bin-60s", "Hapi/Survey",
        "Hapi/Survey:X", "Hapi/Mag:B", "Hapi/Mag,B", "Hapi/Mag:x_availability:p02", "../etc/passwd", "Hapi/Spec:p01",
        "Hapi/Mag.dsdf",
    ])
    func h15UnknownDatasets(id: String) async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.info(id))
        run.expectError(response, http: 404, code: 1406)
        let body = try JSON.object(response)
        #expect(Set(body.keys) == ["HAPI", "status"])
        #expect(!response.text.contains(id))
        try run.finish()
    }

    @Test func h16InfoRequestErrors() async throws {
        let run = try await CaseRun()
        run.expectError(try await run.get("/hapi/info"), http: 400, code: 1400)
        run.expectError(try await run.get("/hapi/info?dataset="), http: 400, code: 1400)
        run.expectError(try await run.get("/hapi/info?dataset=Hapi/Mag&id=Hapi/Mag"), http: 400, code: 1400)
        run.expectError(try await run.get(Path.info("Hapi/Mag", "&foo=1")), http: 400, code: 1401)
        run.expectError(try await run.get(Path.info("Hapi/Mag", "&start=2017-01-01")), http: 400, code: 1401)
        let references = try await run.get(Path.info("Hapi/Mag", "&resolve_references=false"))
        #expect(JSON.equal(try JSON.object(references), try JSON.parse(Self.infoH11)))
        try run.finish()
    }

    @Test func h17Spectrogram() async throws {
        let run = try await CaseRun()
        let info = try JSON.object(try await run.get(Path.info("Hapi/Spec")))
        #expect(info["cadence"] as? String == "PT120S")
        let expected = try JSON.parse("""
            [{"name": "Time", "type": "isotime", "units": "UTC", "fill": null, "length": 27},
             {"name": "E", "type": "double", "units": "V**2 m**-2 Hz**-1", "fill": "0.0", "size": [4],
              "label": "Spectral density", "bins": [{"name": "frequency", "units": "Hz",
              "centers": [10.0, 100.0, 1000.0, 10000.0], "label": "Frequency"}]}]
            """)
        #expect(JSON.equal(info["parameters"], expected))
        let extra = info["x_das2"] as? [String: Any] ?? [:]
        #expect(extra["packetId"] as? Int == 1)
        let related = extra["related"] as? [String: Any] ?? [:]
        #expect(related["packets"] as? [String] == ["Hapi/Spec", "Hapi/Spec:p02"])
        #expect(related["reduced"] == nil)
        #expect(info["description"] as? String == "Fixture spectra")
        try run.finish()
    }

    @Test func h18SecondPacketType() async throws {
        let run = try await CaseRun()
        let info = try JSON.object(try await run.get(Path.info("Hapi/Spec:p02")))
        #expect(info["cadence"] as? String == "PT600S")
        let expected = try JSON.parse("""
            [{"name": "Time", "type": "isotime", "units": "UTC", "fill": null, "length": 27},
             {"name": "Gain", "type": "double", "units": "dB", "fill": "-1e+31"}]
            """)
        #expect(JSON.equal(info["parameters"], expected))
        let extra = info["x_das2"] as? [String: Any] ?? [:]
        #expect(extra["packetId"] as? Int == 2)
        #expect((extra["related"] as? [String: Any])?["packets"] as? [String] == ["Hapi/Spec", "Hapi/Spec:p02"])
        try run.finish()
    }

    @Test func h19SubSource() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.info("Hapi/Survey:B"))
        let info = try JSON.object(response)
        var expected = try #require(try JSON.parse(Self.infoH11) as? [String: Any])
        var parameters = try #require(expected["parameters"] as? [[String: Any]])
        parameters[1]["description"] = "X component"
        expected["parameters"] = parameters
        #expect(JSON.equal(info["parameters"], expected["parameters"]))
        #expect(info["description"] as? String == "Magnetic")
        #expect(info["cadence"] as? String == "PT60S")
        #expect(info["maxRequestDuration"] == nil)
        #expect(info["contact"] as? String == "Test Person <test@example.org>")
        let extra = info["x_das2"] as? [String: Any] ?? [:]
        #expect(extra["subSource"] as? String == "B")
        #expect(extra["readerParams"] as? String == "--mode b")
        #expect((extra["stream"] as? String)?.hasSuffix("&params=--mode%20b") == true)
        #expect(JSON.equal(extra["related"], try JSON.parse("""
            {"packets": ["Hapi/Survey:B"], "availability": "Hapi/Survey:B:x_availability"}
            """)))
        let fixture = try await HAPIServers.required().fixture(.probes)
        let log = fixture.probeLog("h19")
        _ = try await HAPICGI.get("/hapi/info", query: "dataset=Hapi/Survey:B", fixture: fixture, probeLog: log)
        #expect(log.argv(of: "fixture_rdr")
            == [fixture.root + "/streams/hapi_mag.d2s", "2017-01-01T00:00:00", "2017-01-01T01:00:00", "--mode", "b"])
        let legacy = try await run.get("/hapi/info?id=Hapi/Survey,B")
        #expect(legacy.body == response.body)
        try run.finish()
    }

    @Test func h20ProbeFailure() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.info("Hapi/Broken"))
        run.expectError(response, http: 500, code: 1500)
        #expect(!response.text.contains("reader failed"))
        let catalog = try JSON.object(try await run.get("/hapi/catalog"))
        #expect(!Self.catalogPairs(catalog).contains { $0.0.hasPrefix("Hapi/Broken") })
        try run.finish()
    }

    @Test func h21ProtectedInfo() async throws {
        let run = try await CaseRun(.untrusted)
        let refused = try await run.get(Path.info("Hapi/Secret"))
        run.expectError(refused, http: 401, code: 1400)
        #expect(refused.header("WWW-Authenticate") == "Basic realm=\"/das/server/Hapi/Secret\"")
        let allowed = try await run.get(Path.info("Hapi/Secret"), headers: [("Authorization", "Basic dGVzdHVzZXI6dGVzdA==")])
        #expect(allowed.status == 200)
        let wrong = try await run.get(Path.info("Hapi/Secret"), headers: [("Authorization", "Basic dGVzdHVzZXI6d3Jvbmc=")])
        run.expectError(wrong, http: 401, code: 1400)
        try run.finish()
    }
}
