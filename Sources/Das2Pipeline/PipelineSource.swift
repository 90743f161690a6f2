/// A producer of bytes that runs as the first stage of a pipeline, in place of a child process.
///
/// The server's cache reader conforms to this protocol so that it can feed an external
/// converter, or the consumer, without a process of its own. The runner creates one instance per
/// run through the stage's factory and uses it from one task at a time: it calls ``next()`` for a
/// chunk only after the previous one has been accepted downstream, so a slow consumer holds the
/// source back instead of growing memory. After each call it logs whatever ``takeDiagnostics()``
/// returns. The instance is released when the run ends, early or not, so it must give back what
/// it holds (open files) in `deinit`.
package protocol PipelineSource: AnyObject {
    /// Produces the next chunk of output.
    ///
    /// - Returns: The next bytes (may be empty when nothing is ready yet), or nil at the end.
    /// - Throws: ``PipelineStageFailure`` when the source cannot go on; the pipeline then fails
    ///   with the failure's exit status and every other stage is stopped.
    func next() throws(PipelineStageFailure) -> [UInt8]?

    /// Returns and forgets the warning lines produced since the last call.
    ///
    /// - Returns: Lines without their line terminators, in the order they were produced.
    func takeDiagnostics() -> [String]
}

package extension PipelineSource {
    /// No diagnostics.
    func takeDiagnostics() -> [String] { [] }
}
