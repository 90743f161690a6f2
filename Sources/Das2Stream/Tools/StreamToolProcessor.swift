/// Runs a ``StreamTool`` over a stream that arrives in chunks: bytes in, bytes out.
///
/// This is what a tool does between its stdin and stdout, without the I/O, so the same code
/// runs in the executables, in the server (on a reader's output) and in the cache builder.
/// Memory stays bounded by the largest packet and the output of one chunk.
///
/// When ``process(_:)`` or ``finish()`` throws, the output produced before the error is still
/// available from ``takeOutput()``: a filter's partial output is normal and is passed on.
public struct StreamToolProcessor: ~Copyable {
    private enum Stage {
        case ascii(ASCIIConverter)
        case reduce(BinAverager)
        case moved
    }

    private var stage: Stage
    private var reader = Das2StreamReader()
    private var writer: Das2StreamWriter

    init(_ tool: StreamTool) {
        writer = Das2StreamWriter(programName: tool.name.rawValue, tagStyle: .das2C)
        switch tool.action {
        case .ascii(let options):
            stage = .ascii(ASCIIConverter(options: options))
        case .reduce(let configuration):
            // The configuration was validated when the tool was parsed.
            stage = (try? BinAverager(configuration)).map { .reduce($0) } ?? .moved
        }
    }

    /// Feeds the next chunk of input.
    /// - Returns: the output it completes (possibly empty).
    /// - Throws: ``Das2StreamError`` for a malformed stream; the tool's exit status is in it.
    public mutating func process(_ bytes: UnsafeRawBufferPointer) throws(Das2StreamError) -> [UInt8] {
        reader.append(bytes)
        try advance(finishing: false)
        return writer.takeOutput()
    }

    /// Feeds the next chunk of input.
    public mutating func process(_ bytes: [UInt8]) throws(Das2StreamError) -> [UInt8] {
        reader.append(bytes)
        try advance(finishing: false)
        return writer.takeOutput()
    }

    /// Ends the input: checks that the stream is complete and writes what the tool holds back
    /// (the last bins of a reducer).
    /// - Returns: the rest of the output.
    public mutating func finish() throws(Das2StreamError) -> [UInt8] {
        reader.finish()
        try advance(finishing: true)
        writer.finish()
        return writer.takeOutput()
    }

    /// Output written but not yet returned (after an error).
    public mutating func takeOutput() -> [UInt8] {
        writer.takeOutput()
    }

    /// Warnings about tolerated oddities of the input, for a log or stderr.
    public mutating func takeWarnings() -> [String] {
        reader.takeWarnings()
    }

    /// Runs the filter over what the reader holds. The stage is moved out while it runs so
    /// that its storage stays uniquely referenced (no copy-on-write of the bins).
    private mutating func advance(finishing: Bool) throws(Das2StreamError) {
        let current = stage
        stage = .moved
        var failure: Das2StreamError?
        switch consume current {
        case .ascii(var converter):
            do throws(Das2StreamError) {
                try Self.step(&converter, &reader, &writer, finishing: finishing)
            } catch { failure = error }
            stage = .ascii(converter)
        case .reduce(var reducer):
            do throws(Das2StreamError) {
                try Self.step(&reducer, &reader, &writer, finishing: finishing)
            } catch { failure = error }
            stage = .reduce(reducer)
        case .moved:
            failure = Das2StreamError(.reduction, "The stream tool cannot be used after an internal failure")
        }
        if let failure { throw failure }
    }

    private static func step<Filter: Das2Filter>(
        _ filter: inout Filter,
        _ reader: inout Das2StreamReader,
        _ writer: inout Das2StreamWriter,
        finishing: Bool
    ) throws(Das2StreamError) {
        try filter.drain(&reader, into: &writer)
        if finishing { try filter.finish(into: &writer) }
    }
}
