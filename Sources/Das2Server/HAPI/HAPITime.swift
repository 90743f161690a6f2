import Das2Core

/// A HAPI time: a UTC instant held exactly, as a day number and nanoseconds of that day
/// (hapi.md §4). Leap seconds do not exist here, as everywhere in das2.
///
/// Request times (`start`, `stop`) come from ``init(parsing:)``, which accepts the strict grammar of
/// §4.1 and nothing else; server-side times (valid ranges, record times) are whole microseconds
/// since 2000-01-01 (``init(microseconds:)``).
struct HAPITime: Hashable, Comparable, Sendable {
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// Days since 2000-01-01 (negative before).
    var day: Int64
    /// Nanoseconds since the start of ``day``, `0..<nanosecondsPerDay`.
    var nanosecond: Int64

    init(day: Int64, nanosecond: Int64) {
        self.day = day + nanosecond.floorDivided(by: Self.nanosecondsPerDay)
        self.nanosecond = nanosecond.floorModulo(Self.nanosecondsPerDay)
    }

    /// The instant `microseconds` after 2000-01-01T00:00:00.
    init(microseconds: Int64) {
        let perDay: Int64 = 86_400_000_000
        self.init(day: microseconds.floorDivided(by: perDay), nanosecond: microseconds.floorModulo(perDay) * 1000)
    }

    static func < (lhs: HAPITime, rhs: HAPITime) -> Bool {
        (lhs.day, lhs.nanosecond) < (rhs.day, rhs.nanosecond)
    }

    /// The smallest whole microsecond count (since 2000) not before this instant: a record time
    /// `t` (whole microseconds) satisfies `t ≥ self` exactly when `t ≥ microsecondsRoundedUp`.
    var microsecondsRoundedUp: Int64 {
        day * 86_400_000_000 + (nanosecond + 999) / 1000
    }

    /// Seconds from `other` to this instant.
    func seconds(since other: HAPITime) -> Double {
        Double(day - other.day) * 86_400 + Double(nanosecond - other.nanosecond) * 1e-9
    }

    /// The civil date and time of day.
    var components: (year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int) {
        let date = GregorianCalendar.date(daysSince2000: day)
        let seconds = nanosecond / 1_000_000_000
        return (
            date.year, date.month, date.day, Int(seconds / 3600), Int(seconds % 3600 / 60), Int(seconds % 60),
            Int(nanosecond % 1_000_000_000)
        )
    }
}

extension HAPITime {
    /// Parses a request time of hapi.md §4.1, or returns nil when it does not follow the grammar
    /// or a field is out of range.
    init?(parsing text: some StringProtocol) {
        var scanner = ByteScanner(Array(text.utf8))
        guard let year = scanner.digits(4) else { return nil }
        var month = 1
        var dayOfMonth = 1
        var dayOfYear: Int?
        var completeDate = false
        if scanner.take(UInt8(ascii: "-")) {
            if let three = scanner.digitsFollowedByNonDigit(3) {
                dayOfYear = three
                completeDate = true
            } else if let two = scanner.digits(2) {
                month = two
                if scanner.take(UInt8(ascii: "-")) {
                    guard let day = scanner.digits(2) else { return nil }
                    dayOfMonth = day
                    completeDate = true
                }
            } else {
                return nil
            }
        }
        var days: Int64
        if let dayOfYear {
            guard (1...GregorianCalendar.daysInYear(year)).contains(dayOfYear) else { return nil }
            days = GregorianCalendar.days(year: Int64(year), month: 1, day: 1) + Int64(dayOfYear - 1)
        } else {
            guard (1...12).contains(month), (1...GregorianCalendar.daysInMonth(month, year: year)).contains(dayOfMonth) else {
                return nil
            }
            days = GregorianCalendar.days(year: Int64(year), month: month, day: dayOfMonth)
        }
        var nanoseconds: Int64 = 0
        if scanner.take(UInt8(ascii: "T")) {
            guard completeDate, let clock = Self.clock(&scanner) else { return nil }
            nanoseconds = clock
        }
        _ = scanner.take(UInt8(ascii: "Z"))
        guard scanner.isAtEnd else { return nil }
        self.init(day: days, nanosecond: nanoseconds)
    }

    /// `hour [":" minute [":" second ["." 1*9DIGIT]]]` as nanoseconds of the day; 24:00 and
    /// 23:59:60 are the next day's midnight.
    private static func clock(_ scanner: inout ByteScanner) -> Int64? {
        guard let hour = scanner.digits(2) else { return nil }
        var minute = 0
        var second = 0
        var fraction: Int64 = 0
        if scanner.take(UInt8(ascii: ":")) {
            guard let value = scanner.digits(2) else { return nil }
            minute = value
            if scanner.take(UInt8(ascii: ":")) {
                guard let value = scanner.digits(2) else { return nil }
                second = value
                if scanner.take(UInt8(ascii: ".")) {
                    guard let value = scanner.fraction(maximumDigits: 9) else { return nil }
                    fraction = value
                }
            }
        }
        if hour == 24 {
            guard minute == 0, second == 0, fraction == 0 else { return nil }
            return nanosecondsPerDay
        }
        guard hour < 24, minute < 60 else { return nil }
        if second == 60 {
            guard hour == 23, minute == 59, fraction == 0 else { return nil }
            return nanosecondsPerDay
        }
        guard second < 60 else { return nil }
        return (Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)) * 1_000_000_000 + fraction
    }
}

extension HAPITime {
    /// The form handed to readers (§4.3): `YYYY-MM-DDThh:mm:ss`, then `.` and the fraction without
    /// trailing zeros when it is not zero.
    var readerText: String {
        let c = components
        var text = Self.dateTimeText(c)
        if c.nanosecond != 0 {
            var digits = Array(Self.padded(Int64(c.nanosecond), 9).utf8)
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            text += "." + String(decoding: digits, as: UTF8.self)
        }
        return text
    }

    /// The metadata form (§4.3): `YYYY-MM-DDThh:mm:ssZ`, or with six fraction digits when the
    /// second is not whole (the fraction is cut to microseconds, rounding up).
    var metadataText: String {
        let rounded = HAPITime(microseconds: microsecondsRoundedUp)
        let c = rounded.components
        if c.nanosecond == 0 { return Self.dateTimeText(c) + "Z" }
        return Self.dateTimeText(c) + "." + Self.padded(Int64(c.nanosecond / 1000), 6) + "Z"
    }

    private static func dateTimeText(
        _ c: (year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int)
    ) -> String {
        "\(padded(c.year, 4))-\(padded(Int64(c.month), 2))-\(padded(Int64(c.day), 2))T"
            + "\(padded(Int64(c.hour), 2)):\(padded(Int64(c.minute), 2)):\(padded(Int64(c.second), 2))"
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension HAPITime {
    /// The same instant as a das2 broken-down time.
    var dasTime: DasTime {
        let c = components
        return DasTime(
            year: Int(c.year), month: c.month, mday: c.day, hour: c.hour, minute: c.minute,
            second: Double(c.second) + Double(c.nanosecond) * 1e-9
        )
    }
}

/// Reads a byte string field by field.
private struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<(index + count)] {
            guard Self.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// Exactly `count` digits not followed by another digit (a day of year, not a month).
    mutating func digitsFollowedByNonDigit(_ count: Int) -> Int? {
        let end = index + count
        guard end <= bytes.count, end == bytes.count || !Self.isDigit(bytes[end]) else { return nil }
        return digits(count)
    }

    /// 1 to `maximumDigits` digits read as a decimal fraction, in units of 10^-maximumDigits.
    mutating func fraction(maximumDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, Self.isDigit(bytes[index]) {
            count += 1
            guard count <= maximumDigits else { return nil }
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<maximumDigits { value *= 10 }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
