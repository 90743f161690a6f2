extension TimeScale {
    /// The scale named by a units string, matched exactly and case-sensitively
    /// (`us2000`, `t2000`, `mj1958`, `t1970`, `ns1970`, `TT2000`, `ET2000`, `us1980`, `mjd`).
    ///
    /// `UTC` is not a scale: it names the text encoding whose values are us2000.
    /// - Parameter units: The units string of a plane or datum.
    public init?(units: String) {
        self.init(rawValue: units)
    }

    /// How many units of this scale make one SI second: us2000 1e6, t2000 1, mj1958 1/86400,
    /// ns1970 1e9 and so on. Used to add an interval to an epoch value (time.md §7.3).
    public var unitsPerSecond: Double {
        switch self {
        case .us2000, .us1980: 1e6
        case .t2000, .t1970, .et2000: 1
        case .ns1970, .tt2000: 1e9
        case .mj1958, .mjd: 1.0 / 86_400
        }
    }

    /// The value of a broken-down time in this scale (das2C `Units_convertFromDt`,
    /// time.md §4.1), computed with das2C's exact double arithmetic.
    ///
    /// The calendar date comes from `year`, `month` and `mday` (`yday` is ignored), and the
    /// fields need not be normalised: `23:59:60` is the next day's midnight. TT2000 and
    /// ET2000 apply the leap-second table at that instant.
    /// - Parameter time: The UTC time.
    /// - Returns: The epoch value in this scale.
    public func value(from time: DasTime) -> Double {
        let julianDay = GregorianCalendar.julianDay(year: time.year, month: time.month, mday: time.mday)
        let secondsOfDay = (time.second + Double(time.hour) * 3600.0) + Double(time.minute) * 60.0
        switch self {
        case .mj1958:
            return Double(julianDay - 2_436_205) + secondsOfDay / 86400.0
        case .mjd:
            return (Double(julianDay - 2_436_205) + secondsOfDay / 86400.0) + 36_204
        default:
            let us2000 = Double(julianDay - 2_451_545) * 86_400_000_000.0 + secondsOfDay * 1_000_000.0
            return value(fromUS2000: us2000)
        }
    }

    /// The broken-down UTC time of a value in this scale (das2C `Units_convertToDt`,
    /// time.md §4.2).
    ///
    /// The value becomes POSIX seconds with das2C's double arithmetic, which are truncated to
    /// whole seconds (the previous second for a negative fraction) and split into the
    /// calendar; the fraction is then added to `second`. Rounding can leave `second` at
    /// exactly 60. TT2000 and ET2000 go through us2000, so an inserted leap second lands on
    /// the next minute. Non-finite values give 1970-01-01T00:00 with the value in `second`.
    /// - Parameter value: The epoch value.
    /// - Returns: The broken-down time, `yday` set.
    public func time(from value: Double) -> DasTime {
        Self.civilTime(posixSeconds: posixSeconds(from: value))
    }

    /// POSIX seconds of a value, with das2C's arithmetic (time.md §4.2).
    func posixSeconds(from value: Double) -> Double {
        switch self {
        case .us2000: value * 1e-6 + 946_684_800.0
        case .t2000: value + 946_684_800.0
        case .t1970: value
        case .ns1970: value * 1e-9
        case .mj1958: (value - 4383) * 86400.0
        case .us1980: value * 1e-6 + 315_532_800.0
        case .mjd: (value - 40587) * 86400.0
        case .tt2000, .et2000: us2000(from: value) * 1e-6 + 946_684_800.0
        }
    }

    /// Splits POSIX seconds into the calendar the way das2C does.
    private static func civilTime(posixSeconds posix: Double) -> DasTime {
        // Beyond ±2^53 s (285 million years; and for NaN, ±inf) there is no calendar to
        // split into.
        guard abs(posix) < 0x1p53 else {
            return DasTime(year: 1970, month: 1, mday: 1, yday: 1, hour: 0, minute: 0, second: posix)
        }
        var seconds = Int(posix)  // truncates toward zero
        let fraction = posix - Double(seconds)
        if fraction < 0 { seconds -= 1 }
        // Shifted to be positive, so that the divisions are plain unsigned ones.
        let shifted = UInt64(seconds + Int(GregorianCalendar.eraShiftDays) * 86400)
        let days = shifted / 86400
        let secondOfDay = Int(shifted - days * 86400)
        let date = GregorianCalendar.civil(shiftedDays: days)
        let leap = GregorianCalendar.isLeap(date.year)
        return DasTime(
            year: date.year, month: date.month, mday: date.mday,
            yday: GregorianCalendar.daysBeforeMonth(date.month, leap: leap) + date.mday,
            hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
            second: Double(secondOfDay % 60) + (fraction < 0 ? 1 + fraction : fraction))
    }

    /// Microseconds since 2000-01-01T00:00:00 UTC (no leap seconds) of a value in this scale
    /// (stream-das2.md §6.2).
    /// - Parameter value: The epoch value.
    /// - Returns: The us2000 value.
    public func us2000(from value: Double) -> Double {
        switch self {
        case .us2000: value
        case .t2000: value * 1.0e6
        case .mj1958: (value - 15340) * 86400 * 1e6
        case .t1970: (value - 946_684_800) * 1e6
        case .ns1970: (value - 9.466848e17) * 1e-3
        case .tt2000: LeapSeconds.us2000(fromTT2000: value)
        case .et2000: LeapSeconds.us2000(fromTT2000: EphemerisTime.tt2000(fromET2000: value))
        case .us1980: value - 631_152_000_000_000
        case .mjd: (value - 51544) * 8.64e10
        }
    }

    /// The value in this scale of a us2000 value (stream-das2.md §6.2).
    /// - Parameter us2000: Microseconds since 2000-01-01T00:00:00 UTC, no leap seconds.
    /// - Returns: The epoch value in this scale.
    public func value(fromUS2000 us2000: Double) -> Double {
        switch self {
        case .us2000: us2000
        case .t2000: us2000 * 1e-6
        case .mj1958: us2000 / 8.64e10 + 15340
        case .t1970: us2000 / 1e6 + 946_684_800
        case .ns1970: (us2000 + 9.466848e14) * 1e3
        case .tt2000: LeapSeconds.tt2000(fromUS2000: us2000)
        case .et2000: EphemerisTime.et2000(fromTT2000: LeapSeconds.tt2000(fromUS2000: us2000))
        case .us1980: us2000 + 631_152_000_000_000
        case .mjd: us2000 / 8.64e10 + 51544
        }
    }

    /// Converts a value of this scale into another scale, through us2000 as das2C does.
    /// - Parameters:
    ///   - value: The epoch value in this scale.
    ///   - other: The target scale.
    /// - Returns: The same instant in `other`; `value` itself when the scales are equal.
    public func convert(_ value: Double, to other: TimeScale) -> Double {
        other == self ? value : other.value(fromUS2000: us2000(from: value))
    }
}
