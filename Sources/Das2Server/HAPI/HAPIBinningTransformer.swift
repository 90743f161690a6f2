import Das2Core
import Das2Pipeline
import Das2Stream
import Synchronization

/// The in-process stage that reduces a reader's stream for a reduced dataset.
///
/// Records of other packet types are dropped; records of the dataset's packet type whose
/// definition differs from the probe's are dropped and counted (`X-HAPI-Dropped`); records
/// outside `[begin, end)` are discarded before binning, so a bin never depends on the request
/// range (§8.1.3). Exceptions pass through for the converter to judge.
final class HAPIBinningTransformer: PipelineTransformer {
    private var reader = Das2StreamReader()
    private var writer = Das2StreamWriter()
    private var averager: BinAverager
    private let packetID: Int
    private let layout: HAPIPlanes.Layout
    private let begin: Int64
    private let end: Int64
    private let dropped: Counter
    private var matches = false
    private var timePlane = 0
    private var timeUnits = Units.us2000

    /// A thread-safe count the server reads after the run.
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func add(_ count: Int) { value.add(count, ordering: .relaxed) }
        var count: Int { value.load(ordering: .relaxed) }
    }

    /// - Parameters:
    ///   - begin: the source range start `A`, on the grid, microseconds since 2000.
    ///   - end: the source range end `B`, on the grid.
    ///   - averager: `das2_bin_avgsec -r` with bin 0 starting at `begin`.
    init(packetID: Int, layout: HAPIPlanes.Layout, averager: BinAverager, begin: Int64, end: Int64, dropped: Counter) {
        self.averager = averager
        self.packetID = packetID
        self.layout = layout
        self.begin = begin
        self.end = end
        self.dropped = dropped
    }

    func process(_ bytes: [UInt8]) throws(PipelineStageFailure) -> [UInt8] {
        reader.append(bytes)
        return try drain()
    }

    func finish() throws(PipelineStageFailure) -> [UInt8] {
        reader.finish()
        var output = try drain()
        do {
            try averager.finish(into: &writer)
        } catch {
            throw PipelineStageFailure(message: error.message, exitStatus: error.exitStatus)
        }
        writer.finish()
        output += writer.takeOutput()
        return output
    }

    func takeDiagnostics() -> [String] {
        reader.takeWarnings()
    }

    /// Counts a record of another definition when its time lies in the source range (or
    /// cannot be read).
    private func countDrop(_ record: Das2Record) {
        if let plane = HAPIPlanes.timePlaneIndex(record.header), let value = try? record.value(plane: plane),
            let time = HAPIPlanes.microseconds(value, units: record.header.planes[plane].units), time < begin || time >= end
        {
            return
        }
        dropped.add(1)
    }

    private func drain() throws(PipelineStageFailure) -> [UInt8] {
        do {
            while let event = try reader.next() {
                switch event {
                case .streamHeader:
                    try averager.process(event, into: &writer)
                case .packetHeader(let header):
                    guard header.id == packetID else { continue }
                    matches = HAPIPlanes.Layout(header) == layout
                    if matches, let plane = HAPIPlanes.timePlaneIndex(header) {
                        timePlane = plane
                        timeUnits = header.planes[plane].units
                        try averager.process(event, into: &writer)
                    } else {
                        matches = false
                    }
                case .record(let record):
                    guard record.packetID == packetID else { continue }
                    guard matches else {
                        countDrop(record)
                        continue
                    }
                    guard let time = HAPIPlanes.microseconds(try record.value(plane: timePlane), units: timeUnits),
                        time >= begin, time < end
                    else { continue }
                    try averager.process(event, into: &writer)
                case .comment:
                    continue
                case .exception(let exception):
                    writer.writeException(exception)
                }
            }
        } catch {
            throw PipelineStageFailure(message: error.message, exitStatus: error.exitStatus)
        }
        return writer.takeOutput()
    }
}
