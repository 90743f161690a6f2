/// Proleptic Gregorian calendar arithmetic shared by the time parser, normaliser, epoch
/// conversions and formatters (and the server's HAPI times and HTTP dates).
package enum GregorianCalendar {
    /// Whether `year` has a 29 February.
    @inline(__always)
    package static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Number of days in `year`.
    @inline(__always)
    package static func daysInYear(_ year: Int) -> Int {
        isLeap(year) ? 366 : 365
    }

    /// Days in the year before the first of `month` (1...12).
    @inline(__always)
    static func daysBeforeMonth(_ month: Int, leap: Bool) -> Int {
        // From March on, months follow the 153-days-per-5-months pattern.
        month <= 2 ? (month - 1) * 31 : (153 * (month - 3) + 2) / 5 + (leap ? 60 : 59)
    }

    /// Days in `month` (1...12) of `year`.
    @inline(__always)
    package static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Month and day of month for a day of year that lies within the year.
    static func monthAndDay(yday: Int, leap: Bool) -> (month: Int, mday: Int) {
        var month = 12
        while month > 1 && yday <= daysBeforeMonth(month, leap: leap) { month -= 1 }
        return (month, yday - daysBeforeMonth(month, leap: leap))
    }

    /// The das2 Julian day number (time.md §3), with C's truncating integer division.
    @inline(__always)
    static func julianDay(year: Int, month: Int, mday: Int) -> Int {
        367 * year - 7 * (year + (month + 9) / 12) / 4
            - 3 * ((year + (month - 9) / 7) / 100 + 1) / 4
            + 275 * month / 9 + mday + 1_721_029
    }

    /// Days by which ``civil(shiftedDays:)`` counts from before any representable date, so
    /// that it can use unsigned arithmetic: one million 400-year eras.
    static let eraShiftDays: UInt64 = 146_097 * 1_000_000

    /// Year, month and day of month of `shiftedDays`, a count of days since 1970-01-01 plus
    /// ``eraShiftDays`` (any correct days-to-civil algorithm will do; this is the era-based
    /// one).
    static func civil(shiftedDays: UInt64) -> (year: Int, month: Int, mday: Int) {
        let fromMarch = shiftedDays + 719_468                // days since 0000-03-01, shifted
        let era = fromMarch / 146_097
        let dayOfEra = fromMarch - era * 146_097               // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1
        let monthIndex = (5 * dayOfYear + 2) / 153            // 0 = March
        let mday = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400) - 400 * 1_000_000 + (month <= 2 ? 1 : 0)
        return (year, month, mday)
    }

    /// Days from 1970-01-01 to 2000-01-01.
    private static let daysFrom1970To2000: Int64 = 10_957

    /// The number of the day `year-month-day` (month 1...12) counted from 2000-01-01, negative
    /// before it; exact for any year (the days-from-civil algorithm on 400-year eras).
    package static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        // 719 468 days from 0000-03-01 to 1970-01-01.
        return era * 146_097 + dayOfEra - 719_468 - daysFrom1970To2000
    }

    /// The date of a day number counted from 2000-01-01 (the inverse of
    /// ``days(year:month:day:)``).
    package static func date(daysSince2000 days: Int64) -> (year: Int64, month: Int, day: Int) {
        let date = civil(shiftedDays: UInt64(Int64(eraShiftDays) + days + daysFrom1970To2000))
        return (Int64(date.year), date.month, date.mday)
    }
}
