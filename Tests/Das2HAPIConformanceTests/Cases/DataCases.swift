import Das2TestSupport
import Foundation
import Testing

/// H22–H46: data in the three formats, and the data request errors.
extension HAPIConformanceTests {
    static let mag = "expected_mag.csv"

    @Test func h22BasicCSV() async throws {
        let run = try await CaseRun()
        var response: HAPIResponse?
        let probes = try await run.probes { response = try await run.get(Path.h22) }
        let body = try #require(response)
        #expect(body.status == 200)
        #expect(body.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(body.text == (try HAPIMaterial.lines(Self.mag, 1...3)))
        #expect(probes.last { $0.name == "fixture_rdr" }?.arguments
            == [run.stream("hapi_mag.d2s"), "2017-01-01T00:00:00", "2017-01-01T00:03:00"])
        try run.finish()
    }

    @Test func h23LegacyNames() async throws {
        let run = try await CaseRun()
        let expected = try HAPIMaterial.lines(Self.mag, 1...3)
        for path in [
            "/hapi/data?id=Hapi/Mag&time.min=2017-01-01T00:00Z&time.max=2017-01-01T00:03Z",
            "/hapi/data?dataset=Hapi/Mag&time.min=2017-01-01T00:00Z&stop=2017-01-01T00:03Z",
        ] {
            #expect(try await run.get(path).text == expected, "\(path)")
        }
        try run.finish()
    }

    @Test func h24DayOfYearAndTruncatedTimes() async throws {
        let run = try await CaseRun()
        let expected = try HAPIMaterial.lines(Self.mag, 1...3)
        for (start, stop) in [
            ("2017-001T00:00Z", "2017-001T00:03Z"), ("2017-01-01", "2017-01-01T00:03"),
            ("2016-12-31T24:00Z", "2017-001T00:03:00.000000000Z"),
        ] {
            #expect(try await run.get(Path.data("Hapi/Mag", start, stop)).text == expected, "\(start) \(stop)")
        }
        try run.finish()
    }

    @Test func h25FillAndNaN() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:07Z", "2017-01-01T00:10Z"))
        #expect(response.text == (try HAPIMaterial.lines(Self.mag, 8...10)))
        #expect(response.text.contains("2017-01-01T00:07:00.000000Z,7.0,-1e+31,93.0\n"))
        #expect(response.text.contains("2017-01-01T00:09:00.000000Z,9.0,-5.5,NaN\n"))
        try run.finish()
    }

    @Test func h26ExactBounds() async throws {
        let run = try await CaseRun()
        let line2 = try HAPIMaterial.lines(Self.mag, 2...2)
        let first = try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:00:00.000001Z", "2017-01-01T00:02:00Z"))
        #expect(first.text == line2)
        let second = try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:01Z", "2017-01-01T00:01:00.000001Z"))
        #expect(second.text == line2)
        try run.finish()
    }

    @Test func h27ParameterSubset() async throws {
        let run = try await CaseRun()
        let bz = try await run.get(Path.h22 + "&parameters=Bz")
        #expect(bz.text == "2017-01-01T00:00:00.000000Z,100.0\n2017-01-01T00:01:00.000000Z,99.0\n2017-01-01T00:02:00.000000Z,98.0\n")
        let time = try await run.get(Path.h22 + "&parameters=Time")
        #expect(time.text == "2017-01-01T00:00:00.000000Z\n2017-01-01T00:01:00.000000Z\n2017-01-01T00:02:00.000000Z\n")
        let two = try await run.get(Path.h22 + "&parameters=By,Bz")
        #expect(two.text == "2017-01-01T00:00:00.000000Z,-10.0,100.0\n2017-01-01T00:01:00.000000Z,-9.5,99.0\n2017-01-01T00:02:00.000000Z,-9.0,98.0\n")
        run.expectError(try await run.get(Path.h22 + "&parameters=Bz,By"), http: 400, code: 1411)
        run.expectError(try await run.get(Path.h22 + "&parameters=Bq"), http: 404, code: 1407)
        try run.finish()
    }

    @Test func h28HeaderLines() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.h22 + "&include=header")
        let header = try #require(CaseRun.dataHeader(response.body))
        var expected = try #require(try JSON.parse(Self.infoH11) as? [String: Any])
        expected["format"] = "csv"
        #expect(JSON.equal(try JSON.object(header), expected))
        #expect(String(decoding: CaseRun.dataAfterHeader(response.body), as: UTF8.self) == (try HAPIMaterial.lines(Self.mag, 1...3)))
        #expect(response.text.split(separator: "\n").prefix { $0.hasPrefix("#") }.count >= 1)
        try run.finish()
    }

    @Test func h29SpectrogramData() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.data("Hapi/Spec", "2017-01-01T00:00Z", "2017-01-01T00:05Z"))
        #expect(response.text == (try HAPIMaterial.lines("expected_spec.csv", 1...3)))
        let fill = try await run.get(Path.data("Hapi/Spec", "2017-01-01T00:06Z", "2017-01-01T00:07Z"))
        #expect(fill.text == "2017-01-01T00:06:00.000000Z,0.004,0.0,0.012,0.016\n")
        try run.finish()
    }

    @Test func h30SecondPacketTypeData() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.data("Hapi/Spec:p02", "2017-01-01", "2017-01-02"))
        #expect(response.text == (try HAPIMaterial.text("expected_spec_p02.csv")))
        try run.finish()
    }

    @Test func h31SubSourceData() async throws {
        let run = try await CaseRun()
        var response: HAPIResponse?
        let probes = try await run.probes {
            response = try await run.get(Path.data("Hapi/Survey:B", "2017-01-01T00:00Z", "2017-01-01T00:02Z"))
        }
        #expect(response?.text == (try HAPIMaterial.lines(Self.mag, 1...2)))
        #expect(probes.last { $0.name == "fixture_rdr" }?.arguments.suffix(2) == ["--mode", "b"])
        let legacy = try await run.get("/hapi/data?id=Hapi/Survey,B&start=2017-01-01T00:00Z&stop=2017-01-01T00:02Z")
        #expect(legacy.text == response?.text)
        try run.finish()
    }

    @Test func h32ClippedToTheValidRange() async throws {
        let run = try await CaseRun()
        var response: HAPIResponse?
        let probes = try await run.probes {
            response = try await run.get(Path.data("Hapi/Mag", "2016-12-31T23:58Z", "2017-01-01T00:02Z"))
        }
        #expect(response?.text == (try HAPIMaterial.lines(Self.mag, 1...2)))
        #expect(probes.last { $0.name == "fixture_rdr" }?.arguments.dropFirst() == ["2017-01-01T00:00:00", "2017-01-01T00:02:00"])
        try run.finish()
    }

    @Test func h33Binary() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.h22 + "&format=binary")
        #expect(response.header("Content-Type") == "application/octet-stream")
        #expect(response.body.count == 153)
        #expect(String(decoding: response.body[0..<27], as: UTF8.self) == "2017-01-01T00:00:00.000000Z")
        let values = (0..<3).map { Self.double(response.body, at: 27 + 8 * $0) }
        #expect(values == [0.0, -10.0, 100.0])
        let edge = try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:07Z", "2017-01-01T00:10Z", "&format=binary"))
        #expect(edge.body.count == 153)
        #expect(Self.double(edge.body, at: 27 + 8) == -1e31)
        #expect(Array(edge.body[(102 + 27 + 16)..<(102 + 27 + 24)]) == [0, 0, 0, 0, 0, 0, 0xF8, 0x7F])
        try run.finish()
    }

    static func double(_ bytes: [UInt8], at offset: Int) -> Double {
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return Double(bitPattern: bits)
    }

    @Test func h34BinaryWithHeader() async throws {
        let run = try await CaseRun()
        let plain = try await run.get(Path.h22 + "&format=binary")
        let response = try await run.get(Path.h22 + "&format=binary&include=header")
        let header = try #require(CaseRun.dataHeader(response.body))
        #expect(try JSON.object(header)["format"] as? String == "binary")
        #expect(CaseRun.dataAfterHeader(response.body) == plain.body)
        try run.finish()
    }

    @Test func h35JSON() async throws {
        let run = try await CaseRun()
        let response = try await run.get(Path.h22 + "&format=json")
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        var expected = try #require(try JSON.parse(Self.infoH11) as? [String: Any])
        expected["format"] = "json"
        expected["data"] = try JSON.parse("""
            [["2017-01-01T00:00:00.000000Z", 0.0, -10.0, 100.0],
             ["2017-01-01T00:01:00.000000Z", 1.0, -9.5, 99.0], ["2017-01-01T00:02:00.000000Z", 2.0, -9.0, 98.0]]
            """)
        #expect(JSON.equal(try JSON.object(response), expected))
        #expect(response.text.hasSuffix("]}\n") && response.text.range(of: "\"data\":[")!.lowerBound > response.text.range(of: "\"format\"")!.lowerBound)
        let edge = try JSON.object(try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:07Z", "2017-01-01T00:10Z", "&format=json")))
        #expect(JSON.equal((edge["data"] as? [Any])?.last, try JSON.parse("[\"2017-01-01T00:09:00.000000Z\", 9.0, -5.5, null]")))
        try run.finish()
    }

    @Test func h36JSONSpectrogram() async throws {
        let run = try await CaseRun()
        let body = try JSON.object(try await run.get(Path.data("Hapi/Spec", "2017-01-01T00:00Z", "2017-01-01T00:05Z", "&format=json")))
        #expect(JSON.equal((body["data"] as? [Any])?.first, try JSON.parse("[\"2017-01-01T00:00:00.000000Z\", [0.001, 0.002, 0.003, 0.004]]")))
        try run.finish()
    }

    @Test func h37FormatAndInclude() async throws {
        let run = try await CaseRun()
        run.expectError(try await run.get(Path.h22 + "&format=xml"), http: 400, code: 1409)
        run.expectError(try await run.get(Path.h22 + "&format=CSV"), http: 400, code: 1409)
        run.expectError(try await run.get(Path.h22 + "&include=all"), http: 400, code: 1410)
        let empty = try await run.get(Path.h22 + "&format=")
        #expect(empty.text == (try HAPIMaterial.lines(Self.mag, 1...3)))
        try run.finish()
    }

    @Test func h38BadTimes() async throws {
        let run = try await CaseRun()
        let cases = [
            ("&start=garbage&stop=2017-01-02", 1402), ("&start=2017-13-01&stop=2017-01-02", 1402),
            ("&start=2017-02-29&stop=2017-03-02", 1402), ("&start=2017-01-01%2000:00&stop=2017-01-02", 1402),
            ("&start=2017-01-01t00&stop=2017-01-02", 1402), ("&stop=2017-01-02", 1402),
            ("&start=2017-01-01&stop=2017-01-01T25Z", 1403), ("&start=2017-01-01", 1403), ("&start=&stop=2017-01-02", 1402),
        ]
        let probes = try await run.probes {
            for (times, code) in cases {
                run.expectError(try await run.get("/hapi/data?dataset=Hapi/Mag" + times), http: 400, code: code)
            }
        }
        #expect(!probes.contains { $0.name == "fixture_rdr" })
        try run.finish()
    }

    @Test func h39StartBeforeStop() async throws {
        let run = try await CaseRun()
        run.expectError(try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:03Z", "2017-01-01T00:03Z")), http: 400, code: 1404)
        run.expectError(try await run.get(Path.data("Hapi/Mag", "2017-01-01T00:04Z", "2017-01-01T00:03Z")), http: 400, code: 1404)
        try run.finish()
    }

    @Test func h40NoData() async throws {
        let run = try await CaseRun()
        let range = Path.data("Hapi/Mag", "2017-01-01T12:00Z", "2017-01-01T13:00Z")
        let csv = try await run.get(range)
        #expect(csv.status == 200 && csv.body.isEmpty)
        #expect(csv.reason == "OK; HAPI 1201 OK - no data for time range")
        #expect(csv.header("X-HAPI-Status") == "1201")
        let header = try await run.get(range + "&include=header")
        let object = try JSON.object(try #require(CaseRun.dataHeader(header.body)))
        #expect((object["status"] as? [String: Any])?["code"] as? Int == 1201)
        #expect(CaseRun.dataAfterHeader(header.body).isEmpty)
        let json = try JSON.object(try await run.get(range + "&format=json"))
        #expect((json["status"] as? [String: Any])?["code"] as? Int == 1201)
        #expect((json["data"] as? [Any])?.isEmpty == true)
        try run.finish()
    }

    @Test func h41OutsideTheValidRange() async throws {
        let run = try await CaseRun()
        let probes = try await run.probes {
            run.expectError(try await run.get(Path.data("Hapi/Mag", "2018-01-01", "2018-01-02")), http: 400, code: 1405)
        }
        #expect(!probes.contains { $0.name == "fixture_rdr" })
        try run.finish()
    }

    @Test func h42RequestTooLong() async throws {
        let run = try await CaseRun()
        run.expectError(try await run.get(Path.data("Hapi/Mag", "2017-01-01", "2017-01-02")), http: 400, code: 1408)
        let spectra = try await run.get(Path.data("Hapi/Spec", "2017-01-01", "2017-01-02"))
        #expect(spectra.status == 200)
        #expect(spectra.text == (try HAPIMaterial.text("expected_spec.csv")))
        try run.finish()
    }

    @Test func h43UnknownDatasetAndKeys() async throws {
        let run = try await CaseRun()
        run.expectError(try await run.get(Path.data("Hapi/Nope", "2017-01-01", "2017-01-02")), http: 404, code: 1406)
        run.expectError(try await run.get(Path.h22 + "&foo=1"), http: 400, code: 1401)
        run.expectError(try await run.get(Path.h22 + "&resolve_references=true"), http: 400, code: 1401)
        run.expectError(try await run.get(Path.h22 + "&start=2017-01-01T00:00Z"), http: 400, code: 1400)
        run.expectError(try await run.get(Path.h22 + "&time.min=2017-01-01"), http: 400, code: 1400)
        run.expectError(try await run.get("/hapi/data?start=2017-01-01&stop=2017-01-02"), http: 400, code: 1400)
        try run.finish()
    }

    @Test func h44ProtectedData() async throws {
        let run = try await CaseRun(.untrusted)
        let path = Path.data("Hapi/Secret", "2017-01-01T00:00Z", "2017-01-01T00:03Z")
        var refused: HAPIResponse?
        let probes = try await run.probes { refused = try await run.get(path) }
        let response = try #require(refused)
        run.expectError(response, http: 401, code: 1400)
        #expect(response.header("WWW-Authenticate")?.hasPrefix("Basic realm=") == true)
        #expect(!probes.contains { $0.name == "fixture_rdr" })
        let allowed = try await run.get(path, headers: [("Authorization", "Basic dGVzdHVzZXI6dGVzdA==")])
        #expect(allowed.status == 200)
        #expect(try allowed.text == HAPIMaterial.lines(Self.mag, 1...3))
        try run.finish()
    }

    @Test func h45Head() async throws {
        let run = try await CaseRun()
        var head: HAPIResponse?
        let probes = try await run.probes { head = try await run.get(Path.h22, method: "HEAD") }
        let data = try #require(head)
        #expect(data.status == 200 && data.body.isEmpty)
        #expect(data.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(data.header("Content-Length") == nil)
        #expect(!probes.contains { $0.name == "fixture_rdr" })
        let get = try await run.get(Path.info("Hapi/Mag"))
        let info = try await run.get(Path.info("Hapi/Mag"), method: "HEAD")
        #expect(info.status == 200 && info.body.isEmpty)
        #expect(info.header("Content-Length") == get.header("Content-Length") && info.header("Content-Length") != nil)
        #expect(info.header("ETag") == get.header("ETag"))
        let error = try await run.get("/hapi/data?dataset=Hapi/Mag&start=garbage&stop=2017-01-02", method: "HEAD")
        #expect(error.status == 400 && error.body.isEmpty)
        try run.finish()
    }

    @Test func h46ReaderTimeout() async throws {
        let run = try await CaseRun()
        let clock = ContinuousClock()
        let started = clock.now
        let response = try await run.get(Path.data("Hapi/Cut", "2017-01-01T12:00Z", "2017-01-01T13:00Z"))
        let elapsed = clock.now - started
        run.expectError(response, http: 500, code: 1501)
        // HAPI_TIMEOUT is 2 s; the upper bound leaves room for a loaded machine.
        #expect(elapsed >= .milliseconds(1900) && elapsed < .seconds(10), "answered after \(elapsed)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(ProcessTable.commandLines(containing: "fixture_cut").filter { $0.contains("2017-01-01T12") }.isEmpty)
        try run.finish()
    }

    @Test func aClientThatLeavesBeforeTheFirstRecordStopsTheReaderAtOnce() async throws {
        let run = try await CaseRun()
        let port = run.server.port
        let target = run.server.mount + Path.data("Hapi/Cut", "2017-01-01T12:00Z", "2017-01-01T13:00Z")
        // The reader sends no record; the client gives up after a second, before HAPI_TIMEOUT (2 s).
        let answered = try? await onOwnThread { try RawHTTP.request(port: port, target: target, timeout: 1) }
        #expect(answered == nil)
        try await Task.sleep(for: .milliseconds(300))
        #expect(ProcessTable.commandLines(containing: "fixture_cut").filter { $0.contains("2017-01-01T12") }.isEmpty)
        let logDirectory = run.fixture.root + "/log"
        let logs = try FileManager.default.contentsOfDirectory(atPath: logDirectory).map {
            (try? String(contentsOfFile: logDirectory + "/" + $0, encoding: .utf8)) ?? ""
        }
        #expect(logs.contains { $0.contains("HAPI: client disconnected before the first record; reader stopped") })
        try run.finish()
    }
}

/// Running processes, read from `/proc`.
enum ProcessTable {
    /// The command lines (arguments joined by blanks) that contain `text`.
    static func commandLines(containing text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(text) ? line : nil
        }
    }

    /// Whether a process still runs: it exists and is not a zombie left to init (a killed
    /// reader whose shell is gone is reaped by init, which is all a server can do; a zombie of
    /// the server itself counts as running).
    static func isRunning(_ pid: Int32, server: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return false }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 2 else { return false }
        return fields[0] != "Z" || Int32(fields[1]) == server
    }
}
