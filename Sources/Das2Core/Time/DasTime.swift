#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A broken-down UTC time, the das2C `das_time`.
///
/// The fields are stored as given: a parsed time may hold `second == 60` or `75.5`, and
/// arithmetic may push any field out of range. Call ``normalize()`` to bring them back into
/// the calendar (das2C `tnorm`, time.md §3). There are no time zones and no leap seconds:
/// every minute has 60 seconds.
public struct DasTime: Hashable, Sendable {
    /// Calendar year; 4-digit years below 100 are kept as parsed (normalisation adds 1900).
    public var year: Int
    /// Month of the year, 1...12 when normalised.
    public var month: Int
    /// Day of the month, 1...31 when normalised.
    public var mday: Int
    /// Day of the year, 1...366, derived from `month` and `mday` by the initialisers,
    /// the parser and ``normalize()``.
    public var yday: Int
    /// Hour of the day, 0...23 when normalised.
    public var hour: Int
    /// Minute of the hour, 0...59 when normalised.
    public var minute: Int
    /// Seconds of the minute, in [0, 60) when normalised.
    public var second: Double

    /// Creates a time from a calendar date and a time of day.
    ///
    /// The fields are stored unchanged; `yday` is computed from `month` and `mday`
    /// (0 when `month` is outside 1...12).
    /// - Parameters:
    ///   - year: Calendar year.
    ///   - month: Month, 1...12.
    ///   - mday: Day of month.
    ///   - hour: Hour of day.
    ///   - minute: Minute of hour.
    ///   - second: Seconds of minute, fraction included.
    public init(year: Int, month: Int, mday: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        self.year = year
        self.month = month
        self.mday = mday
        self.yday = (1...12).contains(month)
            ? GregorianCalendar.daysBeforeMonth(month, leap: GregorianCalendar.isLeap(year)) + mday
            : 0
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Creates a time from a year, a day of year and a time of day.
    ///
    /// When `yday` lies within the year, `month` and `mday` are computed from it; otherwise
    /// `month` is 1 and `mday` is `yday`, so that ``normalize()`` carries it into the
    /// right year.
    /// - Parameters:
    ///   - year: Calendar year.
    ///   - yday: Day of year, 1...365 (366 in leap years).
    ///   - hour: Hour of day.
    ///   - minute: Minute of hour.
    ///   - second: Seconds of minute, fraction included.
    public init(year: Int, yday: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        let leap = GregorianCalendar.isLeap(year)
        if (1...(leap ? 366 : 365)).contains(yday) {
            (month, mday) = GregorianCalendar.monthAndDay(yday: yday, leap: leap)
        } else {
            (month, mday) = (1, yday)
        }
        self.year = year
        self.yday = yday
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Creates a time with every field given, unchanged.
    init(year: Int, month: Int, mday: Int, yday: Int, hour: Int, minute: Int, second: Double) {
        self.year = year
        self.month = month
        self.mday = mday
        self.yday = yday
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The current calendar year of the local clock, the parser's default year.
    ///
    /// Read once per process, on first use, so that parsing never makes a system call.
    public static var currentYear: Int { localYearAtFirstUse }

    private static let localYearAtFirstUse: Int = {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return 1970 }
        return Int(parts.tm_year) + 1900
    }()
}
