/// The text form of a das2 `timeN` value (stream-das2.md §5.4, time.md §6.1).
///
/// A field of width N holds N − 1 bytes of text and pad blanks, then one separator that the
/// stream writer adds. The text is das2C's default pattern for the width, from `YYYY` to
/// `YYYY-MM-DDThh:mm:SS.sssssssss`; seconds are printed with printf rounding, and a value that
/// rounds to 60 seconds carries into the next minute instead of printing `:60`.
public struct TimeFieldFormat: Hashable, Sendable {
    private enum Resolution: Hashable, Sendable {
        case year, month, day, hour, minute
        /// Seconds with this many fraction digits (0...9).
        case second(decimals: Int)
    }

    /// N, including the one separator byte.
    public let width: Int
    private let resolution: Resolution

    /// das2C's default format for a `timeN` field.
    ///
    /// | N | text |
    /// |---|---|
    /// | 5–7 | `YYYY` |
    /// | 8–10 | `YYYY-MM` |
    /// | 11–13 | `YYYY-MM-DD` |
    /// | 14–16 | `YYYY-MM-DDThh` |
    /// | 17–19 | `YYYY-MM-DDThh:mm` |
    /// | 20–21 | `…:SS` (`%02.0f`) |
    /// | 22 / 23 | `…:SS.s` / `…:SS.ss` |
    /// | 24–26 | `…:SS.sss` |
    /// | 27–29 | `…:SS.ssssss` |
    /// | 30–31 | `…:SS.sssssssss` |
    ///
    /// Narrower texts are padded with blanks to N − 1 bytes.
    /// - Parameter width: N, 5...31.
    /// - Returns: `nil` outside 5...31, where das2C has no default.
    public init?(width: Int) {
        let resolution: Resolution
        switch width {
        case 5...7: resolution = .year
        case 8...10: resolution = .month
        case 11...13: resolution = .day
        case 14...16: resolution = .hour
        case 17...19: resolution = .minute
        case 20, 21: resolution = .second(decimals: 0)
        case 22: resolution = .second(decimals: 1)
        case 23: resolution = .second(decimals: 2)
        case 24...26: resolution = .second(decimals: 3)
        case 27...29: resolution = .second(decimals: 6)
        case 30, 31: resolution = .second(decimals: 9)
        default: return nil
        }
        self.width = width
        self.resolution = resolution
    }

    /// `YYYY-MM-DDThh:mm:SS.f…` with `fractionDigits` digits, as `das2_ascii -s d` writes it:
    /// width 21 + d, or 20 with `%02.0f` seconds for d = 0.
    /// - Parameter fractionDigits: Digits after the decimal point, clamped to 0...9.
    public init(fractionDigits: Int) {
        let decimals = min(max(fractionDigits, 0), 9)
        width = decimals == 0 ? 20 : 21 + decimals
        resolution = .second(decimals: decimals)
    }

    /// Appends the text of a time: exactly `width − 1` bytes, text then pad blanks.
    ///
    /// A time with a field out of calendar range is normalised first (``DasTime/normalize()``).
    /// Seconds that print as 60 with this format's decimals become 0 and one minute is added,
    /// carrying into hour, day, month and year (tools.md §10 row 1). A time that cannot fill
    /// the pattern exactly (a year outside −999...9999, or non-finite seconds where seconds are
    /// printed) is written as the fill text, `0001-01-01T00:00:00.000…`.
    /// - Parameters:
    ///   - time: The UTC time.
    ///   - bytes: The output; `width − 1` bytes are appended.
    public func append(_ time: DasTime, to bytes: inout [UInt8]) {
        appendField(to: &bytes) { writeText(of: time.printable, to: $0) }
    }

    /// Appends the text of an epoch value: exactly `width − 1` bytes, text then pad blanks.
    ///
    /// The calendar split follows das2C (``TimeScale/time(from:)``) so the digits match its
    /// output, apart from the seconds carry. The das2 fill value, exactly −1e31, and values
    /// that have no printable calendar time (NaN, ±inf, years beyond 9999) are written as the
    /// fill text, `0001-01-01T00:00:00.000…` cut to this format's resolution.
    /// - Parameters:
    ///   - value: The epoch value.
    ///   - scale: The scale of `value`.
    ///   - bytes: The output; `width − 1` bytes are appended.
    public func append(_ value: Double, in scale: TimeScale, to bytes: inout [UInt8]) {
        appendField(to: &bytes) { write(value, in: scale, to: $0) }
    }

    /// Writes the text of an epoch value into a field, as ``append(_:in:to:)`` appends it.
    /// - Parameter field: Where the `width − 1` bytes go; it must hold at least that many.
    public func write(_ value: Double, in scale: TimeScale, to field: UnsafeMutableRawBufferPointer) {
        precondition(field.count >= width - 1, "a time field needs width - 1 bytes")
        guard value != -1e31 && value.isFinite else {
            writeText(of: Self.fillTime, to: field)
            return
        }
        var time = scale.time(from: value)
        // The split adds a fraction to whole seconds, which can round up to exactly 60.
        if time.second >= 60 {
            time.second -= 60
            time.addMinute()
        }
        writeText(of: time, to: field)
    }

    /// Text shared by consecutive writes: the `YYYY-MM-DDThh:mm:` of the last minute written.
    ///
    /// Records of a stream are close in time, so most values fall in the minute before; with
    /// a cache their fields only need the seconds formatted. One cache serves any number of
    /// formats and scales.
    public struct Cache: Sendable {
        fileprivate var minute = Int.min
        fileprivate var prefix: (UInt64, UInt64, UInt8) = (0, 0, 0)

        /// An empty cache.
        public init() {}
    }

    /// Writes like ``write(_:in:to:)``, reusing the date and time of the last minute written.
    /// The text is identical.
    public func write(_ value: Double, in scale: TimeScale, to field: UnsafeMutableRawBufferPointer, cache: inout Cache) {
        guard case .second(let decimals) = resolution, value != -1e31, value.isFinite else {
            write(value, in: scale, to: field)
            return
        }
        let posix = scale.posixSeconds(from: value)
        guard abs(posix) < 0x1p53 else {
            write(value, in: scale, to: field)
            return
        }
        // The split of TimeScale.time(from:), done here to keep the minute.
        var seconds = Int(posix)
        let fraction = posix - Double(seconds)
        if fraction < 0 { seconds -= 1 }
        let secondOfMinute = ((seconds % 60) + 60) % 60
        let minute = seconds - secondOfMinute
        let second = Double(secondOfMinute) + (fraction < 0 ? 1 + fraction : fraction)
        if minute != cache.minute {
            let start = Self.minuteTime(posixSeconds: minute)
            guard TimeTextWriter.yearFitsFourCharacters(start.year) else {
                write(value, in: scale, to: field)
                return
            }
            withUnsafeMutableBytes(of: &cache.prefix) { prefix in
                _ = TimeFieldFormat(fractionDigits: 0).writeFields(of: start, to: prefix)
            }
            cache.minute = minute
        }
        guard second < 60 else {
            write(value, in: scale, to: field)
            return
        }
        withUnsafeBytes(of: cache.prefix) { prefix in
            field.copyMemory(from: UnsafeRawBufferPointer(rebasing: prefix[0..<17]))
        }
        let format = FloatFormat(.fixed, width: decimals == 0 ? 2 : decimals + 3, precision: decimals, flags: .zeroPad)
        guard let count = format.write(second, into: UnsafeMutableRawBufferPointer(rebasing: field[17...])),
            !TimeTextWriter.readsSixty(UnsafeRawBufferPointer(rebasing: field[..<(17 + count)]), at: 17)
        else {
            // Seconds that print as 60 carry into the next minute: the full path handles it.
            write(value, in: scale, to: field)
            return
        }
        for index in (17 + count)..<(width - 1) { field[index] = 0x20 }
    }

    /// The calendar time of a whole minute given in POSIX seconds.
    private static func minuteTime(posixSeconds seconds: Int) -> DasTime {
        TimeScale.t1970.time(from: Double(seconds))
    }

    /// The time das2C prints for fill: 0001-01-01T00:00:00.
    private static let fillTime = DasTime(year: 1, month: 1, mday: 1, yday: 1, hour: 0, minute: 0, second: 0)

    private func appendField(to bytes: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        let count = width - 1
        bytes.append(addingCapacity: count) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                body(UnsafeMutableRawBufferPointer(buffer))
                initialized = count
            }
        }
    }

    /// Writes the text and pad blanks, `width − 1` bytes.
    private func writeText(of time: DasTime, to field: UnsafeMutableRawBufferPointer) {
        let text = writePattern(time, to: field) ?? writePattern(Self.fillTime, to: field)!
        for index in text..<(width - 1) { field[index] = 0x20 }
    }

    /// Writes the pattern; nil when the time does not fit it.
    private func writePattern(_ time: DasTime, to field: UnsafeMutableRawBufferPointer) -> Int? {
        guard TimeTextWriter.yearFitsFourCharacters(time.year) else { return nil }
        guard case .second(let decimals) = resolution else {
            return writeFields(of: time, to: field)
        }
        guard time.second >= 0 && time.second < 60 else { return nil }
        let secondsStart = writeFields(of: time, to: field)
        let seconds = FloatFormat(.fixed, width: decimals == 0 ? 2 : decimals + 3, precision: decimals, flags: .zeroPad)
        guard let count = seconds.write(time.second, into: UnsafeMutableRawBufferPointer(rebasing: field[secondsStart...])) else {
            return nil
        }
        let end = secondsStart + count
        guard TimeTextWriter.readsSixty(UnsafeRawBufferPointer(rebasing: field[..<end]), at: secondsStart) else { return end }
        // Rare: the seconds rounded up to 60. Redo the text one minute later with zero seconds.
        var later = time
        later.addMinute()
        guard TimeTextWriter.yearFitsFourCharacters(later.year) else { return nil }
        var position = writeFields(of: later, to: field)
        field[position] = UInt8(ascii: "0")
        field[position + 1] = UInt8(ascii: "0")
        position += 2
        if decimals > 0 {
            field[position] = UInt8(ascii: ".")
            position += 1
            for _ in 0..<decimals {
                field[position] = UInt8(ascii: "0")
                position += 1
            }
        }
        return position
    }

    /// Writes `YYYY-MM-DDThh:mm` cut to this format's resolution, with the `:` before the
    /// seconds when it prints them; returns the length.
    private func writeFields(of time: DasTime, to field: UnsafeMutableRawBufferPointer) -> Int {
        let length = switch resolution {
        case .year: 4
        case .month: 7
        case .day: 10
        case .hour: 13
        case .minute: 16
        case .second: 17
        }
        var writer = TimeTextWriter(field, at: 0)
        writer.putYear(time.year)
        if length > 4 {
            writer.put(UInt8(ascii: "-"))
            writer.putTwoDigits(time.month)
        }
        if length > 7 {
            writer.put(UInt8(ascii: "-"))
            writer.putTwoDigits(time.mday)
        }
        if length > 10 {
            writer.put(UInt8(ascii: "T"))
            writer.putTwoDigits(time.hour)
        }
        if length > 13 {
            writer.put(UInt8(ascii: ":"))
            writer.putTwoDigits(time.minute)
        }
        if length > 16 { writer.put(UInt8(ascii: ":")) }
        return length
    }
}
