public import Das2Core

/// The y coordinates of the items of a `<yscan>` (stream-das2.md §4.3).
public enum YTags: Hashable, Sendable {
    /// Explicit values (`yTags="…"`), with the printf format das2C would write them with and,
    /// for tags read from a stream, the attribute text as read.
    case list([Double], format: FloatFormat, text: String?)
    /// `yTagInterval` with optional `yTagMin` / `yTagMax`.
    case series(interval: Double, minimum: Double?, maximum: Double?)
    /// Neither: the tags are 0, 1, … n-1.
    case index

    /// The tag values for a yscan of `count` items, using the ICD defaults for series.
    public func values(count: Int) -> [Double] {
        switch self {
        case .list(let values, _, _):
            return values
        case .index:
            return (0..<count).map(Double.init)
        case .series(let interval, let minimum, let maximum):
            let start: Double
            if let minimum {
                start = minimum
            } else if let maximum {
                start = maximum - Double(count - 1) * interval
            } else {
                start = 0
            }
            return (0..<count).map { start + Double($0) * interval }
        }
    }

    /// Explicit tags from values, written with das2C's format for tags it did not read as
    /// text (`%11.4e`).
    public static func list(_ values: [Double]) -> YTags {
        .list(values, format: defaultListFormat, text: nil)
    }

    /// The format das2C gives explicit tags it did not read as text (`%11.4e`).
    public static let defaultListFormat = FloatFormat(.exponential, width: 11, precision: 4)
}
