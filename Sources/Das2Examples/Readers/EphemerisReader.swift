#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Stream

/// `ephemeris INTERVAL BEGIN END`: radial distance, latitude and local time of a made-up
/// spacecraft on a two-day elliptical orbit around Jupiter, one record every INTERVAL seconds
/// (an interval reader, server-protocol.md §4.7 pattern B).
struct EphemerisReader: Das2ExampleReader {
    static let name = "ephemeris"
    static let synopsis = "INTERVAL BEGIN END"
    /// The plane names, also the DSDF `item_NN` ids.
    static let planeNames = ["R", "Lat", "LT"]

    // The orbit: perijove 1.1 R_J and apojove 30 R_J, period two days with a perijove at every
    // even day since 2000-01-01, inclination 60°, argument of perijove 30°.
    private static let period = 2 * 86_400e6
    private static let perijove = 1.1
    private static let apojove = 30.0
    private static let inclination = 60.0 * Double.pi / 180
    private static let argumentOfPerijove = 30.0 * Double.pi / 180
    /// Jupiter's orbital period, which turns the Sun direction seen from the planet.
    private static let yearOfJupiter = 4332.59 * 86_400e6

    let range: TimeRangeArguments
    let interval: Double
    private let grid: RecordGrid

    init(arguments: [String]) throws(ReaderArgumentError) {
        guard arguments.count == 3 else {
            throw ReaderArgumentError("expected 3 arguments, got \(arguments.count)")
        }
        guard let interval = Double(arguments[0]), interval.isFinite, interval > 0 else {
            throw ReaderArgumentError("the interval '\(arguments[0])' is not a number of seconds > 0")
        }
        self.interval = interval
        range = try TimeRangeArguments(begin: arguments[1], end: arguments[2])
        grid = try range.grid(step: interval * 1e6)
    }

    var recordCount: Int64 { grid.count }

    var streamHeader: StreamHeader {
        StreamHeader(properties: [
            .string("title", "Orbit of a made-up Jupiter orbiter"),
            .string("renderer", "symbolLine"),
            .string("xLabel", "Time (UTC)"),
            Das2Property.datum("xTagWidth", interval, units: .seconds),
        ])
    }

    var packets: [PacketHeader] {
        let units = [Units("R_J"), Units("deg"), Units("hours")]
        let labels = ["Radial distance (R_J)", "Latitude (deg)", "Local time (hours)"]
        var planes = [Plane(.x, name: "time", encoding: ExampleEncoding.time, units: .us2000)]
        for index in Self.planeNames.indices {
            planes.append(Plane(
                .y, name: Self.planeNames[index], encoding: ExampleEncoding.value, units: units[index],
                properties: [.string("yLabel", labels[index])]
            ))
        }
        return [PacketHeader(id: 1, planes: planes)]
    }

    func writeRecords(to writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        let packetSize = 4 + packets[0].recordSize
        var values = [Double](repeating: 0, count: 4)
        for index in grid {
            let time = grid.time(index)
            values[0] = time
            Self.position(at: time, into: &values)
            ChunkedOutput.makeRoom(for: packetSize, in: &writer, output: output)
            try writer.writeRecord(id: 1, values: values)
        }
    }

    /// Radial distance, latitude and local time at a us2000 time, into `values[1...3]`.
    static func position(at time: Double, into values: inout [Double]) {
        let semiMajorAxis = (perijove + apojove) / 2
        let eccentricity = (apojove - perijove) / (apojove + perijove)
        var sinceEpoch = fmod(time, period)
        if sinceEpoch < 0 { sinceEpoch += period }
        let meanAnomaly = 2 * Double.pi * sinceEpoch / period
        // Kepler's equation by Newton's method; starting at π converges for any eccentricity.
        var eccentricAnomaly = Double.pi
        for _ in 0..<30 {
            let step = (eccentricAnomaly - eccentricity * sin(eccentricAnomaly) - meanAnomaly)
                / (1 - eccentricity * cos(eccentricAnomaly))
            eccentricAnomaly -= step
            if abs(step) < 1e-14 { break }
        }
        let trueAnomaly = 2 * atan2(
            (1 + eccentricity).squareRoot() * sin(eccentricAnomaly / 2),
            (1 - eccentricity).squareRoot() * cos(eccentricAnomaly / 2)
        )
        let argumentOfLatitude = argumentOfPerijove + trueAnomaly
        let x = cos(argumentOfLatitude)
        let y = sin(argumentOfLatitude) * cos(inclination)
        let z = sin(argumentOfLatitude) * sin(inclination)
        var sunAngle = fmod(time, yearOfJupiter)
        if sunAngle < 0 { sunAngle += yearOfJupiter }
        let sunLongitude = 2 * Double.pi * sunAngle / yearOfJupiter
        var localTime = 12 + (atan2(y, x) - sunLongitude) * 12 / Double.pi
        localTime = fmod(localTime, 24)
        if localTime < 0 { localTime += 24 }
        values[1] = semiMajorAxis * (1 - eccentricity * cos(eccentricAnomaly))
        values[2] = asin(z) * 180 / Double.pi
        values[3] = localTime
    }
}
