/// One cache block: the period of one cache file of a level (cache-and-queue.md §2).
///
/// A block is identified by its scheme and the calendar fields of its start; the fields below
/// the scheme's unit are at their minimum (month 1, day 1, 00:00:00). Blocks know their file
/// name, the directories above it and the time strings a cache task carries for them.
///
/// ```swift
/// let time = try DasTime(parsing: "2013-10-31T01:05:57")
/// let block = CoverageBlock(containing: time, scheme: .daily)
/// block.relativePath(resolutionDirectory: "bin-60s", fileExtension: "d2s")
/// // "2013/10/2013-10-31_bin-60s.d2s"
/// block.startText   // "2013-10-31"
/// block.endText     // "2013-11-01"
/// ```
public struct CoverageBlock: Hashable, Sendable {
    /// How time is divided into blocks.
    public let scheme: CoverageBlockScheme
    /// The calendar year of the block start.
    public let year: Int
    /// The month of the block start, 1...12.
    public let month: Int
    /// The day of month of the block start.
    public let day: Int
    /// The hour of the block start.
    public let hour: Int
    /// The minute of the block start.
    public let minute: Int
    /// The whole second of the block start.
    public let second: Int

    /// The block holding a time: the time's fields below the block unit set to their minimum.
    ///
    /// The time is normalized first, so `23:59:60` belongs to the next day's first block.
    /// Fractional seconds are dropped for every scheme (DC-2).
    /// - Parameters:
    ///   - time: Any time.
    ///   - scheme: The block scheme.
    public init(containing time: DasTime, scheme: CoverageBlockScheme) {
        let time = time.normalized()
        let depth = scheme.fieldCount
        self.init(
            scheme: scheme,
            year: time.year,
            month: depth > 1 ? time.month : 1,
            day: depth > 2 ? time.mday : 1,
            hour: depth > 3 ? time.hour : 0,
            minute: depth > 4 ? time.minute : 0,
            second: depth > 5 && time.second.isFinite ? Int(time.second.rounded(.down)) : 0
        )
    }

    private init(scheme: CoverageBlockScheme, year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.scheme = scheme
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The first instant of the block.
    public var start: DasTime {
        DasTime(year: year, month: month, mday: day, hour: hour, minute: minute, second: Double(second))
    }

    /// The first instant after the block: the start of the next block.
    public var end: DasTime { next.start }

    /// The block that follows this one; calendar overflow carries (month 13 is January).
    public var next: CoverageBlock {
        var fields = (year, month, day, hour, minute, second)
        switch scheme {
        case .yearly: fields.0 += 1
        case .monthly: fields.1 += 1
        case .daily: fields.2 += 1
        case .hourly: fields.3 += 1
        case .perminute: fields.4 += 1
        case .persecond: fields.5 += 1
        }
        let time = DasTime(
            year: fields.0, month: fields.1, mday: fields.2, hour: fields.3, minute: fields.4, second: Double(fields.5)
        )
        return CoverageBlock(containing: time, scheme: scheme)
    }

    /// The directories between a resolution directory and the block file, outermost first:
    /// `YYYY/MM/DD/hh/mm` for `persecond` down to none for `yearly`.
    public var directories: [String] {
        let fields = [
            Self.year(year), Self.twoDigits(month), Self.twoDigits(day), Self.twoDigits(hour), Self.twoDigits(minute),
        ]
        return Array(fields.prefix(scheme.fieldCount - 1))
    }

    /// The block file name, e.g. `2013-10-31T01_bin-1s.d2s` for an hourly block.
    /// - Parameters:
    ///   - resolutionDirectory: The level's resolution directory (`intrinsic`, `bin-60s`, …).
    ///   - fileExtension: `d2s` or `qds`, without the dot.
    /// - Returns: The name.
    public func fileName(resolutionDirectory: String, fileExtension: String) -> String {
        stamp(dateSeparator: "-", timeSeparator: "-", fieldCount: scheme.fieldCount)
            + "_" + resolutionDirectory + "." + fileExtension
    }

    /// The directories and the file name joined with `/`, relative to the resolution
    /// directory: `2013/10/31/01/05/2013-10-31T01-05-57_bin-10ms.d2s` for a `persecond` block.
    /// - Parameters:
    ///   - resolutionDirectory: The level's resolution directory.
    ///   - fileExtension: `d2s` or `qds`, without the dot.
    /// - Returns: The relative path.
    public func relativePath(resolutionDirectory: String, fileExtension: String) -> String {
        (directories + [fileName(resolutionDirectory: resolutionDirectory, fileExtension: fileExtension)])
            .joined(separator: "/")
    }

    /// The block start as a cache task writes it: `YYYY-MM-DD` for daily, monthly and yearly
    /// blocks, `YYYY-MM-DDThh:mm` for hourly and per-minute blocks, `YYYY-MM-DDThh:mm:ss` for
    /// per-second blocks.
    public var startText: String {
        stamp(dateSeparator: "-", timeSeparator: ":", fieldCount: scheme.taskFieldCount)
    }

    /// The block end (the next block's start) in the format of ``startText``.
    public var endText: String { next.startText }

    /// The blocks covering `[begin, end)` (cache-and-queue.md §2.1): from the block holding
    /// `begin`, every block that starts before `end`. An end inside a block, even by a fraction
    /// of a second, includes that block (DC-2); an end on a block boundary does not.
    /// - Parameters:
    ///   - begin: The first instant.
    ///   - end: The instant after the last one.
    ///   - scheme: The block scheme.
    /// - Returns: The blocks, in time order; none when `end` is not after `begin`.
    public static func blocks(from begin: DasTime, to end: DasTime, scheme: CoverageBlockScheme) -> CoverageBlocks {
        let first = CoverageBlock(containing: begin, scheme: scheme)
        let end = end.normalized()
        return CoverageBlocks(first: first, end: begin.isEarlier(than: end) ? end : first.start)
    }

    /// Whether the block starts before a normalized time.
    func starts(before time: DasTime) -> Bool {
        start.isEarlier(than: time)
    }

    /// A number that grows by one from each block to the next.
    var ordinal: Int {
        switch scheme {
        case .yearly: return year
        case .monthly: return year * 12 + month - 1
        default:
            let days = GregorianCalendar.julianDay(year: year, month: month, mday: day)
            switch scheme {
            case .daily: return days
            case .hourly: return days * 24 + hour
            case .perminute: return (days * 24 + hour) * 60 + minute
            default: return ((days * 24 + hour) * 60 + minute) * 60 + second
            }
        }
    }

    /// `YYYY-MM-DDThh<sep>mm<sep>ss` cut after `fieldCount` fields.
    private func stamp(dateSeparator: String, timeSeparator: String, fieldCount: Int) -> String {
        var text = Self.year(year)
        if fieldCount > 1 { text += dateSeparator + Self.twoDigits(month) }
        if fieldCount > 2 { text += dateSeparator + Self.twoDigits(day) }
        if fieldCount > 3 { text += "T" + Self.twoDigits(hour) }
        if fieldCount > 4 { text += timeSeparator + Self.twoDigits(minute) }
        if fieldCount > 5 { text += timeSeparator + Self.twoDigits(second) }
        return text
    }

    private static func year(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}

extension CoverageBlockScheme {
    /// The calendar fields that name a block: 1 (year) for `yearly` to 6 (second) for `persecond`.
    var fieldCount: Int {
        switch self {
        case .yearly: 1
        case .monthly: 2
        case .daily: 3
        case .hourly: 4
        case .perminute: 5
        case .persecond: 6
        }
    }

    /// The fields of a task time string: dates for blocks of a day or more, minutes for hourly
    /// and per-minute blocks (the reference cuts its time text at 10, 16 or 19 characters).
    var taskFieldCount: Int {
        switch self {
        case .yearly, .monthly, .daily: 3
        case .hourly, .perminute: 5
        case .persecond: 6
        }
    }
}
