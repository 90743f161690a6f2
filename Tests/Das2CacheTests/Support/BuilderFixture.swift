import Das2Cache
import Das2Core
import Das2TestSupport
import Foundation
import InMemoryLogging
import Logging
import Synchronization

/// The conformance fixture of conformance-cases.md §0 reduced to what cache builds need: probe
/// programs that log their arguments, the DSDF tree and an empty cache.
struct BuilderFixture {
    /// The 76 bytes every probe reader writes.
    static let probeStream = Array("[00]000066<stream version=\"2.2\"><properties String:title=\"probe\"/></stream>\n".utf8)

    let directory: TemporaryDirectory
    let logHandler = InMemoryLogHandler()

    var root: String { directory.path }
    var cacheRoot: String { root + "/cache" }
    var probeLog: String { root + "/probe.log" }

    init() throws {
        directory = try TemporaryDirectory()
        try directory.makeDirectory("cache")
        // log NAME ARGS…: appends `NAME ["ARG1","ARG2",…]` to $PROBE_LOG.
        let log = #"log() { n=$1; shift; l="$n ["; s=""; for a in "$@"; do l="$l$s\"$a\""; s=","; done; "#
            + #"echo "$l]" >> "$PROBE_LOG"; }"#
        let stream = #"printf '%s\n' '[00]000066<stream version="2.2"><properties String:title="probe"/></stream>'"#
        let scripts = [
            "probe_rdr": "\(log)\nlog probe_rdr \"$@\"\n\(stream)\n",
            "probe_red": "\(log)\nlog probe_red \"$@\"\ncat\n",
            "fail_rdr": "\(log)\nlog fail_rdr \"$@\"\necho 'reader failed' >&2\nexit 3\n",
            "silent_rdr": "\(log)\nlog silent_rdr \"$@\"\n",
            "slow_rdr": "\(log)\nlog slow_rdr \"$@\"\necho $$ >> \"$PROBE_LOG.pids\"\n\(stream)\nsleep \"${SLOW:-0.3}\"\n",
            "data_rdr": "\(log)\nlog data_rdr \"$@\"\ncat \"$DATA_STREAM\"\n",
        ]
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        for (name, body) in scripts {
            try ExecutableFile.write("#!/bin/sh\n" + body, to: root + "/bin/" + name)
        }
        let sources = [
            "Examples/Spectra": """
                description = 'Voyager 1 PWS spectra (Sample Dataset)'
                reader = 'probe_rdr --spec'
                das2Stream = 1
                validRange = '1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC'
                cacheLevel_00 = '250 ms | hourly'
                cacheLevel_10 = '1 s | daily'
                hapi = 1
                """,
            "Examples/Random": """
                description = 'Produce random values between -10 and +10'
                reader = 'probe_rdr'
                reducer = 'not_reducible'
                das2Stream = 1
                """,
            "Examples/Ephem": """
                description = 'Spacecraft ephemeris'
                reader = 'probe_rdr --ephem'
                das2Stream = 1
                requiresInterval = 1
                reducer = 'not_reducible'
                cacheLevel_00 = 'intrinsic | daily'
                """,
        ]
        for (name, text) in sources {
            try directory.write("datasets/\(name).dsdf", text: text)
        }
    }

    /// Adds a DSDF below `datasets`.
    func source(_ name: String, _ text: String) throws {
        try directory.write("datasets/\(name).dsdf", text: text)
    }

    /// The conformance configuration, plus extra lines.
    func configuration(_ extra: String = "") throws -> ServerConfiguration {
        let text = """
            DSDF_ROOT = "\(root)/datasets"
            CACHE_ROOT = "\(cacheRoot)"
            BIN_PATH = "\(root)/bin"
            D2S_REDUCER = "probe_red"

            """ + extra
        return try ServerConfiguration(parsing: Array(text.utf8), path: root + "/das2server.conf")
    }

    func builder(_ extraConfiguration: String = "", environment: [String: String] = [:]) throws -> CacheBuilder {
        CacheBuilder(
            configuration: try configuration(extraConfiguration),
            environment: ["PATH": "/usr/bin:/bin", "PROBE_LOG": probeLog].merging(environment) { $1 },
            logger: Logger(label: "das2.cache.test") { _ in logHandler }
        )
    }

    /// The lines the probe programs logged.
    var invocations: [String] {
        ((try? String(contentsOfFile: probeLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The process ids the slow reader wrote.
    var slowReaderProcesses: [Int32] {
        ((try? String(contentsOfFile: probeLog + ".pids", encoding: .utf8)) ?? "").split(separator: "\n")
            .compactMap { Int32($0) }
    }

    /// Every file below the cache root, relative to it.
    var cacheFiles: [String] {
        directory.allFiles().filter { $0.hasPrefix("cache/") }.map { String($0.dropFirst(6)) }
    }

    var logMessages: [String] {
        logHandler.entries.map(\.message.description)
    }
}

/// Collects progress reports.
final class ProgressLog: Sendable {
    private let reports = Mutex<[CacheProgress]>([])

    func record(_ progress: CacheProgress) {
        reports.withLock { $0.append(progress) }
    }

    var all: [CacheProgress] { reports.withLock { $0 } }
}

/// A block lock whose answers and calls a test controls.
final class ScriptedBlockLock: CacheBlockLock {
    private let state = Mutex<(refused: Set<String>, calls: [String])>(([], []))
    private let onAcquire: @Sendable (String) -> Void

    init(refusing refused: Set<String> = [], onAcquire: @escaping @Sendable (String) -> Void = { _ in }) {
        state.withLock { $0.refused = refused }
        self.onAcquire = onAcquire
    }

    func acquire(_ relativePath: String) async -> Bool {
        onAcquire(relativePath)
        return state.withLock { state in
            state.calls.append("acquire \(relativePath)")
            return !state.refused.contains(relativePath)
        }
    }

    func release(_ relativePath: String) async {
        state.withLock { $0.calls.append("release \(relativePath)") }
    }

    var calls: [String] { state.withLock { $0.calls } }
}
