#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Stream

/// `spectrogram BEGIN END`: electric spectral densities at 48 log-spaced frequencies from
/// 10 Hz to 100 kHz, one `<yscan>` per second: a power-law background with a narrow emission
/// band that sweeps up and down once an hour, hash noise, and now and then the top eight
/// channels filled (as after an instrument mode change).
struct SpectrogramReader: Das2ExampleReader {
    static let name = "spectrogram"
    static let synopsis = "BEGIN END"
    /// The plane name, also the DSDF `item_00` id.
    static let planeName = "PSD"
    static let cadence = 1_000_000.0
    static let channels = 48
    static let filledChannels = 40..<48
    static let unitsText = "V**2 m**-2 Hz**-1"

    /// The channel centre frequencies in Hz.
    static let frequencies: [Double] = (0..<channels).map { 10 * pow(10, 4 * Double($0) / Double(channels - 1)) }

    let range: TimeRangeArguments
    private let grid: RecordGrid

    init(arguments: [String]) throws(ReaderArgumentError) {
        range = try Self.timeRange(from: arguments)
        grid = try range.grid(step: Self.cadence)
    }

    var recordCount: Int64 { grid.count }

    var streamHeader: StreamHeader {
        StreamHeader(properties: [
            .string("title", "Electric spectral density, sweeping emission band"),
            .string("renderer", "spectrogram"),
            .string("xLabel", "Time (UTC)"),
            .string("yLabel", "Frequency (Hz)"),
            .string("yScaleType", "log"),
            .string("zLabel", "Spectral density (V**2 m**-2 Hz**-1)"),
            .string("zScaleType", "log"),
            .real("zFill", ExampleEncoding.fillText),
            .seconds("xTagWidth", "1"),
        ])
    }

    var packets: [PacketHeader] {
        [PacketHeader(id: 1, planes: [
            Plane(.x, name: "time", encoding: ExampleEncoding.time, units: .us2000),
            Plane(
                yscanNamed: Self.planeName, encoding: ExampleEncoding.value, units: Units(Self.unitsText),
                items: Self.channels, yTags: .list(Self.frequencies), yUnits: .hertz,
                properties: [.string("zSummary", "Electric power spectral density")]
            ),
        ])]
    }

    func writeRecords(to writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        let packetSize = 4 + packets[0].recordSize
        // Per channel: log10 of the frequency, the background and the band's peak density.
        let logFrequencies = Self.frequencies.map { log10($0) }
        let background = logFrequencies.map { 1e-12 * pow(10, -1.5 * ($0 - 1)) }
        let bandPeak = logFrequencies.map { 1e-9 * pow(10, -($0 - 1)) }
        var values = [Double](repeating: 0, count: 1 + Self.channels)
        for index in grid {
            let time = grid.time(index)
            let seconds = Int64(time / 1e6)
            values[0] = time
            let bandCentre = 2.5 + 1.5 * sin(Periodic.phase(seconds, period: 3600))
            let filled = ValueHash.unit(seconds, salt: 99) < 0.02
            for channel in 0..<Self.channels {
                if filled && Self.filledChannels.contains(channel) {
                    values[1 + channel] = ExampleEncoding.fill
                    continue
                }
                // The band is a Gaussian 0.15 decades wide; beyond 8 widths it is below
                // 1e-13 of its peak, far under the background.
                let offset = (logFrequencies[channel] - bandCentre) / 0.15
                let band = abs(offset) < 8 ? bandPeak[channel] * exp(-0.5 * offset * offset) : 0
                let noise = 0.8 + 0.4 * ValueHash.unit(seconds, salt: UInt64(100 + channel))
                values[1 + channel] = (background[channel] + band) * noise
            }
            ChunkedOutput.makeRoom(for: packetSize, in: &writer, output: output)
            try writer.writeRecord(id: 1, values: values)
        }
    }
}
