import HTTPTypes
import Logging

extension HTTPFields {
    /// The header fields of a das2 server answer, in order.
    /// - Parameter logger: receives one line per name HTTP cannot carry (that field is dropped).
    init(das2Headers headers: [(name: String, value: String)], logger: Logger) {
        self.init()
        reserveCapacity(headers.count + 2)
        for (name, value) in headers {
            guard let fieldName = Self.commonFieldNames[name] ?? HTTPField.Name(name) else {
                logger.error("das2 response header with an invalid name dropped", metadata: ["name": "\(name)"])
                continue
            }
            append(HTTPField(name: fieldName, value: value))
        }
    }

    /// The names das2 answers use most, made once: making a name checks and lowercases it.
    private static let commonFieldNames: [String: HTTPField.Name] = {
        let names = [
            "Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
            "Content-Type", "Content-Disposition", "Cache-Control", "Expires", "Last-Modified", "ETag", "Location",
        ]
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in HTTPField.Name(name).map { (name, $0) } })
    }()
}
