import Das2TestSupport
import Foundation
import Testing

/// Declared datasets (§7.4.6), intrinsic cache levels (§7.5.3), the listing switches of §9 and
/// the sample range of `AGE:` sources (§7.6).
extension HAPIConformanceTests {
    /// Writes a hidden DSDF into the main fixture.
    static func addSource(_ run: CaseRun, _ name: String, _ keys: String) throws {
        let text = """
            reader = 'fixture_rdr \(run.fixture.root)/streams/hapi_mag.d2s'
            das2Stream = 1
            hidden = 1
            hapi = 1

            """ + keys
        try text.write(toFile: run.fixture.root + "/datasets/Hapi/\(name).dsdf", atomically: true, encoding: .utf8)
    }

    @Test func declaredDatasetsComeFromItems() async throws {
        let run = try await CaseRun()
        try Self.addSource(run, "Declared", """
            description = 'Declared source'
            validRange = '2017-01-01 to 2017-01-02'
            item_00 = 'Bz | Z component | nT'
            item_01 = 'Bx | X component'

            """)
        let info = try JSON.object(try await run.get(Path.info("Hapi/Declared")))
        #expect(JSON.equal(info["parameters"], try JSON.parse("""
            [{"name": "Time", "type": "isotime", "units": "UTC", "fill": null, "length": 27},
             {"name": "Bz", "type": "double", "units": "nT", "fill": "-1e+31", "description": "Z component"},
             {"name": "Bx", "type": "double", "units": null, "fill": "-1e+31", "description": "X component"}]
            """)))
        #expect(info["sampleStartDate"] == nil && info["cadence"] == nil)
        let extra = info["x_das2"] as? [String: Any] ?? [:]
        #expect(extra["packetId"] == nil && extra["stream"] == nil)
        let data = try await run.get(Path.data("Hapi/Declared", "2017-01-01T00:00Z", "2017-01-01T00:02Z"))
        #expect(data.text == "2017-01-01T00:00:00.000000Z,100.0,0.0\n2017-01-01T00:01:00.000000Z,99.0,1.0\n")
        let one = try await run.get(Path.data("Hapi/Declared", "2017-01-01T00:00Z", "2017-01-01T00:01Z", "&parameters=Bx&format=json"))
        #expect(JSON.equal((try JSON.object(one))["data"], try JSON.parse("[[\"2017-01-01T00:00:00.000000Z\", 0.0]]")))
        try run.finish()
    }

    @Test func completeIntrinsicLevelsAnswerFromTheCache() async throws {
        let run = try await CaseRun()
        try Self.addSource(run, "Cached", """
            description = 'Cached source'
            validRange = '2017-01-01 to 2017-01-03'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            cacheLevel_00 = 'intrinsic | daily'

            """)
        let level = run.fixture.root + "/cache/data/Hapi/Cached/_noparam/intrinsic/2017/01"
        try FileManager.default.createDirectory(atPath: level, withIntermediateDirectories: true)
        let mag = try HAPIMaterial.bytes("hapi_mag.d2s")
        try Data(mag).write(to: URL(fileURLWithPath: level + "/2017-01-01_intrinsic.d2s"))
        // A block with the headers only: the day was read and held no data.
        try Data(mag.prefix(517)).write(to: URL(fileURLWithPath: level + "/2017-01-02_intrinsic.d2s"))
        var response: HAPIResponse?
        let probes = try await run.probes {
            response = try await run.get(Path.data("Hapi/Cached", "2017-01-01T00:00Z", "2017-01-01T00:03Z"))
        }
        #expect(response?.text == (try HAPIMaterial.lines(Self.mag, 1...3)))
        #expect(response?.header("ETag") != nil && response?.header("Cache-Control") == "no-cache")
        #expect(!probes.contains { $0.name == "fixture_rdr" && $0.arguments.count == 3 && $0.arguments[1] == "2017-01-01T00:00:00" && $0.arguments[2] == "2017-01-01T00:03:00" })
        let empty = try await run.get(Path.data("Hapi/Cached", "2017-01-02T00:00Z", "2017-01-02T01:00Z"))
        #expect(empty.status == 200 && empty.body.isEmpty && empty.header("X-HAPI-Status") == "1201")
        let availability = try await run.get(Path.data("Hapi/Cached:x_availability", "2017-01-01", "2017-01-03"))
        #expect(availability.text == """
            2017-01-01T00:00:00.000000Z,2017-01-02T00:00:00.000000Z,data
            2017-01-02T00:00:00.000000Z,2017-01-03T00:00:00.000000Z,nodata

            """)
        let head = try await run.get(Path.data("Hapi/Cached:x_availability", "2017-01-01", "2017-01-03"), method: "HEAD")
        #expect(head.status == 200 && head.header("ETag") == availability.header("ETag") && head.body.isEmpty)
        try run.finish()
    }

    @Test func configurationSwitchesChangeTheListing() async throws {
        let fixture = try await HAPIServers.required().fixture(.switches)
        let validator = SchemaValidator()
        let catalog = try await Self.cgi("/hapi/catalog", fixture: fixture, validator: validator)
        #expect(Self.catalogPairs(try JSON.object(catalog)).map(\.0) == [
            "Hapi/Aged", "Hapi/Cut", "Hapi/Mag", "Hapi/Plain", "Hapi/Secret", "Hapi/Spec", "Hapi/Spec:p02", "Hapi/Survey:B",
            "Hapi/Survey:E", "Hapi/Young",
        ])
        let mag = try JSON.object(try await Self.cgi("/hapi/info", "dataset=Hapi/Mag", fixture: fixture, validator: validator))
        #expect(JSON.equal((mag["x_das2"] as? [String: Any])?["related"], try JSON.parse("{\"packets\": [\"Hapi/Mag\"]}")))
        // Extension datasets stay addressable.
        let reduced = try await Self.cgi("/hapi/info", "dataset=Hapi/Mag:x_bin-600s", fixture: fixture, validator: validator)
        #expect(reduced.status == 200)
        // AGE: sources describe themselves to anyone; the sample range only when already public.
        let aged = try JSON.object(
            try await Self.cgi("/hapi/info", "dataset=Hapi/Aged", fixture: fixture, validator: validator, trusted: false)
        )
        #expect(aged["sampleStartDate"] as? String == "2017-01-01T00:00:00Z")
        let young = try JSON.object(
            try await Self.cgi("/hapi/info", "dataset=Hapi/Young", fixture: fixture, validator: validator, trusted: false)
        )
        #expect(young["sampleStartDate"] == nil && young["sampleStopDate"] == nil)
        let refused = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Young&start=2017-01-01T00:00Z&stop=2017-01-01T00:01Z", fixture: fixture, validator: validator,
            trusted: false
        )
        #expect(refused.status == 401)
        let old = try await Self.cgi(
            "/hapi/data", "dataset=Hapi/Aged&start=2017-01-01T00:00Z&stop=2017-01-01T00:01Z", fixture: fixture, validator: validator,
            trusted: false
        )
        #expect(old.status == 200 && old.text == "2017-01-01T00:00:00.000000Z,0.0,-10.0,100.0\n")
        try validator.check()
    }

    @Test func optionsAnswersWithTheCORSFields() async throws {
        let run = try await CaseRun()
        let response = try await run.get("/hapi/catalog", method: "OPTIONS")
        #expect(response.status == 204 && response.body.isEmpty)
        #expect(response.header("Access-Control-Expose-Headers")?.contains("ETag") == true)
        try run.finish()
    }
}
