import Foundation
import Testing

/// Validates HAPI JSON bodies against the HAPI 3.3 schema with Python's `jsonschema`
/// (`Fixtures/validate_hapi.py`), many bodies per run.
///
/// A case collects every JSON body it receives with ``record(_:kind:label:)`` and calls
/// ``check()`` once at its end; each problem becomes an issue. Bodies with code 1413 are not
/// collected: the 3.3 schema does not list that code (hapi.md §2.3).
final class SchemaValidator: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(label: String, kind: String, body: [UInt8])] = []

    /// Adds a body of `kind` (`about`, `capabilities`, `catalog`, `info`, `error`).
    func record(_ body: [UInt8], kind: String, label: String) {
        lock.withLock { items.append((label, kind, body)) }
    }

    /// Adds a response body by its status code: `error` for 4xx/5xx, else `kind`.
    func record(_ response: HAPIResponse, kind: String, label: String) {
        if response.status >= 400 {
            if let code = Self.statusCode(response.body), code == 1413 { return }
            record(response.body, kind: "error", label: label)
        } else {
            record(response.body, kind: kind, label: label)
        }
    }

    /// Adds what a response to `path` (below the mount) holds: a JSON body by its endpoint, the
    /// object of a JSON data body without its `data`, the `#` header of a CSV or binary body.
    func collect(_ response: HAPIResponse, path: String) {
        let endpoint = CaseRun.endpoint(path)
        let contentType = response.header("Content-Type") ?? ""
        if endpoint == "data", response.status == 200 {
            if contentType.hasPrefix("application/json") {
                guard var object = try? JSON.object(response) else { return }
                object.removeValue(forKey: "data")
                if let bytes = try? JSONSerialization.data(withJSONObject: object) {
                    record(Array(bytes), kind: "info", label: path + " (without data)")
                }
            } else if let header = CaseRun.dataHeader(response.body) {
                record(header, kind: "info", label: path + " (header)")
            }
            return
        }
        guard contentType.hasPrefix("application/json"), !response.body.isEmpty else { return }
        record(response, kind: endpoint, label: path)
    }

    /// Validates everything recorded and records an issue per problem.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pending = lock.withLock { () -> [(label: String, kind: String, body: [UInt8])] in
            defer { items = [] }
            return items
        }
        guard !pending.isEmpty else { return }
        var input = Array("[".utf8)
        for (index, item) in pending.enumerated() {
            if index > 0 { input += Array(",\n".utf8) }
            let label = try JSONSerialization.data(withJSONObject: item.label, options: [.fragmentsAllowed])
            let kind = try JSONSerialization.data(withJSONObject: item.kind, options: [.fragmentsAllowed])
            input += Array("{\"label\": ".utf8) + label + Array(", \"kind\": ".utf8) + kind + Array(", \"body\": ".utf8)
            input += item.body.isEmpty ? Array("null".utf8) : item.body
            input += Array("}".utf8)
        }
        input += Array("]".utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", HAPIMaterial.directory + "/validate_hapi.py", HAPIMaterial.directory + "/HAPI-data-access-schema-3.3.json",
        ]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        let writer = stdin.fileHandleForWriting
        let data = Data(input)
        Thread { writer.write(data); try? writer.close() }.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        if process.terminationStatus != 0 {
            Issue.record("schema validation: \(text.isEmpty ? "python3 failed" : text)", sourceLocation: sourceLocation)
        }
    }

    /// The `status.code` of a JSON body.
    static func statusCode(_ body: [UInt8]) -> Int? {
        ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any])
            .flatMap { $0["status"] as? [String: Any] }.flatMap { $0["code"] as? Int }
    }
}

/// JSON access for the cases.
enum JSON {
    /// The parsed body, an object.
    static func object(_ response: HAPIResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "not a JSON object: \(response.text)")
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "not a JSON object")
    }

    /// Parsed JSON of a literal.
    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Whether two parsed JSON values are equal (numbers compared as numbers).
    static func equal(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a as [String: Any], let b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (let a as NSNumber, let b as NSNumber):
            return a == b
        case (let a as String, let b as String):
            return a == b
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }

    /// The HAPI status code of a JSON body.
    static func code(_ response: HAPIResponse) -> Int? {
        SchemaValidator.statusCode(response.body)
    }
}
