import Das2Server
import Foundation
import Logging

/// Runs an old `HAPI_INFO_CACHE` task (hapi.md §7.8): probes the dataset's metadata and writes
/// the cache file below `CACHE_ROOT/hapi`, where the server's `/hapi/info` and `/hapi/catalog`
/// then find it.
///
/// The probe runs through the server library's own `/hapi/info` answer, so the arbiter
/// probes, maps and stores exactly as a server would, including the HAPI checks of the id
/// and the source's read access.
struct HAPIInfoTask: Sendable {
    let server: Das2Server

    /// - Parameters:
    ///   - configurationPath: The `das2server.conf` the arbiter runs with.
    ///   - environment: The environment of the probe's reader.
    ///   - logger: Where the server library logs.
    init(configurationPath: String, environment: [String: String], logger: Logger) {
        server = Das2Server(configurationPath: configurationPath, environment: environment, logger: logger)
    }

    /// Probes one dataset.
    /// - Parameter dataset: Field 7 of the task: a HAPI id (`NAME`, `NAME:SUB` or `NAME,SUB`).
    /// - Returns: The status text and return code of the finished task: 0 once the metadata is
    ///   cached, 13 with the server's reason otherwise.
    func run(dataset: String) async -> (status: String, returnCode: Int32) {
        let request = Das2Request(
            queryString: "dataset=" + Self.percentEncoded(dataset), pathInfo: "/hapi/info", scriptName: "",
            serverName: "localhost", remoteAddress: "127.0.0.1"
        )
        let response = await server.respond(to: request)
        let body = await Self.collect(response.body)
        guard response.status == 200 else {
            return ("HAPI info of \(dataset) not cached: \(Self.reason(status: response.status, body: body))", 13)
        }
        return ("HAPI info of \(dataset) cached", 0)
    }

    /// The HAPI status message of an error body, else its first line.
    private static func reason(status: Int, body: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let status = object["status"] as? [String: Any], let message = status["message"] as? String
        {
            return message
        }
        let line = String(decoding: body, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "HTTP status \(status)" : line
    }

    private static func collect(_ body: Das2Response.Body) async -> [UInt8] {
        switch body {
        case .empty:
            return []
        case .bytes(let bytes):
            return bytes
        case .stream(let produce):
            var collector: any Das2ResponseBodyWriter = Collector()
            try? await produce(&collector)
            return (collector as? Collector)?.bytes ?? []
        }
    }

    /// Query-component encoding: everything but unreserved characters as `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
            }
        }
        return result
    }

    private struct Collector: Das2ResponseBodyWriter {
        var bytes: [UInt8] = []
        mutating func write(_ bytes: [UInt8]) async throws { self.bytes += bytes }
    }
}
