import Das2TestSupport
import Foundation
import Testing

/// H53–H56: reduced data from a cache block, availability, and the validators of data that
/// cache files determine.
extension HAPIConformanceTests {
    /// Runs `body` while the H53 block exists in the main fixture's cache.
    static func withMagBlock(_ run: CaseRun, _ body: (String) async throws -> Void) async throws {
        let directory = run.fixture.root + "/cache/data/Hapi/Mag/_noparam/bin-600s/2017/01"
        let path = directory + "/2017-01-01_bin-600s.d2s"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(try HAPIMaterial.bytes("hapi_mag_bin600.d2s")).write(to: URL(fileURLWithPath: path))
        do {
            try await body(path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test func h53ReducedDataFromTheCache() async throws {
        let run = try await CaseRun()
        try await Self.withMagBlock(run) { path in
            let request = Path.data("Hapi/Mag:x_bin-600s", "2017-01-01T00:00Z", "2017-01-01T01:00Z")
            var response: HAPIResponse?
            let probes = try await run.probes { response = try await run.get(request) }
            let body = try #require(response)
            #expect(body.text == (try HAPIMaterial.text("expected_mag_bin600.csv")))
            #expect(!probes.contains { $0.name == "fixture_rdr" })
            let tag = try #require(body.header("ETag"))
            let modified = try #require(body.header("Last-Modified").flatMap(HTTPDateParser.date))
            let blockTime = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
            #expect(Int(modified.timeIntervalSince1970) == Int(blockTime.timeIntervalSince1970.rounded(.down)))
            let again = try await run.get(request, headers: [("If-None-Match", tag)])
            #expect(again.status == 304 && again.body.isEmpty && again.header("ETag") == tag)
            let head = try await run.get(request, method: "HEAD")
            #expect(head.status == 200 && head.header("ETag") == tag)
            // The bins of part of the block, and the intrinsic data, still come out right.
            let edges = try await run.get(Path.data("Hapi/Mag:x_bin-600s", "2017-01-01T00:07Z", "2017-01-01T00:31Z"))
            #expect(edges.text == (try HAPIMaterial.lines("expected_mag_bin600.csv", 2...3)))
        }
        try run.finish()
    }

    @Test func h54AvailabilityWithAnEmptyCache() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.data("Hapi/Mag:x_availability", "2017-01-01T00:00Z", "2017-01-01T01:00Z"))
        #expect(response.status == 200)
        #expect(response.text == "2017-01-01T00:00:00.000000Z,2017-01-01T01:00:00.000000Z,unknown\n")
        #expect(response.header("ETag") != nil)
        let info = try JSON.object(try await run.get(Path.info("Hapi/Mag:x_availability")))
        #expect(JSON.equal(info["parameters"], try JSON.parse("""
            [{"name": "Time", "type": "isotime", "units": "UTC", "fill": null, "length": 27},
             {"name": "stop", "type": "isotime", "units": "UTC", "fill": null, "length": 27},
             {"name": "status", "type": "string", "units": null, "fill": null, "length": 7}]
            """)))
        #expect(info["cadence"] == nil)
        #expect(info["description"] as? String == "availability of Hapi/Mag derived from the server's cache")
        try run.finish()
    }

    @Test func h55AvailabilityWithABlock() async throws {
        let run = try await CaseRun()
        let request = Path.data("Hapi/Mag:x_availability", "2016-12-31", "2017-01-03")
        var tag = ""
        try await Self.withMagBlock(run) { _ in
            let response = try await run.get(request)
            #expect(response.status == 200)
            #expect(response.text == "2017-01-01T00:00:00.000000Z,2017-01-02T00:00:00.000000Z,data\n")
            tag = response.header("ETag") ?? ""
            #expect(try await run.get(request, headers: [("If-None-Match", tag)]).status == 304)
        }
        let without = try await run.get(request)
        #expect(without.text == "2017-01-01T00:00:00.000000Z,2017-01-02T00:00:00.000000Z,unknown\n")
        #expect(without.header("ETag") != nil && without.header("ETag") != tag)
        try run.finish()
    }

    @Test func h56AvailabilityInBinary() async throws {
        let run = try await CaseRun()
        let response = try await run.get(
            Path.data("Hapi/Mag:x_availability", "2017-01-01T00:00Z", "2017-01-01T01:00Z", "&format=binary")
        )
        #expect(response.body.count == 61)
        #expect(response.text == "2017-01-01T00:00:00.000000Z2017-01-01T01:00:00.000000Zunknown")
        try run.finish()
    }
}
