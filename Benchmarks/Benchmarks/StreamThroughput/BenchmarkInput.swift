#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Stream

/// A benchmark input file (written by `Benchmarks/make-inputs.sh`), read once into memory.
struct BenchmarkInput: Sendable {
    /// The input's name in baseline.md, such as `y4_1M`.
    let name: String
    let bytes: [UInt8]
    /// Data records in the stream, counted once when loading.
    let records: Int

    /// Directory holding the inputs: `$DAS2_BENCHMARK_INPUTS`, or `Benchmarks/.inputs` next to
    /// this package.
    static let directory: String = {
        if let override = getenv("DAS2_BENCHMARK_INPUTS") { return String(cString: override) }
        let source = "\(#filePath)"
        var parts = source.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // StreamThroughput/BenchmarkInput.swift under Benchmarks/Benchmarks/
        return parts.joined(separator: "/") + "/.inputs"
    }()

    static func path(of name: String) -> String { "\(directory)/\(name).d2s" }

    /// Whether the input file exists, so that missing inputs skip their benchmarks.
    static func exists(_ name: String) -> Bool { access(path(of: name), R_OK) == 0 }

    /// Reads the whole file and counts its records.
    init(name: String) throws {
        self.name = name
        bytes = try Self.readFile(Self.path(of: name))
        records = try Self.countRecords(bytes)
    }

    private static func readFile(_ path: String) throws(InputError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError("cannot open \(path) (run Benchmarks/make-inputs.sh)") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputError("cannot stat \(path)") }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { failed = true; return }
                count += got
            }
        }
        guard !failed else { throw InputError("cannot read \(path)") }
        return bytes
    }

    private static func countRecords(_ bytes: [UInt8]) throws(Das2StreamError) -> Int {
        var reader = Das2StreamReader()
        var records = 0
        bytes.withUnsafeBytes { reader.append($0) }
        reader.finish()
        while true {
            try reader.nextRecords { _ in records += 1 }
            guard let event = try reader.next() else { return records }
            if case .record = event { records += 1 }
        }
    }
}

/// A benchmark input that cannot be loaded.
struct InputError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
