import Das2Core
@testable import Das2Server
import Testing

/// The request-time grammar of hapi.md §4.1 and the time forms of §4.3.
struct HAPITimeTests {
    @Test(arguments: [
        ("2017", "2017-01-01T00:00:00"), ("2017Z", "2017-01-01T00:00:00"),
        ("2017-02", "2017-02-01T00:00:00"), ("2017-02Z", "2017-02-01T00:00:00"),
        ("2017-01-15", "2017-01-15T00:00:00"), ("2017-01-15Z", "2017-01-15T00:00:00"), ("2017-015Z", "2017-01-15T00:00:00"),
        ("2017-01-15T23", "2017-01-15T23:00:00"), ("2017-015T23Z", "2017-01-15T23:00:00"),
        ("2017-01-15T23:05:07.25Z", "2017-01-15T23:05:07.25"),
        ("2016-12-31T24:00Z", "2017-01-01T00:00:00"), ("2016-366T24:00:00.000Z", "2017-01-01T00:00:00"),
        ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00"), ("2016-02-29", "2016-02-29T00:00:00"),
        ("2000-366", "2000-12-31T00:00:00"), ("0000-01-01", "0000-01-01T00:00:00"), ("9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999"),
        ("2017-01-01T00:00:00.000001Z", "2017-01-01T00:00:00.000001"), ("1969-07-20T20:17:40Z", "1969-07-20T20:17:40"),
    ])
    func acceptedTimesMeanTheTableValue(text: String, reader: String) {
        #expect(HAPITime(parsing: text)?.readerText == reader)
    }

    @Test(arguments: [
        "2017-01-15T", "2017T05", "2017-01-15 05:00", "2017-01-15t05", "20170115", "2017015", "2017-01-15T05:00+00:00",
        "2017-02-29", "2017-366", "2017-01-15T05:00:00.1234567890Z", "2017-13-01", "2017-00-10", "2017-01-32", "2017-000",
        "2017-01-01T25Z", "2017-01-15T12:60", "2017-01-15T23:58:60", "2017-01-15T24:01", "2017-01-15T05.5", "2017-01-15T05:30.5",
        "17-01-15", "2017-Jan-15", "2017-W02", "2017-01-15T05:00:00,5", " 2017-01-15", "2017-01-15 ", "2017-01-15z", "T",
        "", "garbage", "2017-01-15TZ", "2017-01T05", "2017-01-15T05:00:00.", "+2017-01-15", "2017-1-15",
    ])
    func rejectedTimesHaveNoValue(text: String) {
        #expect(HAPITime(parsing: text) == nil)
    }

    @Test func equalInstantsWrittenDifferentlyCompareEqual() throws {
        let a = try #require(HAPITime(parsing: "2017-001T00:03Z"))
        let b = try #require(HAPITime(parsing: "2017-01-01T00:03:00.000000000Z"))
        let c = try #require(HAPITime(parsing: "2016-12-31T24:00Z"))
        #expect(a == b)
        #expect(c == HAPITime(parsing: "2017"))
        #expect(c < a)
    }

    @Test func recordTimesCompareExactlyWithNanosecondBounds() throws {
        // A record at 00:00:00.000001 is at or after a start of 00:00:00.0000005, not before.
        let start = try #require(HAPITime(parsing: "2017-01-01T00:00:00.0000005Z"))
        let record = try #require(HAPITime(parsing: "2017-01-01T00:00:00.000001Z")).microsecondsRoundedUp
        #expect(record >= start.microsecondsRoundedUp)
        #expect(record - 1 < start.microsecondsRoundedUp)
        #expect(HAPITime(microseconds: record).readerText == "2017-01-01T00:00:00.000001")
    }

    @Test func microsecondsSince2000RoundTrip() {
        for value: Int64 in [0, -1, 1, 536_544_000_000_000, -63_113_904_000_000_000, 252_455_615_999_999_999, 86_399_999_999] {
            #expect(HAPITime(microseconds: value).microsecondsRoundedUp == value)
        }
        #expect(HAPITime(microseconds: -1).readerText == "1999-12-31T23:59:59.999999")
    }

    @Test func metadataTimesDropAWholeSecondsFraction() throws {
        #expect(HAPITime(microseconds: 536_544_000_000_000).metadataText == "2017-01-01T00:00:00Z")
        #expect(HAPITime(microseconds: 536_544_000_250_000).metadataText == "2017-01-01T00:00:00.250000Z")
        let fine = try #require(HAPITime(parsing: "2017-01-01T00:00:00.0000001"))
        #expect(fine.metadataText == "2017-01-01T00:00:00.000001Z")
    }

    static func recordTime(_ microseconds: Int64) -> String {
        var writer = IsoTimeWriter()
        var bytes: [UInt8] = []
        writer.append(microseconds: microseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func recordTimesAreTwentySevenBytes() {
        #expect(Self.recordTime(536_544_000_000_000) == "2017-01-01T00:00:00.000000Z")
        #expect(Self.recordTime(536_544_000_000_000 + 86_399_999_999) == "2017-01-01T23:59:59.999999Z")
        #expect(Self.recordTime(-1) == "1999-12-31T23:59:59.999999Z")
        var writer = IsoTimeWriter()
        var bytes: [UInt8] = []
        for day: Int64 in 0..<3 { writer.append(microseconds: day * 86_400_000_000 + 5, to: &bytes) }
        #expect(String(decoding: bytes, as: UTF8.self)
            == "2000-01-01T00:00:00.000005Z2000-01-02T00:00:00.000005Z2000-01-03T00:00:00.000005Z")
    }

    @Test func calendarMatchesKnownDays() {
        #expect(GregorianCalendar.days(year: 2000, month: 1, day: 1) == 0)
        #expect(GregorianCalendar.days(year: 2017, month: 1, day: 1) == 6210)
        #expect(GregorianCalendar.days(year: 1970, month: 1, day: 1) == -10957)
        for day: Int64 in stride(from: -800_000, through: 3_000_000, by: 997) {
            let date = GregorianCalendar.date(daysSince2000: day)
            #expect(GregorianCalendar.days(year: date.year, month: date.month, day: date.day) == day)
        }
    }

    @Test(arguments: [("PT12H", 43_200.0), ("P31D", 2_678_400), ("PT0.5S", 0.5), ("P1DT1H1M1S", 90_061), ("P2W", 1_209_600)])
    func requestLimitsParseAsISODurations(text: String, seconds: Double) {
        #expect(ISODuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "P", "PT", "12H", "PT12", "P1H", "PTH", "P1DT", "pt12h"])
    func malformedDurationsHaveNoLength(text: String) {
        #expect(ISODuration.seconds(text) == nil)
    }
}
