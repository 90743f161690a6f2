/// A number with units: `60 s`, `1 ms`, `10 kHz`, `120`, or a time `2012-01-01T00:00 UTC`.
///
/// Times are held as us2000 values in ``Units/utc``.
public struct Datum: Hashable, Sendable, CustomStringConvertible {
    /// The number; us2000 for time datums.
    public var value: Double
    /// The units; ``Units/utc`` for time datums.
    public var units: Units

    /// Creates a datum.
    /// - Parameters:
    ///   - value: The number, us2000 when `units` is ``Units/utc``.
    ///   - units: The units.
    public init(value: Double, units: Units) {
        self.value = value
        self.units = units
    }

    /// Whether this is a point in time (calendar units).
    public var isTime: Bool { units.isTime }

    /// The value in seconds when the units are an interval (see ``Units/secondsPerUnit``).
    public var seconds: Double? {
        units.inSeconds(value)
    }

    /// The value in other units, or `nil` when the units do not convert
    /// (see ``Units/convert(_:to:)``).
    /// - Parameter other: The target units, e.g. ``Units/microseconds`` for an interval to be
    ///   added to us2000 values.
    public func value(in other: Units) -> Double? {
        units.convert(value, to: other)
    }

    /// The datum as text that ``init(parsing:)`` reads back.
    ///
    /// Numbers use the shortest text that round-trips, without a trailing `.0`, followed by a
    /// blank and the units symbol when there is one: `60 s`, `0.15 s`, `10 kHz`, `120`,
    /// `1e-18 V**2 m**-2 Hz**-1`. Times print as ISO `YYYY-MM-DDThh:mm:ss`, with a fraction of at
    /// most six digits only when the time, rounded to the microsecond, has one
    /// (`2012-01-01T00:00:00`, `2012-01-01T12:30:15.25`), and no units word; times outside the
    /// years 1–9999 print as `<number> us2000`.
    public var description: String {
        if units == .utc { return DatumText.time(us2000: value) }
        return DatumText.number(value, units: units)
    }
}
