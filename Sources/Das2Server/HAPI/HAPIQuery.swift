/// A query string decoded by the HAPI rules (hapi.md §3.1): pairs separated by `&` only,
/// `+` a space and `%XX` a byte, keys case-sensitive, every pair kept (a doubled key is an
/// error, not "first wins").
struct HAPIQuery: Sendable {
    /// The pairs in query order; a pair without `=` has an empty value.
    private(set) var pairs: [(key: String, value: String)] = []

    /// Decodes a raw query string.
    /// - Throws: 1400 when a decoded key or value is not UTF-8.
    init(_ raw: String) throws(HAPIError) {
        for part in raw.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let key = try Self.decode(part[..<(equals ?? part.endIndex)])
            let value = try equals.map { (index) throws(HAPIError) in try Self.decode(part[part.index(after: index)...]) } ?? ""
            pairs.append((key, value))
        }
    }

    /// The value of a key; nil when absent or empty (an empty value counts as absent, §2.5).
    subscript(key: String) -> String? {
        guard let value = pairs.first(where: { $0.key == key })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Step 1 of §2.5: every key must be one the endpoint knows.
    func requireKnownKeys(_ allowed: Set<String>) throws(HAPIError) {
        if pairs.contains(where: { !allowed.contains($0.key) }) {
            throw HAPIError(.unknownParameterName)
        }
    }

    /// Step 2 of §2.5: no key twice, and no parameter under both of its names.
    func requireSingleValues(synonyms: [(String, String)] = []) throws(HAPIError) {
        var seen = Set<String>()
        for pair in pairs where !seen.insert(pair.key).inserted {
            throw HAPIError(.userInputError, clarification: "a request parameter is given more than once")
        }
        for (name, legacy) in synonyms where seen.contains(name) && seen.contains(legacy) {
            throw HAPIError(.userInputError, clarification: "\(name) and \(legacy) name the same request parameter")
        }
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws(HAPIError) -> String {
        let result = QueryParameters.decodedBytes(bytes)
        // Invalid UTF-8 decodes to U+FFFD, which changes the bytes.
        let text = String(decoding: result, as: UTF8.self)
        guard text.utf8.elementsEqual(result) else {
            throw HAPIError(.userInputError, clarification: "the query is not UTF-8")
        }
        return text
    }
}
