#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SPICE ephemeris time (TDB seconds past J2000) ↔ TT, with the one-term periodic model of
/// the SPICE leap-seconds kernel that das2C uses (stream-das2.md §6.2).
enum EphemerisTime {
    private static let k = 1.657e-3
    private static let eb = 1.671e-2
    private static let m0 = 6.239996
    private static let m1 = 1.99096871e-7

    /// TDB − TT in seconds, with the mean anomaly taken at `seconds` past J2000.
    private static func periodicTerm(_ seconds: Double) -> Double {
        let meanAnomaly = m0 + m1 * seconds
        let eccentricAnomaly = meanAnomaly + eb * sin(meanAnomaly)
        return k * sin(eccentricAnomaly)
    }

    /// ET2000 seconds of a TT2000 value (nanoseconds).
    static func et2000(fromTT2000 tt2000: Double) -> Double {
        let tt = tt2000 / 1e9
        return tt + periodicTerm(tt)
    }

    /// TT2000 nanoseconds of an ET2000 value (seconds).
    static func tt2000(fromET2000 et2000: Double) -> Double {
        (et2000 - periodicTerm(et2000)) * 1e9
    }
}
