package import Das2Pipeline

extension CacheReader {
    /// The program name that makes a cache reader command built in.
    package static let programName = "das2_cache_rdr"

    /// Recognises a cache reader command and makes it an in-process source stage
    /// (server-protocol.md §4.7: `das2_cache_rdr` runs in-process, with its own arguments).
    ///
    /// The command is built in when the base name of its first word is `das2_cache_rdr`; its
    /// other words are options of the tool (`-p PAD`). The request is checked when the stage
    /// first runs, so a request error fails the pipeline with the tool's message and status.
    /// - Parameters:
    ///   - commandText: The configured cache reader (`D2S_CACHE_RDR`, DSDF `cacheReader`).
    ///   - arguments: The appended arguments: DSDF file, cache directory, normalized parameters,
    ///     begin, end, resolution.
    ///   - name: The stage name; defaults to `das2_cache_rdr`.
    /// - Returns: The stage, or nil when the command is not the built-in cache reader.
    /// - Throws: ``CacheReaderError`` when it is, but its command line is not valid.
    package static func pipelineStage(
        commandText: String, arguments: [String], name: String? = nil
    ) throws(CacheReaderError) -> PipelineStage? {
        let words = commandText.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard let program = words.first, program.split(separator: "/").last.map(String.init) == programName else {
            return nil
        }
        let request = try CacheReadRequest(arguments: Array(words.dropFirst()) + arguments)
        return .source(commandText, arguments: arguments, name: name) { CacheReaderSource(request) }
    }
}

/// A ``CacheReader`` as the first stage of a pipeline.
final class CacheReaderSource: PipelineSource {
    private let request: CacheReadRequest
    private var reader: CacheReader?

    init(_ request: CacheReadRequest) {
        self.request = request
    }

    func next() throws(PipelineStageFailure) -> [UInt8]? {
        do {
            if reader == nil { reader = try CacheReader(request) }
            return try reader?.next()
        } catch {
            throw PipelineStageFailure(message: error.message, exitStatus: error.exitStatus)
        }
    }

    func takeDiagnostics() -> [String] {
        reader?.takeDiagnostics() ?? []
    }
}
