import Testing
import Das2Core

/// Free-form datum parsing (time.md §7.1–7.2).
struct DatumParsingTests {
    @Test(arguments: [
        ("60 s", 60.0, "s", 60.0), ("60s", 60.0, "s", 60.0), ("60 sec", 60.0, "s", 60.0),
        ("16.000000 s", 16.0, "s", 16.0), (".15 s", 0.15, "s", 0.15), ("  60 s", 60.0, "s", 60.0),
        ("1 ms", 1.0, "ms", 0.001), ("1ms", 1.0, "ms", 0.001),
        ("5 μs", 5.0, "μs", 5e-6), ("5 \u{B5}s", 5.0, "μs", 5e-6), ("5 microseconds", 5.0, "μs", 5e-6),
        ("1.5 min", 1.5, "min", 90.0), ("1 hr", 1.0, "hours", 3600.0), ("2 hours", 2.0, "hours", 7200.0),
        ("3 days", 3.0, "days", 259_200.0), ("-2.5e3 ms", -2500.0, "ms", -2.5), ("+1 s", 1.0, "s", 1.0),
    ])
    func intervalDatumsHaveSeconds(text: String, value: Double, symbol: String, seconds: Double) throws {
        let datum = try Datum(parsing: text)
        #expect(datum.value == value)
        #expect(datum.units.symbol == symbol)
        #expect(datum.seconds == seconds)
        #expect(!datum.isTime)
    }

    @Test(arguments: [
        ("10 Hz", 10.0, "Hz"), ("1e3 Hz", 1000.0, "Hz"), ("10kHz", 10.0, "kHz"), ("0.5 MHz", 0.5, "MHz"),
        ("120", 120.0, ""), ("7 d", 7.0, "d"), ("1,5 s", 1.0, ",5 s"), ("10 log10Ratio", 10.0, "log10Ratio"),
        ("1e-5 Hz", 1e-5, "Hz"), ("2.5E+3 V/m", 2500.0, "V m**-1"), ("1.0e-2 V**2 m**-2 Hz**-1", 0.01, "V**2 m**-2 Hz**-1"),
    ])
    func numberAndUnitsSplitWhereDas2CSplits(text: String, value: Double, symbol: String) throws {
        let datum = try Datum(parsing: text)
        #expect(datum.value == value)
        #expect(datum.units.symbol == symbol)
    }

    @Test func frequenciesConvertToHertz() throws {
        #expect(try Datum(parsing: "10kHz").value(in: .hertz) == 10_000)
        #expect(try Datum(parsing: "0.5 MHz").value(in: .hertz) == 500_000)
        #expect(try Datum(parsing: "10 Hz").seconds == nil)
    }

    @Test func unknownUnitIsNotDays() throws {
        let datum = try Datum(parsing: "7 d")
        #expect(datum.units.isParseable)
        #expect(datum.seconds == nil)
    }

    @Test func unparseableUnitsAreKeptAsLabel() throws {
        let datum = try Datum(parsing: "1,5 s")
        #expect(!datum.units.isParseable)
        #expect(datum.seconds == nil)
    }

    @Test(arguments: [
        ("2012-01-01T00:00 UTC", 378_691_200_000_000.0), ("2012-001", 378_691_200_000_000.0),
        ("2012-01-01T12:30:15.25", 378_736_215_250_000.0), ("2000-01-01", 0.0), ("  2012-03-09 ", 384_566_400_000_000.0),
    ])
    func timesBecomeUS2000InUTC(text: String, us2000: Double) throws {
        let datum = try Datum(parsing: text)
        #expect(datum.units == .utc)
        #expect(datum.isTime)
        #expect(datum.value == us2000)
    }

    @Test(arguments: ["-3.145e+14dogs", "abc", "", "   ", "1 2 s", "2012-01-01 dogs", "2012-01-32", "12:00", "inf s", "-inf s", "e5 s", ".s"])
    func malformedDatumsAreRejected(text: String) {
        let error = #expect(throws: Das2CoreError.self) { try Datum(parsing: text) }
        #expect(error?.code == .invalidDatum)
        #expect(error?.message.contains("'\(text)'") == true)
    }
}
