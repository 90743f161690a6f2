#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The trusted client addresses of config `TEST_FROM` (auth.md §3.4, DA-4).
///
/// Entries are single IPv4 or IPv6 addresses (`127.0.0.1`, `::1`) and CIDR ranges
/// (`10.0.0.0/8`, `fd00::/8`); host names are not allowed. Addresses are compared as numbers,
/// not as text, so `::0:1` matches `::1`. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`)
/// is the same as its IPv4 form, on either side. Host bits set in a range (`10.1.2.3/8`) are
/// ignored.
public struct AddressMatcher: Hashable, Sendable {
    /// An address or range as 128 bits, IPv4 mapped into `::ffff:0:0/96`.
    struct Network: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
        var prefixLength: Int

        func contains(_ address: (high: UInt64, low: UInt64)) -> Bool {
            let highMask: UInt64 = prefixLength >= 64 ? .max : (prefixLength == 0 ? 0 : .max << (64 - prefixLength))
            let lowMask: UInt64 = prefixLength <= 64 ? 0 : (prefixLength == 128 ? .max : .max << (128 - prefixLength))
            return (address.high ^ high) & highMask == 0 && (address.low ^ low) & lowMask == 0
        }
    }

    private let networks: [Network]
    /// The entries that are neither an address nor a CIDR range, in order; they match nothing.
    public let rejectedEntries: [String]

    /// Parses `TEST_FROM` entries.
    /// - Parameter entries: The space-separated words of `TEST_FROM`
    ///   (``ServerConfiguration/testFrom``).
    public init(_ entries: [String]) {
        var networks: [Network] = []
        var rejected: [String] = []
        for entry in entries {
            if let network = AddressMatcher.network(parsing: entry) {
                networks.append(network)
            } else {
                rejected.append(entry)
            }
        }
        self.networks = networks
        rejectedEntries = rejected
    }

    /// Whether no entry was accepted, so that nothing matches.
    public var isEmpty: Bool { networks.isEmpty }

    /// Whether a client address matches one of the entries.
    /// - Parameter address: The client address (CGI `REMOTE_ADDR`), IPv4 or IPv6; an IPv6
    ///   zone (`%eth0`) and surrounding brackets are ignored.
    /// - Returns: `true` when the address lies in an accepted entry; `false` for text that is
    ///   not an address.
    public func matches(_ address: some StringProtocol) -> Bool {
        var text = Substring(address)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        guard let bits = AddressMatcher.address(parsing: text) else { return false }
        return networks.contains { $0.contains(bits) }
    }

    /// An entry: an address with an optional `/prefix`.
    static func network(parsing entry: String) -> Network? {
        let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bits = address(parsing: parts[0]) else { return nil }
        let isIPv4Text = !parts[0].contains(":")
        var prefixLength = 128
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let length = Int(digits)
            else { return nil }
            if isIPv4Text {
                // IPv4 lives in ::ffff:0:0/96, so its prefix counts from bit 96.
                guard length <= 32 else { return nil }
                prefixLength = 96 + length
            } else {
                guard length <= 128 else { return nil }
                prefixLength = length
            }
        }
        return Network(high: bits.high, low: bits.low, prefixLength: prefixLength)
    }

    /// The 128 bits of an IPv4 or IPv6 address, IPv4 mapped into `::ffff:0:0/96`.
    static func address(parsing text: some StringProtocol) -> (high: UInt64, low: UInt64)? {
        guard !text.isEmpty, text.utf8.count <= 64, !text.utf8.contains(0) else { return nil }
        let string = String(text)
        if !string.contains(":") {
            var ipv4 = in_addr()
            guard inet_pton(AF_INET, string, &ipv4) == 1 else { return nil }
            let value = UInt32(bigEndian: ipv4.s_addr)
            return (0, 0xFFFF_0000_0000 | UInt64(value))
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, string, &ipv6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &ipv6) { Array($0) }
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (high, low)
    }
}
