#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Stream

/// `waveform BEGIN END`: a continuous 437 Hz sine sampled at 10 kHz, one `<yscan>` of 1000
/// samples per 0.1 s, with the legacy `renderer="waveform"` convention: the yTags are sample
/// offsets in seconds from the record time (stream-das2.md §4.7).
struct WaveformReader: Das2ExampleReader {
    static let name = "waveform"
    static let synopsis = "BEGIN END"
    /// The plane name, also the DSDF `item_00` id.
    static let planeName = "Ew"
    static let cadence = 100_000.0
    static let samples = 1000
    static let sampleInterval = 1e-4
    /// Tone cycles per 10 000 samples (one second): 437 Hz.
    private static let toneCycles: Int64 = 437
    /// The sine at every phase a sample can have: the tone's phase is always a whole number
    /// of 1/10 000 cycles.
    private static let sineTable: [Double] = (0..<10_000).map { sin(2 * Double.pi * Double($0) / 10_000) }

    let range: TimeRangeArguments
    private let grid: RecordGrid

    init(arguments: [String]) throws(ReaderArgumentError) {
        range = try Self.timeRange(from: arguments)
        grid = try range.grid(step: Self.cadence)
    }

    var recordCount: Int64 { grid.count }

    var streamHeader: StreamHeader {
        StreamHeader(properties: [
            .string("title", "Electric field waveform, 437 Hz tone sampled at 10 kHz"),
            .string("renderer", "waveform"),
            .string("xLabel", "Time (UTC)"),
            .string("yLabel", "Offset (s)"),
            .string("zLabel", "E (V/m)"),
            .seconds("xTagWidth", "0.1"),
        ])
    }

    var packets: [PacketHeader] {
        [PacketHeader(id: 1, planes: [
            Plane(.x, name: "time", encoding: ExampleEncoding.time, units: .us2000),
            Plane(
                yscanNamed: Self.planeName, encoding: ExampleEncoding.value, units: Units("V m**-1"),
                items: Self.samples, yTags: .series(interval: Self.sampleInterval, minimum: 0, maximum: nil),
                yUnits: .seconds,
                properties: [.string("zSummary", "Sine of 437 Hz whose amplitude swings between 0.5 and 1.5 mV/m every 10 s")]
            ),
        ])]
    }

    func writeRecords(to writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        let packetSize = 4 + packets[0].recordSize
        let samples = Int64(Self.samples)
        let sine = Self.sineTable
        var values = [Double](repeating: 0, count: 1 + Self.samples)
        for index in grid {
            values[0] = grid.time(index)
            // Swings once every 100 records (10 s).
            let amplitude = 1e-3 * (1 + 0.5 * sin(Periodic.phase(index, period: 100)))
            // The phase of sample n is n × 437 / 10 000 cycles; counted modulo one cycle in
            // integers, so it stays exact however far the record is from the epoch.
            let first = (index % 10_000 + 10_000) % 10_000 * samples * Self.toneCycles % 10_000
            for sample in 0..<samples {
                let cycle = (first + sample * Self.toneCycles) % 10_000
                let noise = 2 * ValueHash.unit(index &* samples &+ sample, salt: 7) - 1
                values[1 + Int(sample)] = amplitude * (sine[Int(cycle)] + 0.05 * noise)
            }
            ChunkedOutput.makeRoom(for: packetSize, in: &writer, output: output)
            try writer.writeRecord(id: 1, values: values)
        }
    }
}
