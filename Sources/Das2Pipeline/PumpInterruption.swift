/// Why feeding data through the server stopped before the end of the input.
enum PumpInterruption: Error {
    /// An in-process stage failed.
    case stageFailed(index: Int, PipelineStageFailure)
    /// The output of the command stage at the index could not be read.
    case sourceUnreadable(index: Int, message: String)
    /// The next command no longer reads its standard input.
    case downstreamGone
    /// The consumer threw.
    case consumerStopped
    /// The run is being stopped.
    case stopping
}
