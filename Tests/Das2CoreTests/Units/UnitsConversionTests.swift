import Testing
import Das2Core

/// Factors and conversions (stream-das2.md §6.3, time.md §7.3).
struct UnitsConversionTests {
    @Test(arguments: [
        ("ns", 1e-9), ("μs", 1e-6), ("ms", 1e-3), ("s", 1.0), ("min", 60.0), ("hours", 3600.0), ("days", 86400.0),
        ("ks", 1e3), ("ps", 1e-12), ("hr", 3600.0), ("minutes", 60.0), ("nanoseconds", 1e-9), ("Ms", 1e6),
    ])
    func intervalUnitsKnowTheirSeconds(text: String, seconds: Double) {
        #expect(Units(text).secondsPerUnit == seconds)
    }

    @Test(arguments: ["Hz", "us", "d", "V", "us2000", "UTC", "t2000", "", "log10Ratio", "s**2"])
    func otherUnitsAreNotIntervals(text: String) {
        #expect(Units(text).secondsPerUnit == nil)
    }

    @Test(arguments: [
        ("Hz", "kHz", 1e-3), ("kHz", "Hz", 1e3), ("MHz", "kHz", 1e3), ("ms", "s", 1e-3), ("s", "ms", 1e3),
        ("μs", "ms", 1e-3), ("hours", "min", 60.0), ("days", "hours", 24.0), ("V/m", "mV/m", 1e3),
        ("mV m**-1", "V m**-1", 1e-3), ("s**-1", "Hz", 1.0), ("cm^-3", "m**-3", 1e6), ("km", "m", 1e3),
        ("V**2 m**-2 Hz**-1", "mV**2 m**-2 Hz**-1", 1e6), ("nT", "T", 1e-9), ("kilometers", "km", 1.0),
    ])
    func reducibleUnitsConvertByFactor(from: String, to: String, factor: Double) throws {
        let result = try #require(Units(from).factor(to: Units(to)))
        #expect(abs(result - factor) <= 1e-12 * factor)
    }

    @Test(arguments: [
        ("KHz", "Hz"), ("khz", "kHz"), ("us", "μs"), ("us", "s"), ("Hz", "s"), ("V", "m"), ("d", "days"),
        ("s", "S"), ("m**1/2", "m"), ("us2000", "s"), ("t2000", "us2000"), ("log10Ratio", ""),
    ])
    func mismatchedUnitsHaveNoFactor(from: String, to: String) {
        #expect(Units(from).factor(to: Units(to)) == nil)
    }

    @Test(arguments: [
        ("ms", "μs", 1000.0), ("s", "ns", 1e9), ("μs", "ms", 0.001), ("ns", "s", 1e-9), ("MHz", "kHz", 1000.0),
        ("min", "ms", 60_000.0), ("days", "μs", 8.64e10), ("ks", "ms", 1e6),
    ])
    func prefixFactorsAreExactPowersOfTen(from: String, to: String, factor: Double) {
        #expect(Units(from).factor(to: Units(to)) == factor)
        #expect(Units(from).convert(1, to: Units(to)) == factor)
    }

    @Test func conversionToLargerUnitsDividesExactly() {
        #expect(Units.microseconds.convert(5, to: .seconds) == 5e-6)
        #expect(Units("ns").convert(3, to: .seconds) == 3e-9)
        #expect(Units.milliseconds.convert(0.1, to: .seconds) == 1e-4)
    }

    @Test func identicalUnitsHaveFactorOneEvenWhenOpaque() {
        #expect(Units("log10Ratio").factor(to: Units("log10Ratio")) == 1)
        #expect(Units("KHz").factor(to: Units("KHz")) == 1)
        #expect(Units.us2000.factor(to: .us2000) == 1)
    }

    @Test func fractionalExponentsScaleByFractionalPowers() throws {
        let factor = try #require(Units("V kHz**-1/2").factor(to: Units("V Hz**-1/2")))
        #expect(abs(factor - 1 / 1000.0.squareRoot()) < 1e-15)
    }

    @Test func valuesConvertByFactor() {
        #expect(Units("kHz").convert(10, to: .hertz) == 10_000)
        #expect(Units("min").convert(1.5, to: .seconds) == 90)
        #expect(Units("KHz").convert(10, to: .hertz) == nil)
    }

    @Test(arguments: [
        ("us2000", 0.0, "t2000", 0.0), ("t2000", 0.0, "us2000", 0.0), ("us2000", 0.0, "t1970", 946_684_800.0),
        ("t1970", 946_684_800.0, "us2000", 0.0), ("us2000", 0.0, "mj1958", 15_340.0),
        ("mj1958", 0.0, "us2000", -1.325376e15), ("t2000", 86_400.0, "us2000", 8.64e10),
        ("UTC", 8.64e10, "t2000", 86_400.0), ("t2000", 1.5, "UTC", 1.5e6), ("UTC", 42.0, "UTC", 42.0),
    ])
    func calendarUnitsConvertThroughUS2000(from: String, value: Double, to: String, expected: Double) {
        #expect(Units(from).convert(value, to: Units(to)) == expected)
    }

    @Test func calendarAndOrdinaryUnitsDoNotConvert() {
        #expect(Units.us2000.convert(1, to: .seconds) == nil)
        #expect(Units.seconds.convert(1, to: .t2000) == nil)
        #expect(Units.utc.convert(1, to: .microseconds) == nil)
    }

    @Test(arguments: [
        ("us2000", "μs"), ("UTC", "μs"), ("us1980", "μs"), ("t2000", "s"), ("t1970", "s"), ("ET2000", "s"),
        ("ns1970", "ns"), ("TT2000", "ns"), ("mj1958", "days"), ("mjd", "days"),
    ])
    func epochStepsAreIntervalUnits(epoch: String, interval: String) {
        #expect(Units(epoch).intervalUnits == Units(interval))
    }

    @Test func intervalIsAddedInTheEpochStep() throws {
        let step = try #require(Units.us2000.intervalUnits)
        #expect(Units("ms").convert(1, to: step) == 1000)
        #expect(Units.seconds.intervalUnits == nil)
    }
}
