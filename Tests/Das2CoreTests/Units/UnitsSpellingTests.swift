import Testing
import Das2Core

/// Canonical spellings (stream-das2.md §6.3, §6.4) and opaque labels (§6.5).
struct UnitsSpellingTests {
    @Test(arguments: [
        ("s", "s"), ("sec", "s"), ("SEC", "s"), ("second", "s"), ("seconds", "s"), ("Seconds", "s"),
        ("ms", "ms"), ("millisec", "ms"), ("milliseconds", "ms"),
        ("μs", "μs"), ("\u{B5}s", "μs"), ("microsec", "μs"), ("microseconds", "μs"),
        ("ns", "ns"), ("nanosec", "ns"), ("nanoseconds", "ns"),
        ("min", "min"), ("minute", "min"), ("minutes", "min"),
        ("hr", "hours"), ("hour", "hours"), ("hours", "hours"),
        ("day", "days"), ("days", "days"),
        ("Hz", "Hz"), ("hertz", "Hz"), ("kHz", "kHz"), ("MHz", "MHz"), ("GHz", "GHz"),
        ("KHz", "KHz"), ("khz", "khz"), ("us", "us"),
    ])
    func intervalAndFrequencySpellingsReadAsDas2CCanonical(text: String, symbol: String) {
        #expect(Units(text).symbol == symbol)
        #expect(Units(text).isParseable)
    }

    @Test(arguments: [
        ("V/m", "V m**-1"), ("V^2/m^2/Hz", "V**2 m**-2 Hz**-1"), ("counts/s", "counts s**-1"),
        ("cm^-3", "cm**-3"), ("s**-1", "Hz"), ("hertz", "Hz"), ("microseconds", "μs"),
        ("nT^2/Hz", "nT**2 Hz**-1"), ("V**2 m**-2 Hz**-1", "V**2 m**-2 Hz**-1"),
        ("counts s**-1 cm**-2 sr**-1", "counts s**-1 cm**-2 sr**-1"),
    ])
    func compoundUnitsUseKnownSpellingOrComponentForm(text: String, symbol: String) {
        #expect(Units(text).symbol == symbol)
    }

    @Test(arguments: [
        ("m**1/2", "m**1/2"), ("m^1/2", "m**1/2"), ("m**2/4", "m**1/2"), ("m**4/2", "m**2"),
        ("V Hz**-1/2", "V Hz**-1/2"), ("V/Hz**1/2", "V Hz**-1/2"), ("m**+2", "m**2"), ("m**10", "m**10"),
    ])
    func fractionalExponentsReduceToLowestTerms(text: String, symbol: String) {
        #expect(Units(text).symbol == symbol)
    }

    @Test(arguments: [
        ("(V m**-1)", "V m**-1"), ("V (m**-1)", "V m**-1"), ("V / m", "V m**-1"), ("m ** -2", "m**-2"),
        ("  V   m**-1  ", "V m**-1"), ("kg m s**-2", "kg m s**-2"), ("V/m/Hz", "V m**-1 Hz**-1"),
        ("m*2", "m**2"), ("m^^2", "m**2"),
    ])
    func blanksParenthesesAndSlashesSeparateComponents(text: String, symbol: String) {
        #expect(Units(text).symbol == symbol)
    }

    @Test(arguments: [
        ("kilometers", "km"), ("kilometer", "km"), ("megahertz", "MHz"), ("kilohertz", "kHz"),
        ("nanotesla", "nT"), ("electronvolts", "eV"), ("centimeter**-3", "cm**-3"),
        ("volt/meter", "volt meter**-1"), ("millivolt", "millivolt"),
    ])
    func fullSIPrefixAndUnitNamesReduceLikeSymbols(text: String, symbol: String) {
        #expect(Units(text).symbol == symbol)
    }

    @Test(arguments: ["R!DE!N", "cm!a-3!n, K, cm/s", "log10Ratio", "V!a2!nm!a-2!nHz!a-1", "R_E", "1/s", "m**", "m**0", ",5 s"])
    func unparseableTextIsKeptAsOpaqueLabel(text: String) {
        let units = Units(text)
        #expect(units.symbol == text)
        #expect(!units.isParseable)
        #expect(!units.isTime)
        #expect(units.factor(to: .seconds) == nil)
    }

    @Test func parsingInitializerRejectsOpaqueText() {
        let error = #expect(throws: Das2CoreError.self) { try Units(parsing: "log10Ratio") }
        #expect(error?.code == .invalidUnits)
        #expect(error?.message.contains("log10Ratio") == true)
        #expect((try? Units(parsing: "V/m"))?.symbol == "V m**-1")
    }

    @Test(arguments: [
        ("us2000", TimeScale.us2000), ("t2000", .t2000), ("mj1958", .mj1958), ("t1970", .t1970),
        ("ns1970", .ns1970), ("TT2000", .tt2000), ("ET2000", .et2000), ("us1980", .us1980), ("mjd", .mjd),
    ])
    func epochNamesGiveTimeScales(text: String, scale: TimeScale) {
        let units = Units(text)
        #expect(units.timeScale == scale)
        #expect(units.isTime)
        #expect(units.symbol == text)
        #expect(units.secondsPerUnit == nil)
    }

    @Test(arguments: ["US2000", "T2000", "tt2000", "Us2000", "MJ1958"])
    func epochNamesAreCaseSensitive(text: String) {
        #expect(Units(text).timeScale == nil)
        #expect(!Units(text).isParseable)
    }

    @Test func utcIsCalendarWithoutScaleAndOnlyInUpperCase() {
        #expect(Units("UTC").isTime)
        #expect(Units("UTC").timeScale == nil)
        #expect(Units("UTC") == .utc)
        #expect(!Units("utc").isTime)
        #expect(Units("utc").isParseable)
    }

    @Test func emptyAndBlankTextAreDimensionless() {
        #expect(Units("") == .dimensionless)
        #expect(Units("   ").symbol == "")
        #expect(Units("m/m") == .dimensionless)
    }

    @Test func equalityFollowsCanonicalSymbol() {
        #expect(Units("hertz") == Units("Hz"))
        #expect(Units("\u{B5}s") == Units.microseconds)
        #expect(Set([Units("minutes"), Units("min"), Units("minute")]).count == 1)
        #expect(Units("KHz") != Units("kHz"))
        #expect(Units("V/m").description == "V m**-1")
    }

    @Test func ohmSignBecomesGreekOmega() {
        #expect(Array(Units("k\u{2126}").symbol.unicodeScalars) == ["k", "\u{3A9}"])
        #expect(Units("k\u{2126}").factor(to: Units("\u{3A9}")) == 1000)
    }
}
