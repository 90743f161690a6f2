import Das2Core
import Testing

@Suite("das2 time normalisation (tnorm)")
struct DasTimeNormalizationTests {
    private func fields(_ time: DasTime) -> [Double] {
        [Double(time.year), Double(time.month), Double(time.mday), Double(time.yday),
         Double(time.hour), Double(time.minute), time.second]
    }

    @Test("initialisers derive the day of year or the month and day")
    func initialisersDeriveFields() {
        #expect(DasTime(year: 2012, month: 3, mday: 1).yday == 61)
        #expect(DasTime(year: 2011, month: 3, mday: 1).yday == 60)
        #expect(DasTime(year: 2012, month: 13, mday: 1).yday == 0)
        let fromYday = DasTime(year: 2012, yday: 366, hour: 1, minute: 2, second: 3.5)
        #expect(fields(fromYday) == [2012, 12, 31, 366, 1, 2, 3.5])
        let outside = DasTime(year: 2011, yday: 366)
        #expect(fields(outside) == [2011, 1, 366, 366, 0, 0, 0])
        #expect(fields(outside.normalized()) == [2012, 1, 1, 1, 0, 0, 0])
    }

    @Test("a year below 100 gets 1900 added")
    func twoDigitYears() {
        #expect(DasTime(year: 99, month: 12, mday: 31).normalized().year == 1999)
        #expect(DasTime(year: 0, month: 1, mday: 1).normalized().year == 1900)
        #expect(DasTime(year: 100, month: 1, mday: 1).normalized().year == 100)
    }

    @Test("the month carries into the year", arguments: [
        (13, 2013, 1), (0, 2011, 12), (-1, 2011, 11), (-12, 2010, 12), (-13, 2010, 11), (25, 2014, 1), (12, 2012, 12),
    ])
    func monthCarries(_ month: Int, _ year: Int, _ expectedMonth: Int) {
        let time = DasTime(year: 2012, month: month, mday: 1).normalized()
        #expect(time.year == year)
        #expect(time.month == expectedMonth)
        #expect(time.mday == 1)
    }

    @Test("the stored day of year is ignored and recomputed")
    func ydayRecomputed() {
        var time = DasTime(year: 2012, month: 2, mday: 29)
        time.yday = 300
        #expect(fields(time.normalized()) == [2012, 2, 29, 60, 0, 0, 0])
    }

    @Test("seconds, minutes and hours carry with floor semantics")
    func timeOfDayCarries() {
        #expect(fields(DasTime(year: 2012, month: 1, mday: 1, hour: 12, second: 75.5).normalized())
            == [2012, 1, 1, 1, 12, 1, 15.5])
        #expect(fields(DasTime(year: 2012, month: 1, mday: 1, second: -0.5).normalized())
            == [2011, 12, 31, 365, 23, 59, 59.5])
        #expect(fields(DasTime(year: 2012, month: 1, mday: 1, second: -120).normalized())
            == [2011, 12, 31, 365, 23, 58, 0])
        #expect(fields(DasTime(year: 2012, month: 12, mday: 31, hour: 23, minute: 59, second: 60).normalized())
            == [2013, 1, 1, 1, 0, 0, 0])
        #expect(fields(DasTime(year: 2012, month: 1, mday: 1, minute: -1).normalized())
            == [2011, 12, 31, 365, 23, 59, 0])
        #expect(fields(DasTime(year: 2012, month: 2, mday: 28, hour: 48).normalized())
            == [2012, 3, 1, 61, 0, 0, 0])
        #expect(fields(DasTime(year: 2012, month: 1, mday: 1, hour: -25).normalized())
            == [2011, 12, 30, 364, 23, 0, 0])
    }

    @Test("days carry across years, leap years included")
    func daysCarryIntoYears() {
        #expect(fields(DasTime(year: 2011, month: 12, mday: 31 + 366).normalized()) == [2012, 12, 31, 366, 0, 0, 0])
        #expect(fields(DasTime(year: 2012, month: 1, mday: 0).normalized()) == [2011, 12, 31, 365, 0, 0, 0])
        #expect(fields(DasTime(year: 2000, month: 3, mday: -60).normalized()) == [1999, 12, 31, 365, 0, 0, 0])
        #expect(fields(DasTime(year: 2000, month: 1, mday: 146_097 + 1).normalized()) == [2400, 1, 1, 1, 0, 0, 0])
        #expect(fields(DasTime(year: 2400, month: 1, mday: 1 - 146_097).normalized()) == [2000, 1, 1, 1, 0, 0, 0])
    }

    @Test("a huge offset normalises quickly to the same instant")
    func hugeOffsets() {
        let later = DasTime(year: 2000, month: 1, mday: 1, second: 86400.0 * 146_097 * 10).normalized()
        #expect(fields(later) == [6000, 1, 1, 1, 0, 0, 0])
        let earlier = DasTime(year: 2000, month: 1, mday: 1, hour: -24 * 146_097 * 4).normalized()
        #expect(fields(earlier) == [400, 1, 1, 1, 0, 0, 0])
    }

    @Test("non-finite seconds are left alone")
    func nonFiniteSeconds() {
        let time = DasTime(year: 2012, month: 1, mday: 1, second: .nan).normalized()
        #expect(time.second.isNaN)
        #expect(time.year == 2012 && time.minute == 0)
        #expect(DasTime(year: 2012, month: 1, mday: 1, second: .infinity).normalized().second == .infinity)
    }

    @Test("normalising keeps the instant")
    func normalisingKeepsInstant() {
        var generator = TimeTestGenerator(seed: 7)
        for _ in 0..<2000 {
            let time = DasTime(year: Int.random(in: 1900...2100, using: &generator),
                               month: Int.random(in: -30...30, using: &generator),
                               mday: Int.random(in: -400...400, using: &generator),
                               hour: Int.random(in: -100...100, using: &generator),
                               minute: Int.random(in: -1000...1000, using: &generator),
                               second: Double.random(in: -1e5...1e5, using: &generator))
            let normal = time.normalized()
            #expect((1...12).contains(normal.month) && (0...23).contains(normal.hour) && (0...59).contains(normal.minute))
            #expect(normal.second >= 0 && normal.second < 60)
            #expect(normal == normal.normalized())
            // The month carry changes the calendar, not the instant, only when months are valid.
            if (1...12).contains(time.month) {
                let before = TimeScale.us2000.value(from: time)
                let after = TimeScale.us2000.value(from: normal)
                #expect(abs(before - after) < 1)
            }
        }
    }
}
