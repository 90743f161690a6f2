/// A pair of values in one unit: `1 to 10 kHz`, `2012-03-09 to 2012-03-10 UTC`.
///
/// Time ranges hold us2000 values in ``Units/utc``. When the range is a query interval the end
/// is exclusive (time.md §7.4); this type does not order or check its ends.
public struct DatumRange: Hashable, Sendable, CustomStringConvertible {
    /// The first value; us2000 for time ranges.
    public var begin: Double
    /// The second value; us2000 for time ranges.
    public var end: Double
    /// The units of both values; ``Units/utc`` for time ranges.
    public var units: Units

    /// Creates a range.
    /// - Parameters:
    ///   - begin: The first value, us2000 when `units` is ``Units/utc``.
    ///   - end: The second value, us2000 when `units` is ``Units/utc``.
    ///   - units: The units of both values.
    public init(begin: Double, end: Double, units: Units) {
        self.begin = begin
        self.end = end
        self.units = units
    }

    /// Whether this is a range of times (calendar units).
    public var isTime: Bool { units.isTime }

    /// The first value as a datum.
    public var beginDatum: Datum { Datum(value: begin, units: units) }

    /// The second value as a datum.
    public var endDatum: Datum { Datum(value: end, units: units) }

    /// The range as text that ``init(parsing:allowingNow:strippingComment:)`` reads back.
    ///
    /// Numbers print as in ``Datum/description``, the units once at the end: `1 to 10 kHz`,
    /// `1e-18 to 0.01 V**2 m**-2 Hz**-1`, `5 to 6000000 Hz`. Time ranges always end in ` UTC`,
    /// whether or not the parsed text had it, as das2C writes `TimeRange` properties and DSDF
    /// ranges customarily carry it: `2012-03-09T00:00:00 to 2012-03-10T00:00:00 UTC`. A range in
    /// other calendar units prints its numbers (`0 to 86400 t2000`), which parse back as the
    /// equivalent UTC range.
    public var description: String {
        if units == .utc {
            return DatumText.time(us2000: begin) + " to " + DatumText.time(us2000: end) + " UTC"
        }
        return DatumText.number(begin, units: .dimensionless) + " to " + DatumText.number(end, units: units)
    }
}
