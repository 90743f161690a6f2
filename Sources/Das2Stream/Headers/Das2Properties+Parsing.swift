extension Das2Properties {
    /// Adds every attribute of a `<properties>` element, later ones replacing earlier ones of
    /// the same name (das2C's merge rule).
    mutating func parseAttributes(of element: XMLElement, context: inout HeaderContext) throws(Das2StreamError) {
        for attribute in element.attributes {
            let property = try Das2Property.parse(attribute: attribute.name, value: attribute.value, context: &context)
            set(property, sourceText: attribute.value)
        }
    }
}
