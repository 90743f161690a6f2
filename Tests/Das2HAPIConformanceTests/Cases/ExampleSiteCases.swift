import Foundation
import Testing

/// The bundled example site (hapi.md §10) checked dataset by dataset the way the official
/// verifier (hapi-server/verifier-nodejs `tests.js`, `is.js`) checks a server, plus the
/// agreement of the binary and JSON formats with CSV, value for value.
extension HAPIConformanceTests {
    /// The verifier's ISO 8601 duration pattern (`is.CadenceValid`).
    static let cadencePattern = #"^P(?!$)((\d+Y)|(\d+\.\d+Y$))?((\d+M)|(\d+\.\d+M$))?((\d+W)|(\d+\.\d+W$))?((\d+D)|(\d+\.\d+D$))?(T(?=\d)((\d+H)|(\d+\.\d+H$))?((\d+M)|(\d+\.\d+M$))?(\d+(\.\d+)?S)?)??$"#
    /// The verifier's number pattern (`is.Float`).
    static let floatPattern = #"^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]{1,3})?$"#

    @Test func bundledExamplesOfferEveryKindOfDataset() async throws {
        let server = try await HAPIServers.required().examplesServer()
        let run = CaseRun(server: server)
        let ids = Self.catalogPairs(try JSON.object(try await run.get("/hapi/catalog"))).map(\.0)
        // §10: scalars, a spectrogram, two packet types, a reduced dataset, an interval sub-source.
        for id in ["Examples/Random", "Examples/Spectrogram", "Examples/Survey:p02", "Examples/Spectrogram:x_bin-60s",
                   "Examples/Ephemeris:Hour", "Examples/Waveform", "Examples/Random:x_availability"] {
            #expect(ids.contains(id), "\(id) missing from \(ids)")
        }
        #expect(!ids.contains { $0.hasPrefix("Examples/QStream") })
        try run.finish()
    }

    @Test func bundledExamplesPassTheVerifierChecks() async throws {
        let server = try await HAPIServers.required().examplesServer()
        let run = CaseRun(server: server)
        let landing = try await run.get("/hapi")
        #expect(landing.status == 200 && landing.header("Content-Type")?.hasPrefix("text/html") == true)
        for path in ["/hapi/capabilities", "/hapi/about"] {
            let response = try await run.get(path)
            #expect(response.status == 200 && response.header("Last-Modified") != nil, "\(path)")
        }
        let error = try await run.get("/hapi/info?id=a_test_of_an_invalid_id_by_verifier-nodejs")
        run.expectError(error, http: 404, code: 1406)
        let catalogResponse = try await run.get("/hapi/catalog")
        #expect(catalogResponse.header("Last-Modified") != nil)
        let ids = Self.catalogPairs(try JSON.object(catalogResponse)).map(\.0)
        #expect(Set(ids).count == ids.count)
        let all = try JSON.object(try await run.get("/hapi/catalog?depth=all"))["catalog"] as? [[String: Any]] ?? []
        for id in ids {
            let info = try JSON.object(try await run.get("/hapi/info?id=" + id))
            #expect(JSON.equal(info, try JSON.object(try await run.get(Path.info(id)))), "\(id): id and dataset differ")
            var bare = info
            bare.removeValue(forKey: "HAPI")
            bare.removeValue(forKey: "status")
            #expect(JSON.equal(all.first { $0["id"] as? String == id }?["info"], bare), "\(id): depth=all differs")
            try Self.checkInfo(info, id: id)
            try await Self.checkData(run, id: id, info: info)
        }
        try run.finish()
    }

    /// The `/info` checks of the verifier's `infoAll` and `infoSingleParameter`.
    static func checkInfo(_ info: [String: Any], id: String) throws {
        let parameters = try #require(info["parameters"] as? [[String: Any]], "\(id)")
        #expect(Set(parameters.compactMap { $0["name"] as? String }).count == parameters.count, "\(id): names repeat")
        #expect(parameters.first?["name"] as? String == "Time", "\(id)")
        #expect(parameters.first?["fill"] is NSNull, "\(id): first fill not null")
        #expect(info["format"] == nil && info["definitions"] == nil, "\(id)")
        for parameter in parameters {
            let type = parameter["type"] as? String ?? ""
            if type == "isotime" { #expect(parameter["units"] as? String == "UTC", "\(id)") }
            #expect((type == "isotime" || type == "string") == (parameter["length"] != nil), "\(id): length of \(type)")
            if let size = parameter["size"] as? [Int], let bins = parameter["bins"] as? [[String: Any]] {
                #expect(bins.count == size.count, "\(id)")
                #expect((bins.first?["centers"] as? [Any])?.count == size.first, "\(id): centers")
            }
            if type == "double", let fill = parameter["fill"] as? String {
                #expect(fill.range(of: #"\.[1-9][1-9]"#, options: .regularExpression) == nil, "\(id): fill \(fill)")
            }
        }
        if let cadence = info["cadence"] as? String {
            #expect(cadence.range(of: Self.cadencePattern, options: .regularExpression) != nil, "\(id): cadence \(cadence)")
        }
        let start = try #require(info["startDate"] as? String)
        let stop = try #require(info["stopDate"] as? String)
        #expect(start < stop, "\(id)")
        let sampleStart = try #require(info["sampleStartDate"] as? String, "\(id): no sample range")
        let sampleStop = try #require(info["sampleStopDate"] as? String, "\(id): no sample range")
        #expect(sampleStart < sampleStop, "\(id)")
    }

    /// The data checks of the verifier's `dataAll1`, `dataAll2`, `dataAllHeader`,
    /// `dataAll1201` and `datar`, and the agreement of the three formats.
    static func checkData(_ run: CaseRun, id: String, info: [String: Any]) async throws {
        let start = try #require(info["sampleStartDate"] as? String)
        let stop = try #require(info["sampleStopDate"] as? String)
        let parameters = try #require(info["parameters"] as? [[String: Any]])
        let sizes = parameters.map { (($0["size"] as? [Int]) ?? [1]).reduce(1, *) }
        let query = "/hapi/data?id=\(id)&time.min=\(start)&time.max=\(stop)"
        let csv = try await run.get(query)
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true, "\(id)")
        let text = csv.text
        #expect(!text.isEmpty, "\(id): the sample range holds no data")
        #expect(text.first?.isNumber == true && text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(id)")
        let rows = try Self.csvRows(text)
        for row in rows { #expect(row.count == sizes.reduce(0, +), "\(id): columns") }
        let times = rows.map { $0[0] }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 }, "\(id): times not increasing")
        #expect(times.allSatisfy { $0.count == 27 && HAPITimePattern.matches($0) }, "\(id): time format")
        #expect(times.first.map { $0 >= start.replacingOccurrences(of: "Z", with: "") } ?? false, "\(id): before start")
        if let first = rows.first {
            for (index, parameter) in parameters.enumerated().dropFirst() where parameter["type"] as? String == "double" {
                let value = first[sizes[..<index].reduce(0, +)]
                #expect(value.range(of: Self.floatPattern, options: .regularExpression) != nil, "\(id): \(value) is no verifier float")
            }
        }
        // Equivalent requests give the same bytes.
        let dayOfYear = "/hapi/data?dataset=\(id)&start=\(Self.dayOfYear(start))&stop=\(Self.dayOfYear(stop))"
        #expect(try await run.get(dayOfYear).body == csv.body, "\(id): day-of-year form")
        #expect(try await run.get(query + "&parameters=").body == csv.body, "\(id): empty parameters")
        let header = try await run.get(query + "&include=header")
        var headerInfo = try JSON.object(try #require(CaseRun.dataHeader(header.body), "\(id): no header"))
        #expect(headerInfo.removeValue(forKey: "format") as? String == "csv", "\(id)")
        #expect(JSON.equal(headerInfo, info), "\(id): header differs from info")
        #expect(CaseRun.dataAfterHeader(header.body) == csv.body, "\(id)")
        // Nothing in the 2 ms after the sample start.
        let empty = try await run.get("/hapi/data?id=\(id)&time.min=\(Self.shifted(start, milliseconds: 1))&time.max=\(Self.shifted(start, milliseconds: 3))")
        if !id.hasSuffix(":x_availability") {
            #expect(empty.status == 200, "\(id): 1201 case")
            #expect(empty.header("X-HAPI-Status") == "1201" && empty.body.isEmpty, "\(id): 1201 case, \(empty.text)")
        }
        // Each parameter alone matches its columns in the full response.
        var column = 1
        for (index, parameter) in parameters.enumerated().dropFirst() {
            let name = parameter["name"] as? String ?? ""
            let single = try Self.csvRows(try await run.get(query + "&parameters=" + name).text)
            let expected = rows.map { [$0[0]] + Array($0[column..<(column + sizes[index])]) }
            #expect(single == expected, "\(id): parameter \(name)")
            column += sizes[index]
        }
        try await Self.checkFormatsAgree(run, id: id, query: query, parameters: parameters, rows: rows)
    }

    /// Binary and JSON hold the values of the CSV body (§6.3, §6.4).
    static func checkFormatsAgree(
        _ run: CaseRun, id: String, query: String, parameters: [[String: Any]], rows: [[String]]
    ) async throws {
        let binary = try await run.get(query + "&format=binary").body
        // JSON numbers are compared as text: they use the CSV digits (§6.4), and Foundation's
        // parser is not exact to the last bit.
        let json = Self.jsonRows(try await run.get(query + "&format=json").text)
        #expect(json.count == rows.count, "\(id): JSON rows")
        var offset = 0
        for (rowIndex, row) in rows.enumerated() {
            var column = 0
            for parameter in parameters {
                let count = ((parameter["size"] as? [Int]) ?? [1]).reduce(1, *)
                let type = parameter["type"] as? String ?? ""
                let length = parameter["length"] as? Int ?? 0
                for _ in 0..<count {
                    let jsonToken = rowIndex < json.count && column < json[rowIndex].count ? json[rowIndex][column] : nil
                    let text = row[column]
                    switch type {
                    case "double":
                        let bits = Self.littleEndian(binary, offset)
                        offset += 8
                        let value = Double(text) ?? .nan
                        let binaryValue = Double(bitPattern: bits)
                        #expect(binaryValue.bitPattern == value.bitPattern || (value.isNaN && binaryValue.isNaN), "\(id) row \(rowIndex)")
                        #expect(jsonToken == (value.isFinite ? text : "null"), "\(id) row \(rowIndex) JSON")
                    default:
                        let bytes = binary[offset..<min(binary.count, offset + length)]
                        offset += length
                        let binaryText = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                        #expect(binaryText == text, "\(id) row \(rowIndex) binary text")
                        #expect(jsonToken == "\"" + text + "\"", "\(id) row \(rowIndex) JSON text")
                    }
                    column += 1
                }
            }
        }
        #expect(offset == binary.count, "\(id): binary length")
    }

    /// The value tokens of each record of a JSON data body (one record per line, §6.4), nested
    /// arrays flattened.
    static func jsonRows(_ text: String) -> [[String]] {
        guard let start = text.range(of: "\"data\":[") else { return [] }
        return text[start.upperBound...].split(separator: "\n").compactMap { line -> [String]? in
            guard line.hasPrefix("[") else { return nil }
            var body = Substring(line)
            if body.hasSuffix(",") { body = body.dropLast() }
            let flat = body.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "")
            return flat.split(separator: ",").map(String.init)
        }
    }

    static func littleEndian(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        guard offset + 8 <= bytes.count else { return 0 }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return bits
    }

    /// CSV rows by RFC 4180 (quoted fields allowed).
    static func csvRows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var previousQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if previousQuote { field.append("\"") }
                quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default:
                field.append(character)
            }
            previousQuote = false
        }
        return rows
    }

    /// `YYYY-MM-DD…` as `YYYY-DDD…` (the verifier's `switchTimeFormat`).
    static func dayOfYear(_ time: String) -> String {
        let parts = time.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return time }
        var components = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"))
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        guard let date = components.date, let day = components.calendar?.ordinality(of: .day, in: .year, for: date) else { return time }
        return String(format: "%04d-%03d", parts[0], day) + time.dropFirst(10)
    }

    /// A metadata time plus milliseconds, as `…T hh:mm:ss.fffZ`.
    static func shifted(_ time: String, milliseconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = plain.date(from: time) ?? formatter.date(from: time) else { return time }
        return formatter.string(from: date.addingTimeInterval(Double(milliseconds) / 1000))
    }
}

/// The HAPI time pattern of the 3.3 schema for `YYYY-MM-DDThh:mm:ss.ffffffZ`, with the
/// calendar check of the verifier's `is.HAPITime`.
enum HAPITimePattern {
    static func matches(_ text: String) -> Bool {
        let pattern = #"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T(([0-1][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.([0-9]{0,9}))?|24:00:00(\.(0{0,9}))?)Z$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else { return false }
        let fields = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard fields.count == 3 else { return false }
        let leap = fields[0] % 4 == 0 && (fields[0] % 100 != 0 || fields[0] % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][fields[1] - 1]
        return fields[2] <= days
    }
}
