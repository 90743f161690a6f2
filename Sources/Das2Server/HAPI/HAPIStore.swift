#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache
import Synchronization

/// The probe results of one server configuration (hapi.md §7.8): kept in memory, in files
/// below `CACHE_ROOT/hapi/` when a cache root is configured, probed at most once at a time per
/// source part, and refreshed in the background by a long-running server.
///
/// One store exists per configuration file in a process (``shared(configurationPath:)``), so
/// every ``Das2Server`` value on that file shares it; a CGI process starts with an empty one and
/// relies on the files.
final class HAPIStore: Sendable {
    /// What is known about a source part's reader.
    enum Outcome: Sendable {
        case probed(HAPIProbeResult)
        case failed
    }

    /// An outcome and the file state it belongs to.
    struct Entry: Sendable {
        var outcome: Outcome
        var signature: String
        /// POSIX seconds.
        var ranAt: Int64
    }

    /// How long a failed probe is remembered, in seconds.
    static let failureLifetime: Int64 = 300

    /// When the store was created (the server start for `Last-Modified`), POSIX seconds.
    let createdAt: Int64

    private let entries = Mutex<[String: Entry]>([:])
    private let running = Mutex<[String: Task<Entry, Never>]>([:])
    private let probeSlots = AsyncSemaphore()
    private let background = Mutex<(enabled: Bool, started: Bool)>((false, false))

    private let blockSummaries = Mutex<[String: (file: HAPICacheFile, summary: HAPIBlockFile.Summary)]>([:])

    private static let stores = Mutex<[String: HAPIStore]>([:])

    private init() {
        createdAt = Int64(time(nil))
    }

    /// The store of a configuration file.
    static func shared(configurationPath: String) -> HAPIStore {
        stores.withLock { stores in
            if let store = stores[configurationPath] { return store }
            let store = HAPIStore()
            stores[configurationPath] = store
            return store
        }
    }

    /// Lets the store probe every HAPI source in the background once HAPI is first used, and
    /// keep the results fresh (long-running servers only: a CGI process would be gone before
    /// such probes finish).
    func enableBackgroundRefresh() {
        background.withLock { $0.enabled = true }
    }

    /// Starts the background refresh the first time it is called on an enabled store; `pass`
    /// probes whatever is missing or stale and is repeated every `interval` seconds.
    func startBackgroundRefresh(interval: Double, pass: @escaping @Sendable () async -> Void) {
        let start = background.withLock { state -> Bool in
            guard state.enabled, !state.started else { return false }
            state.started = true
            return true
        }
        guard start else { return }
        Task.detached(priority: .utility) {
            while true {
                await pass()
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }

    /// The entry of a part, from memory, the cache file or a new probe.
    /// - Parameters:
    ///   - key: the part key (`NAME` or `NAME:SUB`).
    ///   - signature: the current state of the files the result depends on.
    ///   - now: POSIX seconds.
    ///   - maximumAge: `HAPI_PROBE_MAX_AGE`.
    ///   - cacheRoot: `CACHE_ROOT`, nil when unset.
    ///   - concurrency: `HAPI_PROBE_CONCURRENCY`.
    ///   - probe: runs the probe (called at most once at a time per key); nil to use only what
    ///     is stored.
    /// - Returns: the entry, nil when nothing valid is stored and `probe` is nil.
    func entry(
        key: String, signature: String, now: Int64, maximumAge: Double, cacheRoot: String?, concurrency: Int,
        probe: (@Sendable () async -> Outcome)?
    ) async -> Entry? {
        let isValid = { (entry: Entry) -> Bool in
            guard entry.signature == signature else { return false }
            switch entry.outcome {
            case .probed: return Double(now - entry.ranAt) < maximumAge
            case .failed: return now - entry.ranAt < Self.failureLifetime
            }
        }
        if let entry = entries.withLock({ $0[key] }), isValid(entry) { return entry }
        let file = cacheRoot.map { Self.filePath(key: key, cacheRoot: $0) }
        if let file, let entry = Self.read(file), isValid(entry) {
            entries.withLock { $0[key] = entry }
            return entry
        }
        guard let probe else { return nil }
        let task = running.withLock { running -> Task<Entry, Never> in
            if let task = running[key] { return task }
            let task = Task {
                let entry = await self.probeSlots.run(limit: concurrency) {
                    Entry(outcome: await probe(), signature: signature, ranAt: Int64(time(nil)))
                }
                self.entries.withLock { $0[key] = entry }
                if let file { Self.store(entry, to: file) }
                _ = self.running.withLock { $0.removeValue(forKey: key) }
                return entry
            }
            running[key] = task
            return task
        }
        return await task.value
    }

    /// What a cache block holds, remembered while its size and modification time stay the
    /// same (hapi.md §8.4).
    func blockSummary(_ file: HAPICacheFile) -> HAPIBlockFile.Summary {
        if let known = knownBlockSummary(file) { return known }
        let summary = HAPIBlockFile.summary(file.path)
        blockSummaries.withLock { $0[file.path] = (file, summary) }
        return summary
    }

    /// The remembered summary of a block, without reading it; nil when it was never read or
    /// has changed since.
    func knownBlockSummary(_ file: HAPICacheFile) -> HAPIBlockFile.Summary? {
        guard let known = blockSummaries.withLock({ $0[file.path] }), known.file == file else { return nil }
        return known.summary
    }

    /// `CACHE_ROOT/hapi/<name>.probe`, or `<name>:<sub>.probe` for a sub-source; the name's
    /// components are directories.
    static func filePath(key: String, cacheRoot: String) -> String {
        cacheRoot + "/hapi/" + key + ".probe"
    }

    private static func read(_ path: String) -> Entry? {
        guard let bytes = FileSystem.readFile(path, limit: 16 << 20), let stored = HAPIProbeResult.stored(from: bytes) else {
            return nil
        }
        switch stored {
        case .result(let result, let signature):
            return Entry(outcome: .probed(result), signature: signature, ranAt: result.ranAt)
        case .failure(let signature, let ranAt):
            return Entry(outcome: .failed, signature: signature, ranAt: ranAt)
        }
    }

    /// Writes to a temporary name and renames, so readers never see half a file; failures only
    /// cost the cache.
    private static func store(_ entry: Entry, to path: String) {
        let bytes: [UInt8]
        switch entry.outcome {
        case .probed(let result):
            guard let serialized = try? result.serialized(signature: entry.signature) else { return }
            bytes = serialized
        case .failed:
            bytes = HAPIProbeResult.serializedFailure(signature: entry.signature, ranAt: entry.ranAt)
        }
        guard let slash = path.lastIndex(of: "/"), FileSystem.makeDirectories(String(path[..<slash]), mode: 0o755) == nil else {
            return
        }
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let complete = FileSystem.writeAll(bytes, to: descriptor) == nil
        close(descriptor)
        if !complete || FileSystem.move(temporary, to: path) != nil { FileSystem.remove(temporary) }
    }
}
