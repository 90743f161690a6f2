/// Parameter names by the rules of hapi.md §7.4.3: characters outside `[A-Za-z0-9_.-]` become
/// `_`, an empty name gets a kind-and-count name, `Time` in any case gets `_1`, and a name equal
/// (ignoring case) to an earlier one gets the first free `_2`, `_3`, … suffix.
struct HAPINaming {
    private var taken = Set<String>()

    /// Marks a name as used.
    mutating func reserve(_ name: String) {
        taken.insert(name.lowercased())
    }

    /// The parameter name for a plane name.
    mutating func name(for raw: String, fallback: String) -> String {
        var name = String(String.UnicodeScalarView(raw.unicodeScalars.map { scalar in
            Self.isAllowed(scalar) ? scalar : "_"
        }))
        if name.isEmpty { name = fallback }
        if name.lowercased() == "time" { name += "_1" }
        if taken.contains(name.lowercased()) {
            var suffix = 2
            while taken.contains("\(name)_\(suffix)".lowercased()) { suffix += 1 }
            name = "\(name)_\(suffix)"
        }
        reserve(name)
        return name
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", ".", "-": true
        default: false
        }
    }
}
