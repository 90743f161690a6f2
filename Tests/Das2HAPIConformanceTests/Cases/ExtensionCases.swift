import Das2TestSupport
import Foundation
import Testing

/// H47–H59: truncation-evident ends, trailers, validators, reduced and availability datasets,
/// `x_das2` links, layout changes, client hang-ups.
extension HAPIConformanceTests {
    @Test func h47CutOffBodyLacksItsLastChunk() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.data("Hapi/Cut", "2017-01-01T00:00Z", "2017-01-01T01:00Z"))
        #expect(response.status == 200 && response.isChunked)
        #expect(!response.isComplete)
        #expect(response.trailers.isEmpty)
        let expected = try HAPIMaterial.lines(Self.mag, 1...30)
        #expect(!response.body.isEmpty && expected.hasPrefix(response.text))
        try run.finish()
    }

    @Test func h48Trailers() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.h22)
        #expect(response.isChunked && response.isComplete)
        let announced = Set((response.header("Trailer") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(announced == ["X-HAPI-Status", "X-HAPI-Records", "X-HAPI-Dropped", "Content-Digest"])
        #expect(response.trailer("X-HAPI-Status") == "1200")
        #expect(response.trailer("X-HAPI-Records") == "3")
        #expect(response.trailer("X-HAPI-Dropped") == "0")
        #expect(response.trailer("Content-Digest") == "sha-256=:\(Digest.sha256Base64(response.body)):")
        for format in ["binary", "json"] {
            let other = try await run.get(Path.h22 + "&format=" + format)
            #expect(other.isComplete && other.trailer("X-HAPI-Records") == "3", "\(format)")
            #expect(other.trailer("Content-Digest") == "sha-256=:\(Digest.sha256Base64(other.body)):", "\(format)")
        }
        let empty = try await run.get(Path.data("Hapi/Mag", "2017-01-01T12:00Z", "2017-01-01T13:00Z"))
        #expect(empty.trailer("X-HAPI-Status") == "1201" && empty.trailer("X-HAPI-Records") == "0")
        #expect(empty.trailer("Content-Digest") == "sha-256=:\(Digest.sha256Base64([])):")
        try run.finish()
    }

    @Test func h49MetadataValidators() async throws {
        let run = try await CaseRun()
        for path in [Path.info("Hapi/Mag"), "/hapi/catalog", "/hapi/capabilities"] {
            let first = try await run.get(path)
            let tag = try #require(first.header("ETag"))
            let modified = try #require(first.header("Last-Modified"))
            #expect(first.header("Cache-Control") == "no-cache")
            let cached = try await run.get(path, headers: [("If-None-Match", tag)])
            #expect(cached.status == 304 && cached.body.isEmpty, "\(path)")
            #expect(cached.header("ETag") == tag)
            #expect(try await run.get(path, headers: [("If-None-Match", "\"x\"")]).status == 200)
            #expect(try await run.get(path, headers: [("If-Modified-Since", modified)]).status == 304)
            #expect(try await run.get(path, headers: [("If-None-Match", "*")]).status == 304)
        }
        // Moving the DSDF's time forward makes the metadata newer.
        let dsdf = run.fixture.root + "/datasets/Hapi/Mag.dsdf"
        let later = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: dsdf)
        let after = try await run.get(Path.info("Hapi/Mag"))
        #expect(after.status == 200)
        let lastModified = try #require(after.header("Last-Modified").flatMap(HTTPDateParser.date))
        #expect(lastModified.timeIntervalSince1970 >= later.timeIntervalSince1970.rounded(.down))
        try run.finish()
    }

    @Test func h50ReducedInfo() async throws {
        let run = try await CaseRun()
        let info = try JSON.object(try await run.get(Path.info("Hapi/Mag:x_bin-600s")))
        let parameters = info["parameters"] as? [[String: Any]] ?? []
        #expect(parameters.map { $0["name"] as? String ?? "" }
            == ["Time", "Bx", "By", "Bz", "Bx_min", "Bx_max", "By_min", "By_max", "Bz_min", "Bz_max"])
        for parameter in parameters.dropFirst() {
            #expect(parameter["type"] as? String == "double" && parameter["units"] as? String == "nT")
            #expect(parameter["fill"] as? String == "-1e+31")
        }
        #expect(parameters[1]["label"] as? String == "Bx" && parameters[1]["description"] as? String == "Field component along X")
        #expect(parameters[4]["label"] as? String == "Bx min" && parameters[4]["description"] as? String == "minimum of Bx in each bin")
        #expect(info["cadence"] as? String == "PT600S")
        #expect(info["timeStampLocation"] as? String == "center")
        #expect(info["maxRequestDuration"] as? String == "PT432000S")
        #expect(info["sampleStartDate"] as? String == "2017-01-01T00:00:00Z" && info["sampleStopDate"] as? String == "2017-01-01T01:00:00Z")
        #expect(JSON.equal((info["x_das2"] as? [String: Any])?["binning"], try JSON.parse("""
            {"from": "Hapi/Mag", "resolution": "PT600S", "statistics": ["mean", "min", "max"], "origin": "2000-01-01T00:00:00Z"}
            """)))
        try run.finish()
    }

    @Test func h51ReducedDataFromTheReader() async throws {
        let run = try await CaseRun()
        var response: HAPIResponse?
        let probes = try await run.probes {
            response = try await run.get(Path.data("Hapi/Mag:x_bin-600s", "2017-01-01T00:00Z", "2017-01-01T01:00Z"))
        }
        let body = try #require(response)
        #expect(body.text == (try HAPIMaterial.text("expected_mag_bin600.csv")))
        #expect(body.header("ETag") == nil)
        #expect(probes.last { $0.name == "fixture_rdr" }?.arguments.dropFirst() == ["2017-01-01T00:00:00", "2017-01-01T01:00:00"])
        try run.finish()
    }

    @Test func h52BinsAndRequestEdges() async throws {
        let run = try await CaseRun()
        var response: HAPIResponse?
        let probes = try await run.probes {
            response = try await run.get(Path.data("Hapi/Mag:x_bin-600s", "2017-01-01T00:07Z", "2017-01-01T00:31Z"))
        }
        #expect(response?.text == (try HAPIMaterial.lines("expected_mag_bin600.csv", 2...3)))
        #expect(probes.last { $0.name == "fixture_rdr" }?.arguments.dropFirst() == ["2017-01-01T00:00:00", "2017-01-01T00:40:00"])
        try run.finish()
    }

    @Test func h57RelatedDatasetsAreListedAndStable() async throws {
        let run = try await CaseRun()
        let catalog = try JSON.object(try await run.get("/hapi/catalog?depth=all"))
        let entries = catalog["catalog"] as? [[String: Any]] ?? []
        let ids = Set(entries.compactMap { $0["id"] as? String })
        for entry in entries {
            let id = entry["id"] as? String ?? ""
            let info = try JSON.object(try await run.get(Path.info(id)))
            let extra = info["x_das2"] as? [String: Any] ?? [:]
            let related = extra["related"] as? [String: Any] ?? [:]
            var named = related["packets"] as? [String] ?? []
            named += (related["reduced"] as? [[String: Any]] ?? []).compactMap { $0["dataset"] as? String }
            if let availability = related["availability"] as? String { named.append(availability) }
            #expect(named.allSatisfy(ids.contains), "\(id) names \(named)")
            let parameters = info["parameters"] as? [[String: Any]] ?? []
            let last = parameters.last?["name"] as? String ?? "Time"
            let subset = try JSON.object(try await run.get(Path.info(id, "&parameters=" + last)))
            #expect(JSON.equal(subset["x_das2"], extra), "\(id)")
            #expect(JSON.equal((entry["info"] as? [String: Any])?["x_das2"], extra), "\(id)")
        }
        try run.finish()
    }

    @Test func h58ChangedPacketLayout() async throws {
        let run = try await CaseRun()
        let fixture = run.fixture
        try LayoutChange.write(to: fixture.root + "/streams/hapi_mag_redefined.d2s")
        try """
            description = 'Fixture with a redefined packet'
            reader = 'fixture_rdr \(fixture.root)/streams/hapi_mag_redefined.d2s'
            das2Stream = 1
            hidden = 1
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'

            """.write(toFile: fixture.root + "/datasets/Hapi/Redefined.dsdf", atomically: true, encoding: .utf8)
        let response = try await run.get(Path.data("Hapi/Redefined", "2017-01-01T00:00Z", "2017-01-01T01:00Z"))
        #expect(response.text == (try HAPIMaterial.lines(Self.mag, 1...10)))
        #expect(response.trailer("X-HAPI-Dropped") == "50")
        #expect(response.trailer("X-HAPI-Records") == "10")
        let part = try await run.get(Path.data("Hapi/Redefined", "2017-01-01T00:05Z", "2017-01-01T00:20Z"))
        #expect(part.trailer("X-HAPI-Dropped") == "10")
        try run.finish()
    }

    @Test func h59ClientHangUpStopsTheReader() async throws {
        let run = try await CaseRun()
        let log = try #require(run.server.probeLog)
        let pidFile = log.path + ".slow_rdr.pid"
        try? FileManager.default.removeItem(atPath: pidFile)
        let response = try await run.get(
            Path.data("Hapi/Slow:x_bin-600s", "2017-01-02T00:00Z", "2017-01-20T00:00Z"), untilBodyLines: 1
        )
        #expect(response.status == 200 && response.text.hasPrefix("2017-01-02T00:05:00.000000Z,"))
        let pid = try #require(try? String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        let processID = try #require(Int32(pid))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(1)
        let server = run.server.processID
        while ProcessTable.isRunning(processID, server: server), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!ProcessTable.isRunning(processID, server: server), "the slow reader outlived the client by a second")
        try run.finish()
    }
}

/// The H58 stream: `hapi_mag.d2s` with packet 01 redefined after its 10th record by a header
/// with a fourth `<y>`; the 50 later records carry that fourth value.
enum LayoutChange {
    static func write(to path: String) throws {
        let original = try HAPIMaterial.bytes("hapi_mag.d2s")
        let headerLength = 517
        let recordLength = 24
        let header = String(decoding: original[0..<headerLength], as: UTF8.self)
        let packetStart = try #require(header.range(of: "[01]")).lowerBound
        let packetXML = String(header[header.index(packetStart, offsetBy: 10)...])
        let redefined = packetXML.replacingOccurrences(
            of: "</packet>", with: "  <y type=\"little_endian_real4\" name=\"Bt\" units=\"nT\"></y>\n</packet>"
        )
        let length = String(redefined.utf8.count)
        var output = Array(original[0..<(headerLength + 10 * recordLength)])
        output += Array(("[01]" + String(repeating: "0", count: 6 - length.count) + length + redefined).utf8)
        var index = headerLength + 10 * recordLength
        while index + recordLength <= original.count {
            output += original[index..<(index + recordLength)]
            output += [0, 0, 0, 0]
            index += recordLength
        }
        try Data(output).write(to: URL(fileURLWithPath: path))
    }
}

/// `Last-Modified` values back to dates.
enum HTTPDateParser {
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
