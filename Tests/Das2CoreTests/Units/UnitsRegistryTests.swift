import Testing
import Das2Core

/// das2C's order-dependent units registry (tools.md §1.7).
struct UnitsRegistryTests {
    @Test(arguments: [
        "us2000", "mj1958", "t2000", "t1970", "ns1970", "UTC", "TT2000", "ET2000", "ms", "μs", "ns", "s",
        "hours", "days", "Hz", "kHz", "MHz", "V**2 m**-2 Hz**-1", "nT**2 Hz**-1", "nT", "cm**-3", "dB", "km", "eV", "",
    ])
    func preRegisteredSpellingsAreKept(text: String) {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: text) == text)
    }

    @Test(arguments: [
        ("V/m", "V m**-1"), ("s**-1", "Hz"), ("hertz", "Hz"), ("\u{B5}s", "μs"), ("microseconds", "μs"),
        ("sec", "s"), ("hr", "hours"), ("cm^-3", "cm**-3"), ("V^2/m^2/Hz", "V**2 m**-2 Hz**-1"),
        ("KHz", "KHz"), ("us", "us"), ("min", "min"), ("minutes", "minutes"),
    ])
    func freshRegistrySpellsLikeDas2C(text: String, spelling: String) {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: text) == spelling)
    }

    @Test func laterSpellingWithSameReductionMapsToEarlierOne() {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: "volt/meter") == "volt meter**-1")
        #expect(registry.canonicalSpelling(of: "V/m") == "volt meter**-1")
        #expect(registry.canonicalSpelling(of: "V m**-1") == "volt meter**-1")

        var other = UnitsRegistry()
        #expect(other.canonicalSpelling(of: "V/m") == "V m**-1")
        #expect(other.canonicalSpelling(of: "volt/meter") == "V m**-1")
    }

    @Test func minutesFollowWhicheverSpellingCameFirst() {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: "minutes") == "minutes")
        #expect(registry.canonicalSpelling(of: "min") == "minutes")
        #expect(Units("minutes").symbol == "min")
    }

    @Test func differentScaleDoesNotMatch() {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: "V/m") == "V m**-1")
        #expect(registry.canonicalSpelling(of: "mV/m") == "mV m**-1")
        #expect(registry.canonicalSpelling(of: "millivolt/meter") == "mV m**-1")
    }

    @Test func matchingComparesRegisteredComponentCountAsDas2CDoes() {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: "m m") == "m m")
        #expect(registry.canonicalSpelling(of: "m**2") == "m**2")
        #expect(registry.canonicalSpelling(of: "m^2") == "m**2")
        #expect(registry.canonicalSpelling(of: "m  m") == "m**2")
    }

    @Test func unparseableTextHasNoSpelling() {
        var registry = UnitsRegistry()
        #expect(registry.canonicalSpelling(of: "log10Ratio") == nil)
        #expect(registry.canonicalSpelling(of: "US2000") == nil)
    }

    @Test func registriesAreIndependentValues() {
        var first = UnitsRegistry()
        let snapshot = first
        _ = first.canonicalSpelling(of: "volt/meter")
        var second = snapshot
        #expect(second.canonicalSpelling(of: "V/m") == "V m**-1")
    }
}
