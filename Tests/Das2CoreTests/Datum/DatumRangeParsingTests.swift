import Testing
import Das2Core

/// `BEGIN to END[ UNITS]` parsing (time.md §7.4, stream-das2.md §3.4).
struct DatumRangeParsingTests {
    @Test(arguments: [
        ("1.0e-18 to 1.0e-2 V**2 m**-2 Hz**-1", 1e-18, 1e-2, "V**2 m**-2 Hz**-1"),
        ("5 to 6000000 Hz", 5.0, 6_000_000.0, "Hz"), ("1 to 10 kHz", 1.0, 10.0, "kHz"),
        ("-5 to -1", -5.0, -1.0, ""), ("0 to 1 V/m", 0.0, 1.0, "V m**-1"), ("  2  to   3   s  ", 2.0, 3.0, "s"),
        ("1 to 2 log10Ratio", 1.0, 2.0, "log10Ratio"),
    ])
    func numericRangesShareTrailingUnits(text: String, begin: Double, end: Double, symbol: String) throws {
        let range = try DatumRange(parsing: text)
        #expect(range.begin == begin)
        #expect(range.end == end)
        #expect(range.units.symbol == symbol)
        #expect(!range.isTime)
    }

    @Test(arguments: [
        ("2012-03-09 to 2012-03-10 UTC", 384_566_400_000_000.0, 384_652_800_000_000.0),
        ("2014-01-01 to 2014-01-02", 441_849_600_000_000.0, 441_936_000_000_000.0),
        ("2014-01-01T00:00 to 2014-01-02T00:00:00.5 UTC", 441_849_600_000_000.0, 441_936_000_500_000.0),
        ("2014-01-01 00:00 to 2014-01-02 00:00 UTC", 441_849_600_000_000.0, 441_936_000_000_000.0),
        ("0 to 86400 t2000", 0.0, 86_400_000_000.0),
    ])
    func timeRangesBecomeUS2000InUTC(text: String, begin: Double, end: Double) throws {
        let range = try DatumRange(parsing: text)
        #expect(range.units == .utc)
        #expect(range.isTime)
        #expect(range.begin == begin)
        #expect(range.end == end)
    }

    @Test(arguments: ["NOW", "now", "Now", "now UTC"])
    func nowMeansTomorrowAtMidnightInServerConfiguration(end: String) throws {
        let now = DasTime(year: 2026, month: 3, mday: 31, hour: 12, minute: 34, second: 56)
        let range = try DatumRange(parsing: "1977-09-05T00:00 to \(end)", allowingNow: now)
        #expect(range.begin == -704_419_200_000_000)
        #expect(range.end == 828_316_800_000_000)
        #expect(range.units == .utc)
    }

    @Test func nowAtYearEndRollsIntoNextYear() throws {
        let now = DasTime(year: 2025, month: 12, mday: 31, hour: 23, minute: 59, second: 59)
        let range = try DatumRange(parsing: "2025-01-01 to now", allowingNow: now)
        #expect(range.description == "2025-01-01T00:00:00 to 2026-01-01T00:00:00 UTC")
    }

    @Test func oldStyleCommentIsStrippedOnRequest() throws {
        let range = try DatumRange(parsing: "2010-001 to 2010-002 | Regression Test Data", strippingComment: true)
        #expect(range.begin == 315_619_200_000_000)
        #expect(range.end == 315_705_600_000_000)
        #expect(range.units == .utc)
        #expect(throws: Das2CoreError.self) { try DatumRange(parsing: "2010-001 to 2010-002 | Regression Test Data") }
    }

    @Test(arguments: [
        "1 10 kHz", "2012-03-09 2012-03-10", "1 To 10", "to 10 Hz", "1 to", "1 to  ", "", "1 2 to 3 s", "a to b",
        "1 to b Hz", "2012-01-32 to 2012-03-10", "2010-001 to now", "2010-001 to NOW UTC",
    ])
    func malformedRangesAreRejected(text: String) {
        let error = #expect(throws: Das2CoreError.self) { try DatumRange(parsing: text) }
        #expect(error?.code == .invalidRange)
        #expect(error?.message.contains(text) == true)
    }

    @Test func nowWithoutServerContextNamesTheRule() {
        let error = #expect(throws: Das2CoreError.self) { try DatumRange(parsing: "2010-001 to now") }
        #expect(error?.message.contains("now") == true)
    }

    @Test func onlyUTCMayFollowNow() {
        let now = DasTime(year: 2026, month: 3, mday: 31, hour: 0, minute: 0, second: 0)
        #expect(throws: Das2CoreError.self) { try DatumRange(parsing: "2010-001 to now Hz", allowingNow: now) }
        #expect(throws: Das2CoreError.self) { try DatumRange(parsing: "2010-001 to now soon", allowingNow: now) }
    }
}
