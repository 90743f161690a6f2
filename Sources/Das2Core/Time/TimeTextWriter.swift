/// The pieces of das2C's fixed time patterns (`%04d-%02d-%02dT%02d:%02d:%0w.df`), shared by
/// ``TimeFieldFormat`` and the ISO helpers, with this project's seconds carry
/// (tools.md §10 row 1).
struct TimeTextWriter {
    /// Stack buffer size for an ISO text: `FloatFormat.write` wants room for any `%f` text
    /// (about 320 bytes at 9 decimals) after the date, even though seconds take at most 12.
    static let bufferSize = 512

    private let buffer: UnsafeMutableRawBufferPointer
    /// Index of the next byte to write: the end of the text written so far.
    private(set) var count: Int

    /// A writer that starts at `offset` in `buffer`.
    init(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        self.buffer = buffer
        self.count = offset
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// `%02d` of a value in 0...99.
    @inline(__always)
    mutating func putTwoDigits(_ value: Int) {
        let tens = value / 10
        buffer[count] = UInt8(truncatingIfNeeded: tens) &+ 0x30
        buffer[count + 1] = UInt8(truncatingIfNeeded: value - tens * 10) &+ 0x30
        count += 2
    }

    /// `%03d` of a value in 0...999.
    mutating func putThreeDigits(_ value: Int) {
        let hundreds = value / 100
        put(UInt8(truncatingIfNeeded: hundreds) &+ 0x30)
        putTwoDigits(value - hundreds * 100)
    }

    /// `%04d` of any year, as printf writes it (`-005`, `12345`).
    @inline(__always)
    mutating func putYear(_ year: Int) {
        if year >= 0 && year <= 9999 {
            putTwoDigits(year / 100)
            putTwoDigits(year % 100)
        } else {
            putOtherYear(year)
        }
    }

    private mutating func putOtherYear(_ year: Int) {
        var digits = 0
        var probe = year.magnitude
        repeat {
            digits += 1
            probe /= 10
        } while probe > 0
        if year < 0 { put(UInt8(ascii: "-")) }
        putMagnitude(year.magnitude, width: max(digits, year < 0 ? 3 : 4))
    }

    @inline(__always)
    private mutating func putMagnitude(_ value: UInt, width: Int) {
        var rest = value
        var i = count + width - 1
        while i >= count {
            buffer[i] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
            i -= 1
        }
        count += width
    }

    /// Whether `%04d` of `year` takes exactly four characters.
    static func yearFitsFourCharacters(_ year: Int) -> Bool {
        year >= -999 && year <= 9999
    }

    /// The seconds of `time` printed with `decimals` fraction digits, das2C style; when the
    /// text reads 60 it becomes `00…` and `time` moves on by one minute.
    ///
    /// - Parameters:
    ///   - time: The time whose seconds are printed; in calendar range.
    ///   - decimals: Fraction digits, 0...9.
    ///   - roundHalfAway: For 0 decimals, round as C `round()` (the ISO helpers) instead of
    ///     printf's `%02.0f` (the `time20`/`time21` fields).
    mutating func putSeconds(of time: inout DasTime, decimals: Int, roundHalfAway: Bool) {
        let start = count
        if decimals == 0 && roundHalfAway && time.second >= 0 && time.second < 60 {
            putTwoDigits(Int(time.second.rounded(.toNearestOrAwayFromZero)))
        } else {
            let format = FloatFormat(.fixed, width: decimals == 0 ? 2 : decimals + 3,
                                     precision: decimals, flags: .zeroPad)
            count += format.write(time.second, to: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
        }
        guard Self.readsSixty(UnsafeRawBufferPointer(rebasing: buffer[..<count]), at: start) else { return }
        buffer[start] = UInt8(ascii: "0")
        for i in (start + 1)..<count where buffer[i] != UInt8(ascii: ".") {
            buffer[i] = UInt8(ascii: "0")
        }
        time.second = 0
        time.addMinute()
    }

    /// Whether the seconds printed at `start` in `text` read 60 (`60`, `60.000`…), the case
    /// the carry rule catches.
    static func readsSixty<Text: RandomAccessCollection<UInt8>>(_ text: Text, at start: Int) -> Bool
    where Text.Index == Int {
        let printed = text.endIndex - start
        return printed >= 2 && text[start] == UInt8(ascii: "6") && text[start + 1] == UInt8(ascii: "0")
            && (printed == 2 || text[start + 2] == UInt8(ascii: "."))
    }
}

extension DasTime {
    /// Whether every field lies in its calendar range, so the time prints as it is.
    /// Non-finite seconds count as in range: normalising cannot fix them.
    var isInCalendarRange: Bool {
        (1...12).contains(month)
            && mday >= 1 && mday <= GregorianCalendar.daysInMonth(month, year: year)
            && (0...23).contains(hour) && (0...59).contains(minute)
            && !(second < 0 || second >= 60)
    }

    /// This time, normalised first if a field is out of range, ready to print.
    var printable: DasTime {
        isInCalendarRange ? self : normalized()
    }

    /// Adds one minute to a time in calendar range, carrying into hour, day, month and year.
    mutating func addMinute() {
        minute += 1
        guard minute == 60 else { return }
        minute = 0
        hour += 1
        guard hour == 24 else { return }
        hour = 0
        mday += 1
        yday += 1
        guard mday > GregorianCalendar.daysInMonth(month, year: year) else { return }
        mday = 1
        month += 1
        guard month == 13 else { return }
        month = 1
        yday = 1
        year += 1
    }
}
