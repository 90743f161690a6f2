import Das2Core
import Das2Stream

/// Parses a probe's stream and keeps per packet type the first definition and statistics.
struct HAPIProbeCollector: ~Copyable {
    private var reader = Das2StreamReader()
    private(set) var streamHeader: StreamHeader?
    private var packets: [HAPIProbeResult.Packet] = []
    /// Indices in `packets`, in the order their first records arrived.
    private var arrivalOrder: [Int] = []
    /// The index in `packets` of each id whose first definition has a time `<x>` plane.
    private var slots = [Int?](repeating: nil, count: 100)
    /// Whether the definition in force for an id is its first one.
    private var isFirstDefinition = [Bool](repeating: false, count: 100)
    private var timePlanes = [Int](repeating: 0, count: 100)
    private var seen = [Bool](repeating: false, count: 100)
    /// The parse error or the exception that ended the useful part of the stream.
    private(set) var problem: String?
    /// Whether the stream ended (normally, by an exception or by an error).
    private(set) var isDone = false

    /// The packet types with records, the primary first (§7.2.2).
    var packetsInArrivalOrder: [HAPIProbeResult.Packet] {
        arrivalOrder.map { packets[$0] }
    }

    mutating func consume(_ bytes: [UInt8]) {
        guard !isDone else { return }
        reader.append(bytes)
        drain()
    }

    mutating func finish(complete: Bool) {
        guard !isDone else { return }
        if complete {
            reader.finish()
        }
        drain()
        isDone = true
    }

    private mutating func drain() {
        do {
            while let event = try reader.next() {
                handle(event)
                if isDone { return }
            }
        } catch {
            problem = "malformed stream: \(error.message)"
            isDone = true
        }
    }

    private mutating func handle(_ event: Das2Event) {
        switch event {
        case .streamHeader(let header):
            streamHeader = header
        case .packetHeader(let header):
            let id = header.id
            if !seen[id] {
                seen[id] = true
                isFirstDefinition[id] = true
                if let plane = HAPIPlanes.timePlaneIndex(header) {
                    timePlanes[id] = plane
                    slots[id] = packets.count
                    packets.append(HAPIProbeResult.Packet(header: header, records: 0, firstTime: 0, time1001: nil))
                }
            } else if let slot = slots[id] {
                isFirstDefinition[id] = header == packets[slot].header
            }
        case .record(let record):
            let id = record.packetID
            guard let slot = slots[id], isFirstDefinition[id] else { return }
            let plane = record.header.planes[timePlanes[id]]
            guard let value = try? record.value(plane: timePlanes[id]),
                let time = HAPIPlanes.microseconds(value, units: plane.units)
            else { return }
            packets[slot].records += 1
            if packets[slot].records == 1 {
                packets[slot].firstTime = time
                arrivalOrder.append(slot)
            }
            if packets[slot].records == 1001 { packets[slot].time1001 = time }
        case .comment:
            break
        case .exception(let exception):
            problem = "the reader sent an exception (\(exception.type)): \(exception.message)"
            isDone = true
        }
    }
}
