import Das2Stream
import Foundation

/// The HAPI fixture streams and expected bodies (hapi.md §12.1), kept beside the
/// conformance tests.
enum FixtureFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Das2HAPIConformanceTests/Fixtures").path

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The stream header and every packet type's first definition.
    static func headers(_ name: String) throws -> (stream: StreamHeader, packets: [Int: PacketHeader]) {
        var reader = Das2StreamReader()
        reader.append(try bytes(name))
        reader.finish()
        var stream: StreamHeader?
        var packets: [Int: PacketHeader] = [:]
        while let event = try reader.next() {
            switch event {
            case .streamHeader(let header): stream = header
            case .packetHeader(let header) where packets[header.id] == nil: packets[header.id] = header
            default: break
            }
        }
        return (try require(stream, "no stream header in \(name)"), packets)
    }
}

/// `#require` outside a test function body.
func require<T>(_ value: T?, _ message: String = "missing value") throws -> T {
    guard let value else { throw FixtureError(description: message) }
    return value
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
