/// The `bins` object of one array dimension (§7.4.4).
struct HAPIBins: Sendable {
    var name: String
    var units: String
    var centers: [Double]
    var label: String?

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("units", .string(units)), ("centers", .array(centers.map(JSONValue.number))),
        ]
        if let label { members.append(("label", .string(label))) }
        return .object(members)
    }
}
