/// An XML element kept as a small tree: the value of an element-typed QStream property
/// (`<map>`, `<datumRange>`, `<datum>`; stream-qstream.md §8.1).
///
/// The reader does not interpret these values; it keeps them faithfully so they can be
/// inspected or written back.
public struct QStreamElement: Hashable, Sendable {
    /// One attribute.
    public struct Attribute: Hashable, Sendable {
        /// The attribute name.
        public var name: String
        /// The attribute value, after XML normalisation.
        public var value: String

        /// Creates an attribute.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The tag name.
    public var name: String
    /// Attributes in document order.
    public var attributes: [Attribute]
    /// Child elements in document order.
    public var children: [QStreamElement]
    /// Character data directly inside the element, blanks at both ends removed.
    public var text: String

    /// Creates an element.
    public init(name: String, attributes: [Attribute] = [], children: [QStreamElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The value of the first attribute with this name.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    init(_ element: XMLElement) {
        self.init(
            name: element.name,
            attributes: element.attributes.map { Attribute(name: $0.name, value: $0.value) },
            children: element.children.map(QStreamElement.init),
            text: element.text.trimmingBlanks
        )
    }
}
