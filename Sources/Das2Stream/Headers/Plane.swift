public import Das2Core

/// One plane of a das2.2 packet header: `<x>`, `<y>`, `<yscan>` or `<z>`.
///
/// A plane contributes `items` values of one ``ValueEncoding`` to every data record, in
/// document order.
public struct Plane: Hashable, Sendable {
    /// The element a plane is written as.
    public enum Kind: String, Hashable, Sendable {
        case x, y, yscan, z
    }

    /// The element kind.
    public var kind: Kind
    /// The `name` attribute; empty when absent.
    public var name: String
    /// How values are stored.
    public var encoding: ValueEncoding
    /// Units of the values. Planes with a time encoding hold epoch values: `us2000` when the
    /// header said `UTC` (or nothing), otherwise the epoch it named.
    public var units: Units
    /// Values per record: `nitems` for a yscan, 1 otherwise.
    public var items: Int
    /// The y coordinates of a yscan's items; nil for other planes.
    public var yTags: YTags?
    /// Units of the y tags (`yUnits`) of a yscan; nil when absent.
    public var yUnits: Units?
    /// Properties of this plane (the first level of the property cascade).
    public var properties: Das2Properties

    /// Creates a single-valued plane (`<x>`, `<y>` or `<z>`).
    public init(_ kind: Kind, name: String = "", encoding: ValueEncoding, units: Units, properties: Das2Properties = []) {
        precondition(kind != .yscan, "use init(yscanNamed:…) for yscans")
        self.kind = kind
        self.name = name
        self.encoding = encoding
        self.units = units
        self.items = 1
        self.yTags = nil
        self.yUnits = nil
        self.properties = properties
    }

    /// Creates a `<yscan>` with `items` values per record.
    public init(
        yscanNamed name: String,
        encoding: ValueEncoding,
        units: Units,
        items: Int,
        yTags: YTags,
        yUnits: Units?,
        properties: Das2Properties = []
    ) {
        precondition(items >= 1, "a yscan has at least one item")
        self.kind = .yscan
        self.name = name
        self.encoding = encoding
        self.units = units
        self.items = items
        self.yTags = yTags
        self.yUnits = yUnits
        self.properties = properties
    }

    /// Bytes this plane occupies in each record.
    public var byteCount: Int { encoding.width * items }

    /// The epoch of the values when they are times (a time encoding, or binary values whose
    /// units are an epoch such as `us2000`).
    public var timeScale: TimeScale? { units.timeScale }

    /// The plane's fill value through the property cascade (stream-das2.md §7): `<y>` planes
    /// use `yFill`, then `fill`; `<yscan>` and `<z>` planes `zFill`, then `fill`; each name is
    /// looked up plane → packet → stream before the next is tried. `<x>` planes have none
    /// (-1e31).
    public func fill(packet: Das2Properties, stream: Das2Properties) -> Double {
        let names: [String]
        switch kind {
        case .x: return Self.defaultFill
        case .y: names = ["yFill", "fill"]
        case .yscan, .z: names = ["zFill", "fill"]
        }
        for name in names {
            if let property = properties[name] ?? packet[name] ?? stream[name] {
                return property.doubleValue ?? Self.defaultFill
            }
        }
        return Self.defaultFill
    }

    /// The canonical das2 fill value.
    public static let defaultFill = -1.0e31
}

extension Plane {
    /// das2C's fill test: v is fill when fill is 0 and v is 0, or when |(fill - v) / fill| < 1e-5.
    /// NaN is never fill.
    @inlinable
    public static func isFill(_ value: Double, fill: Double) -> Bool {
        if fill == 0 { return value == 0 }
        return abs((fill - value) / fill) < 1e-5
    }
}
