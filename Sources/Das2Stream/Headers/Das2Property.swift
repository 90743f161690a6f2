public import Das2Core

/// One typed property of a das2 stream, packet or plane (`Datum:xTagWidth="60 s"`).
///
/// The value text is kept verbatim, as das2C keeps it, so filters re-emit exactly what they
/// read. For `Datum`, `DatumRange`, `Time` and `TimeRange` values the trailing units are split
/// off into ``units`` and written back in their canonical spelling.
public struct Das2Property: Hashable, Sendable {
    /// The value type of a property.
    public enum Kind: Hashable, Sendable {
        case string, boolean, integer, real, time
    }

    /// Whether a property holds one value, a `BEGIN to END` range or a list.
    public enum Multiplicity: Hashable, Sendable {
        case single, range, set
    }

    /// The property name, without the type prefix.
    public var name: String
    /// The value type.
    public var kind: Kind
    /// One value, a range or a list.
    public var multiplicity: Multiplicity
    /// The value text without its units.
    public var value: String
    /// The units of a Datum, DatumRange, Time or TimeRange value; nil when dimensionless.
    public var units: Units?

    /// Creates a property from its parts.
    public init(name: String, kind: Kind, multiplicity: Multiplicity = .single, value: String, units: Units? = nil) {
        self.name = name
        self.kind = kind
        self.multiplicity = multiplicity
        self.value = value
        self.units = units
    }
}

// MARK: - Convenience constructors used by filters

extension Das2Property {
    /// A String property.
    public static func string(_ name: String, _ value: String) -> Das2Property {
        Das2Property(name: name, kind: .string, value: value)
    }

    /// A real property with units, formatted as das2C does (`%f`, or `%e` beyond 1e10).
    public static func datum(_ name: String, _ value: Double, units: Units?) -> Das2Property {
        Das2Property(name: name, kind: .real, value: das2CRealText(value), units: units)
    }

    /// A boolean property (`true`/`false`).
    public static func boolean(_ name: String, _ value: Bool) -> Das2Property {
        Das2Property(name: name, kind: .boolean, value: value ? "true" : "false")
    }

    /// An integer property.
    public static func integer(_ name: String, _ value: Int) -> Das2Property {
        Das2Property(name: name, kind: .integer, value: String(value))
    }

    /// das2C's text for a real set by a tool: `%f`, or `%e` when |v| > 1e10.
    static func das2CRealText(_ value: Double) -> String {
        let format = abs(value) > 1e10 ? FloatFormat(.exponential) : FloatFormat(.fixed)
        return format.string(value)
    }
}

// MARK: - Reading values

extension Das2Property {
    /// The type word written before the name in a das2.2 header, or nil for String
    /// (das2C's mapping: ranges without units become `double`, lists with units `Datum`).
    public var typeWord: String? {
        switch kind {
        case .string: nil
        case .boolean: "boolean"
        case .integer: "int"
        case .real:
            if units == nil {
                multiplicity == .set ? "doubleArray" : "double"
            } else {
                multiplicity == .range ? "DatumRange" : "Datum"
            }
        case .time: multiplicity == .range ? "TimeRange" : "Time"
        }
    }

    /// The value as written in a header: the value text, then a blank and the units if any.
    public var text: String {
        guard let units, !units.symbol.isEmpty else { return value }
        return value + " " + units.symbol
    }

    /// The leading number of the value (C `sscanf("%lf")`), or nil when there is none.
    public var doubleValue: Double? {
        CNumberParser.parseDouble(value)?.value
    }

    /// The leading integer of the value (C `atoi`), or nil when there is none.
    public var intValue: Int? {
        CNumberParser.parseInt(value)?.value
    }

    /// das2C's boolean reading: true when the value starts with a non-zero digit or is `true`.
    public var boolValue: Bool {
        guard let first = value.utf8.first else { return false }
        if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") { return true }
        return value.lowercased() == "true"
    }

    /// The value in seconds, for an interval such as `xTagWidth`: the number times the units'
    /// seconds per unit; a value without units counts as seconds. Nil when the value is not a
    /// number or the units are not a time interval.
    public var seconds: Double? {
        guard let number = doubleValue else { return nil }
        guard let units, !units.symbol.isEmpty else { return number }
        guard let perUnit = units.secondsPerUnit else { return nil }
        return number * perUnit
    }
}
