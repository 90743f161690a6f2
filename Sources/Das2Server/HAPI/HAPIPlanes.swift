import Das2Core
import Das2Stream

/// How das2 planes relate to HAPI: the time plane of a packet type, record times, and the
/// layout comparison of hapi.md §7.4.5.
enum HAPIPlanes {
    /// Microseconds since 2000 of 0000-01-01 and of 10000-01-01: times outside cannot be written
    /// with a four-digit year.
    private static let earliest: Double = -63_113_904_000_000_000
    private static let latest: Double = 252_455_616_000_000_000

    /// The index of the packet's time plane: its first `<x>` with epoch units or a time
    /// encoding (§7.4.2); nil when the packet type cannot be a HAPI dataset.
    static func timePlaneIndex(_ header: PacketHeader) -> Int? {
        header.planes.firstIndex { $0.kind == .x && $0.units.timeScale != nil }
    }

    /// A time value in epoch `units` as whole microseconds since 2000, rounded to nearest
    /// (halves away from zero, §4.3); nil when it is not a time that can be written.
    static func microseconds(_ value: Double, units: Units) -> Int64? {
        guard let scale = units.timeScale else { return nil }
        return microseconds(us2000: scale.us2000(from: value))
    }

    /// A us2000 value as whole microseconds, the nearest of 0000-01-01 and 10000-01-01 when
    /// outside those years or not finite (NaN counts as the later), so that order is kept.
    static func clampedMicroseconds(us2000 value: Double) -> Int64 {
        if let exact = microseconds(us2000: value) { return exact }
        return value < earliest ? Int64(earliest) : Int64(latest)
    }

    /// A us2000 value as whole microseconds, nil outside years 0000–9999.
    static func microseconds(us2000 value: Double) -> Int64? {
        guard value.isFinite else { return nil }
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        guard rounded >= earliest, rounded < latest else { return nil }
        return Int64(rounded)
    }

    /// What must not change between the probe's definition of a packet type and a record's
    /// (§7.4.5): planes, kinds, names, time or number encodings, units, item counts and yTags.
    struct Layout: Hashable, Sendable {
        private struct PlaneLayout: Hashable, Sendable {
            var kind: Plane.Kind
            var name: String
            var isTimeEncoded: Bool
            var units: String
            var items: Int
            var yTags: [Double]?
        }

        private var planes: [PlaneLayout]

        init(_ header: PacketHeader) {
            planes = header.planes.map { plane in
                PlaneLayout(
                    kind: plane.kind, name: plane.name, isTimeEncoded: plane.encoding.kind == .time,
                    units: plane.units.symbol, items: plane.items, yTags: plane.yTags?.values(count: plane.items)
                )
            }
        }
    }
}
