import Das2Core

/// One parameter of a HAPI dataset (hapi.md §6.1, §7.4.2) and where its values sit in a
/// decoded das2 record.
struct HAPIParameter: Sendable {
    /// The HAPI parameter types.
    enum Kind: String, Sendable {
        case isotime, double, integer, string
    }

    var name: String
    var kind: Kind
    /// nil is written as JSON `null`.
    var units: String?
    /// The fill text; nil is written as JSON `null`.
    var fill: String?
    /// Bytes per value of `isotime` and `string` parameters.
    var length: Int?
    /// The array shape; nil for a scalar.
    var size: [Int]?
    var label: String?
    var description: String?
    var bins: [HAPIBins]?

    /// The das2 plane the values come from: its name, and the position of its first value and
    /// the value count in a record decoded plane by plane.
    var planeName: String = ""
    var valueOffset = 0
    var valueCount = 1
    /// The plane's das2 fill value; values the das2 rule calls fill are written as exactly this.
    var fillValue = -1e31
    /// For `isotime` values read from a record: the plane's epoch units.
    var timeUnits: Units?

    /// The parameter object of `/info`.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("type", .string(kind.rawValue)), ("units", units.map(JSONValue.string) ?? .null),
            ("fill", fill.map(JSONValue.string) ?? .null),
        ]
        if let length { members.append(("length", .integer(length))) }
        if let size { members.append(("size", .array(size.map(JSONValue.integer)))) }
        if let label { members.append(("label", .string(label))) }
        if let description { members.append(("description", .string(description))) }
        if let bins { members.append(("bins", .array(bins.map(\.json)))) }
        return .object(members)
    }

    /// The time parameter every dataset starts with.
    static func time(planeName: String, valueOffset: Int, units: Units) -> HAPIParameter {
        HAPIParameter(
            name: "Time", kind: .isotime, units: "UTC", fill: nil, length: IsoTimeWriter.length,
            planeName: planeName, valueOffset: valueOffset, timeUnits: units
        )
    }
}
