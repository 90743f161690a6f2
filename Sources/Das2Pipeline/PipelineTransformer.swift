/// A byte transformer that runs as an in-process pipeline stage.
///
/// The server's built-in das2 tools (`das2_bin_avgsec`, `das2_ascii`, …) conform to this protocol
/// so that they can take the place of a child process. The runner creates one instance per run
/// through the stage's factory and uses it from one task at a time: ``process(_:)`` for every chunk
/// of the previous stage's output, then ``finish()`` once at the end of the input. After each call
/// the runner logs whatever ``takeDiagnostics()`` returns.
package protocol PipelineTransformer: AnyObject {
    /// Transforms the next chunk of input.
    ///
    /// - Parameter bytes: The next input bytes, never empty.
    /// - Returns: The output that is ready so far; empty when the transformer needs more input.
    /// - Throws: ``PipelineStageFailure`` when the input is unusable; the pipeline then fails with
    ///   the failure's exit status and every other stage is stopped.
    func process(_ bytes: [UInt8]) throws(PipelineStageFailure) -> [UInt8]

    /// Ends the input and returns the remaining output.
    ///
    /// - Returns: Everything the transformer still holds.
    /// - Throws: ``PipelineStageFailure`` when the input ended in an unusable state.
    func finish() throws(PipelineStageFailure) -> [UInt8]

    /// Returns and forgets the warning lines produced since the last call.
    ///
    /// - Returns: Lines without their line terminators, in the order they were produced.
    func takeDiagnostics() -> [String]
}

/// The error an in-process stage reports, carrying the exit status the equivalent tool would have.
package struct PipelineStageFailure: Error, Sendable, Hashable {
    /// What went wrong, for the log and the client's error message.
    package var message: String
    /// The exit status the stand-alone tool would have exited with (`tools.md` §8).
    package var exitStatus: Int32

    /// Creates a failure.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - exitStatus: The exit status of the equivalent tool.
    package init(message: String, exitStatus: Int32) {
        self.message = message
        self.exitStatus = exitStatus
    }
}
