/// Periodic signals computed from integer counts (whole seconds, record indices), so their
/// phase is exact however far the time is from the epoch.
enum Periodic {
    /// The phase in radians, [0, 2π), of `count` in a cycle of `period` counts.
    @inline(__always)
    static func phase(_ count: Int64, period: Int64) -> Double {
        var remainder = count % period
        if remainder < 0 { remainder += period }
        return 2 * Double.pi * Double(remainder) / Double(period)
    }
}
