@testable import Das2Server
import Testing

/// Query decoding and the first validation steps (hapi.md §2.5, §3.1).
struct HAPIQueryTests {
    @Test func pairsAreSeparatedByAmpersandOnly() throws {
        let query = try HAPIQuery("dataset=a;b&start=2017-01-01%2000:00&x=1+2&flag")
        #expect(query["dataset"] == "a;b")
        #expect(query["start"] == "2017-01-01 00:00")
        #expect(query["x"] == "1 2")
        #expect(query.pairs.contains { $0.key == "flag" && $0.value.isEmpty })
        #expect(query["flag"] == nil)
    }

    @Test func emptyValuesCountAsAbsent() throws {
        let query = try HAPIQuery("parameters=&format=")
        #expect(query["parameters"] == nil)
        #expect(query["format"] == nil)
        #expect(query.pairs.map(\.key) == ["parameters", "format"])
    }

    @Test func invalidUTF8IsAUserInputError() {
        #expect(throws: HAPIError.self) { try HAPIQuery("dataset=%FF%FE") }
        #expect(throws: Never.self) { try HAPIQuery("dataset=%C3%A9") }
    }

    @Test func unknownKeysAre1401() throws {
        let query = try HAPIQuery("dataset=a&Dataset=b")
        #expect(throws: HAPIError.self) { try query.requireKnownKeys(["dataset"]) }
        do {
            try query.requireKnownKeys(["dataset"])
        } catch {
            #expect(error.status == .unknownParameterName)
        }
    }

    @Test(arguments: ["start=a&start=a", "dataset=a&id=a", "start=1&time.min=1", "stop=&time.max=2"])
    func doubledKeysAndSynonymsAre1400(text: String) throws {
        let query = try HAPIQuery(text)
        do {
            try query.requireSingleValues(synonyms: [("dataset", "id"), ("start", "time.min"), ("stop", "time.max")])
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.status == .userInputError)
        }
    }

    @Test func messagesNeverRepeatTheRequest() {
        let error = HAPIError(.unknownDataset)
        #expect(error.message == "Bad request - unknown dataset id")
        #expect(HAPIError(.userInputError, clarification: "authorization required").message
            == "Bad request - user input error: authorization required")
        #expect(HAPIStatus.noData.reasonPhrase(httpStatus: 200) == "OK; HAPI 1201 OK - no data for time range")
        #expect(HAPIStatus.unknownDataset.reasonPhrase(httpStatus: 404) == "Not Found; HAPI 1406 Bad request - unknown dataset id")
    }

    @Test func statusCodesPairWithTheirHTTPStatus() {
        for status in HAPIStatus.allCases {
            let expected: Int
            switch status.rawValue {
            case 1200, 1201: expected = 200
            case 1406, 1407: expected = 404
            case 1500, 1501: expected = 500
            default: expected = 400
            }
            #expect(status.httpStatus == expected)
        }
    }
}
