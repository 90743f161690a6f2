/// das2C's process-wide units registry as a value (tools.md §1.7), for byte-exact headers.
///
/// A text resolves to, in order: the spelling of a known unit it equals exactly (after the
/// aliases and the micro-sign fix that ``Units/init(_:)`` also applies); else the first known
/// non-calendar unit with the same reduction and scale, in registration order; else its
/// component spelling (`V/m` → `V m**-1`), which is then registered. Because of the middle step
/// the result depends on what was seen before: after `volt/meter` (registered as
/// `volt meter**-1`), `V/m` resolves to `volt meter**-1`.
///
/// Unlike the stateless ``Units/init(_:)``, `min` is not pre-registered, as in das2C.
public struct UnitsRegistry: Sendable {
    private var known: [KnownUnits]

    /// Creates a registry holding das2C's pre-registered units: `us2000 mj1958 t2000 t1970
    /// ns1970 UTC TT2000 ET2000 ms μs ns s hours days Hz kHz MHz`, `V**2 m**-2 Hz**-1`,
    /// `nT**2 Hz**-1`, `nT cm**-3 dB km eV` and the empty string.
    public init() {
        known = KnownUnits.das2C
    }

    /// Returns the spelling das2C would write for a units string, registering new spellings.
    /// - Parameter text: A units string as read from a header or command line.
    /// - Returns: The canonical spelling, or `nil` when das2C cannot parse the text.
    public mutating func canonicalSpelling(of text: String) -> String? {
        let resolution = Units.resolve(text, against: known)
        guard resolution.units.isParseable else { return nil }
        if let entry = resolution.newEntry { known.append(entry) }
        return resolution.units.symbol
    }
}
