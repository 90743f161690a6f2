import Das2Pipeline
import Das2Stream
import Logging
import Synchronization

/// A reader pipeline for a data request and the conversion of its output (hapi.md §7.5.4),
/// shared by the task that decides the response status and the task that streams the body.
final class HAPIDataStream: Sendable {
    /// The running pipeline; its output comes through `run.handoff`.
    let run: PipelineRun
    /// Records the reduction stage dropped (reduced datasets).
    let binningDrops: HAPIBinningTransformer.Counter
    private let conversion: Mutex<Conversion>
    private let timedOut = Atomic<Bool>(false)

    /// The parser, the sink and the bytes converted but not sent yet.
    private struct Conversion: ~Copyable {
        var reader = Das2StreamReader()
        var sink: HAPIRecordSink
        var output: [UInt8] = []
        var bytesRead = 0
        var digest = SHA256()
    }

    /// Starts the pipeline.
    init(
        pipeline: Pipeline, sink: HAPIRecordSink, binningDrops: HAPIBinningTransformer.Counter, logger: Logger,
        clientDeparture: (any ClientDeparture)?
    ) {
        self.conversion = Mutex(Conversion(sink: sink))
        self.binningDrops = binningDrops
        run = PipelineRun(pipeline: pipeline, logger: logger, clientDeparture: clientDeparture)
    }

    /// Converts a chunk of reader output.
    func consume(_ chunk: [UInt8]) {
        conversion.withLock { state in
            state.bytesRead += chunk.count
            state.reader.append(chunk)
            state.sink.drain(&state.reader, into: &state.output)
        }
    }

    /// The end of the reader's output: converts what is left. A reader that wrote nothing has
    /// no data (das2's "exit 0 with no output").
    func finishInput() {
        conversion.withLock { state in
            guard state.bytesRead > 0 else { return }
            state.sink.finish(&state.reader, into: &state.output)
        }
    }

    /// Records converted so far.
    var records: Int {
        conversion.withLock { $0.sink.encoder.recordCount }
    }

    /// How the stream ended, if it has.
    var ending: HAPIRecordSink.Ending? {
        conversion.withLock { $0.sink.ending }
    }

    /// Records skipped because their layout did not match.
    var dropped: Int {
        conversion.withLock { $0.sink.dropped } + binningDrops.count
    }

    /// Takes the converted bytes between `prefix` and `suffix`, adding all of them to the body
    /// digest.
    func takeOutput(after prefix: [UInt8] = [], appending suffix: [UInt8] = []) -> [UInt8] {
        conversion.withLock { state in
            let bytes = prefix + state.output + suffix
            state.output.removeAll(keepingCapacity: true)
            state.digest.update(bytes)
            return bytes
        }
    }

    /// `sha-256=:…:` of every byte taken (RFC 9530).
    var contentDigest: String {
        conversion.withLock { "sha-256=:" + DigestText.base64($0.digest.finalize()) + ":" }
    }

    /// Stops the reader because no record came in time (§7.5.6).
    func timeOut() {
        timedOut.store(true, ordering: .sequentiallyConsistent)
        run.stop()
    }

    /// Whether ``timeOut()`` stopped the reader.
    var hasTimedOut: Bool {
        timedOut.load(ordering: .sequentiallyConsistent)
    }
}
