import Das2Core

/// Writes record times as `YYYY-MM-DDThh:mm:ss.ffffffZ` (27 bytes, hapi.md §4.3).
///
/// Consecutive records almost always share a day, so the date part is computed once per day.
struct IsoTimeWriter: Sendable {
    /// The length of every time string.
    static let length = 27

    private var cachedDay: Int64 = .min
    private var datePrefix: [UInt8] = []

    /// Appends the time `microseconds` after 2000-01-01T00:00:00.
    mutating func append(microseconds: Int64, to output: inout [UInt8]) {
        let perDay: Int64 = 86_400_000_000
        let day = microseconds.floorDivided(by: perDay)
        if day != cachedDay {
            cachedDay = day
            let date = GregorianCalendar.date(daysSince2000: day)
            datePrefix.removeAll(keepingCapacity: true)
            Self.appendDigits(Int(date.year.magnitude % 10_000), count: 4, to: &datePrefix)
            datePrefix.append(UInt8(ascii: "-"))
            Self.appendDigits(date.month, count: 2, to: &datePrefix)
            datePrefix.append(UInt8(ascii: "-"))
            Self.appendDigits(date.day, count: 2, to: &datePrefix)
            datePrefix.append(UInt8(ascii: "T"))
        }
        output += datePrefix
        let ofDay = microseconds - day * perDay
        let seconds = Int(ofDay / 1_000_000)
        Self.appendDigits(seconds / 3600, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        Self.appendDigits(seconds % 3600 / 60, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        Self.appendDigits(seconds % 60, count: 2, to: &output)
        output.append(UInt8(ascii: "."))
        Self.appendDigits(Int(ofDay % 1_000_000), count: 6, to: &output)
        output.append(UInt8(ascii: "Z"))
    }

    private static func appendDigits(_ value: Int, count: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
