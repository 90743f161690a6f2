/// An `<enumerationUnit>` element: the label of one integer code of a nominal (enumeration)
/// unit (stream-qstream.md §9.3).
///
/// It arrives as an `[xx]` packet or as a child of a `<qdataset>`; the unit `name` must
/// have been declared by a `UNITS` property of type `enumerationUnit`.
public struct QStreamEnumerationLabel: Hashable, Sendable {
    /// The enumeration unit's name, such as `default`.
    public var name: String
    /// The integer code.
    public var value: Int
    /// The label text for the code.
    public var label: String
    /// The `color` attribute as written, `0xRRGGBB`, when present.
    public var color: String?

    /// Creates a label.
    public init(name: String, value: Int, label: String, color: String? = nil) {
        self.name = name
        self.value = value
        self.label = label
        self.color = color
    }
}

extension QStreamEnumerationLabel {
    /// Builds a label from an `<enumerationUnit>` element.
    init(element: XMLElement) throws(Das2StreamError) {
        guard let name = element[attribute: "name"], !name.isEmpty else {
            throw Das2StreamError(.invalidOutOfBand, "<enumerationUnit> has no name attribute")
        }
        let text = (element[attribute: "value"] ?? "").trimmingBlanks
        let code: Int
        if let integer = Int(text) {
            code = integer
        } else if let real = Double(text), real.rounded() == real, let integer = Int(exactly: real) {
            code = integer
        } else {
            throw Das2StreamError(.invalidOutOfBand, "<enumerationUnit name=\"\(name)\"> has value '\(text)', not an integer code")
        }
        self.init(name: name, value: code, label: element[attribute: "label"] ?? "", color: element[attribute: "color"])
    }

    /// The enumeration unit named by a `UNITS` property of type `enumerationUnit`:
    /// the text before `[` in `NAME[code:label::…]`.
    static func unitName(declaredBy value: String) -> String {
        let name = value.split(separator: "[", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(name).trimmingBlanks
    }
}
