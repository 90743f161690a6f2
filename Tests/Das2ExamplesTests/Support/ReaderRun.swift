import Das2Core
import Das2Examples
import Das2Stream

/// One run of a built-in reader: its status, message and output chunks.
struct ReaderRun {
    var status: Int32
    var messages: [String]
    var chunks: [[UInt8]]

    /// Runs `name` with `arguments`, keeping every chunk.
    init(_ name: String, _ arguments: [String]) {
        var chunks: [[UInt8]] = []
        var messages: [String] = []
        status = ExampleReader.run(name: name, arguments: arguments) { chunk in
            chunks.append(copy chunk)
        } message: { line in
            messages.append(line)
        }
        self.chunks = chunks
        self.messages = messages
    }

    /// The whole output.
    var bytes: [UInt8] { chunks.flatMap { $0 } }
}

/// What a das2 stream holds, read with the project's strict reader.
struct Das2StreamContents {
    var header: StreamHeader?
    /// The first definition of each packet id, in order of appearance.
    var packets: [PacketHeader] = []
    /// Every record: packet id and decoded values.
    var records: [(id: Int, values: [Double])] = []
    var exceptions: [Das2Exception] = []
    var warnings: [String] = []

    /// Reads a stream fed in the chunks given; throws on any error, including a stream that
    /// does not end on a packet boundary.
    init(chunks: [[UInt8]]) throws {
        var reader = Das2StreamReader()
        for chunk in chunks {
            reader.append(chunk)
            try drain(&reader)
        }
        reader.finish()
        try drain(&reader)
        guard reader.isAtEnd else { throw Das2StreamError(.truncated, "stream did not end cleanly") }
        warnings += reader.takeWarnings()
    }

    private mutating func drain(_ reader: inout Das2StreamReader) throws {
        while let event = try reader.next() {
            switch event {
            case .streamHeader(let header): self.header = header
            case .packetHeader(let packet):
                if !packets.contains(where: { $0.id == packet.id }) { packets.append(packet) }
            case .record(let record):
                var values: [Double] = []
                try record.decode(into: &values)
                records.append((record.packetID, values))
            case .comment: break
            case .exception(let exception): exceptions.append(exception)
            }
        }
        warnings += reader.takeWarnings()
    }

    /// The plane names of every packet type, in order.
    var planeNames: [String] { packets.flatMap { $0.planes.filter { $0.kind != .x }.map(\.name) } }
}

/// What a QStream holds, read with the project's strict reader.
struct QStreamContents {
    var descriptor: QStreamDescriptor?
    var packets: [QStreamPacketDescriptor] = []
    var records: [[Double]] = []
    var exceptions: [Das2Exception] = []
    var warnings: [String] = []

    init(chunks: [[UInt8]]) throws {
        var reader = QStreamReader()
        for chunk in chunks {
            reader.append(chunk)
            try drain(&reader)
        }
        reader.finish()
        try drain(&reader)
        guard reader.isAtEnd else { throw Das2StreamError(.truncated, "stream did not end cleanly") }
        warnings += reader.takeWarnings()
    }

    private mutating func drain(_ reader: inout QStreamReader) throws {
        while let event = try reader.next() {
            switch event {
            case .streamDescriptor(let descriptor): self.descriptor = descriptor
            case .packetDescriptor(let packet): packets.append(packet)
            case .record(let record):
                var values: [Double] = []
                for dataset in record.descriptor.streamedDatasetIndices {
                    var datasetValues: [Double] = []
                    try record.decode(dataset: dataset, into: &datasetValues)
                    values += datasetValues
                }
                records.append(values)
            case .exception(let exception): exceptions.append(exception)
            case .comment, .enumerationLabel, .skipped: break
            }
        }
        warnings += reader.takeWarnings()
    }
}

/// A time text as us2000, with the das2 parser the readers use.
func us2000(_ text: String) throws -> Double {
    TimeScale.us2000.value(from: try DasTime(parsing: text))
}
