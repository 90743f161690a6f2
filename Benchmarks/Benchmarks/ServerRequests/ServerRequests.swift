import Benchmark
import Das2Server
import Foundation
import Logging

// The server's own work per catalog request, without HTTP: `Das2Server.respond(to:)` for
// `server=list` and `server=dsdf` on a small site that logs every request to LOG_PATH, as the
// bundled example site does. What the HTTP benchmark (Benchmarks/server.sh) measures on top is
// Hummingbird, SwiftNIO and the kernel.

extension BenchmarkMetric {
    static let requestsPerSecond = BenchmarkMetric.custom("requests/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// A site in a temporary directory: configuration, log directory, resources and three DSDFs.
enum BenchmarkSite {
    static let root = FileManager.default.temporaryDirectory.path + "/das2kit-benchmark-\(getpid())"
    static var configurationPath: String { root + "/das2server.conf" }

    static func make() throws {
        let files = FileManager.default
        for directory in ["log", "static", "datasets/Examples"] {
            try files.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try """
            SITE_NAME = Benchmark site
            DSDF_ROOT = \(root)/datasets
            RESOURCE_PATH = \(root)/static
            LOG_PATH = \(root)/log
            BIN_PATH = /usr/bin

            """.write(toFile: configurationPath, atomically: false, encoding: .utf8)
        try "description = \"Example data sources\"\n"
            .write(toFile: root + "/datasets/Examples/_dirinfo_.dsdf", atomically: false, encoding: .utf8)
        for name in ["Random", "Spectrogram", "Waveform"] {
            try """
                ; An example source
                description = "\(name) values from an instrument that does not exist"
                reader = "das2-server example \(name.lowercased())"
                das2Stream = 1
                techContact = "Benchmark <nobody@example.org>"
                sciContact = "Benchmark <nobody@example.org>"
                exampleRange_00 = "2017-01-01 to 2017-01-02 UTC | one day"
                exampleInterval_00 = "60 s"
                validRange = "2000-01-01 to 2030-01-01 UTC"
                coord_00 = "time | Time | UTC"
                data_00 = "amplitude | Amplitude (with <markup> & 'quotes') | V m**-1"

                """.write(toFile: root + "/datasets/Examples/\(name).dsdf", atomically: false, encoding: .utf8)
        }
    }

    static func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

private func request(_ query: String) -> Das2Request {
    Das2Request(
        queryString: query, scriptName: "", serverName: "127.0.0.1", serverPort: 8080, remoteAddress: "127.0.0.1",
        headers: [("Host", "127.0.0.1:8080"), ("User-Agent", "Autoplot/2024.1 Java/17"), ("Accept", "*/*")]
    )
}

private let requestsPerIteration = 1000

let benchmarks: @Sendable () -> Void = {
    for (name, query) in [
        ("list", "server=list"),
        ("dsdf", "server=dsdf&dataset=Examples/Spectrogram"),
    ] {
        benchmark("Das2Server.respond \(name)", query: query) { server, request in await server.respond(to: request).status }
        // What das2-server's event loops call for these queries.
        benchmark("Das2Server.immediateResponse \(name)", query: query) { server, request in
            server.immediateResponse(to: request)?.status
        }
    }
}

/// Times `requestsPerIteration` answers to `query` on a server of the benchmark site.
private func benchmark<Status: Sendable>(
    _ name: String, query: String, _ answer: @escaping @Sendable (Das2Server, Das2Request) async -> Status
) {
    Benchmark(
        name,
        configuration: .init(
            metrics: [.wallClock, .instructions, .mallocCountTotal, .peakMemoryResident, .requestsPerSecond],
            units: [.requestsPerSecond: .count],
            warmupIterations: 3,
            maxDuration: .seconds(5),
            maxIterations: 200
        )
    ) { (benchmark, server: Das2Server) in
        let request = request(query)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<requestsPerIteration {
            blackHole(await answer(server, request))
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(.requestsPerSecond, Int((Double(requestsPerIteration) / seconds).rounded()))
    } setup: {
        try BenchmarkSite.make()
        return Das2Server(
            configurationPath: BenchmarkSite.configurationPath, environment: ["PATH": "/usr/bin:/bin"],
            logger: Logger(label: "benchmark") { _ in SwiftLogNoOpLogHandler() }, batchesLogWrites: true
        )
    } teardown: {
        BenchmarkSite.remove()
    }
}
