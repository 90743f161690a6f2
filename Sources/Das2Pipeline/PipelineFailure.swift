/// Why a pipeline failed: the first failed stage in pipeline order (server-protocol.md §4.8).
package struct PipelineFailure: Sendable, Hashable, CustomStringConvertible {
    /// The limits a run can exceed (DEV-37).
    package enum TimeLimit: Sendable, Hashable {
        /// No byte was delivered to the consumer for the idle timeout.
        case idle
        /// The run lasted longer than its maximum duration.
        case total
    }

    /// What happened to the stage.
    package enum Kind: Sendable, Hashable {
        /// The child exited with a non-zero status (``PipelineFailure/exitValue``).
        case exit
        /// The child died from a signal the runner did not send; the exit value is 128 + signal.
        case signal(Int32)
        /// An in-process stage reported an error.
        case inProcess(message: String)
        /// A time limit fired and the runner stopped every stage; the exit value is 124.
        case timeout(TimeLimit, limit: Duration)
        /// The child could not be started; the exit value is 127.
        case spawn(message: String)
        /// The runner could not read a child's output; the exit value is 74 (`EX_IOERR`).
        case io(message: String)
    }

    /// The position of the failed stage in the pipeline.
    package var stageIndex: Int
    /// The name of the failed stage.
    package var stageName: String
    /// The exit value reported to the client (`Non-zero exit value, <n> from pipeline`).
    package var exitValue: Int32
    /// What happened.
    package var kind: Kind

    /// A one-line account for logs and messages, e.g. `Reader timed out after 300 s`.
    package var description: String {
        switch kind {
        case .exit:
            return "\(stageName) exited with status \(exitValue)"
        case .signal(let signal):
            return "\(stageName) was killed by signal \(signal)"
        case .inProcess(let message):
            return "\(stageName) failed: \(message)"
        case .timeout(_, let limit):
            return "Reader timed out after \(Self.seconds(limit)) s"
        case .spawn(let message):
            return "\(stageName) could not be started: \(message)"
        case .io(let message):
            return "\(stageName) output could not be read: \(message)"
        }
    }

    /// Seconds as the configuration writes them: `300`, or `0.5` for a fraction.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 {
            return String(seconds)
        }
        return String(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
