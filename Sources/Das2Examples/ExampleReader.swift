#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Stream

/// The readers of the bundled example site, built into `das2-server` and run as
/// `das2-server example <reader> ARGS…`.
///
/// Every reader takes the arguments the server appends (server-protocol.md §4.7) and writes a
/// deterministic stream: values are a pure function of the record time and the parameters,
/// records lie on a fixed cadence grid anchored at 2000-01-01 and strictly inside
/// `[BEGIN, END)`, so the same request always gives the same bytes. Output is handed over in
/// chunks of at most 64 KiB as it is produced; memory does not grow with the request length.
///
/// | Reader | Arguments | Stream |
/// |---|---|---|
/// | `random` | `BEGIN END` | das2: `Bx`, `By`, `Bz` in nT, 1 s |
/// | `waveform` | `BEGIN END` | das2: `<yscan>` `Ew` of 1000 samples, 0.1 s, `renderer="waveform"` |
/// | `spectrogram` | `BEGIN END` | das2: `<yscan>` `PSD` of 48 frequencies, 1 s, `zFill` |
/// | `survey` | `BEGIN END [E] [B]` | das2: packet 01 `Ex`, `Ey` (1 s) interleaved with packet 02 `Bx`, `By`, `Bz` (4 s); no params = both |
/// | `ephemeris` | `INTERVAL BEGIN END` | das2: `R`, `Lat`, `LT` every INTERVAL (> 0) seconds |
/// | `qstream` | `BEGIN END` | QStream: `time`, `density`, `temperature`, 10 s |
///
/// Times are parsed with the das2 time parser (`DasTime(parsing:)`).
public enum ExampleReader {
    /// The reader names, in documentation order.
    public static var names: [String] { Kind.allCases.map(\.rawValue) }

    /// Exit status for a bad command line (das2C's usage-error status).
    static let usageStatus: Int32 = 13
    /// Exit status when writing the stream fails.
    static let failureStatus: Int32 = 1

    /// Runs one reader, writing its stream through `output` and a one-line message for
    /// standard error to the process's standard error.
    ///
    /// - Parameters:
    ///   - name: the reader name, one of ``names``.
    ///   - arguments: the arguments after the name.
    ///   - output: receives the stream in order, in chunks of at most 64 KiB.
    /// - Returns: the exit status: 0 on success (also when the range holds no record, which
    ///   the stream reports with a `NoDataInInterval` exception), 13 for an unknown reader or
    ///   bad arguments (the stream then holds only an `IllegalArgument` exception), 1 when the
    ///   stream cannot be written.
    public static func run(name: String, arguments: [String], output: (borrowing [UInt8]) -> Void) -> Int32 {
        run(name: name, arguments: arguments, output: output) { line in
            let bytes = Array((line + "\n").utf8)
            bytes.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }

    /// Runs one reader, handing a failure's one-line message to `message` instead of
    /// standard error.
    ///
    /// - Parameters:
    ///   - name: the reader name, one of ``names``.
    ///   - arguments: the arguments after the name.
    ///   - output: receives the stream in order, in chunks of at most 64 KiB.
    ///   - message: receives one line without line end when the status is not 0.
    /// - Returns: the exit status, as for ``run(name:arguments:output:)``.
    public static func run(
        name: String,
        arguments: [String],
        output: (borrowing [UInt8]) -> Void,
        message: (String) -> Void
    ) -> Int32 {
        guard let kind = Kind(rawValue: name) else {
            message("unknown example reader '\(name)'; the readers are \(names.joined(separator: ", "))")
            return usageStatus
        }
        switch kind {
        case .random: return runDas2(RandomReader.self, arguments: arguments, output: output, message: message)
        case .waveform: return runDas2(WaveformReader.self, arguments: arguments, output: output, message: message)
        case .spectrogram: return runDas2(SpectrogramReader.self, arguments: arguments, output: output, message: message)
        case .survey: return runDas2(SurveyReader.self, arguments: arguments, output: output, message: message)
        case .ephemeris: return runDas2(EphemerisReader.self, arguments: arguments, output: output, message: message)
        case .qstream: return runQStream(arguments: arguments, output: output, message: message)
        }
    }

    /// The readers.
    enum Kind: String, CaseIterable, Sendable {
        case random, waveform, spectrogram, survey, ephemeris, qstream
    }

    private static func runDas2<Reader: Das2ExampleReader>(
        _: Reader.Type,
        arguments: [String],
        output: (borrowing [UInt8]) -> Void,
        message: (String) -> Void
    ) -> Int32 {
        let reader: Reader
        do {
            reader = try Reader(arguments: arguments)
        } catch {
            let text = "\(Reader.name): \(error.message) (usage: \(Reader.name) \(Reader.synopsis))"
            var writer = Das2StreamWriter()
            writer.writeException(Das2Exception(type: Das2Exception.illegalArgument, message: text))
            output(writer.takeOutput())
            message(text)
            return usageStatus
        }
        do {
            try reader.write(output: output)
            return 0
        } catch {
            let text = "\(Reader.name): \(error.message)"
            var writer = Das2StreamWriter()
            writer.writeException(Das2Exception(type: Das2Exception.serverError, message: text))
            output(writer.takeOutput())
            message(text)
            return failureStatus
        }
    }

    private static func runQStream(
        arguments: [String],
        output: (borrowing [UInt8]) -> Void,
        message: (String) -> Void
    ) -> Int32 {
        let name = QStreamExampleReader.name
        let reader: QStreamExampleReader
        do {
            reader = try QStreamExampleReader(arguments: arguments)
        } catch {
            let text = "\(name): \(error.message) (usage: \(name) \(QStreamExampleReader.synopsis))"
            var writer = QStreamWriter()
            writer.writeException(Das2Exception(type: Das2Exception.illegalArgument, message: text))
            output(writer.takeOutput())
            message(text)
            return usageStatus
        }
        do {
            try reader.write(output: output)
            return 0
        } catch {
            let text = "\(name): \(error.message)"
            var writer = QStreamWriter()
            writer.writeException(Das2Exception(type: Das2Exception.serverError, message: text))
            output(writer.takeOutput())
            message(text)
            return failureStatus
        }
    }
}
