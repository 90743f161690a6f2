import Testing
import Das2Core

/// Printing of datums and ranges: shortest numbers, ISO times.
struct DatumDescriptionTests {
    @Test(arguments: [
        (60.0, "s", "60 s"), (0.15, "s", "0.15 s"), (10.0, "kHz", "10 kHz"), (120.0, "", "120"),
        (1e-18, "V**2 m**-2 Hz**-1", "1e-18 V**2 m**-2 Hz**-1"), (6_000_000.0, "Hz", "6000000 Hz"),
        (1e16, "Hz", "1e+16 Hz"), (-0.5, "V m**-1", "-0.5 V m**-1"), (0.1 + 0.2, "s", "0.30000000000000004 s"),
        (1.0, "log10Ratio", "1 log10Ratio"), (86_400.0, "t2000", "86400 t2000"),
    ])
    func numbersUseShortestRoundTripText(value: Double, symbol: String, text: String) {
        #expect(Datum(value: value, units: Units(symbol)).description == text)
    }

    @Test(arguments: [
        (0.0, "2000-01-01T00:00:00"), (378_736_215_250_000.0, "2012-01-01T12:30:15.25"),
        (378_691_200_000_001.0, "2012-01-01T00:00:00.000001"), (378_691_200_000_000.4, "2012-01-01T00:00:00"),
        (-1.0, "1999-12-31T23:59:59.999999"), (-0.4, "2000-01-01T00:00:00"), (86_399_999_999.6, "2000-01-02T00:00:00"),
        (-704_419_200_000_000.0, "1977-09-05T00:00:00"), (123_456.0, "2000-01-01T00:00:00.123456"),
    ])
    func timesPrintAsISOWithFractionOnlyWhenNonZero(us2000: Double, text: String) {
        #expect(Datum(value: us2000, units: .utc).description == text)
    }

    @Test func timesOutsideYearsOneToNineThousandPrintAsUS2000() {
        #expect(Datum(value: 1e18, units: .utc).description == "1e+18 us2000")
        #expect(Datum(value: .nan, units: .utc).description == "nan us2000")
    }

    @Test func rangesPrintUnitsOnceAndTimesWithUTC() {
        #expect(DatumRange(begin: 1, end: 10, units: Units("kHz")).description == "1 to 10 kHz")
        #expect(DatumRange(begin: -5, end: 5, units: .dimensionless).description == "-5 to 5")
        #expect(DatumRange(begin: 384_566_400_000_000, end: 384_652_800_000_000, units: .utc).description
            == "2012-03-09T00:00:00 to 2012-03-10T00:00:00 UTC")
    }

    @Test(arguments: ["60 s", "0.15 s", "10 kHz", "120", "1e-05 Hz", "1e+16 Hz", "2012-01-01T12:30:15.25", "7 d", "1 ,5 s"])
    func datumDescriptionParsesBack(text: String) throws {
        let datum = try Datum(parsing: text)
        #expect(datum.description == text)
        #expect(try Datum(parsing: datum.description) == datum)
    }

    @Test(arguments: [
        "1e-18 to 0.01 V**2 m**-2 Hz**-1", "5 to 6000000 Hz", "2012-03-09T00:00:00 to 2012-03-10T00:00:00 UTC",
        "1977-09-05T00:00:00 to 2026-04-01T00:00:00.5 UTC",
    ])
    func rangeDescriptionParsesBack(text: String) throws {
        let range = try DatumRange(parsing: text)
        #expect(range.description == text)
        #expect(try DatumRange(parsing: range.description) == range)
    }

    @Test func rangeEndsAreDatums() {
        let range = DatumRange(begin: 1, end: 10, units: Units("kHz"))
        #expect(range.beginDatum == Datum(value: 1, units: Units("kHz")))
        #expect(range.endDatum.value(in: .hertz) == 10_000)
    }
}
