import Das2Core
import Testing

@Suite("isoc, isod and dual texts")
struct DasTimeISOTests {
    static let sample = DasTime(year: 2012, month: 3, mday: 4, hour: 5, minute: 6, second: 7.891234398)

    @Test("every fraction digit count 0...9", arguments: 0...9)
    func fractionDigits(_ digits: Int) {
        let seconds = ["08", "07.9", "07.89", "07.891", "07.8912", "07.89123", "07.891234", "07.8912344",
                       "07.89123440", "07.891234398"][digits]
        #expect(Self.sample.isoC(fractionDigits: digits) == "2012-03-04T05:06:" + seconds)
        #expect(Self.sample.isoD(fractionDigits: digits) == "2012-064T05:06:" + seconds)
        #expect(Self.sample.dual(fractionDigits: digits) == "2012-03-04 (064) 05:06:" + seconds)
    }

    @Test("fraction digits clamp to 0...9")
    func clamping() {
        #expect(Self.sample.isoC(fractionDigits: -2) == Self.sample.isoC(fractionDigits: 0))
        #expect(Self.sample.isoC(fractionDigits: 15) == "2012-03-04T05:06:07.891234398")
        #expect(Self.sample.isoD(fractionDigits: 10) == "2012-064T05:06:07.891234398")
    }

    @Test("zero digits round half away from zero, as das2C's round()")
    func roundHalfAway() {
        var time = DasTime(year: 2020, month: 1, mday: 1, second: 0.5)
        #expect(time.isoC(fractionDigits: 0) == "2020-01-01T00:00:01")
        time.second = 2.5
        #expect(time.isoC(fractionDigits: 0) == "2020-01-01T00:00:03")
        time.second = 2.4999
        #expect(time.isoC(fractionDigits: 0) == "2020-01-01T00:00:02")
    }

    @Test("seconds that print as 60 carry into the minute")
    func carry() {
        let time = DasTime(year: 2019, month: 12, mday: 31, hour: 23, minute: 59, second: 59.5)
        #expect(time.isoC(fractionDigits: 0) == "2020-01-01T00:00:00")
        #expect(time.isoD(fractionDigits: 0) == "2020-001T00:00:00")
        #expect(time.dual(fractionDigits: 0) == "2020-01-01 (001) 00:00:00")
        #expect(time.isoC(fractionDigits: 1) == "2019-12-31T23:59:59.5")
        let late = DasTime(year: 2020, month: 2, mday: 28, hour: 23, minute: 59, second: 59.99999)
        #expect(late.isoC(fractionDigits: 4) == "2020-02-29T00:00:00.0000")
        #expect(late.isoD(fractionDigits: 4) == "2020-060T00:00:00.0000")
        #expect(late.dual(fractionDigits: 3) == "2020-02-29 (060) 00:00:00.000")
        #expect(late.isoC(fractionDigits: 5) == "2020-02-28T23:59:59.99999")
    }

    @Test("the day of year follows month and day, and out-of-range fields are normalised")
    func dayOfYearAndNormalisation() {
        var stale = DasTime(year: 2012, month: 12, mday: 31)
        stale.yday = 1
        #expect(stale.isoD(fractionDigits: 0) == "2012-366T00:00:00")
        let overflowing = DasTime(year: 2012, month: 12, mday: 31, hour: 23, minute: 59, second: 61.25)
        #expect(overflowing.isoC(fractionDigits: 2) == "2013-01-01T00:00:01.25")
    }

    @Test("years print as %04d")
    func yearWidths() {
        #expect(DasTime(year: 1, month: 1, mday: 1).isoC(fractionDigits: 0) == "0001-01-01T00:00:00")
        #expect(DasTime(year: 12345, month: 1, mday: 1).isoD(fractionDigits: 0) == "12345-001T00:00:00")
        #expect(DasTime(year: -5, month: 1, mday: 1).isoC(fractionDigits: 0) == "-005-01-01T00:00:00")
    }

    @Test("non-finite seconds print as printf does")
    func nonFinite() {
        #expect(DasTime(year: 2012, month: 1, mday: 1, second: .nan).isoC(fractionDigits: 0) == "2012-01-01T00:00:nan")
        #expect(DasTime(year: 2012, month: 1, mday: 1, second: .infinity).isoC(fractionDigits: 3) == "2012-01-01T00:00:   inf")
    }
}
