import Synchronization

/// The state one run of a pipeline shares between its tasks: why it ends, how each stage ended,
/// the running process groups, consumer activity for the idle limit, and captured standard error.
final class PipelineRunState: Sendable {
    /// Why a run ends; the first reason set wins.
    enum Ending: Sendable, Hashable {
        /// Every stage ended on its own.
        case completed
        /// The consumer threw.
        case consumerStopped
        /// The task running the pipeline was cancelled.
        case cancelled
        /// A stage could not start, could not be read, or an in-process stage failed.
        case stageFailed
        /// A time limit fired while the given stage was the first one still running.
        case timeLimit(PipelineFailure.TimeLimit, Duration, stageIndex: Int)

        /// Whether the run ends because nobody takes its output any more.
        var isConsumerStop: Bool { self == .consumerStopped || self == .cancelled }
    }

    /// How one stage ended.
    enum Outcome: Sendable {
        /// A command stage's process (`/bin/sh` or the program run directly) exited with this status.
        case exited(Int32)
        /// A command stage's process died of this signal.
        case signaled(Int32)
        /// An in-process stage finished its input.
        case transformed
        /// The stage failed in a way the runner detected itself.
        case failed(PipelineFailure.Kind, exitValue: Int32)
    }

    private struct Record {
        var outcome: Outcome
        /// Whether a failed outcome fails the run: outcomes after a stop are consequences of the
        /// stop, not failures of their own.
        var counts: Bool
    }

    private struct State {
        var records: [Record?]
        var processGroups: [ProcessGroup?]
        var lastDelivery: ContinuousClock.Instant
        var deliveriesInProgress = 0
        var bytesDelivered = 0
        var standardError: [UInt8] = []
        var standardErrorTruncated = false
    }

    /// Set once when the run starts ending, or with ``Ending/completed`` after the last stage.
    let ending = OneShot<Ending>()
    private let stageNames: [String]
    private let start: ContinuousClock.Instant
    private let idleTimeout: Duration?
    private let maximumDuration: Duration?
    private let state: Mutex<State>

    /// Creates the state of a run that starts now.
    ///
    /// - Parameter pipeline: The pipeline being run.
    init(pipeline: Pipeline) {
        let now = ContinuousClock.now
        stageNames = pipeline.stages.map(\.name)
        start = now
        idleTimeout = pipeline.idleTimeout
        maximumDuration = pipeline.maximumDuration
        state = Mutex(
            State(
                records: Array(repeating: nil, count: pipeline.stages.count),
                processGroups: Array(repeating: nil, count: pipeline.stages.count),
                lastDelivery: now
            )
        )
    }

    /// Whether the run is being stopped early.
    var isStopping: Bool {
        guard let ending = ending.current else { return false }
        return ending != .completed
    }

    /// Ends the run early unless it is already ending, sending `SIGTERM` to every registered
    /// process group at once from the calling task.
    ///
    /// - Parameter reason: Why; not ``Ending/completed``.
    /// - Returns: Whether this call decided the reason.
    @discardableResult
    func stop(_ reason: Ending) -> Bool {
        precondition(reason != .completed, "a stop needs a reason")
        guard ending.fulfil(reason) else { return false }
        terminateProcessGroups()
        return true
    }

    /// Marks the end of a run whose units have all ended, unless it was stopped earlier.
    func complete() {
        ending.fulfil(.completed)
    }

    /// Records how a stage ended.
    ///
    /// - Parameters:
    ///   - outcome: How it ended.
    ///   - index: The stage.
    func record(_ outcome: Outcome, forStage index: Int) {
        let counts: Bool
        if case .failed(.spawn, _) = outcome {
            // Stages start concurrently, so one that cannot start may follow another one's stop;
            // it failed by itself all the same, unless nobody is listening any more.
            counts = !(ending.current?.isConsumerStop ?? false)
        } else {
            counts = !isStopping
        }
        state.withLock { state in
            state.records[index] = Record(outcome: outcome, counts: counts)
        }
    }

    /// Registers the process group of a command stage that has just started.
    ///
    /// - Parameters:
    ///   - group: The stage's process group.
    ///   - index: The stage.
    /// - Returns: Whether the run was already stopping, so the caller must stop the group itself.
    func processStarted(_ group: ProcessGroup, stage index: Int) -> Bool {
        state.withLock { state in
            state.processGroups[index] = group
            return isStopping
        }
    }

    /// Forgets the process group of a stage whose process has been reaped.
    ///
    /// - Parameter index: The stage.
    func processReaped(stage index: Int) {
        state.withLock { $0.processGroups[index] = nil }
    }

    /// Sends `SIGPIPE` to a stage's process group, as a closed pipe would at its next write.
    ///
    /// - Parameter index: The stage whose reader went away.
    func breakPipe(ofStage index: Int) {
        state.withLock { $0.processGroups[index]?.breakPipe() }
    }

    /// Sends `SIGTERM` to every registered process group.
    private func terminateProcessGroups() {
        state.withLock { state in
            for group in state.processGroups {
                group?.terminate()
            }
        }
    }

    /// Sends `SIGKILL` to every registered process group.
    func killProcessGroups() {
        state.withLock { state in
            for group in state.processGroups {
                group?.forceKill()
            }
        }
    }

    /// The first stage, in pipeline order, that has not ended yet (0 when all have).
    var firstUnfinishedStage: Int {
        state.withLock { $0.records.firstIndex { $0 == nil } ?? 0 }
    }

    // MARK: - Consumer activity and time limits

    /// Notes that a chunk is being handed to the consumer; the idle limit pauses meanwhile.
    func deliveryStarted() {
        state.withLock { $0.deliveriesInProgress += 1 }
    }

    /// Notes that the consumer returned.
    ///
    /// - Parameter byteCount: The bytes it accepted; 0 when it threw.
    func deliveryEnded(byteCount: Int) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.deliveriesInProgress -= 1
            state.bytesDelivered += byteCount
            state.lastDelivery = now
        }
    }

    /// When the time limits must be checked next.
    ///
    /// - Parameter now: The current instant.
    /// - Returns: The instant, or nil when the run has no time limit.
    func nextTimeLimitCheck(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        state.withLock { state in
            var next = maximumDuration.map { start + $0 }
            if let idleTimeout {
                let idleDeadline = state.deliveriesInProgress > 0 ? now + idleTimeout : state.lastDelivery + idleTimeout
                next = min(next ?? idleDeadline, idleDeadline)
            }
            return next
        }
    }

    /// The limit that has been exceeded, if any.
    ///
    /// - Parameter now: The current instant.
    /// - Returns: The limit and its duration.
    func exceededTimeLimit(at now: ContinuousClock.Instant) -> (PipelineFailure.TimeLimit, Duration)? {
        if let maximumDuration, now >= start + maximumDuration {
            return (.total, maximumDuration)
        }
        return state.withLock { state in
            guard let idleTimeout, state.deliveriesInProgress == 0, now >= state.lastDelivery + idleTimeout else {
                return nil
            }
            return (.idle, idleTimeout)
        }
    }

    // MARK: - Standard error

    /// Keeps a line of standard error while the capture has room.
    ///
    /// - Parameter line: The line without its terminator.
    func captureStandardError(_ line: [UInt8]) {
        state.withLock { state in
            let room = Pipeline.standardErrorCaptureLimit - state.standardError.count
            if line.count < room {
                state.standardError += line
                state.standardError.append(0x0A)
            } else {
                state.standardError += line.prefix(room)
                state.standardErrorTruncated = true
            }
        }
    }

    // MARK: - Result

    /// The result of the run; call after every stage has ended.
    var result: PipelineResult {
        let ending = ending.current
        return state.withLock { state in
            var failure: PipelineFailure?
            for (index, record) in state.records.enumerated() {
                if let record, record.counts, let found = self.failure(of: record.outcome, stage: index) {
                    failure = found
                    break
                }
            }
            if case .timeLimit(let limit, let duration, let index) = ending, index < failure?.stageIndex ?? Int.max {
                failure = PipelineFailure(
                    stageIndex: index,
                    stageName: stageNames[index],
                    exitValue: 124,
                    kind: .timeout(limit, limit: duration)
                )
            }
            return PipelineResult(
                bytesDelivered: state.bytesDelivered,
                failure: failure,
                standardError: state.standardError,
                standardErrorTruncated: state.standardErrorTruncated,
                stoppedByConsumer: ending?.isConsumerStop ?? false
            )
        }
    }

    private func failure(of outcome: Outcome, stage index: Int) -> PipelineFailure? {
        // A writer dies of SIGPIPE (or its shell exits 128 + SIGPIPE) when a later stage stopped
        // reading, which the later stage's own outcome accounts for.
        let brokenPipe = ProcessGroup.brokenPipeSignal
        let excusesBrokenPipe = index < stageNames.count - 1
        let kind: PipelineFailure.Kind
        let exitValue: Int32
        switch outcome {
        case .transformed, .exited(0):
            return nil
        case .exited(let status):
            if excusesBrokenPipe && status == 128 + brokenPipe { return nil }
            (kind, exitValue) = (.exit, status)
        case .signaled(let signal):
            if excusesBrokenPipe && signal == brokenPipe { return nil }
            (kind, exitValue) = (.signal(signal), 128 + signal)
        case .failed(let failureKind, let status):
            (kind, exitValue) = (failureKind, status)
        }
        return PipelineFailure(stageIndex: index, stageName: stageNames[index], exitValue: exitValue, kind: kind)
    }
}
