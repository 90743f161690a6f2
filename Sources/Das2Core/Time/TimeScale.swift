/// A time-point (epoch) unit: a scale and a zero point, as used for das2 `x` planes.
///
/// Names are matched case-sensitively, exactly as das2C does (`us2000`, not `US2000`).
/// `us1980` and `mjd` are ICD 2.2 epochs that das2C does not know; this project accepts them.
public enum TimeScale: String, CaseIterable, Hashable, Sendable {
    /// Microseconds since 2000-01-01T00:00:00 UTC, no leap seconds.
    case us2000
    /// Seconds since 2000-01-01T00:00:00 UTC, no leap seconds.
    case t2000
    /// Days since 1958-01-01T00:00:00 UTC.
    case mj1958
    /// Seconds since 1970-01-01T00:00:00 UTC (Unix time), no leap seconds.
    case t1970
    /// Nanoseconds since 1970-01-01T00:00:00 UTC, no leap seconds.
    case ns1970
    /// SI nanoseconds since 2000-01-01T12:00:00 TT, leap-second aware (CDF TT2000).
    case tt2000 = "TT2000"
    /// SPICE ephemeris seconds (TDB) since 2000-01-01T12:00:00 TDB.
    case et2000 = "ET2000"
    /// Microseconds since 1980-01-01T00:00:00 UTC, no leap seconds (ICD 2.2).
    case us1980
    /// Modified Julian days (days since 1858-11-17T00:00:00 UTC).
    case mjd
}
