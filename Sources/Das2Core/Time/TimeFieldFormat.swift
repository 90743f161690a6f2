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
        appendText(of: time.printable, to: &bytes)
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
        guard value != -1e31 && value.isFinite else {
            appendText(of: Self.fillTime, to: &bytes)
            return
        }
        var time = scale.time(from: value)
        // The split adds a fraction to whole seconds, which can round up to exactly 60.
        if time.second >= 60 {
            time.second -= 60
            time.addMinute()
        }
        appendText(of: time, to: &bytes)
    }

    /// The time das2C prints for fill: 0001-01-01T00:00:00.
    private static let fillTime = DasTime(year: 1, month: 1, mday: 1, yday: 1, hour: 0, minute: 0, second: 0)

    private func appendText(of time: DasTime, to bytes: inout [UInt8]) {
        let start = bytes.count
        if !appendPattern(time, to: &bytes) {
            bytes.removeSubrange(start...)
            _ = appendPattern(Self.fillTime, to: &bytes)
        }
        let padding = width - 1 - (bytes.count - start)
        if padding > 0 { bytes.append(contentsOf: repeatElement(0x20, count: padding)) }
    }

    /// Appends the pattern; `false` (with partial output) when the time does not fit it.
    private func appendPattern(_ time: DasTime, to bytes: inout [UInt8]) -> Bool {
        guard TimeTextWriter.yearFitsFourCharacters(time.year) else { return false }
        guard case .second(let decimals) = resolution else {
            appendFields(of: time, to: &bytes)
            return true
        }
        guard time.second >= 0 && time.second < 60 else { return false }
        let start = bytes.count
        appendFields(of: time, to: &bytes)
        let secondsStart = bytes.count
        FloatFormat(.fixed, width: decimals == 0 ? 2 : decimals + 3, precision: decimals, flags: .zeroPad)
            .append(time.second, to: &bytes)
        guard TimeTextWriter.readsSixty(bytes, at: secondsStart) else { return true }
        // Rare: the seconds rounded up to 60. Redo the text one minute later with zero seconds.
        var later = time
        later.addMinute()
        guard TimeTextWriter.yearFitsFourCharacters(later.year) else { return false }
        bytes.removeSubrange(start...)
        appendFields(of: later, to: &bytes)
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "0"))
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals))
        }
        return true
    }

    /// Appends `YYYY-MM-DDThh:mm` cut to this format's resolution, with the `:` before the
    /// seconds when it prints them.
    private func appendFields(of time: DasTime, to bytes: inout [UInt8]) {
        let length = switch resolution {
        case .year: 4
        case .month: 7
        case .day: 10
        case .hour: 13
        case .minute: 16
        case .second: 17
        }
        bytes.append(addingCapacity: length) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                var writer = TimeTextWriter(UnsafeMutableRawBufferPointer(buffer), at: 0)
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
                initialized = length
            }
        }
    }
}
