/// TAI − UTC (ΔAT) as the CDF library (and so das2C) tabulates it, and the TT2000 ↔ us2000
/// conversions built on it (time.md §5).
///
/// From 1972 on ΔAT is a whole number of seconds that changes at the start of a month; it is
/// taken as in force at the instant (≥ the boundary), not das2C's "strictly after". For
/// 1960–1971 it drifts: ΔAT = delta + (MJD − mjdBase) × rate, with MJD taken at noon of the
/// UTC day and the result truncated to whole nanoseconds, exactly as CDF computes it. Before
/// 1960 ΔAT is 0.
enum LeapSeconds {
    /// ΔAT from the first of (year, month), 1972 on.
    private static let steps: [(year: Int, month: Int, deltaAT: Int)] = [
        (1972, 1, 10), (1972, 7, 11), (1973, 1, 12), (1974, 1, 13), (1975, 1, 14),
        (1976, 1, 15), (1977, 1, 16), (1978, 1, 17), (1979, 1, 18), (1980, 1, 19),
        (1981, 7, 20), (1982, 7, 21), (1983, 7, 22), (1985, 7, 23), (1988, 1, 24),
        (1990, 1, 25), (1991, 1, 26), (1992, 7, 27), (1993, 7, 28), (1994, 7, 29),
        (1996, 1, 30), (1997, 7, 31), (1999, 1, 32), (2006, 1, 33), (2009, 1, 34),
        (2012, 7, 35), (2015, 7, 36), (2017, 1, 37),
    ]

    /// The 1960–1971 drift rows of the CDF table, each in force from the first of (year, month).
    private static let drifts: [(year: Int, month: Int, delta: Double, mjdBase: Double, rate: Double)] = [
        (1960, 1, 1.4178180, 37300, 0.0012960),
        (1961, 1, 1.4228180, 37300, 0.0012960),
        (1961, 8, 1.3728180, 37300, 0.0012960),
        (1962, 1, 1.8458580, 37665, 0.0011232),
        (1963, 11, 1.9458580, 37665, 0.0011232),
        (1964, 1, 3.2401300, 38761, 0.0012960),
        (1964, 4, 3.3401300, 38761, 0.0012960),
        (1964, 9, 3.4401300, 38761, 0.0012960),
        (1965, 1, 3.5401300, 38761, 0.0012960),
        (1965, 3, 3.6401300, 38761, 0.0012960),
        (1965, 7, 3.7401300, 38761, 0.0012960),
        (1965, 9, 3.8401300, 38761, 0.0012960),
        (1966, 1, 4.3131700, 39126, 0.0025920),
        (1968, 2, 4.2131700, 39126, 0.0025920),
    ]

    private static let julianDay2000 = 2_451_545
    private static let microsecondsPerDay = 86_400_000_000.0

    /// TT2000 zero, 2000-01-01T12:00:00 TT, is 43 200 s after 2000-01-01T00:00 minus TT − TAI.
    private static func offsetNanoseconds(deltaATNanoseconds: Int64) -> Double {
        Double(deltaATNanoseconds + 32_184_000_000 - 43_200_000_000_000)
    }

    /// us2000 at which each step starts.
    private static let stepStartUS2000: [Double] = steps.map {
        Double(GregorianCalendar.julianDay(year: $0.year, month: $0.month, mday: 1) - julianDay2000) * microsecondsPerDay
    }

    /// TT2000 − us2000 × 1000 while each step is in force.
    private static let stepOffset: [Double] = steps.map {
        offsetNanoseconds(deltaATNanoseconds: Int64($0.deltaAT) * 1_000_000_000)
    }

    /// TT2000 at which each step starts.
    private static let stepStartTT2000: [Double] = zip(stepStartUS2000, stepOffset).map { $0 * 1000 + $1 }

    /// Days since 2000-01-01 at which each drift row starts.
    private static let driftStartDay: [Int] = drifts.map {
        GregorianCalendar.julianDay(year: $0.year, month: $0.month, mday: 1) - julianDay2000
    }

    /// TT2000 − us2000 × 1000 (nanoseconds) for the instant `us2000`.
    static func offsetNanoseconds(atUS2000 us2000: Double) -> Double {
        if us2000 >= stepStartUS2000[0] {
            var i = steps.count - 1
            while us2000 < stepStartUS2000[i] { i -= 1 }
            return stepOffset[i]
        }
        guard us2000 >= Double(driftStartDay[0]) * microsecondsPerDay else {
            return offsetNanoseconds(deltaATNanoseconds: 0)
        }
        let day = Int((us2000 / microsecondsPerDay).rounded(.down))
        var i = drifts.count - 1
        while day < driftStartDay[i] { i -= 1 }
        let row = drifts[i]
        let julianDay = Double(julianDay2000 + day)
        let deltaAT = row.delta + ((julianDay - 2_400_000.5) - row.mjdBase) * row.rate
        return offsetNanoseconds(deltaATNanoseconds: Int64(deltaAT * 1e9))
    }

    /// TT2000 nanoseconds of the UTC instant `us2000` (µs since 2000-01-01, no leap seconds).
    static func tt2000(fromUS2000 us2000: Double) -> Double {
        us2000 * 1000 + offsetNanoseconds(atUS2000: us2000)
    }

    /// us2000 of a TT2000 instant. An inserted leap second (23:59:60) lands on the first
    /// second of the next day, as every leap-free scale must place it.
    static func us2000(fromTT2000 tt2000: Double) -> Double {
        if tt2000 >= stepStartTT2000[0] {
            var i = steps.count - 1
            while tt2000 < stepStartTT2000[i] { i -= 1 }
            return (tt2000 - stepOffset[i]) / 1000
        }
        // Before 1972 ΔAT depends on the UTC day being solved for: iterate from ΔAT = 0.
        var us2000 = (tt2000 - offsetNanoseconds(deltaATNanoseconds: 0)) / 1000
        for _ in 0..<3 {
            let next = (tt2000 - offsetNanoseconds(atUS2000: us2000)) / 1000
            if next == us2000 { break }
            us2000 = next
        }
        return us2000
    }
}
