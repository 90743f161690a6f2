#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Stream

/// `survey BEGIN END [E] [B]`: electric components (packet 01, one second) and magnetic
/// components (packet 02, four seconds) interleaved in time order in one stream. The params
/// select the packet types; none means both.
struct SurveyReader: Das2ExampleReader {
    static let name = "survey"
    static let synopsis = "BEGIN END [E] [B]"
    /// The electric plane names (packet 01), also DSDF `item_NN` ids.
    static let electric = ["Ex", "Ey"]
    /// The magnetic plane names (packet 02), also DSDF `item_NN` ids.
    static let magnetic = ["Bx", "By", "Bz"]
    static let electricCadence = 1_000_000.0
    static let magneticCadence = 4_000_000.0

    let range: TimeRangeArguments
    private let electricGrid: RecordGrid?
    private let magneticGrid: RecordGrid?

    init(arguments: [String]) throws(ReaderArgumentError) {
        guard arguments.count >= 2 else {
            throw ReaderArgumentError("expected at least 2 arguments, got \(arguments.count)")
        }
        range = try TimeRangeArguments(begin: arguments[0], end: arguments[1])
        var wantsElectric = false
        var wantsMagnetic = false
        for token in arguments.dropFirst(2) {
            switch token {
            case "E": wantsElectric = true
            case "B": wantsMagnetic = true
            default: throw ReaderArgumentError("unknown parameter '\(token)', expected E or B")
            }
        }
        if !wantsElectric && !wantsMagnetic {
            wantsElectric = true
            wantsMagnetic = true
        }
        electricGrid = wantsElectric ? try range.grid(step: Self.electricCadence) : nil
        magneticGrid = wantsMagnetic ? try range.grid(step: Self.magneticCadence) : nil
    }

    var recordCount: Int64 { (electricGrid?.count ?? 0) + (magneticGrid?.count ?? 0) }

    var streamHeader: StreamHeader {
        StreamHeader(properties: [
            .string("title", "Survey: electric and magnetic field components"),
            .string("renderer", "symbolLine"),
            .string("xLabel", "Time (UTC)"),
        ])
    }

    var packets: [PacketHeader] {
        var packets: [PacketHeader] = []
        if electricGrid != nil { packets.append(Self.electricPacket) }
        if magneticGrid != nil { packets.append(Self.magneticPacket) }
        return packets
    }

    private static var electricPacket: PacketHeader {
        PacketHeader(
            id: 1,
            planes: [Plane(.x, name: "time", encoding: ExampleEncoding.time, units: .us2000)]
                + electric.map { name in
                    Plane(.y, name: name, encoding: ExampleEncoding.value, units: Units("mV m**-1"),
                          properties: [.string("yLabel", "\(name) (mV/m)")])
                },
            properties: [.seconds("xTagWidth", "1"), .string("yLabel", "E (mV/m)")]
        )
    }

    private static var magneticPacket: PacketHeader {
        PacketHeader(
            id: 2,
            planes: [Plane(.x, name: "time", encoding: ExampleEncoding.time, units: .us2000)]
                + magnetic.map { name in
                    Plane(.y, name: name, encoding: ExampleEncoding.value, units: Units("nT"),
                          properties: [.string("yLabel", "\(name) (nT)")])
                },
            properties: [.seconds("xTagWidth", "4"), .string("yLabel", "B (nT)")]
        )
    }

    func writeRecords(to writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        let packetSize = 4 + max(Self.electricPacket.recordSize, Self.magneticPacket.recordSize)
        var electric = electricGrid.map(RecordGrid.Cursor.init)
        var magnetic = magneticGrid.map(RecordGrid.Cursor.init)
        var electricValues = [Double](repeating: 0, count: 1 + Self.electric.count)
        var magneticValues = [Double](repeating: 0, count: 1 + Self.magnetic.count)
        while true {
            let electricTime = electric?.time
            let magneticTime = magnetic?.time
            ChunkedOutput.makeRoom(for: packetSize, in: &writer, output: output)
            // At equal times the electric record goes first.
            if let electricTime, magneticTime.map({ electricTime <= $0 }) ?? true {
                Self.electricValues(at: electricTime, into: &electricValues)
                try writer.writeRecord(id: 1, values: electricValues)
                electric?.advance()
            } else if let magneticTime {
                Self.magneticValues(at: magneticTime, into: &magneticValues)
                try writer.writeRecord(id: 2, values: magneticValues)
                magnetic?.advance()
            } else {
                return
            }
        }
    }

    /// A field rotating once every ten minutes plus noise.
    private static func electricValues(at time: Double, into values: inout [Double]) {
        let seconds = Int64(time / 1e6)
        let phase = Periodic.phase(seconds, period: 600)
        values[0] = time
        values[1] = 5 * cos(phase) + (2 * ValueHash.unit(seconds, salt: 11) - 1)
        values[2] = 5 * sin(phase) + (2 * ValueHash.unit(seconds, salt: 12) - 1)
    }

    /// A steady field with an hourly oscillation plus noise.
    private static func magneticValues(at time: Double, into values: inout [Double]) {
        let seconds = Int64(time / 1e6)
        let phase = Periodic.phase(seconds, period: 3600)
        values[0] = time
        values[1] = 20 + 5 * sin(phase) + 0.5 * (2 * ValueHash.unit(seconds, salt: 21) - 1)
        values[2] = -10 + 3 * cos(phase) + 0.5 * (2 * ValueHash.unit(seconds, salt: 22) - 1)
        values[3] = 30 + 0.5 * (2 * ValueHash.unit(seconds, salt: 23) - 1)
    }
}
