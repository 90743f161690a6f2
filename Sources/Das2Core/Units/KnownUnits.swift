/// A units spelling held by a registry, with its parse cached for reduction matching.
struct KnownUnits: Sendable {
    let units: Units
    /// Components before reduction; das2C compares this count, not the reduced one.
    let componentCount: Int
    let reduced: [UnitComponent]

    init(units: Units, componentCount: Int, reduced: [UnitComponent]) {
        self.units = units
        self.componentCount = componentCount
        self.reduced = reduced
    }

    /// A pre-registered spelling: an epoch name, `UTC`, or an ordinary unit parsed here.
    private init(registering spelling: String) {
        if spelling == "UTC" {
            self.init(units: Units(symbol: spelling, kind: .utc), componentCount: 0, reduced: [])
        } else if let scale = TimeScale(rawValue: spelling) {
            self.init(units: Units(symbol: spelling, kind: .epoch(scale)), componentCount: 0, reduced: [])
        } else {
            let components = Units.components(of: Array(spelling.utf8)) ?? []
            let (reduced, magnitude) = Units.reduce(components)
            let units = Units(symbol: spelling, kind: .ordinary, dimension: UnitComponent.spelling(of: reduced), magnitude: magnitude)
            self.init(units: units, componentCount: components.count, reduced: reduced)
        }
    }

    /// das2C's reduction match (`Units_fromStr`): a non-calendar unit whose unreduced component
    /// count equals the candidate's reduced count, with an identical das2C factor, whose reduced
    /// components equal the candidate's leading ones.
    func matches(reduced candidate: [UnitComponent], magnitude: UnitsMagnitude) -> Bool {
        !units.isTime && componentCount == candidate.count && units.magnitude.das2C == magnitude.das2C
            && reduced.count <= candidate.count && candidate.prefix(reduced.count).elementsEqual(reduced)
    }

    /// The entry spelled exactly so (bytewise, as `strcmp`).
    static func entry(spelled spelling: String, in list: [KnownUnits]) -> KnownUnits? {
        list.first { $0.units.symbol.utf8.elementsEqual(spelling.utf8) }
    }

    /// das2C's pre-registered units, in registration order (stream-das2.md §6.4, tools.md §1.7).
    static let das2C: [KnownUnits] = [
        "us2000", "mj1958", "t2000", "t1970", "ns1970", "UTC", "TT2000", "ET2000",
        "ms", "μs", "ns", "s", "hours", "days", "Hz", "kHz", "MHz",
        "V**2 m**-2 Hz**-1", "nT**2 Hz**-1", "nT", "cm**-3", "dB", "km", "eV", "",
    ].map(KnownUnits.init(registering:))

    /// The list behind the stateless ``Units/init(_:)``: das2C's plus `min`, so that `minute`
    /// and `minutes` read as `min` (stream-das2.md §6.3).
    static let stateless: [KnownUnits] = das2C + [KnownUnits(registering: "min")]
}
