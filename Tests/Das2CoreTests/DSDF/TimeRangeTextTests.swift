import Testing
import Das2Core

/// The time-range convention of dsdf.md §4.1 and `validRange` (§4.2).
struct TimeRangeTextTests {
    @Test(arguments: [
        ("2017-01-01 to 2017-03-01 UTC", "2017-01-01", "2017-03-01"),
        ("1979-03-01T12:26:11 to 1979-03-01T12:29:24", "1979-03-01T12:26:11", "1979-03-01T12:29:24"),
        ("  2017-01-01   to\t2017-01-02  ", "2017-01-01", "2017-01-02"),
        ("2017-01-01 UTC to 2017-01-02 UTC", "2017-01-01", "2017-01-02"),
        ("October 1 2017 to October 2 2017", "October 1 2017", "October 2 2017"),
        ("2017-01-01 to now", "2017-01-01", "now"),
        ("1 Oct 2017 00:00 to 2 Oct 2017 00:00UTC", "1 Oct 2017 00:00", "2 Oct 2017 00:00"),
    ])
    func rangesSplitAtTheWordTo(text: String, begin: String, end: String) throws {
        let parts = try #require(TimeRangeText.split(text))
        #expect(parts.begin == begin)
        #expect(parts.end == end)
    }

    @Test(arguments: [
        "2017-01-01", "2017-01-01 - 2017-01-02", "2017-01-01 to", "to 2017-01-01", "2017 to 2018 to 2019", "",
        "2017-01-01 TO 2017-01-02", "2017-01-01to 2017-01-02", "UTC to UTC", "Octoberto",
    ])
    func textsWithoutExactlyOneSeparatorDoNotSplit(text: String) {
        #expect(TimeRangeText.split(text) == nil)
    }

    static let now = DasTime(year: 2024, month: 12, mday: 31, hour: 18, minute: 5, second: 7.5)

    @Test func validRangeIsParsed() throws {
        let range = try ValidRange(parsing: "1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC", now: Self.now)
        #expect(range.beginText == "1979-03-01T12:26:11")
        #expect(range.endText == "1979-03-01T12:29:24")
        #expect(range.begin == DasTime(year: 1979, month: 3, mday: 1, hour: 12, minute: 26, second: 11))
        #expect(range.end == DasTime(year: 1979, month: 3, mday: 1, hour: 12, minute: 29, second: 24))
    }

    @Test(arguments: ["now", "NOW", "Now", "now UTC"])
    func nowMeansTomorrowAtMidnight(end: String) throws {
        let range = try ValidRange(parsing: "2017-01-01 to \(end)", now: Self.now)
        #expect(range.endText == "2025-01-01")
        #expect(range.end == DasTime(year: 2025, month: 1, mday: 1))
        #expect(range.begin == DasTime(year: 2017, month: 1, mday: 1))
    }

    @Test(arguments: [nil, "2017-01-01", "2017-01-01 until 2018-01-01", "a to b to c"] as [String?])
    func absentOrUnsplittableValuesFallBackTo1977ToTomorrow(value: String?) throws {
        let range = try ValidRange(parsing: value, now: DasTime(year: 2024, month: 2, mday: 28, hour: 23))
        #expect(range == ValidRange.fallback(now: DasTime(year: 2024, month: 2, mday: 28)))
        #expect(range.beginText == "1977-01-01")
        #expect(range.endText == "2024-02-29")
        #expect(range.begin == DasTime(year: 1977, month: 1, mday: 1))
        #expect(range.end == DasTime(year: 2024, month: 2, mday: 29))
    }

    @Test(arguments: ["2017-01-01 to yesterday", "now to 2018-01-01", "2017-13-45 to 2018-01-01"])
    func unparsableTimesAreConfigurationErrors(value: String) {
        #expect {
            try ValidRange(parsing: value, now: Self.now)
        } throws: { error in
            (error as? Das2CoreError)?.code == .invalidConfiguration
                && (error as? Das2CoreError)?.message.hasPrefix("Invalid validRange '\(value)'") == true
        }
    }

    @Test func timesWithoutYearUseTheYearOfNow() throws {
        let range = try ValidRange(parsing: "Jan 5 to Feb 1", now: Self.now)
        #expect(range.begin == DasTime(year: 2024, month: 1, mday: 5))
        #expect(range.end == DasTime(year: 2024, month: 2, mday: 1))
    }

    @Test func parsedTimesAreNormalised() throws {
        let range = try ValidRange(parsing: "2016-12-31T23:59:60 to 2017-001", now: Self.now)
        #expect(range.begin == DasTime(year: 2017, month: 1, mday: 1))
        #expect(range.end == DasTime(year: 2017, month: 1, mday: 1))
    }
}
