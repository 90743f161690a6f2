import Foundation

/// The value at a path like `SOURCE.ACCESS[0].BASE_URL` in parsed JSON, nil when absent.
func jsonValue(_ root: Any, _ path: String) -> Any? {
    var current: Any? = root
    for component in path.split(separator: ".") {
        var name = Substring(component)
        var indices: [Int] = []
        while name.hasSuffix("]"), let open = name.lastIndex(of: "["), let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
            indices.insert(index, at: 0)
            name = name[..<open]
        }
        if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
        for index in indices {
            guard let array = current as? [Any], array.indices.contains(index) else { return nil }
            current = array[index]
        }
    }
    return current
}

/// Problems when the JSON value at each path differs from the expected value (compared as
/// Foundation objects; expected values are JSON-like literals).
func jsonMembers(_ root: Any, _ expected: KeyValuePairs<String, Any>) -> [String] {
    expected.compactMap { path, value in
        let actual = jsonValue(root, path)
        guard let actual, jsonText(actual) == jsonText(value) else {
            return "JSON \(path): expected \(jsonText(value)), got \(actual.map(jsonText) ?? "none")"
        }
        return nil
    }
}

/// Parsed JSON written back as compact text, for messages.
func jsonText(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]) else {
        return "\(value)"
    }
    return String(decoding: data, as: UTF8.self)
}
