/// Text forms of numbers and us2000 times shared by ``Datum`` and ``DatumRange``.
enum DatumText {
    /// The shortest round-tripping text of a number, without a trailing `.0`, then the units.
    static func number(_ value: Double, units: Units) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return units.symbol.isEmpty ? text : text + " " + units.symbol
    }

    /// us2000 of 0001-01-01T00:00:00 and of 10000-01-01T00:00:00.
    private static let printableTimes = -63_082_281_600_000_000.0 ..< 252_455_616_000_000_000.0

    /// `YYYY-MM-DDThh:mm:ss[.ffffff]` for a us2000 value rounded to the microsecond, the
    /// fraction trimmed of trailing zeros and omitted when zero.
    static func time(us2000 value: Double) -> String {
        guard printableTimes.contains(value) else { return number(value, units: .us2000) }
        let microseconds = Int64(value.rounded(.toNearestOrEven))
        let perDay: Int64 = 86_400_000_000
        var day = microseconds / perDay
        var ofDay = microseconds % perDay
        if ofDay < 0 {
            ofDay += perDay
            day -= 1
        }
        // Noon of the day keeps the calendar lookup clear of rounding at midnight.
        let date = TimeScale.us2000.time(from: (Double(day) + 0.5) * Double(perDay))
        var text = padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.mday, 2)
        let seconds = Int(ofDay / 1_000_000)
        text += "T" + padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2) + ":" + padded(seconds % 60, 2)
        var fraction = Int(ofDay % 1_000_000)
        if fraction != 0 {
            var digits = 6
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            text += "." + padded(fraction, digits)
        }
        return text
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
    }
}
