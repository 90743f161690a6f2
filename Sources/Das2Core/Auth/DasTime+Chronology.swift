extension DasTime {
    /// Whether this time is strictly earlier than another, after both are normalized.
    ///
    /// `DasTime` keeps fields as parsed (`second == 60`), so the comparison normalizes first.
    public func isEarlier(than other: DasTime) -> Bool {
        let lhs = normalized()
        let rhs = other.normalized()
        return (lhs.year, lhs.yday, lhs.hour, lhs.minute) < (rhs.year, rhs.yday, rhs.hour, rhs.minute)
            || ((lhs.year, lhs.yday, lhs.hour, lhs.minute) == (rhs.year, rhs.yday, rhs.hour, rhs.minute)
                && lhs.second < rhs.second)
    }
}
