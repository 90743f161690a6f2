import Das2Core
import Das2Pipeline
import Das2Stream
import Logging

/// Runs a source part's reader over its probe range and records what the stream holds
/// (hapi.md §7.3).
enum HAPIProbe {
    /// Reads at most `byteLimit` bytes of the pipeline's output (the pipeline's own maximum
    /// duration is the time bound), then stops it.
    /// - Returns: the result, or why the probe failed (for the log).
    static func run(
        _ pipeline: Pipeline, begin: Int64, end: Int64, byteLimit: Int, ranAt: Int64, logger: Logger
    ) async -> Result<HAPIProbeResult, HAPIProbeFailure> {
        var collector = HAPIProbeCollector()
        var received = 0
        let result = await pipeline.run(logger: logger) { chunk in
            received += chunk.count
            collector.consume(chunk)
            if received >= byteLimit || collector.isDone { throw ProbeStop() }
        }
        collector.finish(complete: result.failure == nil && !result.stoppedByConsumer)
        let packets = collector.packetsInArrivalOrder
        guard let streamHeader = collector.streamHeader, !packets.isEmpty else {
            var reason = collector.problem ?? "the stream holds no data record with a time <x> plane"
            if let failure = result.failure { reason = failure.description + "; " + reason }
            let standardError = String(decoding: result.standardError, as: UTF8.self)
            if !standardError.allSatisfy(\.isWhitespace) { reason += "; stderr: " + standardError }
            return .failure(HAPIProbeFailure(reason: reason))
        }
        return .success(HAPIProbeResult(streamHeader: streamHeader, packets: packets, begin: begin, end: end, ranAt: ranAt))
    }

    /// Thrown by the output closure to stop reading.
    private struct ProbeStop: Error {}
}
