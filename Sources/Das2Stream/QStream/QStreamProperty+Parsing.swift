extension QStreamProperty {
    /// Builds a property from a `<property>` element; returns `nil` (with a warning) for a
    /// type the reference implementation does not know, which it drops.
    static func parse(_ element: XMLElement, warnings: inout [String]) throws(Das2StreamError) -> QStreamProperty? {
        guard let name = element[attribute: "name"], !name.isEmpty else {
            throw Das2StreamError(.invalidProperty, "A <property> has no name attribute")
        }
        var property: QStreamProperty
        if let type = element[attribute: "type"] {
            if let value = element[attribute: "value"] {
                property = QStreamProperty(name: name, type: type, value: value)
            } else if element.children.count == 1 {
                property = QStreamProperty(name: name, element: QStreamElement(element.children[0]))
                property.type = type
            } else {
                property = QStreamProperty(name: name, type: type, value: element.text.trimmingBlanks)
            }
        } else {
            guard element.children.count == 1 else {
                throw Das2StreamError(
                    .invalidPropertyType,
                    "Property \(name) has no type attribute and \(element.children.count) child elements; an untyped property needs exactly one"
                )
            }
            property = QStreamProperty(name: name, element: QStreamElement(element.children[0]))
        }
        guard Self.knownTypes.contains(property.type) else {
            warnings.append("dropping property \(name) of unknown type '\(property.type)'")
            return nil
        }
        try property.validateNumber()
        return property
    }

    /// Numeric types must hold a number (the reference implementation fails on others).
    private func validateNumber() throws(Das2StreamError) {
        guard element == nil else { return }
        let text = value.trimmingBlanks
        switch type {
        case "Integer", "Long", "Short", "Byte":
            guard Int64(text) != nil else {
                throw Das2StreamError(.invalidProperty, "Property \(name) of type \(type) has value '\(value)', not an integer")
            }
        case "Double", "Float", "Number":
            guard Double(text) != nil else {
                throw Das2StreamError(.invalidProperty, "Property \(name) of type \(type) has value '\(value)', not a number")
            }
        default:
            break
        }
    }
}
