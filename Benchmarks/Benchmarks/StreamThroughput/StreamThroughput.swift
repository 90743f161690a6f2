import Benchmark
import Das2Stream

// In-process throughput of the das2.2 reader, das2_ascii's converter and the bin averagers
// over the inputs of /work/shared/baseline.md. Each iteration is one pass over a file held in
// memory, fed in 256 KiB chunks; writer output is taken and discarded. MB/s is of input
// (10^6 bytes), as in baseline.md.

extension BenchmarkMetric {
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s (input)", polarity: .prefersLarger, useScalingFactor: false)
    static let recordsPerSecond = BenchmarkMetric.custom("records/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Registers one benchmark over an input; `body` runs one pass and returns the records it saw.
private func register(
    _ name: String,
    input inputName: String,
    body: @escaping (BenchmarkInput) throws -> Int
) {
    let skip = !BenchmarkInput.exists(inputName)
    if skip {
        print("Skipping \(name) \(inputName): \(BenchmarkInput.path(of: inputName)) is missing (run Benchmarks/make-inputs.sh)")
    }
    Benchmark(
        "\(name) \(inputName)",
        configuration: .init(
            metrics: [
                .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .peakMemoryResidentDelta,
                .megabytesPerSecond, .recordsPerSecond,
            ],
            units: [.megabytesPerSecond: .count, .recordsPerSecond: .count],
            warmupIterations: 1,
            maxDuration: .seconds(8),
            maxIterations: 20,
            skip: skip
        )
    ) { (benchmark, input: BenchmarkInput) in
        let clock = ContinuousClock()
        let start = clock.now
        let records = try body(input)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(.megabytesPerSecond, Int((Double(input.bytes.count) / 1e6 / seconds).rounded()))
        benchmark.measurement(.recordsPerSecond, Int((Double(records) / seconds).rounded()))
    } setup: {
        try BenchmarkInput(name: inputName)
    }
}

/// Runs a reducer pass and returns the input's record count (the reducer consumed them all).
private func reduce(_ make: () throws(Das2StreamError) -> BinAverager, _ input: BenchmarkInput) throws -> Int {
    var reducer = try make()
    blackHole(try StreamRun.filter(&reducer, programName: reducer.configuration.programName, input: input))
    return input.records
}

let benchmarks: @Sendable () -> Void = {
    for input in ["y4_1M", "yscan1024_100k", "y4_1M_ascii"] {
        register("Reader.nextRecords+decode", input: input) { try StreamRun.decodeInPlace($0) }
        register("Reader.next+decode", input: input) { try StreamRun.decodeEvents($0) }
    }
    for input in ["y4_1M", "yscan1024_100k"] {
        register("das2_ascii", input: input) { input in
            var converter = ASCIIConverter()
            blackHole(try StreamRun.filter(&converter, programName: "das2_ascii", input: input))
            return input.records
        }
        register("bin_avgsec 60", input: input) { try reduce({ () throws(Das2StreamError) in try .timeAverage(binSeconds: 60) }, $0) }
        register("bin_peakavgsec 60", input: input) { try reduce({ () throws(Das2StreamError) in try .peakAverage(binSeconds: 60) }, $0) }
        register("bin_avg 60000000", input: input) { try reduce({ () throws(Das2StreamError) in try .xAverage(width: 60_000_000) }, $0) }
    }
}
