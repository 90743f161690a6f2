#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Stream

/// `qstream BEGIN END`: a QStream of plasma density and temperature every ten seconds, each a
/// rank-1 dataset with `DEPEND_0` on the `time` dataset.
struct QStreamExampleReader {
    static let name = "qstream"
    static let synopsis = "BEGIN END"
    /// The dependent dataset ids, also the DSDF `item_NN` ids; the first is the stream's
    /// `dataset_id`.
    static let datasetIDs = ["density", "temperature"]
    static let cadence = 10_000_000.0

    let range: TimeRangeArguments
    private let grid: RecordGrid

    init(arguments: [String]) throws(ReaderArgumentError) {
        guard arguments.count == 2 else {
            throw ReaderArgumentError("expected 2 arguments, got \(arguments.count)")
        }
        range = try TimeRangeArguments(begin: arguments[0], end: arguments[1])
        grid = try range.grid(step: Self.cadence)
    }

    static var streamDescriptor: QStreamDescriptor {
        QStreamDescriptor(datasetID: datasetIDs[0], byteOrder: .littleEndian)
    }

    static var packetDescriptor: QStreamPacketDescriptor {
        func property(_ name: String, _ type: String, _ value: String) -> QStreamProperty {
            QStreamProperty(name: name, type: type, value: value)
        }
        return QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "time", rank: 1, values: .streamed(.double, dimensions: []), properties: [
                property("NAME", "String", "time"),
                property("UNITS", "units", "us2000"),
                property("LABEL", "String", "Time (UTC)"),
                property("MONOTONIC", "Boolean", "true"),
                property("CADENCE", "rank0dataset", "10.0 units:UNITS=s"),
            ]),
            QDataSetDescriptor(id: datasetIDs[0], rank: 1, values: .streamed(.double, dimensions: []), properties: [
                property("NAME", "String", datasetIDs[0]),
                property("UNITS", "units", "cm**-3"),
                property("DEPEND_0", "qdataset", "time"),
                property("LABEL", "String", "Density (cm!a-3!n)"),
                property("TITLE", "String", "Plasma density"),
            ]),
            QDataSetDescriptor(id: datasetIDs[1], rank: 1, values: .streamed(.double, dimensions: []), properties: [
                property("NAME", "String", datasetIDs[1]),
                property("UNITS", "units", "eV"),
                property("DEPEND_0", "qdataset", "time"),
                property("LABEL", "String", "Temperature (eV)"),
                property("TITLE", "String", "Plasma temperature"),
                property("SCALE_TYPE", "String", "log"),
            ]),
        ])
    }

    /// Writes the whole stream, or a `NoDataInInterval` exception after the stream descriptor
    /// when the range holds no record.
    func write(output: (borrowing [UInt8]) -> Void) throws(Das2StreamError) {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(Self.streamDescriptor)
        if grid.count == 0 {
            writer.writeException(Das2Exception(
                type: Das2Exception.noDataInInterval,
                message: "No data in the range \(range.beginText) to \(range.endText)"
            ))
        } else {
            let descriptor = Self.packetDescriptor
            try writer.writePacketDescriptor(descriptor)
            let packetSize = 4 + descriptor.recordSize
            var values = [Double](repeating: 0, count: 3)
            for index in grid {
                let time = grid.time(index)
                let seconds = Int64(time / 1e6)
                values[0] = time
                values[1] = 5 + 3 * sin(Periodic.phase(seconds, period: 86_400))
                    + 0.3 * (2 * ValueHash.unit(seconds, salt: 31) - 1)
                values[2] = pow(10, 1 + 0.5 * sin(Periodic.phase(seconds, period: 43_200))
                    + 0.05 * (2 * ValueHash.unit(seconds, salt: 32) - 1))
                ChunkedOutput.makeRoom(for: packetSize, in: &writer, output: output)
                try writer.writeRecord(id: 1, values: values)
            }
        }
        ChunkedOutput.finish(&writer, output: output)
    }
}
