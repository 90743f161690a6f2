extension Units {
    /// The multiplier from these units to others: `value_in_other = value * factor`.
    ///
    /// Ordinary units convert when their reductions are identical, components and exponents
    /// compared exactly (`Hz` ↔ `kHz`, `ms` ↔ `s`, `V m**-1` ↔ `mV m**-1`, `min` ↔ `hours`).
    /// `KHz` and `us` do not reduce to `s**-1` and `s`, so they convert to nothing but
    /// themselves. Calendar units have offsets, not factors; use ``convert(_:to:)`` for them.
    /// - Parameter other: The target units.
    /// - Returns: The factor, 1 for identical units, or `nil` when not convertible.
    public func factor(to other: Units) -> Double? {
        if symbol == other.symbol { return 1 }
        guard kind == .ordinary, other.kind == .ordinary, dimension == other.dimension else { return nil }
        return magnitude.factor(to: other.magnitude)
    }

    /// Converts a value to other units.
    ///
    /// Calendar units convert among themselves through us2000 (time.md §4; `UTC` values are
    /// us2000). Ordinary units convert when ``factor(to:)`` has a factor, dividing by the power of
    /// ten when the target is larger, so `5 μs` in `s` is exactly the double nearest 5e-6.
    /// - Parameters:
    ///   - value: A value in these units.
    ///   - other: The target units.
    /// - Returns: The value in `other`, or `nil` when the units do not convert.
    public func convert(_ value: Double, to other: Units) -> Double? {
        switch (kind, other.kind) {
        case (.utc, .utc):
            return value
        case (.utc, .epoch(let target)):
            return target.value(fromUS2000: value)
        case (.epoch(let source), .utc):
            return source.us2000(from: value)
        case (.epoch(let source), .epoch(let target)):
            return source == target ? value : target.value(fromUS2000: source.us2000(from: value))
        default:
            if symbol == other.symbol { return value }
            guard kind == .ordinary, other.kind == .ordinary, dimension == other.dimension else { return nil }
            return magnitude.convert(value, to: other.magnitude)
        }
    }

    /// A value of interval units in seconds, or `nil` when the units do not reduce to `s`.
    func inSeconds(_ value: Double) -> Double? {
        kind == .ordinary && dimension == "s" ? magnitude.convert(value, to: UnitsMagnitude()) : nil
    }

    /// The interval unit of one step of a calendar unit, used to add an interval to a time
    /// (time.md §7.3): `us2000`, `us1980` and `UTC` (whose values are us2000) → `μs`;
    /// `t2000`, `t1970`, `ET2000` → `s`; `ns1970`, `TT2000` → `ns`; `mj1958`, `mjd` → `days`.
    /// `nil` for other units.
    public var intervalUnits: Units? {
        switch kind {
        case .utc: return .microseconds
        case .epoch(let scale):
            switch scale {
            case .us2000, .us1980: return .microseconds
            case .t2000, .t1970, .et2000: return .seconds
            case .ns1970, .tt2000: return Units("ns")
            case .mj1958, .mjd: return Units("days")
            }
        case .ordinary, .opaque: return nil
        }
    }
}
