/// One `<property>` of a QStream dataset (stream-qstream.md §8).
///
/// The value is kept as text (`value`) exactly as read; element-typed values such as a
/// `<map>` are kept as a tree (`element`). Interpreting the text (units, rank-0 datasets,
/// ranges) is left to the consumer.
public struct QStreamProperty: Hashable, Sendable {
    /// The property name, such as `UNITS`, `DEPEND_0`, `FILL_VALUE`.
    public var name: String
    /// The `type` attribute (`String`, `Double`, `units`, `qdataset`, `rank0dataset`, …), or
    /// for an element-typed value without one, the tag of that element (`map`).
    public var type: String
    /// The `value` attribute, else the element's text; empty for element-typed values.
    public var value: String
    /// The child element of an element-typed value, such as `<map>…</map>`.
    public var element: QStreamElement?

    /// Creates a property with a text value.
    public init(name: String, type: String, value: String) {
        self.name = name
        self.type = type
        self.value = value
        self.element = nil
    }

    /// Creates a property whose value is an element; the type is the element's tag.
    public init(name: String, element: QStreamElement) {
        self.name = name
        self.type = element.name
        self.value = ""
        self.element = element
    }

    /// The property types the reference implementation reads (plus `datum`, which it writes);
    /// properties of any other type are dropped with a warning.
    public static let knownTypes: Set<String> = [
        "String", "Boolean", "Integer", "Long", "Short", "Byte", "Double", "Float", "Number",
        "units", "unit", "enumerationUnit", "qdataset", "rank0dataset", "datumRange", "datum",
        "map", "numberArray", "cacheTag",
    ]

    /// Whether the value names another dataset: type `qdataset`, or a `String`-typed
    /// `DEPEND_n`, `BUNDLE_n`, `PLANE_n`, `DELTA_MINUS`, `DELTA_PLUS`, `BIN_MINUS`,
    /// `BIN_PLUS`, `BIN_MIN`, `BIN_MAX` or `WEIGHTS`, which the reference implementation
    /// resolves the same way (legacy streams).
    public var isDatasetReference: Bool {
        if type == "qdataset" { return true }
        guard type == "String" else { return false }
        if Self.referenceNames.contains(name) { return true }
        for prefix in ["DEPEND_", "BUNDLE_", "PLANE_"] where name.hasPrefix(prefix) {
            let index = name.dropFirst(prefix.count)
            return !index.isEmpty && index.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        return false
    }

    private static let referenceNames: Set<String> = [
        "DELTA_MINUS", "DELTA_PLUS", "BIN_MINUS", "BIN_PLUS", "BIN_MIN", "BIN_MAX", "WEIGHTS",
    ]
}
