extension DasTime {
    /// das2C's `isoc` text, `YYYY-MM-DDThh:mm:SS[.f…]` (time.md §6.2).
    ///
    /// With 0 fraction digits the seconds are rounded half away from zero, as das2C's
    /// `round()`; otherwise printed `%0{d+3}.{d}f`. Seconds that print as 60 carry into the
    /// next minute. A time with a field out of range is normalised first.
    /// - Parameter fractionDigits: Digits after the decimal point, clamped to 0...9.
    /// - Returns: The text.
    public func isoC(fractionDigits: Int) -> String {
        text(fractionDigits: fractionDigits) { time, writer in
            writer.putYear(time.year)
            writer.put(UInt8(ascii: "-"))
            writer.putTwoDigits(time.month)
            writer.put(UInt8(ascii: "-"))
            writer.putTwoDigits(time.mday)
            writer.put(UInt8(ascii: "T"))
        }
    }

    /// das2C's `isod` text, `YYYY-DDDThh:mm:SS[.f…]` with a 3-digit day of year
    /// (time.md §6.2); seconds as in ``isoC(fractionDigits:)``.
    /// - Parameter fractionDigits: Digits after the decimal point, clamped to 0...9.
    /// - Returns: The text.
    public func isoD(fractionDigits: Int) -> String {
        text(fractionDigits: fractionDigits) { time, writer in
            writer.putYear(time.year)
            writer.put(UInt8(ascii: "-"))
            writer.putThreeDigits(time.dayOfYear)
            writer.put(UInt8(ascii: "T"))
        }
    }

    /// das2C's `dual` text, `YYYY-MM-DD (DDD) hh:mm:SS[.f…]` (time.md §6.2); seconds as in
    /// ``isoC(fractionDigits:)``.
    /// - Parameter fractionDigits: Digits after the decimal point, clamped to 0...9.
    /// - Returns: The text.
    public func dual(fractionDigits: Int) -> String {
        text(fractionDigits: fractionDigits) { time, writer in
            writer.putYear(time.year)
            writer.put(UInt8(ascii: "-"))
            writer.putTwoDigits(time.month)
            writer.put(UInt8(ascii: "-"))
            writer.putTwoDigits(time.mday)
            writer.put(UInt8(ascii: " "))
            writer.put(UInt8(ascii: "("))
            writer.putThreeDigits(time.dayOfYear)
            writer.put(UInt8(ascii: ")"))
            writer.put(UInt8(ascii: " "))
        }
    }

    /// Day of year of `month` and `mday`, whatever `yday` holds.
    private var dayOfYear: Int {
        GregorianCalendar.daysBeforeMonth(month, leap: GregorianCalendar.isLeap(year)) + mday
    }

    /// Date text from `date`, then `hh:mm:SS[.f…]`.
    private func text(fractionDigits: Int,
                      date: (DasTime, inout TimeTextWriter) -> Void) -> String {
        let decimals = min(max(fractionDigits, 0), 9)
        var time = printable
        return withUnsafeTemporaryAllocation(byteCount: TimeTextWriter.bufferSize, alignment: 1) { buffer in
            // Seconds first, after room for any date: their carry can change the date.
            var seconds = TimeTextWriter(buffer, at: 64)
            seconds.putSeconds(of: &time, decimals: decimals, roundHalfAway: true)
            var writer = TimeTextWriter(buffer, at: 0)
            date(time, &writer)
            writer.putTwoDigits(time.hour)
            writer.put(UInt8(ascii: ":"))
            writer.putTwoDigits(time.minute)
            writer.put(UInt8(ascii: ":"))
            for i in 64..<seconds.count { writer.put(buffer[i]) }
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[0..<writer.count]), as: UTF8.self)
        }
    }
}
