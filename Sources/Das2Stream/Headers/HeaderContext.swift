import Das2Core

/// State shared by the headers of one stream while they are parsed.
struct HeaderContext: Sendable {
    /// Tolerated oddities to report to the user.
    var warnings: [String] = []
    /// das2C canonicalises units through a registry that remembers the spellings it has seen,
    /// so a later spelling of the same unit is written like the first one.
    var units = UnitsRegistry()

    /// The units for a header's text, spelled as das2C would write them back. Unparseable text
    /// is kept as an opaque label.
    mutating func units(_ text: String) -> Units {
        Units(units.canonicalSpelling(of: text) ?? text)
    }

    /// Like ``units(_:)`` but nil when das2C could not parse the text.
    mutating func parsedUnits(_ text: String) -> Units? {
        guard let spelling = units.canonicalSpelling(of: text) else { return nil }
        return Units(spelling)
    }
}
