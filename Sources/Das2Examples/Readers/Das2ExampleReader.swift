import Das2Stream

/// One bundled reader that writes a das2.2 stream.
///
/// A reader describes its headers and record count; ``write(output:)`` writes the
/// stream, or a `NoDataInInterval` exception after the stream header when the range holds no
/// record.
protocol Das2ExampleReader {
    /// The reader's name on the command line (`random`).
    static var name: String { get }
    /// The argument synopsis after the name, for messages (`BEGIN END`).
    static var synopsis: String { get }
    /// Parses the arguments after the reader name.
    init(arguments: [String]) throws(ReaderArgumentError)
    /// The requested range.
    var range: TimeRangeArguments { get }
    /// The `[00]` header.
    var streamHeader: StreamHeader { get }
    /// The packet headers, written before the first record.
    var packets: [PacketHeader] { get }
    /// How many records the request holds.
    var recordCount: Int64 { get }
    /// Writes every record in time order, passing full chunks on as they fill.
    func writeRecords(to writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) throws(Das2StreamError)
}

extension Das2ExampleReader {
    /// Writes the whole stream.
    func write(output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        var writer = Das2StreamWriter(programName: "das2-server example \(Self.name)")
        try writer.writeStreamHeader(streamHeader)
        if recordCount == 0 {
            writer.writeException(Das2Exception(
                type: Das2Exception.noDataInInterval,
                message: "No data in the range \(range.beginText) to \(range.endText)"
            ))
        } else {
            for packet in packets {
                try writer.writePacketHeader(packet)
            }
            try writeRecords(to: &writer, output: output)
        }
        ChunkedOutput.finish(&writer, output: output)
    }

    /// Checks that the arguments are exactly `BEGIN END`.
    static func timeRange(from arguments: [String]) throws(ReaderArgumentError) -> TimeRangeArguments {
        guard arguments.count == 2 else {
            throw ReaderArgumentError("expected 2 arguments, got \(arguments.count)")
        }
        return try TimeRangeArguments(begin: arguments[0], end: arguments[1])
    }
}
