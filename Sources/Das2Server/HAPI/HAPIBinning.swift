import Das2Stream

/// The reduced-resolution datasets' reduction (hapi.md §8.1): the records of one packet type
/// whose layout matches the dataset's and whose time lies in the source range are averaged by
/// the built-in `das2_bin_avgsec -r` on a grid anchored at 2000-01-01.
enum HAPIBinning {
    /// The stream and packet headers the reduction makes of a packet type, used as the reduced
    /// dataset's definition.
    static func reducedHeaders(stream: StreamHeader, packet: PacketHeader, seconds: Double) -> (StreamHeader, PacketHeader)? {
        var header = stream
        header.compression = .none
        guard var averager = try? BinAverager.timeAverage(binSeconds: seconds, begin: 0, minMax: true) else { return nil }
        var writer = Das2StreamWriter()
        do {
            try averager.process(.streamHeader(header), into: &writer)
            try averager.process(.packetHeader(packet), into: &writer)
            try averager.finish(into: &writer)
        } catch {
            return nil
        }
        var reader = Das2StreamReader()
        reader.append(writer.takeOutput())
        reader.finish()
        var reducedStream: StreamHeader?
        var reducedPacket: PacketHeader?
        while let event = try? reader.next() {
            switch event {
            case .streamHeader(let value): reducedStream = value
            case .packetHeader(let value): reducedPacket = value
            default: break
            }
        }
        guard let reducedStream, let reducedPacket else { return nil }
        return (reducedStream, reducedPacket)
    }

    /// The grid cell holding a time: `[floor(t / R) · R, …)` in microseconds since 2000.
    static func binStart(_ microseconds: Int64, binMicroseconds: Int64) -> Int64 {
        microseconds.floorDivided(by: binMicroseconds) * binMicroseconds
    }
}
