import Das2Core

/// HTTP dates (RFC 9110 §5.6.7) as whole POSIX seconds: `Last-Modified` is written in the
/// IMF-fixdate form, `If-Modified-Since` is read in it (other forms count as absent, which the
/// RFC allows for dates a server cannot parse).
package enum HTTPDate {
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// Days from 1970-01-01 to 2000-01-01.
    private static let unixToY2KDays: Int64 = 10_957

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    package static func text(posixSeconds: Int64) -> String {
        let days = posixSeconds.floorDivided(by: 86_400)
        let second = posixSeconds.floorModulo(86_400)
        let date = GregorianCalendar.date(daysSince2000: days - unixToY2KDays)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let weekday = dayNames[Int(days.floorModulo(7))]
        return "\(weekday), \(two(Int64(date.day))) \(monthNames[date.month - 1]) \(date.year) "
            + "\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60)) GMT"
    }

    /// The POSIX seconds of an IMF-fixdate, nil for anything else.
    static func posixSeconds(parsing text: String) -> Int64? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), dayNames.contains(String(parts[0].dropLast())),
            parts[1].count == 2, let day = Int(parts[1]), let monthIndex = monthNames.firstIndex(of: String(parts[2])),
            parts[3].count == 4, let year = Int64(parts[3]), parts[5] == "GMT"
        else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let hour = Int64(clock[0]), let minute = Int64(clock[1]),
            let second = Int64(clock[2]), hour < 24, minute < 60, second < 61,
            (1...GregorianCalendar.daysInMonth(monthIndex + 1, year: Int(year))).contains(day)
        else { return nil }
        let days = GregorianCalendar.days(year: year, month: monthIndex + 1, day: day) + unixToY2KDays
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }
}
