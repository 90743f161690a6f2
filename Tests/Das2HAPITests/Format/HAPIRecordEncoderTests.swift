import Das2Core
@testable import Das2Server
import Testing

/// The three record formats (hapi.md §6.2–§6.4) for every parameter type.
struct HAPIRecordEncoderTests {
    static let time = HAPIParameter.time(planeName: "", valueOffset: 0, units: .us2000)

    static func availability(_ format: HAPIFormat) -> String {
        var stop = HAPIParameter(name: "stop", kind: .isotime, units: "UTC", fill: nil, length: 27)
        stop.valueOffset = 1
        let status = HAPIParameter(name: "status", kind: .string, units: nil, fill: nil, length: 7)
        var encoder = HAPIRecordEncoder(format: format, parameters: [time, stop, status])
        var output: [UInt8] = []
        encoder.writeInterval(start: 0, stop: 86_400_000_000, status: "data", into: &output)
        encoder.writeInterval(start: 86_400_000_000, stop: 86_400_000_001, status: "unknown", into: &output)
        return String(decoding: output.map { $0 == 0 ? UInt8(ascii: "~") : $0 }, as: UTF8.self)
    }

    @Test func availabilityRecordsInEveryFormat() {
        #expect(Self.availability(.csv) == """
            2000-01-01T00:00:00.000000Z,2000-01-02T00:00:00.000000Z,data
            2000-01-02T00:00:00.000000Z,2000-01-02T00:00:00.000001Z,unknown

            """)
        #expect(Self.availability(.binary)
            == "2000-01-01T00:00:00.000000Z2000-01-02T00:00:00.000000Zdata~~~2000-01-02T00:00:00.000000Z2000-01-02T00:00:00.000001Zunknown")
        #expect(Self.availability(.json) == """

            ["2000-01-01T00:00:00.000000Z","2000-01-02T00:00:00.000000Z","data"],
            ["2000-01-02T00:00:00.000000Z","2000-01-02T00:00:00.000001Z","unknown"]
            """)
    }

    @Test func csvQuotesStringsThatNeedIt() {
        let status = HAPIParameter(name: "note", kind: .string, units: nil, fill: nil, length: 20)
        var encoder = HAPIRecordEncoder(format: .csv, parameters: [Self.time, status])
        var output: [UInt8] = []
        encoder.writeInterval(start: 0, stop: 0, status: "a,\"b\"", into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "2000-01-01T00:00:00.000000Z,\"a,\"\"b\"\"\"\n")
    }

    @Test func integersAreFourBytesInBinary() {
        var count = HAPIParameter(name: "count", kind: .integer, units: nil, fill: nil)
        count.valueOffset = 1
        for (format, expected) in [(HAPIFormat.csv, Array("2000-01-01T00:00:00.000000Z,-5\n".utf8)),
                                   (.json, Array("\n[\"2000-01-01T00:00:00.000000Z\",-5]".utf8)),
                                   (.binary, Array("2000-01-01T00:00:00.000000Z".utf8) + [0xFB, 0xFF, 0xFF, 0xFF])] {
            var encoder = HAPIRecordEncoder(format: format, parameters: [Self.time, count])
            var output: [UInt8] = []
            [0.0, -5.0].withUnsafeBufferPointer { encoder.write(time: 0, values: $0, into: &output) }
            #expect(output == expected, "\(format)")
        }
    }

    @Test func fillTimesAndNearFillValuesAreWrittenAsTheFill() {
        var epoch = HAPIParameter(name: "t2", kind: .isotime, units: "UTC", fill: "0001-01-01T00:00:00.000000Z", length: 27)
        epoch.valueOffset = 1
        epoch.timeUnits = .us2000
        var value = HAPIParameter(name: "v", kind: .double, units: nil, fill: "-1e+31")
        value.valueOffset = 2
        var encoder = HAPIRecordEncoder(format: .csv, parameters: [Self.time, epoch, value])
        var output: [UInt8] = []
        [0, -1e31, Double(Float(-1e31))].withUnsafeBufferPointer { encoder.write(time: 0, values: $0, into: &output) }
        [0, 1_000_000, 5].withUnsafeBufferPointer { encoder.write(time: 0, values: $0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == """
            2000-01-01T00:00:00.000000Z,0001-01-01T00:00:00.000000Z,-1e+31
            2000-01-01T00:00:00.000000Z,2000-01-01T00:00:01.000000Z,5.0

            """)
    }
}
