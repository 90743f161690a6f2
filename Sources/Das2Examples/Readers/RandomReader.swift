import Das2Core
import Das2Stream

/// `random BEGIN END`: three field components of pseudo-random values in [-10, +10) nT at
/// one-second cadence, each a hash of the record time.
struct RandomReader: Das2ExampleReader {
    static let name = "random"
    static let synopsis = "BEGIN END"
    /// The plane names, also the DSDF `item_NN` ids.
    static let components = ["Bx", "By", "Bz"]
    static let cadence = 1_000_000.0

    let range: TimeRangeArguments
    private let grid: RecordGrid

    init(arguments: [String]) throws(ReaderArgumentError) {
        range = try Self.timeRange(from: arguments)
        grid = try range.grid(step: Self.cadence)
    }

    var recordCount: Int64 { grid.count }

    var streamHeader: StreamHeader {
        StreamHeader(properties: [
            .string("title", "Random values between -10 and +10 nT"),
            .string("renderer", "symbolLine"),
            .string("xLabel", "Time (UTC)"),
            .string("yLabel", "B (nT)"),
            .seconds("xTagWidth", "1"),
        ])
    }

    var packets: [PacketHeader] {
        var planes = [Plane(.x, name: "time", encoding: ExampleEncoding.time, units: .us2000)]
        for component in Self.components {
            planes.append(Plane(
                .y, name: component, encoding: ExampleEncoding.value, units: Units("nT"),
                properties: [.string("yLabel", "\(component) (nT)"), .string("ySummary", "Random \(component) component")]
            ))
        }
        return [PacketHeader(id: 1, planes: planes)]
    }

    func writeRecords(to writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        let packetSize = 4 + packets[0].recordSize
        var values = [Double](repeating: 0, count: 1 + Self.components.count)
        for index in grid {
            let time = grid.time(index)
            values[0] = time
            for channel in 1...Self.components.count {
                values[channel] = -10 + 20 * ValueHash.unit(Int64(time), salt: UInt64(channel))
            }
            ChunkedOutput.makeRoom(for: packetSize, in: &writer, output: output)
            try writer.writeRecord(id: 1, values: values)
        }
    }
}
