/// A das2 units string, such as `s`, `V m**-1`, `us2000` or an opaque label like `log10Ratio`.
///
/// Any text is a valid label (stream-das2.md §6.5): a reader keeps units it cannot understand.
/// Text that das2C can parse is stored under das2C's canonical spelling (§6.4), computed with the
/// stateless rules only — the pre-registered units, the aliases (`sec` → `s`, `hertz` → `Hz`,
/// `microsec` → `μs`, Latin-1 `µ` → Greek `μ`, …), then reduction-equality with a pre-registered
/// non-calendar unit of the same scale (`microseconds` → `μs`, `s**-1` → `Hz`), else the component
/// form (`V/m` → `V m**-1`). For the order-dependent spelling that das2C writes into headers use
/// ``UnitsRegistry``.
///
/// Besides das2C's list, `min` counts as pre-registered here so that `minute` and `minutes` read
/// as `min` (stream-das2.md §6.3). Epoch names are case-sensitive (`us2000`, not `US2000`); `us1980`
/// and `mjd` are accepted as epochs (stream-das2.md §6.2 resolution).
///
/// The reduction (base components and scale) is computed once, when the value is created, so
/// ``factor(to:)`` and ``convert(_:to:)`` do not allocate. Two units are equal when their
/// symbols are equal.
public struct Units: Hashable, Sendable, CustomStringConvertible {
    /// What a units string denotes.
    enum Kind: Hashable, Sendable {
        /// A product of named components, convertible by reduction.
        case ordinary
        /// Calendar time; numeric values of UTC datums are us2000.
        case utc
        /// A time point in an epoch scale.
        case epoch(TimeScale)
        /// Text das2C cannot parse: a label only.
        case opaque
    }

    /// The canonical spelling, or the text unchanged when it does not parse.
    public let symbol: String
    let kind: Kind
    /// The reduced components in das2C order (`V**2 s m**-2`); empty unless ordinary.
    let dimension: String
    /// Size of one unit in the reduced components (1e3 for `kHz` over `s**-1`); 1 unless ordinary.
    let magnitude: UnitsMagnitude

    init(symbol: String, kind: Kind, dimension: String = "", magnitude: UnitsMagnitude = UnitsMagnitude()) {
        self.symbol = symbol
        self.kind = kind
        self.dimension = dimension
        self.magnitude = magnitude
    }

    /// Creates units from any text.
    ///
    /// When the text parses, ``symbol`` is its canonical spelling; otherwise the units are an
    /// opaque label whose ``symbol`` is the text unchanged.
    /// - Parameter text: A units string, e.g. `V/m`, `hertz`, `us2000`, `log10Ratio`.
    public init(_ text: String) {
        self = Units.resolve(text, against: KnownUnits.stateless).units
    }

    /// Creates units from text that must parse.
    /// - Parameter text: A units string.
    /// - Throws: `Das2CoreError` with code `.invalidUnits` when das2C could not parse the text
    ///   (digits inside a name, `!`, `,`, other punctuation).
    public init(parsing text: String) throws(Das2CoreError) {
        let units = Units(text)
        guard units.isParseable else {
            throw Das2CoreError(.invalidUnits, "cannot parse units '\(text)': names may hold only letters, '%' and non-ASCII characters, joined by blanks, '/', '**' or '^' exponents")
        }
        self = units
    }

    /// Whether the text was understood; `false` for opaque labels such as `log10Ratio`.
    public var isParseable: Bool { kind != .opaque }

    /// The epoch scale of time-point units (`us2000`, `t2000`, `mj1958`, `t1970`, `ns1970`,
    /// `TT2000`, `ET2000`, `us1980`, `mjd`); `nil` for `UTC` and every other unit.
    public var timeScale: TimeScale? {
        if case .epoch(let scale) = kind { return scale }
        return nil
    }

    /// Whether these are calendar units: an epoch unit or `UTC`.
    public var isTime: Bool {
        switch kind {
        case .utc, .epoch: true
        case .ordinary, .opaque: false
        }
    }

    /// Seconds in one unit for intervals that reduce to seconds (`s`, `ms`, `μs`, `ns`, `min`,
    /// `hours`, `days`, `ks`, …); `nil` otherwise, including epoch units.
    public var secondsPerUnit: Double? {
        inSeconds(1)
    }

    /// The canonical spelling.
    public var description: String { symbol }

    public static func == (lhs: Units, rhs: Units) -> Bool { lhs.symbol == rhs.symbol }

    public func hash(into hasher: inout Hasher) { hasher.combine(symbol) }
}

extension Units {
    /// No units (the empty string).
    public static let dimensionless = Units("")
    /// Calendar time; datums in these units hold us2000 values.
    public static let utc = Units("UTC")
    /// Microseconds since 2000-01-01T00:00:00 UTC.
    public static let us2000 = Units("us2000")
    /// Seconds since 2000-01-01T00:00:00 UTC.
    public static let t2000 = Units("t2000")
    /// Seconds (an interval).
    public static let seconds = Units("s")
    /// Milliseconds (an interval).
    public static let milliseconds = Units("ms")
    /// Microseconds (an interval), spelled with Greek mu: `μs`.
    public static let microseconds = Units("μs")
    /// Hertz.
    public static let hertz = Units("Hz")
}
