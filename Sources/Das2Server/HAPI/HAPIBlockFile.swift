#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Stream

/// What the HAPI service learns from inside a cache block file, read incrementally from its
/// start and only as far as needed.
enum HAPIBlockFile {
    /// What a block holds.
    struct Summary: Hashable, Sendable {
        /// Whether it holds at least one data packet (availability, hapi.md §8.4).
        var hasData: Bool
        /// The first definition of each packet id seen before the first data packet.
        var headers: [Int: PacketHeader]
    }

    /// Reads a block until its first data packet (or its end). Unreadable or malformed input
    /// counts as no data.
    static func summary(_ path: String) -> Summary {
        var summary = Summary(hasData: false, headers: [:])
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return summary }
        defer { close(descriptor) }
        var reader = Das2StreamReader()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var atEnd = false
        while !atEnd {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                atEnd = true
                reader.finish()
            } else {
                reader.append(Array(chunk[..<count]))
            }
            do {
                while let event = try reader.next() {
                    switch event {
                    case .record:
                        summary.hasData = true
                        return summary
                    case .packetHeader(let header) where summary.headers[header.id] == nil:
                        summary.headers[header.id] = header
                    default:
                        break
                    }
                }
            } catch {
                return summary
            }
        }
        return summary
    }
}
