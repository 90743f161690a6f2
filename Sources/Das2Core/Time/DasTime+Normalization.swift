extension DasTime {
    /// Brings every field into its calendar range, as das2C `tnorm` does (time.md §3).
    ///
    /// In order: a year below 100 gets 1900 added; the month carries into the year; `yday`
    /// is recomputed from `month` and `mday` (the stored `yday` is ignored); seconds outside
    /// [0, 60) carry whole minutes (floor semantics for negatives), minutes carry into hours,
    /// hours into days, days into years; finally `month` and `mday` are recomputed from
    /// `yday`. Non-finite seconds are left as they are.
    public mutating func normalize() {
        if year < 100 { year += 1900 }

        if month > 12 || month < 1 {
            var zeroBased = month - 1
            year += zeroBased / 12
            zeroBased %= 12
            if zeroBased < 0 {
                zeroBased += 12
                year -= 1
            }
            month = zeroBased + 1
        }

        yday = GregorianCalendar.daysBeforeMonth(month, leap: GregorianCalendar.isLeap(year)) + mday

        // Guarded so that a value beyond any calendar cannot trap the integer conversion.
        if (second >= 60 || second < 0) && second.isFinite && abs(second) < 1e15 {
            minute += Int(second / 60)
            second = second.truncatingRemainder(dividingBy: 60)
            if second < 0 {
                second += 60
                minute -= 1
            }
        }

        if minute >= 60 || minute < 0 {
            hour += minute / 60
            minute %= 60
            if minute < 0 {
                minute += 60
                hour -= 1
            }
        }

        if hour >= 24 || hour < 0 {
            yday += hour / 24
            hour %= 24
            if hour < 0 {
                hour += 24
                yday -= 1
            }
        }

        carryDaysIntoYears()

        (month, mday) = GregorianCalendar.monthAndDay(yday: yday, leap: GregorianCalendar.isLeap(year))
    }

    /// A copy brought into calendar range by ``normalize()``.
    /// - Returns: The normalised time.
    public func normalized() -> DasTime {
        var copy = self
        copy.normalize()
        return copy
    }

    /// Moves whole years out of `yday` until it lies within `year`.
    private mutating func carryDaysIntoYears() {
        // Every 400 Gregorian years hold 146 097 days, so long spans are skipped in one step.
        let daysIn400Years = 146_097
        if yday > daysIn400Years {
            let cycles = (yday - 1) / daysIn400Years
            year += 400 * cycles
            yday -= daysIn400Years * cycles
        } else if yday < -daysIn400Years {
            let cycles = -yday / daysIn400Years
            year -= 400 * cycles
            yday += daysIn400Years * cycles
        }
        while yday > GregorianCalendar.daysInYear(year) {
            yday -= GregorianCalendar.daysInYear(year)
            year += 1
        }
        while yday < 1 {
            year -= 1
            yday += GregorianCalendar.daysInYear(year)
        }
    }
}
