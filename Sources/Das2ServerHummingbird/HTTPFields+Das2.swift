import Das2Server
import HTTPTypes
import Logging

extension HTTPFields {
    /// The header fields of a das2 server answer, in order.
    /// - Parameter logger: receives one line per name HTTP cannot carry (that field is dropped).
    init(das2Headers headers: [(name: String, value: String)], logger: Logger) {
        self.init()
        reserveCapacity(headers.count + 2)
        HTTPField.forEachDas2Header(headers, logger: logger) { name, value in append(HTTPField(name: name, value: value)) }
    }
}

extension Das2Response {
    /// The header fields of the answer as SwiftNIO's HTTP/1 encoder takes them: the names and
    /// values an `HTTPFields` of them would carry, in order, with room for `extra` more.
    /// - Parameter logger: receives one line per name HTTP cannot carry (that field is dropped).
    func http1Headers(extra: Int, logger: Logger) -> [(String, String)] {
        var fields: [(String, String)] = []
        fields.reserveCapacity(headers.count + extra)
        HTTPField.forEachDas2Header(headers, logger: logger) { name, value in
            // A value HTTP cannot carry is legalized as `HTTPField` does (invalid bytes become
            // spaces), so neither path writes what a client could read as another header.
            fields.append((name.rawName, HTTPField.isValidValue(value) ? value : HTTPField(name: name, value: value).value))
        }
        return fields
    }
}

extension HTTPField {
    /// Calls `body` with the name and value of each das2 answer header HTTP can carry.
    fileprivate static func forEachDas2Header(
        _ headers: [(name: String, value: String)], logger: Logger, _ body: (HTTPField.Name, String) -> Void
    ) {
        for (name, value) in headers {
            guard let fieldName = commonDas2Names[name] ?? HTTPField.Name(name) else {
                logger.error("das2 response header with an invalid name dropped", metadata: ["name": "\(name)"])
                continue
            }
            body(fieldName, value)
        }
    }

    /// The names das2 answers use most, made once: making a name checks and lowercases it.
    private static let commonDas2Names: [String: HTTPField.Name] = {
        let names = [
            "Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
            "Content-Type", "Content-Disposition", "Cache-Control", "Expires", "Last-Modified", "ETag", "Location",
        ]
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in HTTPField.Name(name).map { (name, $0) } })
    }()
}
