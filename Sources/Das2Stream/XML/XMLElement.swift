/// A parsed XML element of a das2 or QStream header: name, attributes in document order,
/// child elements and character data.
///
/// Headers are small (a few kilobytes) and parsed once per packet id, so a tree is the
/// simplest faithful model. Attribute order is kept because das2 plane and property order
/// is significant.
package struct XMLElement: Hashable, Sendable {
    package var name: String
    package var attributes: [(name: String, value: String)]
    package var children: [XMLElement]
    package var text: String

    package init(name: String, attributes: [(name: String, value: String)] = [], children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The value of the first attribute with this name.
    package subscript(attribute name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }

    package static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        lhs.name == rhs.name && lhs.text == rhs.text && lhs.children == rhs.children
            && lhs.attributes.elementsEqual(rhs.attributes, by: { $0.name == $1.name && $0.value == $1.value })
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(attributes.count)
        for attribute in attributes {
            hasher.combine(attribute.name)
            hasher.combine(attribute.value)
        }
        hasher.combine(children)
        hasher.combine(text)
    }
}
