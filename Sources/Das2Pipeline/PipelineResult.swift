/// What happened during ``Pipeline/run(logger:output:)``.
package struct PipelineResult: Sendable, Hashable {
    /// The number of bytes the consumer accepted.
    package var bytesDelivered: Int
    /// The first failed stage in pipeline order, or nil when every stage succeeded.
    package var failure: PipelineFailure?
    /// The first ``Pipeline/standardErrorCaptureLimit`` bytes of the stages' standard error and of
    /// the in-process stages' diagnostics, as whole lines in the order they arrived.
    package var standardError: [UInt8]
    /// Whether more standard error arrived than ``standardError`` holds.
    package var standardErrorTruncated: Bool
    /// Whether the run ended early because the consumer threw or the calling task was cancelled.
    package var stoppedByConsumer: Bool

    /// Whether every stage succeeded and the consumer took everything.
    package var succeeded: Bool { failure == nil && !stoppedByConsumer }
}
