import Benchmark
import Das2Stream

/// The loops being measured: an input fed to a reader in chunks, as the tools read stdin.
enum StreamRun {
    /// Input is fed in chunks of this size, the tools' read size.
    static let chunkSize = 256 * 1024

    /// Decodes every record through the in-place path (``Das2StreamReader/nextRecords(_:)``
    /// and `UnsafeDas2Record.decode(into:)`), other events through `next()`.
    /// - Returns: the number of records decoded.
    static func decodeInPlace(_ input: BenchmarkInput) throws(Das2StreamError) -> Int {
        var reader = Das2StreamReader()
        var values = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
        defer { values.deallocate() }
        func reserve(_ count: Int) {
            guard values.count < count else { return }
            values.deallocate()
            values = .allocate(capacity: count)
        }
        var records = 0
        var sum = 0.0
        try feed(input, to: &reader) { (reader) throws(Das2StreamError) in
            while true {
                try reader.nextRecords { (record) throws(Das2StreamError) in
                    reserve(record.valueCount)
                    try record.decode(into: values)
                    sum += values[0]
                    records += 1
                }
                // A record only comes through here when the in-place path declined it.
                guard let event = try reader.next() else { return }
                if case .record(let record) = event {
                    reserve(record.valueCount)
                    try record.decode(into: values)
                    sum += values[0]
                    records += 1
                }
            }
        }
        blackHole(sum)
        return records
    }

    /// Decodes every record through `next()` events only (each record a ``Das2Record``).
    /// - Returns: the number of records decoded.
    static func decodeEvents(_ input: BenchmarkInput) throws(Das2StreamError) -> Int {
        var reader = Das2StreamReader()
        var values: [Double] = []
        var records = 0
        var sum = 0.0
        try feed(input, to: &reader) { (reader) throws(Das2StreamError) in
            while let event = try reader.next() {
                if case .record(let record) = event {
                    try record.decode(into: &values)
                    sum += values[0]
                    records += 1
                }
            }
        }
        blackHole(sum)
        return records
    }

    /// Runs a filter over the input as `StreamPump` does in the tools: drained after every
    /// chunk, output taken at the same threshold and discarded.
    /// - Returns: the number of output bytes.
    static func filter<Filter: Das2Filter>(
        _ filter: inout Filter,
        programName: String,
        input: BenchmarkInput
    ) throws(Das2StreamError) -> Int {
        var reader = Das2StreamReader()
        var writer = Das2StreamWriter(programName: programName, tagStyle: .das2C)
        var outputBytes = 0
        try feed(input, to: &reader) { (reader) throws(Das2StreamError) in
            try filter.drain(&reader, into: &writer, flushThreshold: chunkSize) { writer in
                outputBytes += writer.takeOutput().count
            }
        }
        try filter.finish(into: &writer)
        writer.finish()
        outputBytes += writer.takeOutput().count
        return outputBytes
    }

    /// Appends the input in chunks, calling `consume` after each chunk and once after
    /// `finish()`; checks that the stream ended cleanly.
    private static func feed(
        _ input: BenchmarkInput,
        to reader: inout Das2StreamReader,
        consume: (inout Das2StreamReader) throws(Das2StreamError) -> Void
    ) throws(Das2StreamError) {
        // Array.withUnsafeBytes rethrows untyped errors, so the typed error is carried out.
        var failure: Das2StreamError?
        input.bytes.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
                let end = min(start + chunkSize, all.count)
                reader.append(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                do throws(Das2StreamError) {
                    try consume(&reader)
                } catch {
                    failure = error
                    return
                }
                start = end
            }
        }
        if let failure { throw failure }
        reader.finish()
        try consume(&reader)
        precondition(reader.isAtEnd, "the reader stopped before the end of \(input.name)")
    }
}
