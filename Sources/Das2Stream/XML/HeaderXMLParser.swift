import CExpat

/// Parses one header body (the XML of a `[00]`, `[NN]` or `[xx]` packet) with libexpat.
///
/// The parser is namespace-unaware (das2 property names such as `Datum:xTagWidth` are not
/// namespaces), forces UTF-8 whatever the XML declaration says (as das2C does), rejects
/// document type declarations (das2 headers never need them, and refusing them closes the
/// door on entity expansion attacks) and rejects anything after the root element.
package enum HeaderXMLParser {
    /// A parse failure: expat's message and the byte index inside the body.
    package struct Failure: Error, Sendable {
        package var message: String
        package var byteIndex: Int
    }

    /// Parses a complete header body into its root element.
    package static func parse(_ body: UnsafeRawBufferPointer) throws(Failure) -> XMLElement {
        guard let parser = XML_ParserCreate("UTF-8") else {
            throw Failure(message: "couldn't create an XML parser", byteIndex: 0)
        }
        defer { XML_ParserFree(parser) }
        // A fixed salt avoids a getrandom system call per header; hash flooding is bounded
        // by the header size limit.
        XML_SetHashSalt(parser, 0x6461_7332)

        let builder = TreeBuilder(parser: parser)
        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }
        XML_SetUserData(parser, unmanaged.toOpaque())
        XML_SetElementHandler(parser, startElement, endElement)
        XML_SetCharacterDataHandler(parser, characterData)
        XML_SetStartDoctypeDeclHandler(parser, startDoctype)

        let base = body.baseAddress?.assumingMemoryBound(to: CChar.self)
        let status = XML_Parse(parser, base, Int32(body.count), 1)
        if let problem = builder.problem {
            throw Failure(message: problem, byteIndex: Int(XML_GetCurrentByteIndex(parser)))
        }
        if status == XML_STATUS_ERROR {
            let code = XML_GetErrorCode(parser)
            let text = XML_ErrorString(code).map { String(cString: $0) } ?? "XML error"
            throw Failure(message: text, byteIndex: Int(XML_GetCurrentByteIndex(parser)))
        }
        guard let root = builder.root else {
            throw Failure(message: "no element found", byteIndex: 0)
        }
        return root
    }
}

/// Receives expat callbacks; lives only for one parse.
private final class TreeBuilder {
    let parser: XML_Parser
    var stack: [XMLElement] = []
    var root: XMLElement?
    var problem: String?

    init(parser: XML_Parser) { self.parser = parser }

    func fail(_ message: String) {
        problem = message
        XML_StopParser(parser, XML_FALSE)
    }
}

private func builder(_ userData: UnsafeMutableRawPointer?) -> TreeBuilder {
    Unmanaged<TreeBuilder>.fromOpaque(userData!).takeUnretainedValue()
}

private let startElement: XML_StartElementHandler = { userData, name, attributes in
    let tree = builder(userData)
    var element = XMLElement(name: String(cString: name!))
    if var cursor = attributes {
        while let key = cursor.pointee, let value = cursor.advanced(by: 1).pointee {
            element.attributes.append((String(cString: key), String(cString: value)))
            cursor = cursor.advanced(by: 2)
        }
    }
    tree.stack.append(element)
}

private let endElement: XML_EndElementHandler = { userData, _ in
    let tree = builder(userData)
    guard let element = tree.stack.popLast() else { return }
    if tree.stack.isEmpty {
        tree.root = element
    } else {
        tree.stack[tree.stack.count - 1].children.append(element)
    }
}

private let characterData: XML_CharacterDataHandler = { userData, text, length in
    let tree = builder(userData)
    guard let text, length > 0, !tree.stack.isEmpty else { return }
    let chunk = UnsafeRawBufferPointer(start: text, count: Int(length))
    tree.stack[tree.stack.count - 1].text += String(decoding: chunk, as: UTF8.self)
}

private let startDoctype: XML_StartDoctypeDeclHandler = { userData, _, _, _, _ in
    builder(userData).fail("document type declarations are not allowed in das2 headers")
}
