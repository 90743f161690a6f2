import Das2Core
import Das2Stream
import Foundation
import Logging
import Testing

/// A directory under the temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("das2-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file below the directory, creating the directories on the way.
    @discardableResult
    func write(_ relativePath: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    @discardableResult
    func write(_ relativePath: String, text: String) throws -> String {
        try write(relativePath, Array(text.utf8))
    }

    func makeDirectory(_ relativePath: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/" + relativePath, withIntermediateDirectories: true)
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relativePath)
    }

    func contents(_ relativePath: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + relativePath).map(Array.init)
    }

    /// Every file below the directory, relative paths, sorted.
    func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(item)
            }
        }
        return files.sorted()
    }
}

/// Small das2 streams for block files.
enum TestStream {
    /// A stream of one packet id with a text time x plane and one number y plane.
    static func make(
        _ records: [(String, Double)],
        id: Int = 1,
        streamProperties: Das2Properties = [.string("title", "probe")],
        planeName: String = "amp",
        xEncoding: ValueEncoding = .time(24),
        exceptionAfter: Int? = nil,
        comment: Bool = false
    ) throws -> [UInt8] {
        var writer = Das2StreamWriter()
        try writer.writeStreamHeader(StreamHeader(properties: streamProperties))
        try writer.writePacketHeader(header(id: id, planeName: planeName, xEncoding: xEncoding))
        if comment { writer.writeComment(Das2Comment(type: "taskProgress", value: "10", source: "probe")) }
        for (index, (time, value)) in records.enumerated() {
            if index == exceptionAfter {
                writer.writeException(Das2Exception(type: "NoDataInInterval", message: "gap"))
            }
            try writer.writeRecord(id: id, values: [try us2000(time), value])
        }
        writer.finish()
        return writer.takeOutput()
    }

    static func header(id: Int, planeName: String = "amp", xEncoding: ValueEncoding = .time(24)) -> PacketHeader {
        PacketHeader(id: id, planes: [
            Plane(.x, encoding: xEncoding, units: .us2000),
            Plane(.y, name: planeName, encoding: .ascii(10), units: Units("V")),
        ])
    }

    static func us2000(_ text: String) throws -> Double {
        TimeScale.us2000.value(from: try DasTime(parsing: text))
    }
}

/// What a das2 stream holds, for checks.
struct ParsedStream {
    var streamProperties: Das2Properties?
    var packetHeaders: [PacketHeader] = []
    /// Per record: packet id and the values.
    var records: [(id: Int, values: [Double])] = []
    var exceptions: [Das2Exception] = []
    var comments = 0

    init(_ bytes: [UInt8]) throws {
        var reader = Das2StreamReader()
        reader.append(bytes)
        reader.finish()
        while let event = try reader.next() {
            switch event {
            case .streamHeader(let header): streamProperties = header.properties
            case .packetHeader(let header): packetHeaders.append(header)
            case .record(let record):
                var values: [Double] = []
                try record.decode(into: &values)
                records.append((record.packetID, values))
            case .exception(let exception): exceptions.append(exception)
            case .comment: comments += 1
            }
        }
    }

    /// The record times as ISO text with milliseconds.
    var times: [String] {
        records.map { TimeScale.us2000.time(from: $0.values[0]).isoC(fractionDigits: 3) }
    }
}

let quietCacheLogger = Logger(label: "das2.cache.test") { _ in SwiftLogNoOpLogHandler() }
