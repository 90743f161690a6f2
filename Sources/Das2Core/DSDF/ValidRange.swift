/// The time span a data source can serve: its DSDF `validRange` (dsdf.md §4.2).
///
/// Requests are trimmed to it (server-protocol.md §4.4) and the JSON and HAPI descriptions
/// show it. The value is `BEGIN to END[ UTC]` by the convention of ``TimeRangeText``; END may
/// be `now` (any case), meaning tomorrow's UTC date at 00:00. A source without `validRange`,
/// or with a value that does not split into two parts, spans `1977-01-01` to tomorrow.
public struct ValidRange: Hashable, Sendable {
    /// The begin as written (after `UTC` removal and trimming), or `1977-01-01`.
    public var beginText: String
    /// The end as written, or tomorrow's date as `YYYY-MM-DD` for `now` and the fallback.
    public var endText: String
    /// The begin, parsed and normalised.
    public var begin: DasTime
    /// The end, parsed and normalised.
    public var end: DasTime

    /// Parses a `validRange` value.
    ///
    /// The clock is never read: `now` supplies the current UTC time for an END of `now`, for
    /// the fallback range and as the default year of the time parser.
    /// - Parameters:
    ///   - value: The DSDF `validRange` value, or `nil` when the key is absent.
    ///   - now: The current UTC time.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` when the value splits into
    ///   two parts of which one is not a time.
    public init(parsing value: String?, now: DasTime) throws(Das2CoreError) {
        guard let value, let parts = TimeRangeText.split(value) else {
            self = ValidRange.fallback(now: now)
            return
        }
        let tomorrow = ValidRange.tomorrow(after: now)
        let endIsNow = parts.end.lowercased() == "now"
        beginText = parts.begin
        endText = endIsNow ? ValidRange.dateText(tomorrow) : parts.end
        begin = try ValidRange.time(parts.begin, in: value, defaultYear: now.year)
        end = endIsNow ? tomorrow : try ValidRange.time(parts.end, in: value, defaultYear: now.year)
    }

    /// The range assumed without a usable `validRange`: `1977-01-01` to tomorrow 00:00 UTC.
    /// - Parameter now: The current UTC time.
    /// - Returns: The fallback range.
    public static func fallback(now: DasTime) -> ValidRange {
        let tomorrow = tomorrow(after: now)
        return ValidRange(
            beginText: "1977-01-01", endText: dateText(tomorrow),
            begin: DasTime(year: 1977, month: 1, mday: 1), end: tomorrow)
    }

    private init(beginText: String, endText: String, begin: DasTime, end: DasTime) {
        self.beginText = beginText
        self.endText = endText
        self.begin = begin
        self.end = end
    }

    private static func tomorrow(after now: DasTime) -> DasTime {
        DasTime(year: now.year, month: now.month, mday: now.mday + 1).normalized()
    }

    private static func time(_ text: String, in value: String, defaultYear: Int) throws(Das2CoreError) -> DasTime {
        do {
            return try DasTime(parsing: text, defaultYear: defaultYear).normalized()
        } catch {
            throw Das2CoreError(.invalidConfiguration, "Invalid validRange '\(value)': '\(text)' is not a time")
        }
    }

    /// `YYYY-MM-DD`, the date form the reference writes for tomorrow.
    private static func dateText(_ time: DasTime) -> String {
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(time.year, 4))-\(padded(time.month, 2))-\(padded(time.mday, 2))"
    }
}
